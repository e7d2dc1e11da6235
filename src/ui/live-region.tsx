import { useSyncExternalStore } from 'react';
import { createStore } from '../domain/store';

const message = createStore({ text: '', seq: 0 });

/**
 * Queue a polite screen-reader announcement. Every change is also visible on screen where it
 * happens (a row's status, a form's message), so the region itself is visually hidden.
 */
export function announce(text: string): void {
  message.set((prev) => ({ text, seq: prev.seq + 1 }));
}

/** The single polite live region (role status) of the app. */
export function LiveRegion() {
  const current = useSyncExternalStore(message.subscribe, message.get, message.get);
  return (
    <div role="status" aria-live="polite" aria-label="Status" className="sr-only">
      {current.text}
    </div>
  );
}
