/**
 * Accepted updates waiting to be answered: one lane per chat, worked in arrival order (a
 * follow-up depends on the answer before it), lanes in parallel up to `concurrency`, taken in
 * turn so that one chatty user cannot starve the others. Bounded: `offer` refuses once
 * `capacity` updates are accepted and not yet finished, so overload is said at once instead
 * of growing memory and delay without end. Knows nothing of Telegram beyond the key.
 */
export interface UpdateQueueOptions<T> {
  /** Works one item. Its errors are the caller's business; a rejection is passed to `onError`. */
  handle: (item: T) => Promise<void>;
  /** The lane an item belongs to (the chat, else the user). */
  key: (item: T) => string;
  /** Items accepted and not finished, across all lanes, before `offer` refuses. */
  capacity: number;
  /** Lanes worked at the same time. */
  concurrency: number;
  onError: (error: unknown, item: T) => void;
}

export class UpdateQueue<T> {
  private readonly lanes = new Map<string, T[]>();
  /** Lanes with work and nobody working them, in the order they became ready. */
  private readonly ready: string[] = [];
  private running = 0;
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private pumpScheduled = false;
  private roomWaiters: (() => void)[] = [];

  constructor(private readonly o: UpdateQueueOptions<T>) {}

  /** Accepted and not finished (queued or being worked). */
  get size(): number {
    return this.pending;
  }

  get free(): number {
    return Math.max(0, this.o.capacity - this.pending);
  }

  /** Accept an item, or return false when the queue is full. */
  offer(item: T): boolean {
    if (this.pending >= this.o.capacity) return false;
    this.pending++;
    const key = this.o.key(item);
    const lane = this.lanes.get(key);
    if (lane) lane.push(item);
    else {
      this.lanes.set(key, [item]);
      this.ready.push(key);
    }
    this.schedulePump();
    return true;
  }

  /** Resolves when every accepted item is finished. */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((r) => this.idleWaiters.push(r));
  }

  /** Resolves when at least one more item would be accepted. */
  room(): Promise<void> {
    return this.free > 0 ? Promise.resolve() : new Promise((r) => this.roomWaiters.push(r));
  }

  /** Wait for the accepted items, at most `timeoutMs`; says how many were left unfinished. */
  async drain(timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    return this.pending;
  }

  private pump(): void {
    while (this.running < this.o.concurrency && this.ready.length) {
      const key = this.ready.shift()!;
      this.running++;
      void this.work(key);
    }
  }

  private async work(key: string): Promise<void> {
    const lane = this.lanes.get(key)!;
    const item = lane[0]!;
    try {
      await this.o.handle(item);
    } catch (e) {
      try {
        this.o.onError(e, item);
      } catch {
        // an error reporter that throws must not stall the lane
      }
    }
    lane.shift();
    if (lane.length) this.ready.push(key);
    else this.lanes.delete(key);
    this.running--;
    this.pending--;
    if (this.pending === 0) for (const r of this.idleWaiters.splice(0)) r();
    for (const r of this.roomWaiters.splice(0)) r();
    this.schedulePump();
  }

  /**
   * Work starts on the next turn of the event loop, not inside `offer`: the answer path is
   * CPU-bound, and started inline it would run before the webhook's acknowledgement is written
   * and before other waiting requests are read.
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }
}
