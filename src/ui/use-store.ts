import { useCallback, useSyncExternalStore } from 'react';
import type { Store } from '../domain/store';

/** Reads a slice of a store; the component re-renders only when that slice changes. */
export function useStore<T, S>(store: Store<T>, select: (value: T) => S): S {
  const getSnapshot = useCallback(() => select(store.get()), [store, select]);
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}
