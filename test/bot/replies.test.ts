import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { RunnerHandle } from '@grammyjs/runner';
import { ConversationStore, fill } from '../../src/answer/index.js';
import { dialogueFor, type Runtime } from '../../src/app/runtime.js';
import { createLogger } from '../../src/config/index.js';
import { createBot, installErrorBoundary, startPolling } from '../../src/bot/index.js';
import { realRuntime } from '../runtime.js';

/* What a new user found in replies, over HTTP against the Bot API emulator with the real bot. */
const TOKEN = '223456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq';
const PORT = 20_000 + Math.floor(Math.random() * 1000);

let server: TelegramServer;
let runner: RunnerHandle;
let rt: Runtime;

async function replies(client: ReturnType<TelegramServer['getClient']>, count: number, timeoutMs = 20_000): Promise<{ text: string }[]> {
  const got: { text: string }[] = [];
  const until = Date.now() + timeoutMs;
  while (got.length < count && Date.now() < until) {
    const res = await client.getUpdates().catch(() => ({ result: [] }));
    for (const u of res.result) got.push(u.message as unknown as { text: string });
    if (got.length < count) await new Promise((r) => setTimeout(r, 100));
  }
  return got;
}

beforeAll(async () => {
  rt = await realRuntime();
  server = new TelegramServer({ port: PORT, host: '127.0.0.1', storeTimeout: 60 });
  await server.start();
  const logger = createLogger('silent', [TOKEN], new Writable({ write: (_c, _e, cb) => cb() }));
  const dialogue = dialogueFor(rt, new ConversationStore({ ttlMs: 60_000 }));
  const bot = createBot({ token: TOKEN, apiRoot: server.config.apiURL, deps: { dialogue, prompts: rt.prompts, logger, rateLimitPerMinute: 30, answerer: rt.answerer } });
  installErrorBoundary(bot, logger, rt.prompts.error);
  await bot.init();
  runner = startPolling(bot);
});

afterAll(async () => {
  await runner?.stop();
  await server?.stop();
});

describe('bot replies a new user checked', () => {
  it('a greeting gets a greeting with what the bot does; thanks gets 不客气; neither the "not found" block', async () => {
    const client = server.getClient(TOKEN, { userId: 3001, chatId: 3001, type: 'private' });
    await client.sendMessage(client.makeMessage('你好'));
    const [hello] = await replies(client, 1);
    expect(hello!.text).toBe(fill(rt.prompts.smallTalkGreeting, { places: rt.corpus.places }));
    await client.sendMessage(client.makeMessage('谢谢'));
    const [thanks] = await replies(client, 1);
    expect(thanks!.text).toBe(rt.prompts.smallTalkThanks);
    for (const r of [hello!, thanks!]) expect(r.text).not.toContain('抱歉');
  });

  it('/docs labels a reprinted document’s date as 转载日期, as its citations do', async () => {
    const client = server.getClient(TOKEN, { userId: 3002, chatId: 3002, type: 'private' });
    await client.sendCommand(client.makeCommand('/docs'));
    const [docs] = await replies(client, 1);
    const reposted = [...rt.index.documents.values()].find((d) => d.dateKind === 'reposted' && d.kind !== 'news')!;
    expect(docs!.text.split('\n').find((l) => l.includes(reposted.title))).toContain(`${reposted.date}（转载日期）`);
  });
});
