/**
 * Sliding-window limit per key (a user, a chat). `hit` counts an event and says whether it
 * is allowed, and whether this is the first refusal of the window (so the polite reply is
 * sent once, not once per flooded message).
 */
export class RateLimiter {
  private readonly events = new Map<string, number[]>();
  private readonly warned = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: string): { allowed: boolean; firstRefusal: boolean; retryAfterMs: number } {
    const t = this.now();
    const recent = (this.events.get(key) ?? []).filter((x) => t - x < this.windowMs);
    if (recent.length < this.limit) {
      recent.push(t);
      this.events.set(key, recent);
      this.warned.delete(key);
      return { allowed: true, firstRefusal: false, retryAfterMs: 0 };
    }
    this.events.set(key, recent);
    const firstRefusal = !this.warned.has(key);
    this.warned.set(key, t);
    return { allowed: false, firstRefusal, retryAfterMs: this.windowMs - (t - recent[0]!) };
  }

  /**
   * Forget keys idle for a whole window, so memory follows active users only. A refused
   * key's warning is forgotten with it: its events have aged out, so its next refusal
   * starts a new window and deserves a new warning anyway.
   */
  sweep(): void {
    const t = this.now();
    for (const [key, list] of this.events) if (!list.length || t - list[list.length - 1]! >= this.windowMs) this.events.delete(key);
    for (const [key, at] of this.warned) if (!this.events.has(key) || t - at >= this.windowMs) this.warned.delete(key);
  }

  /** Keys held, for tests and diagnostics. */
  get size(): { events: number; warned: number } {
    return { events: this.events.size, warned: this.warned.size };
  }
}
