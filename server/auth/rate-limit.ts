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

/**
 * Failed sign-ins of one key (an account name and an address together), with backoff: the
 * first `free` failures cost nothing, then each further failure locks the key for `baseMs`,
 * doubling up to `maxMs`. A success clears the key. Keyed by the pair, so an attacker at one
 * address locks only themselves out of the account: its owner, elsewhere, still gets in.
 */
export class FailureBackoff {
  private readonly keys = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(
    private readonly free: number,
    private readonly baseMs: number,
    private readonly maxMs: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the key may try now; the seconds to wait when it is locked. */
  check(key: string): { allowed: true } | { allowed: false; retryAfterS: number } {
    const wait = (this.keys.get(key)?.lockedUntil ?? 0) - this.now();
    return wait > 0 ? { allowed: false, retryAfterS: Math.ceil(wait / 1000) } : { allowed: true };
  }

  fail(key: string): void {
    const entry = this.keys.get(key) ?? { failures: 0, lockedUntil: 0 };
    this.keys.delete(key); // most recent last: the oldest is forgotten first
    entry.failures++;
    const over = entry.failures - this.free;
    if (over >= 0) {
      entry.lockedUntil = this.now() + Math.min(this.maxMs, this.baseMs * 2 ** Math.min(over, 30));
    }
    this.keys.set(key, entry);
    if (this.keys.size > this.maxKeys) this.keys.delete(this.keys.keys().next().value as string);
  }

  clear(key: string): void {
    this.keys.delete(key);
  }
}
