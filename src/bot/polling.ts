import { GrammyError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../config/index.js';
import type { BotContext } from './context.js';
import type { Dispatcher } from './dispatch.js';
import { loggableError } from './log-error.js';

/** grammY types its signals with the abort-controller shim's class; Node's own AbortSignal is what it gets at run time. */
type ApiSignal = Parameters<Bot['api']['getUpdates']>[1];
const apiSignal = (s: AbortSignal) => s as unknown as ApiSignal;

export interface PollingOptions {
  dispatcher: Dispatcher;
  logger: Logger;
  allowedUpdates: readonly string[];
  /** Long-poll timeout, seconds: Telegram holds a getUpdates this long when there is nothing new. Default 30. */
  timeoutSeconds?: number;
  /** A getUpdates not answered this long after its long-poll timeout is taken for a dead connection and retried. Default 5000 ms. */
  graceMs?: number;
  /** Delay after the first failed getUpdates, doubled per failure up to `maxRetryDelayMs`. Default 200 ms. */
  firstRetryDelayMs?: number;
  /** Longest wait between two tries during an outage, so the bot hears again soon after it ends. Default 5000 ms. */
  maxRetryDelayMs?: number;
  /** Polling cannot go on (another instance polls with this token, the token was revoked). Polling has stopped. */
  onFatal: (message: string) => void;
}

/** Structurally a runner handle (`@grammyjs/runner`), so callers can swap one for the other. */
export interface Poller {
  start(): void;
  /** Stop fetching (aborting the open long poll); resolves once the loop has ended. Accepted updates stay in the dispatcher. */
  stop(): Promise<void>;
  size(): number;
  task(): Promise<void> | undefined;
  isRunning(): boolean;
  /** Tell Telegram that every update handed to the dispatcher is done with (so a restart does not get them again). */
  confirm(): Promise<void>;
}

/**
 * Long polling into the dispatcher: fetches only as many updates as the queue has room for
 * (Telegram keeps the rest), retries an outage with a capped backoff, and notices a hung
 * connection after timeout + grace instead of grammY's default 500 s.
 */
export function createPoller(bot: Bot<BotContext>, o: PollingOptions): Poller {
  const timeout = o.timeoutSeconds ?? 30;
  const grace = o.graceMs ?? 5000;
  const first = o.firstRetryDelayMs ?? 200;
  const maxDelay = o.maxRetryDelayMs ?? 5000;
  // every update below it has been handed to the dispatcher; sending it confirms them
  let offset = 0;
  let running = false;
  let task: Promise<void> | undefined;
  let stopper = new AbortController();

  /*
   * The stop signal lives as long as the loop: a listener added to it per turn and left there
   * (a race that the other side won, a sleep that ran out) piles up for the bot's whole life —
   * Node's "11 abort listeners added to [AbortSignal]" warning a few seconds after start. So
   * every wait takes its listener off when it ends, whichever way. (Raising the listener limit
   * would only hide the leak.)
   */
  const sleep = (msDelay: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const t = setTimeout(done, msDelay);
      signal.addEventListener('abort', done, { once: true });
    });
  /** `work`, or the stop signal if it comes first. */
  const untilAborted = async (work: Promise<unknown>, signal: AbortSignal): Promise<void> => {
    if (signal.aborted) return;
    let onAbort = () => {};
    try {
      await Promise.race([work, new Promise<void>((r) => signal.addEventListener('abort', (onAbort = () => r()), { once: true }))]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };

  async function loop(signal: AbortSignal): Promise<void> {
    let delay = first;
    let failures = 0;
    while (running) {
      await untilAborted(o.dispatcher.room(), signal);
      if (!running) break;
      let updates: Update[];
      try {
        const limit = Math.max(1, Math.min(100, o.dispatcher.free));
        updates = await bot.api.getUpdates({ offset, limit, timeout, allowed_updates: [...o.allowedUpdates] as never }, apiSignal(AbortSignal.any([signal, AbortSignal.timeout(timeout * 1000 + grace)])));
      } catch (e) {
        if (!running) break;
        if (e instanceof GrammyError && (e.error_code === 409 || e.error_code === 401)) {
          running = false;
          o.onFatal(e.error_code === 409
            ? 'another instance is polling with this BOT_TOKEN (409 Conflict from getUpdates): stop the other one, or use a webhook; this one stops.'
            : 'Telegram refused BOT_TOKEN (401 Unauthorized) while polling: the token was revoked or changed; copy it again from @BotFather.');
          break;
        }
        failures++;
        const retryAfter = e instanceof GrammyError ? e.parameters.retry_after : undefined;
        const wait = retryAfter !== undefined ? retryAfter * 1000 : delay;
        // the first failure of an outage is worth a warning; the retries of the same outage are not
        o.logger[failures === 1 ? 'warn' : 'debug']({ failures, retryInMs: wait, err: loggableError(e) }, 'getUpdates failed, retrying');
        await sleep(wait, signal);
        delay = Math.min(delay * 2, maxDelay);
        continue;
      }
      if (failures) o.logger.info({ failures }, 'getUpdates works again');
      failures = 0;
      delay = first;
      for (const update of updates) {
        offset = update.update_id + 1;
        o.dispatcher.offer(update);
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      stopper = new AbortController();
      task = loop(stopper.signal)
        .catch((e) => {
          o.logger.error({ err: loggableError(e) }, 'polling loop failed');
          o.onFatal('polling stopped after an unexpected error (see the log).');
        })
        .finally(() => {
          running = false;
          task = undefined;
        });
    },
    async stop() {
      const t = task;
      running = false;
      stopper.abort();
      await t;
    },
    size: () => o.dispatcher.size,
    task: () => task,
    isRunning: () => running,
    async confirm() {
      if (offset === 0) return;
      // limit 1, timeout 0: what comes back is not confirmed and will be fetched by the next instance
      await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }, apiSignal(AbortSignal.timeout(grace))).catch((e) => o.logger.warn({ err: loggableError(e) }, 'could not confirm the last updates'));
    },
  };
}
