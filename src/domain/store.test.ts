import { describe, expect, it, vi } from 'vitest';
import { createStore, type Store } from './store';

describe('createStore', () => {
  it('notifies subscribers on change only', () => {
    const store = createStore({ n: 1 });
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    const same = store.get();
    store.set(same);
    expect(listener).not.toHaveBeenCalled();
    store.set((prev) => ({ n: prev.n + 1 }));
    expect(store.get()).toEqual({ n: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.set({ n: 3 });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('createStore with observed', () => {
  it('starts on the first subscriber and stops when the last one leaves', () => {
    const stop = vi.fn();
    const observed = vi.fn(() => stop);
    const store = createStore(0, { observed });
    expect(observed).not.toHaveBeenCalled();
    const first = store.subscribe(() => undefined);
    const second = store.subscribe(() => undefined);
    expect(observed).toHaveBeenCalledTimes(1);
    first();
    first();
    expect(stop).not.toHaveBeenCalled();
    second();
    expect(stop).toHaveBeenCalledTimes(1);
    store.subscribe(() => undefined);
    expect(observed).toHaveBeenCalledTimes(2);
  });

  it('a value set while starting reaches the first subscriber through get()', () => {
    const store: Store<number> = createStore(0, {
      observed: () => {
        store.set(5);
        return () => undefined;
      },
    });
    const listener = vi.fn();
    store.subscribe(listener);
    expect(store.get()).toBe(5);
    expect(listener).not.toHaveBeenCalled();
  });
});
