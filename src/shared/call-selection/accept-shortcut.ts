import { createStore } from '../../domain/store';

/**
 * The "accept the offered call" shortcut (A), reserved for a feature that offers calls (a
 * queue): it registers what accepting means while an offer is showing, and unregisters when
 * the offer goes. Without a handler the key only says that nothing is offered.
 */
const handler = createStore<(() => void) | undefined>(undefined);

export const acceptShortcut = {
  /** Registers the handler; returns the unregister function (for an effect's cleanup). */
  register(accept: () => void): () => void {
    handler.set(() => accept);
    return () => handler.set((current) => (current === accept ? undefined : current));
  },
  /** Runs the registered handler; false when nothing is offered. */
  run(): boolean {
    const accept = handler.get();
    if (!accept) return false;
    accept();
    return true;
  },
};
