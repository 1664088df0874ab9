import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Update } from 'grammy/types';
import { PROJECT_ROOT } from '../../src/app/paths.js';
import { FakeBotApi, type Intercept } from '../../src/cli/fake-bot-api.js';

/*
 * The real process, as `npm start` runs it (`node --import tsx src/main.ts`), against a fake Bot API on
 * loopback: signals, a second instance, a port in use, and everything it prints checked for
 * the token and the users' text.
 */
const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq';
const SECRET = 'webhook-secret-0123456789';
const PRIVATE_TEXT = '我叫张三，身份证330282199001011234，居住证怎么办';

interface Bot {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}
const running: Bot[] = [];
const fakes: FakeBotApi[] = [];
afterAll(async () => {
  for (const b of running) if (b.child.exitCode === null) b.child.kill('SIGKILL');
  for (const f of fakes) await f.stop();
});

function startBot(env: Record<string, string>): Bot {
  const keep = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(BOT_TOKEN|WEBHOOK_|TELEGRAM_API_ROOT|PORT|LOG_LEVEL)/.test(k)));
  // `node --import tsx`, as `npm start` runs it: the tsx CLI would relay SIGTERM and SIGKILL the
  // child when it is slow (60 ms) to acknowledge, which a busy bot under test load can be
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: PROJECT_ROOT, env: { ...keep, BOT_TOKEN: TOKEN, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const bot = { child, out: () => out, exited };
  running.push(bot);
  return bot;
}
async function fakeApi(o: { sendDelayMs?: number; intercept?: (method: string, payload: Record<string, any>) => Intercept } = {}) {
  const f = await new FakeBotApi({ token: TOKEN, ...o }).start();
  fakes.push(f);
  return f;
}
const freePort = async () => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
};
const message = (id: number, chatId: number, text: string) => ({ update_id: id, message: { message_id: id, date: 0, chat: { id: chatId, type: 'private', first_name: 'U' }, from: { id: chatId, is_bot: false, first_name: 'U' }, text } }) as Update;
const sentTo = (chatId: number) => (c: { method: string; payload: Record<string, any> }) => c.method === 'sendMessage' && c.payload.chat_id === chatId;

describe('the bot process in webhook mode', () => {
  it('survives abuse, prints nothing secret at LOG_LEVEL=silent, and on SIGTERM answers what it accepted before exiting 0', async () => {
    const fake = await fakeApi({ sendDelayMs: 400, intercept: (m) => (m === 'answerInlineQuery' ? { error_code: 400, description: 'Bad Request: RESULT_ID_DUPLICATE' } : undefined) });
    fake.blocked.add(4002);
    const port = await freePort();
    const bot = startBot({ TELEGRAM_API_ROOT: fake.url, WEBHOOK_URL: 'https://bot.example.org/tg/hook', WEBHOOK_SECRET: SECRET, PORT: String(port), LOG_LEVEL: 'silent' });
    const [setWebhook] = await fake.waitFor((c) => c.method === 'setWebhook', 1, 60_000);
    expect(setWebhook!.payload).toMatchObject({ url: 'https://bot.example.org/tg/hook', secret_token: SECRET });
    const url = `http://127.0.0.1:${port}/tg/hook`;
    const post = (body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body }).then((r) => r.status);

    for (const body of ['{"update_id":', '', 'null']) expect(await post(body)).toBe(400);
    expect(await post(JSON.stringify(message(1, 4002, PRIVATE_TEXT)))).toBe(200); // 403: blocked
    expect(await post(JSON.stringify({ update_id: 2, inline_query: { id: 'q', from: { id: 4003, is_bot: false, first_name: 'I' }, query: '居住证', offset: '' } }))).toBe(200);
    await fake.waitFor((c) => c.method === 'answerInlineQuery');
    await fake.waitFor(sentTo(4002));

    const chats = [4010, 4011, 4012, 4013, 4014];
    for (const [i, chat] of chats.entries()) expect(await post(JSON.stringify(message(10 + i, chat, '老人投靠子女落户条件')))).toBe(200);
    expect(bot.child.exitCode).toBeNull();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    for (const chat of chats) expect(fake.calls.filter(sentTo(chat))).toHaveLength(1);
    expect(bot.out()).not.toContain(TOKEN);
    expect(bot.out()).not.toContain('330282199001011234');
    expect(bot.out()).not.toMatch(/\n\s+at /); // no stack
  });

  it('says in one line that the port is in use, without a stack, and exits non-zero', async () => {
    const fake = await fakeApi();
    const squatter: Server = createServer();
    await new Promise<void>((r) => squatter.listen(0, r));
    const { port } = squatter.address() as AddressInfo;
    const bot = startBot({ TELEGRAM_API_ROOT: fake.url, WEBHOOK_URL: 'https://bot.example.org/tg/hook', WEBHOOK_SECRET: SECRET, PORT: String(port), LOG_LEVEL: 'silent' });
    expect(await bot.exited).toBe(1);
    await new Promise((r) => squatter.close(r));
    expect(bot.out().trim()).toMatch(new RegExp(`^错误：port ${port} is already in use[^\\n]*$`));
    expect(fake.calls.some((c) => c.method === 'setWebhook')).toBe(false); // the running instance keeps its webhook
  });
});

describe('the bot process in polling mode', () => {
  it('on SIGTERM stops fetching and answers every update whose offset it had confirmed, then exits 0 (token never printed, LOG_LEVEL=debug)', async () => {
    const fake = await fakeApi({ sendDelayMs: 400 });
    const bot = startBot({ TELEGRAM_API_ROOT: fake.url, LOG_LEVEL: 'debug' });
    await fake.waitFor((c) => c.method === 'getUpdates', 1, 60_000);
    // two chats, five questions each: a chat's questions are answered one after another
    const chats = Array.from({ length: 10 }, (_, i) => 4100 + (i % 2));
    const pushed = chats.map((chat) => fake.push({ message: message(0, chat, '居住证有什么用').message }));
    await expect.poll(() => fake.confirmedBelow, { timeout: 10_000 }).toBe(pushed.at(-1)!.update_id + 1);
    const answeredBeforeSignal = fake.calls.filter((c) => c.method === 'sendMessage').length;
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(answeredBeforeSignal).toBeLessThan(10);
    for (const chat of [4100, 4101]) expect(fake.calls.filter(sentTo(chat))).toHaveLength(5);
    // nothing fetched after the signal but the final confirmation (limit 1, timeout 0)
    const last = fake.calls.filter((c) => c.method === 'getUpdates').at(-1)!;
    expect(last.payload).toMatchObject({ limit: 1, timeout: 0 });
    expect(bot.out()).not.toContain(TOKEN);
  });

  it('a second instance with the same token: the one refused with 409 says so in one line and exits non-zero', async () => {
    const fake = await fakeApi();
    const first = startBot({ TELEGRAM_API_ROOT: fake.url, LOG_LEVEL: 'silent' });
    await fake.waitFor((c) => c.method === 'getUpdates', 1, 60_000);
    const second = startBot({ TELEGRAM_API_ROOT: fake.url, LOG_LEVEL: 'silent' });
    expect(await first.exited).toBe(1);
    expect(first.out().trim()).toMatch(/^错误：another instance is polling with this BOT_TOKEN[^\n]*$/);
    // the newer one goes on answering
    fake.push({ message: message(0, 4200, '居住证有什么用').message });
    await fake.waitFor(sentTo(4200), 1, 30_000);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
