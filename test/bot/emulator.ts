import { createServer } from 'node:net';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { ConversationStore } from '../../src/answer/index.js';
import { dialogueFor, type Runtime } from '../../src/app/runtime.js';
import { createLogger } from '../../src/config/index.js';
import { createBot, installErrorBoundary, startPolling } from '../../src/bot/index.js';

/*
 * The real bot, long polling over HTTP against a local Bot API emulator (telegram-test-api):
 * only Telegram is replaced. Shared by the bot's end-to-end tests.
 */

export type Button = { text: string; callback_data?: string };
export type Reply = { text: string; reply_markup?: { inline_keyboard?: Button[][] } };
export type EmulatorClient = ReturnType<TelegramServer['getClient']>;

export interface EmulatedBot {
  server: TelegramServer;
  token: string;
  /** A user of the emulator; private chat unless `type` says otherwise. */
  client(userId: number, type?: 'private' | 'group', chatId?: number): EmulatorClient;
  stop(): Promise<void>;
}

/** A port nobody listens on now: test files run in parallel, so fixed ranges can collide. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startEmulatedBot(rt: Runtime, o: { token?: string; rateLimitPerMinute?: number; logger?: ReturnType<typeof createLogger> } = {}): Promise<EmulatedBot> {
  const token = o.token ?? '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq';
  const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 60 });
  await server.start();
  const logger = o.logger ?? createLogger('silent');
  const dialogue = dialogueFor(rt, new ConversationStore({ ttlMs: 60_000 }));
  const bot = createBot({ token, apiRoot: server.config.apiURL, deps: { dialogue, prompts: rt.prompts, logger, rateLimitPerMinute: o.rateLimitPerMinute ?? 30, answerer: rt.answerer } });
  installErrorBoundary(bot, logger, rt.prompts.error);
  await bot.init();
  const runner = startPolling(bot);
  return {
    server,
    token,
    client: (userId, type = 'private', chatId = userId) => server.getClient(token, { userId, chatId, type }),
    async stop() {
      await runner.stop();
      await server.stop();
    },
  };
}

/** Collect the bot's messages to one client until `count` arrived or time ran out. */
export async function replies(client: EmulatorClient, count: number, timeoutMs = 20_000): Promise<Reply[]> {
  const got: Reply[] = [];
  const until = Date.now() + timeoutMs;
  while (got.length < count && Date.now() < until) {
    // the emulator's client throws when nothing new arrived within its own second
    const res = await client.getUpdates().catch(() => ({ result: [] }));
    for (const u of res.result) got.push(u.message as unknown as Reply);
    if (got.length < count) await new Promise((r) => setTimeout(r, 100));
  }
  return got;
}

export const buttons = (r: Reply | undefined) => (r?.reply_markup?.inline_keyboard ?? []).flat();
