import { afterEach, describe, expect, it } from 'vitest';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { createLogger } from '../../src/config/index.js';
import { createPoller, Dispatcher, type Poller } from '../../src/bot/index.js';
import type { BotContext } from '../../src/bot/context.js';
import { FakeBotApi } from '../../src/cli/fake-bot-api.js';

/*
 * Regression: every bot start printed "MaxListenersExceededWarning: … 11 abort listeners added
 * to [AbortSignal]". Each turn of the polling loop added an 'abort' listener to the poller's
 * stop signal and never removed it: a leak of one closure per getUpdates for the bot's life.
 */
const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq';
const botInfo = { id: 42, is_bot: true, first_name: '政策问答', username: 'policy_qa_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true } as UserFromGetMe;

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('the polling loop over many getUpdates', () => {
  it('adds no listener per poll: 60 empty polls and no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    let polls = 0;
    const fake = await new FakeBotApi({ token: TOKEN, intercept: (m) => (m === 'getUpdates' && polls++, undefined) }).start();
    const bot = new Bot<BotContext>(TOKEN, { botInfo, client: { apiRoot: fake.url } });
    const logger = createLogger('silent');
    // timeout 0: the fake answers each getUpdates at once, so the loop turns as fast as it can
    const poller: Poller = createPoller(bot, { dispatcher: new Dispatcher(bot, { logger }), logger, allowedUpdates: ['message'], timeoutSeconds: 0, onFatal: () => {} });
    cleanup = async () => {
      await poller.stop();
      await fake.stop();
      process.off('warning', onWarning);
    };
    poller.start();
    const until = Date.now() + 20_000;
    while (polls < 60 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 50)); // warnings are emitted on a later tick
    expect(polls).toBeGreaterThanOrEqual(60);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
    expect(poller.isRunning()).toBe(true);
  });
});
