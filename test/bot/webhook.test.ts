import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request, type Server } from 'node:http';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Bot } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { ConversationStore } from '../../src/answer/index.js';
import { dialogueFor, type Runtime } from '../../src/app/runtime.js';
import { createLogger } from '../../src/config/index.js';
import { boundApiCalls, createBot, createWebhookServer, Dispatcher, installErrorBoundary, type BotContext } from '../../src/bot/index.js';
import { FakeBotApi, type Intercept } from '../../src/cli/fake-bot-api.js';
import { realRuntime } from '../runtime.js';

/*
 * Webhook mode over real HTTP: the bot's webhook server on loopback, updates POSTed with
 * fetch the way Telegram posts them, and the bot's own API calls going to a fake Bot API
 * (also real HTTP) that refuses like Telegram does.
 */
const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq';
const SECRET = 'webhook-secret-0123456789';
const PATH = '/tg/hook';
const botInfo = { id: 42, is_bot: true, first_name: '政策问答', username: 'policy_qa_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true } as UserFromGetMe;

let rt: Runtime;
let fake: FakeBotApi;
let intercept: (method: string, payload: Record<string, any>) => Intercept = () => undefined;
let delayMs: (method: string, payload: Record<string, any>) => number = () => 0;
const logLines: string[] = [];
const rejections: unknown[] = [];
const onRejection = (r: unknown) => rejections.push(r);
let nextId = 1;

beforeAll(async () => {
  rt = await realRuntime();
  fake = await new FakeBotApi({ token: TOKEN, intercept: (m, p) => intercept(m, p), delayMs: (m, p) => delayMs(m, p) }).start();
  process.on('unhandledRejection', onRejection);
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await fake?.stop();
});
afterEach(() => {
  intercept = () => undefined;
  delayMs = () => 0;
});

/** A bot (debug-level log captured) behind a webhook server with its own dispatcher. */
async function webhookBot(o: { capacity?: number; concurrency?: number; maxBodyBytes?: number } = {}) {
  const logger = createLogger('debug', [TOKEN, SECRET], new Writable({ write: (c, _e, cb) => (logLines.push(String(c)), cb()) }));
  const bot: Bot<BotContext> = createBot({ token: TOKEN, apiRoot: fake.url, botInfo, deps: { dialogue: dialogueFor(rt, new ConversationStore({ ttlMs: 60_000 })), prompts: rt.prompts, logger, rateLimitPerMinute: 30, answerer: rt.answerer } });
  installErrorBoundary(bot, logger, rt.prompts.error);
  boundApiCalls(bot);
  const dispatcher = new Dispatcher(bot, { capacity: o.capacity, concurrency: o.concurrency, busyText: rt.prompts.busy, logger });
  const server: Server = createWebhookServer({ path: PATH, secret: SECRET, dispatcher, maxBodyBytes: o.maxBodyBytes, logger });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
  const close = async () => {
    await dispatcher.close(10_000);
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  return { bot, dispatcher, server, url, close };
}

const post = (url: string, body: string, secret = SECRET) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body });
const message = (chatId: number, text: string): Update => ({ update_id: nextId++, message: { message_id: nextId, date: 0, chat: { id: chatId, type: 'private', first_name: 'U' }, from: { id: chatId, is_bot: false, first_name: 'U' }, text } }) as Update;
const sentTo = (chatId: number) => (c: { method: string; payload: Record<string, any> }) => c.method === 'sendMessage' && c.payload.chat_id === chatId;

describe('webhook: faults and abuse are contained', () => {
  it('answers 400 to a body that is not an update (malformed, empty, null, array) and goes on answering', async () => {
    const w = await webhookBot();
    for (const body of ['{"update_id": 1, "message": ', '', 'null', '[]', '{"message":{}}', '"text"']) {
      const res = await post(w.url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await post(w.url, JSON.stringify(message(2001, '居住证有什么用')))).status).toBe(200);
    const [reply] = await fake.waitFor(sentTo(2001));
    expect(reply!.payload.text).toContain('居住证');
    await w.close();
    expect(rejections).toEqual([]);
  });

  it('a user who blocked the bot (403) and an inline answer Telegram refuses: logged without token or text, no crash', async () => {
    const w = await webhookBot();
    fake.blocked.add(2002);
    intercept = (method) => (method === 'answerInlineQuery' ? { error_code: 400, description: 'Bad Request: RESULT_ID_DUPLICATE' } : undefined);
    const before = logLines.length;
    expect((await post(w.url, JSON.stringify(message(2002, '我的身份证号是330282199001011234，居住证怎么办')))).status).toBe(200);
    const inline = { update_id: nextId++, inline_query: { id: 'iq1', from: { id: 2003, is_bot: false, first_name: 'I' }, query: '居住证', offset: '' } };
    expect((await post(w.url, JSON.stringify(inline))).status).toBe(200);
    await w.dispatcher.close(10_000);
    const lines = logLines.slice(before).map((l) => JSON.parse(l) as { level: number; msg: string; kind?: string });
    expect(lines.find((l) => l.msg === 'user has blocked the bot')).toMatchObject({ kind: 'blocked' });
    expect(lines.find((l) => l.msg === 'update failed')).toMatchObject({ kind: 'api-refused', err: { method: 'answerInlineQuery', code: 400 } });
    expect(logLines.slice(before).join('')).not.toContain(TOKEN);
    // the question is logged at debug only, by design (LOG_LEVEL=debug is the opt-in); never above
    const aboveDebug = logLines.slice(before).filter((l) => (JSON.parse(l) as { level: number }).level > 20).join('');
    expect(aboveDebug).not.toContain('330282199001011234');
    // one attempt, the answer; no "sorry" sent after it to someone who cannot receive it
    expect(fake.calls.filter(sentTo(2002))).toHaveLength(1);
    fake.blocked.delete(2002);
    expect(rejections).toEqual([]);
    await w.close();
  });

  it('acknowledges at once while the answer is slow (a slow Bot API), and answers afterwards', async () => {
    const w = await webhookBot();
    delayMs = (method) => (method === 'sendMessage' ? 1500 : 0);
    const t0 = performance.now();
    expect((await post(w.url, JSON.stringify(message(2004, '老人投靠子女落户条件')))).status).toBe(200);
    const ackMs = performance.now() - t0;
    const [reply] = await fake.waitFor(sentTo(2004));
    expect(ackMs).toBeLessThan(500);
    expect(reply!.at - t0).toBeGreaterThan(ackMs);
    await w.close();
  });

  it('answers one chat in order and other chats alongside it', async () => {
    const w = await webhookBot({ concurrency: 4 });
    delayMs = (method) => (method === 'sendMessage' ? 300 : 0);
    const questions = ['居住证有什么用', '老人投靠子女落户条件', '居住证 条件'];
    for (const q of questions) expect((await post(w.url, JSON.stringify(message(2005, q)))).status).toBe(200);
    expect((await post(w.url, JSON.stringify(message(2006, '居住证有什么用')))).status).toBe(200);
    const mine = await fake.waitFor(sentTo(2005), 3);
    const [other] = await fake.waitFor(sentTo(2006));
    // in order: each reply quotes its question
    expect(mine.map((c) => questions.findIndex((q) => String(c.payload.text).includes(`「${q}」`)))).toEqual([0, 1, 2]);
    // alongside: the other chat did not wait behind the three
    expect(other!.at).toBeLessThan(mine[2]!.at);
    await w.close();
  });

  it('a full queue answers "busy" at once instead of stalling, and still answers what it accepted', async () => {
    const w = await webhookBot({ capacity: 2, concurrency: 1 });
    delayMs = (method) => (method === 'sendMessage' ? 400 : 0);
    const chats = [2010, 2011, 2012, 2013, 2014];
    const t0 = performance.now();
    for (const chat of chats) expect((await post(w.url, JSON.stringify(message(chat, '居住证有什么用')))).status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(1000);
    const replies = await fake.waitFor((c) => c.method === 'sendMessage' && chats.includes(c.payload.chat_id), 5);
    const busy = replies.filter((c) => c.payload.text === rt.prompts.busy).map((c) => c.payload.chat_id);
    expect(busy).toEqual([2012, 2013, 2014]);
    expect(replies.filter((c) => String(c.payload.text).includes('居住证')).map((c) => c.payload.chat_id).sort()).toEqual([2010, 2011]);
    await w.close();
  });

  it('answers an update Telegram re-sends only once', async () => {
    const w = await webhookBot();
    const u = JSON.stringify(message(2020, '居住证有什么用'));
    expect((await post(w.url, u)).status).toBe(200);
    expect((await post(w.url, u)).status).toBe(200);
    await w.dispatcher.close(10_000);
    expect(fake.calls.filter(sentTo(2020))).toHaveLength(1);
    await w.close();
  });
});

describe('webhook: body size', () => {
  it('refuses a declared body over the cap with 413 before reading it', async () => {
    const w = await webhookBot({ maxBodyBytes: 64 * 1024 });
    const big = JSON.stringify({ update_id: nextId++, message: { text: 'x'.repeat(200_000) } });
    expect((await post(w.url, big)).status).toBe(413);
    expect((await post(w.url, JSON.stringify(message(2030, '居住证有什么用')))).status).toBe(200);
    await fake.waitFor(sentTo(2030));
    await w.close();
  });

  it('stops reading a streamed (chunked) body past the cap: 413, and the rest is never taken in', async () => {
    const w = await webhookBot({ maxBodyBytes: 64 * 1024 });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const total = 200 * chunk.length; // 13 MB offered
    const { status, written } = await new Promise<{ status: number | undefined; written: number }>((resolve) => {
      let written = 0;
      let status: number | undefined;
      const req = request(w.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET } }, (res) => {
        status = res.statusCode;
        res.resume();
      });
      const done = () => resolve({ status, written });
      req.on('error', done);
      req.on('close', done);
      const pump = () => {
        while (written < total && !req.destroyed) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!req.destroyed) req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    // socket buffers take a few MB before the closed connection is noticed; not the whole body
    expect(written).toBeLessThan(total / 2);
    await w.close();
  });
});
