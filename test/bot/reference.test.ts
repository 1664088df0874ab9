import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { RunnerHandle } from '@grammyjs/runner';
import { ConversationStore } from '../../src/answer/index.js';
import { dialogueFor } from '../../src/app/runtime.js';
import { createLogger } from '../../src/config/index.js';
import { createBot, installErrorBoundary, startPolling } from '../../src/bot/index.js';
import { realRuntime } from '../runtime.js';

/* A staff member naming articles, 文号 and documents to the real bot over HTTP (Telegram emulated). */
const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawr';
const PORT = 21_000 + Math.floor(Math.random() * 1000);

let server: TelegramServer;
let runner: RunnerHandle;

async function reply(client: ReturnType<TelegramServer['getClient']>, timeoutMs = 20_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const res = await client.getUpdates().catch(() => ({ result: [] }));
    const first = res.result[0] as { message: { text: string } } | undefined;
    if (first) return first.message.text;
    await new Promise((r) => setTimeout(r, 100));
  }
  return '';
}

beforeAll(async () => {
  const rt = await realRuntime();
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

describe('references in a private chat', () => {
  it('quotes the article a 文号 and an Arabic number name, cited with that article', async () => {
    const client = server.getClient(TOKEN, { userId: 3001, chatId: 3001, type: 'private' });
    await client.sendMessage(client.makeMessage('慈政办发〔2018〕85号第30条'));
    const text = await reply(client);
    expect(text).toMatch(/^关于「慈政办发〔2018〕85号第30条」/);
    expect(text).toContain('—— 《慈溪市户口迁移政策实施细则》第三十条 · 慈政办发〔2018〕85号');
  });

  it('answers who issued a named document from its metadata', async () => {
    const client = server.getClient(TOKEN, { userId: 3002, chatId: 3002, type: 'private' });
    await client.sendMessage(client.makeMessage('健康慈溪行动纲要是哪个单位发的'));
    const text = await reply(client);
    expect(text).toContain('《健康慈溪2030行动纲要》');
    expect(text).toContain('发文机关：中共慈溪市委慈溪市人民政府');
    expect(text).toContain('文号：慈党〔2018〕5号');
  });

  it('says a named document has no such article', async () => {
    const client = server.getClient(TOKEN, { userId: 3003, chatId: 3003, type: 'private' });
    await client.sendMessage(client.makeMessage('户口迁移细则第88条'));
    expect(await reply(client)).toContain('《慈溪市户口迁移政策实施细则》没有第八十八条');
  });
});
