import { useCallback, useSyncExternalStore } from 'react';
import type { LegAction } from '../../domain/leg-action';
import { actionStore } from './action-store';

/** The newest action on one leg; re-renders only when it changes. */
export function useLegAction(sessionId: string): LegAction | undefined {
  const get = useCallback(() => actionStore.latestFor(sessionId), [sessionId]);
  return useSyncExternalStore(actionStore.subscribe, get, get);
}

/** Every action, oldest first (re-read on any change). */
export function useAllActions(): LegAction[] {
  const version = useSyncExternalStore(actionStore.subscribe, actionStore.getVersion);
  void version;
  return actionStore.all();
}
