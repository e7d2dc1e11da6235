import { useSyncExternalStore } from 'react';
import { createStore, type Store } from '../domain/store';

// One shared 1 Hz clock for every call timer on screen, ticking only while rows subscribe.
const clock: Store<number> = createStore(Date.now(), {
  observed() {
    clock.set(Date.now());
    const timer = setInterval(() => clock.set(Date.now()), 1000);
    return () => clearInterval(timer);
  },
});

/** The current time, refreshed once a second while any component uses it. */
export function useNow(): number {
  return useSyncExternalStore(clock.subscribe, clock.get, clock.get);
}
