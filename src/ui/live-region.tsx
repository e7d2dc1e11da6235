import { useSyncExternalStore } from 'react';
import { createStore } from '../domain/store';

const message = createStore({ text: '', seq: 0 });

/** Queue a polite screen-reader announcement (also shown visually in the status line). */
export function announce(text: string): void {
  message.set((prev) => ({ text, seq: prev.seq + 1 }));
}

/** The single polite live region (role status) of the app. */
export function LiveRegion() {
  const current = useSyncExternalStore(message.subscribe, message.get, message.get);
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="Status"
      className="min-h-6 truncate px-4 py-1 text-sm text-slate-700"
    >
      {current.text}
    </div>
  );
}
