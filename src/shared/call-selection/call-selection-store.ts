import { createStore } from '../../domain/store';

/**
 * The call the agent's keyboard shortcuts act on, and the calls the list shows, in the order it
 * shows them. The call list publishes what it shows and renders the selection; the shortcuts
 * move it. A request to focus is a counter, so asking twice for the same row focuses it twice.
 */
interface SelectionState {
  selected: string | undefined;
  shown: readonly string[];
  /** Bumped when the selected row should take the keyboard focus. */
  focusRequests: number;
}

const state = createStore<SelectionState>({ selected: undefined, shown: [], focusRequests: 0 });

export type Step = 'next' | 'previous' | 'first' | 'last';

export const callSelection = {
  get: state.get,
  subscribe: state.subscribe,
  selected: (): string | undefined => state.get().selected,
  focusRequests: (): number => state.get().focusRequests,
  /** The list's shown calls, in order (the list calls this whenever they change). */
  publish(shown: readonly string[]): void {
    state.set((s) => (s.shown === shown ? s : { ...s, shown }));
  },
  /** Selects a call; `focus` also moves the keyboard focus to its row. */
  select(sessionId: string | undefined, focus = false): void {
    state.set((s) =>
      s.selected === sessionId && !focus
        ? s
        : { ...s, selected: sessionId, focusRequests: s.focusRequests + (focus ? 1 : 0) },
    );
  },
  /** Moves the selection along the shown calls and focuses it; false when there are none. */
  step(step: Step): boolean {
    const { shown, selected } = state.get();
    if (shown.length === 0) return false;
    const at = selected === undefined ? -1 : shown.indexOf(selected);
    const index =
      step === 'first'
        ? 0
        : step === 'last'
          ? shown.length - 1
          : step === 'next'
            ? Math.min(at + 1, shown.length - 1)
            : at < 0
              ? shown.length - 1
              : Math.max(at - 1, 0);
    this.select(shown[index], true);
    return true;
  },
};
