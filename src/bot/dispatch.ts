import { BotError, Context, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../config/index.js';
import type { BotContext } from './context.js';
import { isForUs } from './create-bot.js';
import { loggableError } from './log-error.js';
import { UpdateQueue } from './update-queue.js';

export interface DispatcherOptions {
  /** Updates accepted and not yet answered before new ones get the busy reply. Default 256 (~3 s of answers on 2 cores). */
  capacity?: number;
  /** Chats answered at the same time. Default 8: the answer path is CPU-bound; a few in flight hide the Bot API's round trips. */
  concurrency?: number;
  /** Said (plain text) to whoever asked while the queue was full; without it they are only logged (polling never overfills). */
  busyText?: string;
  logger: Logger;
}

/** What became of an offered update. */
export type Offer = 'accepted' | 'duplicate' | 'busy' | 'closed';

/** The lane of an update: its chat, else its sender (inline queries, callbacks from inline messages). */
export function updateKey(update: Update): string {
  const body = Object.values(update).find((v) => typeof v === 'object' && v !== null) as { chat?: { id: number }; message?: { chat?: { id: number } }; from?: { id: number } } | undefined;
  const chat = body?.chat?.id ?? body?.message?.chat?.id;
  if (chat !== undefined) return `c${chat}`;
  return body?.from?.id !== undefined ? `u${body.from.id}` : '-';
}

/** Telegram re-sends an update it thinks was not received; this many recent ids are remembered. */
const RECENT_IDS = 1024;
/** One busy reply per chat in this time: a flood against a full queue gets one answer, not one each. */
const BUSY_REPLY_EVERY_MS = 10_000;
const MAX_BUSY_REPLIES_IN_FLIGHT = 64;

/**
 * Between the intake (webhook server, poller) and the bot: accepted updates are answered from a
 * bounded queue, one chat in order, chats in parallel. Every error of an update ends here, in
 * `bot.catch` or the log, never as an unhandled rejection.
 */
export class Dispatcher {
  private readonly queue: UpdateQueue<Update>;
  private readonly recent = new Set<number>();
  private readonly recentOrder: number[] = [];
  private readonly busyAt = new Map<string, number>();
  private readonly busyReplies = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly bot: Bot<BotContext>,
    private readonly o: DispatcherOptions,
  ) {
    this.queue = new UpdateQueue<Update>({
      capacity: o.capacity ?? 256,
      concurrency: o.concurrency ?? 8,
      key: updateKey,
      handle: (u) => this.handle(u),
      onError: (e, u) => o.logger.error({ update: u.update_id, err: loggableError(e) }, 'update failed'),
    });
  }

  get size(): number {
    return this.queue.size;
  }
  get free(): number {
    return this.queue.free;
  }
  room(): Promise<void> {
    return this.queue.room();
  }

  offer(update: Update): Offer {
    if (this.closed) return 'closed';
    if (this.recent.has(update.update_id)) return 'duplicate';
    this.remember(update.update_id);
    if (this.queue.offer(update)) return 'accepted';
    this.o.logger.warn({ update: update.update_id, queued: this.queue.size }, 'queue full: answered busy');
    this.replyBusy(update);
    return 'busy';
  }

  /** Accept nothing more; wait for what was accepted, at most `timeoutMs`. Returns how many were left. */
  async close(timeoutMs: number): Promise<number> {
    this.closed = true;
    const t0 = Date.now();
    const left = await this.queue.drain(timeoutMs);
    const rest = Math.max(0, timeoutMs - (Date.now() - t0));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.busyReplies]), new Promise((r) => (timer = setTimeout(r, rest)))]);
    clearTimeout(timer);
    return left;
  }

  private async handle(update: Update): Promise<void> {
    try {
      await this.bot.handleUpdate(update);
    } catch (e) {
      // bot.handleUpdate does not call bot.catch itself (only the polling loops do); without this
      // a webhook's errors were unhandled rejections that ended the process
      if (!(e instanceof BotError)) throw e;
      await this.bot.errorHandler(e);
    }
  }

  private remember(id: number): void {
    this.recent.add(id);
    this.recentOrder.push(id);
    if (this.recentOrder.length > RECENT_IDS) this.recent.delete(this.recentOrder.shift()!);
  }

  private replyBusy(update: Update): void {
    const ctx = new Context(update, this.bot.api, this.bot.botInfo);
    // in a group, chatter not addressed to the bot gets nothing, busy or not
    if (!this.o.busyText || !isForUs(ctx) || this.busyReplies.size >= MAX_BUSY_REPLIES_IN_FLIGHT) return;
    const key = updateKey(update);
    const now = Date.now();
    if (now - (this.busyAt.get(key) ?? -Infinity) < BUSY_REPLY_EVERY_MS) {
      // a callback's spinner must still stop, an inline query still get its (empty) answer
      if (!ctx.callbackQuery && !ctx.inlineQuery) return;
    } else this.busyAt.set(key, now);
    if (this.busyAt.size > 10_000) for (const [k, t] of this.busyAt) if (now - t >= BUSY_REPLY_EVERY_MS) this.busyAt.delete(k);
    const text = this.o.busyText;
    let sent: Promise<unknown>;
    try {
      sent = ctx.callbackQuery
        ? ctx.answerCallbackQuery({ text })
        : ctx.inlineQuery
          ? ctx.answerInlineQuery([], { cache_time: 0, button: { text, start_parameter: 'busy' } })
          : ctx.reply(text, ctx.msg?.message_id && ctx.chat?.type !== 'private' ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {});
    } catch (e) {
      sent = Promise.reject(e); // no chat to answer in: logged like any failed reply
    }
    const p = sent.catch((e) => this.o.logger.warn({ update: update.update_id, err: loggableError(e) }, 'busy reply failed')).finally(() => this.busyReplies.delete(p));
    this.busyReplies.add(p);
  }
}
