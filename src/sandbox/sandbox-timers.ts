/**
 * The sandbox's clock: every simulated delay is a `setTimeout`, registered here so that
 * `leave()` can cancel everything that belongs to the meeting and a hang-up can cancel what
 * belongs to one phone leg. Timers with the same due time fire in scheduling order, which is
 * what keeps the simulated event sequences deterministic (also under `vi.useFakeTimers()`).
 */
export class SandboxTimers {
  private readonly timers = new Map<ReturnType<typeof setTimeout>, string | undefined>();

  /** Runs `fn` after `ms` in a later macrotask; `tag` groups timers for {@link cancelTag}. */
  after(ms: number, fn: () => void, tag?: string): void {
    const id = setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, ms);
    this.timers.set(id, tag);
  }

  /** Cancels every pending timer scheduled with this tag. */
  cancelTag(tag: string): void {
    for (const [id, t] of this.timers) {
      if (t === tag) {
        clearTimeout(id);
        this.timers.delete(id);
      }
    }
  }

  /** Cancels every pending timer. */
  cancelAll(): void {
    for (const id of this.timers.keys()) clearTimeout(id);
    this.timers.clear();
  }

  /** How many timers are pending (for tests and the sandbox panel). */
  get size(): number {
    return this.timers.size;
  }
}
