import { useCallback, useSyncExternalStore } from 'react';
import { legInfo } from '../../shared/leg-data';

/**
 * The call that joined last among `ids` (by Daily's `joined_at`), for the list's "Newest"
 * marker; undefined with fewer than two calls, where "newest" would tell the agent nothing.
 */
export function useNewestCall(ids: readonly string[]): string | undefined {
  const newest = useCallback(() => {
    if (ids.length < 2) return undefined;
    let best: string | undefined;
    let at = -Infinity;
    for (const id of ids) {
      const joined = legInfo.get(id)?.joinedAt;
      if (joined !== undefined && joined >= at) {
        best = id;
        at = joined;
      }
    }
    return best;
  }, [ids]);
  return useSyncExternalStore(legInfo.subscribe, newest, newest);
}
