import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';

/*
 * A small Bot API on loopback for the load benchmark and the bot's tests: long polling with
 * offsets, sendMessage and friends recorded with their arrival time, and Telegram's own
 * refusals where the bot must cope with them (409 for a second getUpdates, 403 for a chat
 * that blocked the bot, RESULT_ID_DUPLICATE). Nothing leaves the machine.
 */

export interface ApiCall {
  method: string;
  payload: Record<string, any>;
  /** performance.now() when the request arrived. */
  at: number;
}

/** What to do with one call instead of the default answer. */
export type Intercept =
  | { error_code: number; description: string; parameters?: Record<string, unknown> }
  | 'hang' // never answer (a dead connection)
  | 'drop' // close the socket (a network failure)
  | undefined;

export interface FakeBotApiOptions {
  token: string;
  /** Time before answering a sendMessage, like Telegram's round trip. Default 0. */
  sendDelayMs?: number;
  /** Extra time before answering one call (a slow Bot API). */
  delayMs?: (method: string, payload: Record<string, any>) => number;
  /** Per call, a refusal or failure instead of the normal answer. */
  intercept?: (method: string, payload: Record<string, any>, call: ApiCall) => Intercept;
}

interface Waiter {
  res: ServerResponse;
  limit: number;
  timer: NodeJS.Timeout;
}

export class FakeBotApi {
  readonly calls: ApiCall[] = [];
  readonly blocked = new Set<number>();
  /** The `offset` of the latest getUpdates: every update below it was confirmed by the bot. */
  confirmedBelow = 0;
  private readonly updates: Update[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private waiter: Waiter | null = null;
  private readonly hung = new Set<ServerResponse>();
  private server: Server | null = null;
  private listeners: ((c: ApiCall) => void)[] = [];
  url = '';

  constructor(private readonly o: FakeBotApiOptions) {}

  /** Start on a free loopback port; `url` is then the apiRoot to give the bot. */
  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.serve(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (this.waiter) (clearTimeout(this.waiter.timer), this.waiter.res.destroy());
    for (const r of this.hung) r.destroy();
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  /** Queue an update for getUpdates; returns it with its update_id. */
  push(update: Omit<Update, 'update_id'>): Update {
    const u = { update_id: this.nextUpdateId++, ...update } as Update;
    this.updates.push(u);
    if (this.waiter) this.answerUpdates(this.waiter);
    return u;
  }

  /** Called with every call as it arrives (the benchmark's clock); returns the unsubscribe. */
  onCall(listener: (c: ApiCall) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  /** Resolves with the calls matching `pred` once there are `count` of them. */
  waitFor(pred: (c: ApiCall) => boolean, count = 1, timeoutMs = 20_000): Promise<ApiCall[]> {
    const matching = () => this.calls.filter(pred);
    if (matching().length >= count) return Promise.resolve(matching());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== check);
        reject(new Error(`timed out waiting for ${count} calls (have ${matching().length})`));
      }, timeoutMs);
      const check = () => {
        if (matching().length < count) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
        resolve(matching());
      };
      this.listeners.push(check);
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (!m || m[1] !== this.o.token) return this.send(res, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = m[2]!;
    let payload: Record<string, any> = {};
    try {
      payload = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return this.send(res, { ok: false, error_code: 400, description: 'Bad Request: cannot parse JSON' });
    }
    const call: ApiCall = { method, payload, at: performance.now() };
    this.record(call);
    const special = this.o.intercept?.(method, payload, call);
    if (special === 'hang') {
      this.hung.add(res);
      res.on('close', () => this.hung.delete(res));
      return;
    }
    if (special === 'drop') return void res.destroy();
    if (special) return this.send(res, { ok: false, ...special });
    if (method === 'getUpdates') return this.getUpdates(req, res, payload);
    const delay = this.o.delayMs?.(method, payload) ?? 0;
    if (delay) await new Promise((r) => setTimeout(r, delay));
    if (method === 'getMe') return this.send(res, { ok: true, result: { id: 42, is_bot: true, first_name: 'Fake', username: 'fake_policy_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true } });
    const chat = Number(payload.chat_id);
    if (this.blocked.has(chat)) return this.send(res, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    if (method === 'answerInlineQuery') {
      const ids = (payload.results ?? []).map((r: { id: string }) => r.id);
      if (new Set(ids).size !== ids.length) return this.send(res, { ok: false, error_code: 400, description: 'Bad Request: RESULT_ID_DUPLICATE' });
    }
    if (method === 'sendMessage') {
      if (this.o.sendDelayMs) await new Promise((r) => setTimeout(r, this.o.sendDelayMs));
      return this.send(res, { ok: true, result: { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: chat < 0 ? 'supergroup' : 'private' }, text: payload.text } });
    }
    this.send(res, { ok: true, result: true });
  }

  private record(call: ApiCall): void {
    this.calls.push(call);
    for (const l of [...this.listeners]) l(call);
  }

  private getUpdates(_req: IncomingMessage, res: ServerResponse, p: Record<string, any>): void {
    const offset = Number(p.offset ?? 0);
    if (offset > 0) {
      this.confirmedBelow = Math.max(this.confirmedBelow, offset);
      while (this.updates.length && this.updates[0]!.update_id < offset) this.updates.shift();
    }
    // like Telegram: a newer getUpdates ends the one still waiting with 409
    if (this.waiter) {
      const old = this.waiter;
      this.waiter = null;
      clearTimeout(old.timer);
      this.send(old.res, { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' });
    }
    const limit = Math.max(1, Math.min(100, Number(p.limit ?? 100)));
    const timeoutMs = Number(p.timeout ?? 0) * 1000;
    const waiter: Waiter = { res, limit, timer: setTimeout(() => this.answerUpdates(waiter), timeoutMs) };
    if (this.updates.length || timeoutMs === 0) return this.answerUpdates(waiter);
    this.waiter = waiter;
    res.on('close', () => {
      if (this.waiter !== waiter) return;
      clearTimeout(waiter.timer);
      this.waiter = null;
    });
  }

  private answerUpdates(w: Waiter): void {
    clearTimeout(w.timer);
    if (this.waiter === w) this.waiter = null;
    this.send(w.res, { ok: true, result: this.updates.slice(0, w.limit) });
  }

  private send(res: ServerResponse, body: { ok: boolean; error_code?: number } & Record<string, unknown>): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(body.ok ? 200 : (body.error_code ?? 500), { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}
