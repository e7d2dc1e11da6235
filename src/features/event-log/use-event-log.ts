import { useMemo, useSyncExternalStore } from 'react';
import type { LogEntry } from '../../domain/event-normalise';
import { eventLog } from '../../shared/event-log-store';
import { filterLog, type LogFilter } from './log-search';

/** The log's entries, newest first, filtered; re-evaluated at most once a frame. */
export function useEventLog(filter: LogFilter): LogEntry[] {
  const version = useSyncExternalStore(
    eventLog.subscribe,
    eventLog.getVersion,
    eventLog.getVersion,
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version is the store's change signal
  const all = useMemo(() => eventLog.entries(), [version]);
  return useMemo(() => filterLog(all, filter), [all, filter]);
}
