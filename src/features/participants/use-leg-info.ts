import { useCallback, useSyncExternalStore } from 'react';
import { legInfo, type LegInfo } from './leg-info-store';

/** The SIP-side info of one leg; re-renders only when that leg's info changes. */
export function useLegInfo(sessionId: string): LegInfo | undefined {
  const get = useCallback(() => legInfo.get(sessionId), [sessionId]);
  return useSyncExternalStore(legInfo.subscribe, get, get);
}
