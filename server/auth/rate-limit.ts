/**
 * Sign-in attempt limits: a fixed window per key (an account name, an address), in memory,
 * with a bounded number of keys (the oldest window is forgotten first) so a flood of made-up
 * usernames cannot grow memory. Per process: with several instances each keeps its own count,
 * which multiplies the allowance by the number of instances (said in the README).
 */
export class AttemptLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an attempt; returns the seconds to wait when the key is over its limit. */
  hit(key: string): { allowed: true } | { allowed: false; retryAfterS: number } {
    const at = this.now();
    let w = this.windows.get(key);
    if (!w || at - w.start >= this.windowMs) {
      this.windows.delete(key);
      w = { start: at, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > this.maxKeys) {
        this.windows.delete(this.windows.keys().next().value as string);
      }
    }
    w.count++;
    if (w.count <= this.limit) return { allowed: true };
    return {
      allowed: false,
      retryAfterS: Math.max(1, Math.ceil((w.start + this.windowMs - at) / 1000)),
    };
  }

  /** Forgets a key (a successful sign-in clears its account's count). */
  clear(key: string): void {
    this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }
}
