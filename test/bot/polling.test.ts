import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Update, UserFromGetMe } from 'grammy/types';
import { ConversationStore } from '../../src/answer/index.js';
import { dialogueFor, type Runtime } from '../../src/app/runtime.js';
import { createLogger } from '../../src/config/index.js';
import { createBot, Dispatcher, installErrorBoundary, startPolling, type Poller } from '../../src/bot/index.js';
import { FakeBotApi, type Intercept } from '../../src/cli/fake-bot-api.js';
import { realRuntime } from '../runtime.js';

/*
 * Long polling against a fake Bot API on loopback that fails the way networks and Telegram
 * do: dropped connections, a getUpdates that never returns, 409 for a second poller.
 */
const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq';
const botInfo = { id: 42, is_bot: true, first_name: '政策问答', username: 'policy_qa_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true } as UserFromGetMe;
const logger = createLogger('silent');
let rt: Runtime;
beforeAll(async () => {
  rt = await realRuntime();
});

function pollingBot(fake: FakeBotApi, o: Parameters<typeof startPolling>[1] = {}) {
  const bot = createBot({ token: TOKEN, apiRoot: fake.url, botInfo, deps: { dialogue: dialogueFor(rt, new ConversationStore({ ttlMs: 60_000 })), prompts: rt.prompts, logger, rateLimitPerMinute: 30, answerer: rt.answerer } });
  installErrorBoundary(bot, logger, rt.prompts.error);
  const dispatcher = new Dispatcher(bot, { logger });
  const poller = startPolling(bot, { dispatcher, logger, ...o });
  return { bot, dispatcher, poller };
}
const message = (chatId: number, text: string) => ({ message: { message_id: 1, date: 0, chat: { id: chatId, type: 'private', first_name: 'U' }, from: { id: chatId, is_bot: false, first_name: 'U' }, text } }) as Omit<Update, 'update_id'>;
const sentTo = (chatId: number) => (c: { method: string; payload: Record<string, any> }) => c.method === 'sendMessage' && c.payload.chat_id === chatId;

const fakes: FakeBotApi[] = [];
const pollers: Poller[] = [];
afterAll(async () => {
  for (const p of pollers) await p.stop();
  for (const f of fakes) await f.stop();
});
async function fakeApi(intercept?: (method: string) => Intercept) {
  const f = await new FakeBotApi({ token: TOKEN, intercept: intercept && ((m) => intercept(m)) }).start();
  fakes.push(f);
  return f;
}

describe('polling through outages', () => {
  it('retries a failing getUpdates with a capped delay, and answers once it works again', async () => {
    const tries: number[] = [];
    const fake = await fakeApi((method) => {
      if (method !== 'getUpdates') return undefined;
      tries.push(performance.now());
      return tries.length <= 8 ? 'drop' : undefined; // eight network failures in a row
    });
    const { poller } = pollingBot(fake, { firstRetryDelayMs: 50, maxRetryDelayMs: 250, timeoutSeconds: 1 });
    pollers.push(poller);
    fake.push(message(3001, '居住证有什么用'));
    const [reply] = await fake.waitFor(sentTo(3001), 1, 10_000);
    expect(reply!.payload.text).toContain('居住证');
    const gaps = tries.slice(1, 9).map((t, i) => t - tries[i]!);
    // doubling from 50 ms with no cap would wait 3.2 s before the eighth try
    expect(Math.max(...gaps)).toBeLessThan(600);
    expect(gaps.at(-1)!).toBeGreaterThan(200);
  });

  it('gives up on a getUpdates that never returns soon after the long-poll timeout, and polls again', async () => {
    const tries: number[] = [];
    const fake = await fakeApi((method) => {
      if (method !== 'getUpdates') return undefined;
      tries.push(performance.now());
      return tries.length === 1 ? 'hang' : undefined; // a dead connection: no answer, no close
    });
    const { poller } = pollingBot(fake, { timeoutSeconds: 1, graceMs: 500, firstRetryDelayMs: 50 });
    pollers.push(poller);
    fake.push(message(3002, '老人投靠子女落户条件'));
    await fake.waitFor(sentTo(3002), 1, 10_000);
    // grammY's own client timeout is 500 s; here: 1 s long poll + 0.5 s grace + the retry delay
    expect(tries[1]! - tries[0]!).toBeGreaterThan(1400);
    expect(tries[1]! - tries[0]!).toBeLessThan(3000);
  });
});

describe('a second instance', () => {
  it('the poller that gets 409 Conflict stops and says another instance is polling; the other goes on', async () => {
    const fake = await fakeApi();
    const fatal: string[] = [];
    const first = pollingBot(fake, { timeoutSeconds: 2, onFatal: (m) => fatal.push(m) });
    pollers.push(first.poller);
    await fake.waitFor((c) => c.method === 'getUpdates');
    const second = pollingBot(fake, { timeoutSeconds: 2, onFatal: (m) => fatal.push(`second: ${m}`) });
    pollers.push(second.poller);
    await expect.poll(() => fatal.length, { timeout: 5000 }).toBe(1);
    expect(fatal[0]).toMatch(/^another instance is polling with this BOT_TOKEN/);
    expect(first.poller.isRunning()).toBe(false);
    fake.push(message(3003, '居住证有什么用'));
    await fake.waitFor(sentTo(3003), 1, 10_000);
    expect(second.poller.isRunning()).toBe(true);
  });
});

describe('stopping', () => {
  it('after stop, the accepted updates are answered and their offset confirmed', async () => {
    const fake = await new FakeBotApi({ token: TOKEN, delayMs: (m) => (m === 'sendMessage' ? 200 : 0) }).start();
    fakes.push(fake);
    const { poller, dispatcher } = pollingBot(fake, { timeoutSeconds: 1 });
    const ids = [3010, 3011, 3012, 3013, 3014, 3015, 3016, 3017, 3018, 3019];
    const pushed = ids.map((id) => fake.push(message(id, '居住证有什么用')));
    // the next getUpdates confirmed all ten to Telegram: from here, only this process can answer them
    await expect.poll(() => fake.confirmedBelow, { timeout: 5000 }).toBe(pushed.at(-1)!.update_id + 1);
    expect(fake.calls.filter((c) => ids.includes(c.payload.chat_id) && c.method === 'sendMessage').length).toBeLessThan(10);
    await poller.stop();
    expect(await dispatcher.close(10_000)).toBe(0);
    for (const id of ids) expect(fake.calls.filter(sentTo(id))).toHaveLength(1);
  });
});
