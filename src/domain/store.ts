/**
 * The console's one idiom for shared state: a minimal observable value, the shape React's
 * `useSyncExternalStore` wants. Every store in the console is one of these: a plain value (the
 * open dialog, the feed's status, a clock), or a change counter for state kept in a structure
 * of its own (the action book, the leg map, the event log's ring buffer), which bumps it with
 * `set((v) => v + 1)` and lets readers select from the structure.
 */
export interface Store<T> {
  get(): T;
  /** Replaces the value; listeners hear of it only when it changed (`Object.is`). */
  set(next: T | ((prev: T) => T)): void;
  subscribe(listener: () => void): () => void;
}

export interface StoreOptions {
  /**
   * Runs when the first listener subscribes; what it returns runs when the last one leaves.
   * For values that cost something to keep fresh (a timer) only while someone reads them.
   */
  observed?: () => () => void;
}

export function createStore<T>(initial: T, options: StoreOptions = {}): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  let unobserve: (() => void) | undefined;
  return {
    get: () => value,
    set(next) {
      const resolved = typeof next === 'function' ? (next as (prev: T) => T)(value) : next;
      if (Object.is(resolved, value)) return;
      value = resolved;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      if (listeners.size === 0 && options.observed) unobserve = options.observed();
      listeners.add(listener);
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0) return;
        unobserve?.();
        unobserve = undefined;
      };
    },
  };
}
