import { useMemo, useSyncExternalStore } from 'react';
import type { LogEntry, LogKind } from '../../domain/event-normalise';
import { eventLog } from '../../shared/event-log-store';

export interface LogFilter {
  kind: LogKind | 'all';
  sessionId: string | 'all';
}

/** The log's entries, newest first, filtered; re-evaluated at most once a frame. */
export function useEventLog(filter: LogFilter): { entries: LogEntry[]; all: LogEntry[] } {
  const version = useSyncExternalStore(
    eventLog.subscribe,
    eventLog.getVersion,
    eventLog.getVersion,
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version is the store's change signal
  const all = useMemo(() => eventLog.entries(), [version]);
  const entries = useMemo(
    () =>
      all.filter(
        (e) =>
          (filter.kind === 'all' || e.kind === filter.kind) &&
          (filter.sessionId === 'all' || e.sessionId === filter.sessionId),
      ),
    [all, filter.kind, filter.sessionId],
  );
  return { entries, all };
}
