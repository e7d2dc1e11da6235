import { useCallback, useSyncExternalStore } from 'react';
import { legInfo, type LegInfo } from './leg-info-store';

/** The SIP-side info of one leg; re-renders only when that leg's info changes. */
export function useLegInfo(sessionId: string): LegInfo | undefined {
  const get = useCallback(() => legInfo.get(sessionId), [sessionId]);
  return useSyncExternalStore(legInfo.subscribe, get, get);
}

/**
 * The leg's distinguishing label ("Caller (+1 415 555 0100)", "Caller #2, joined 09:05:07"),
 * or `fallback` until the leg is known; re-renders only when the label changes.
 */
export function useLegLabel(sessionId: string, fallback: string): string {
  const get = useCallback(() => legInfo.label(sessionId, fallback), [sessionId, fallback]);
  return useSyncExternalStore(legInfo.subscribe, get, get);
}
