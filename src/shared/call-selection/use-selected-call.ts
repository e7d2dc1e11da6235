import { useSyncExternalStore } from 'react';
import { callSelection } from './call-selection-store';

/** The selected call's session id (re-renders only when the selection changes). */
export function useSelectedCall(): string | undefined {
  return useSyncExternalStore(
    callSelection.subscribe,
    callSelection.selected,
    callSelection.selected,
  );
}
