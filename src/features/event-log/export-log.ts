import type { LogEntry } from '../../domain/event-normalise';
import { payloadText, type LogFilter } from './log-search';

/**
 * Serialises the entries the log shows (oldest first) for the JSON export, with the filter
 * that chose them: what the agent sees is what the file holds.
 */
export function serialiseLog(entries: LogEntry[], dropped: number, filter: LogFilter): string {
  const ordered = [...entries].reverse().map((e) => ({ ...e, time: new Date(e.at).toISOString() }));
  return payloadText(
    {
      exportedAt: new Date().toISOString(),
      filter: { kind: filter.kind, search: filter.search.trim() },
      droppedOlderEvents: dropped,
      events: ordered,
    },
    2,
  );
}

/** Offers the shown entries as a .json download. */
export function downloadLog(entries: LogEntry[], dropped: number, filter: LogFilter): void {
  const blob = new Blob([serialiseLog(entries, dropped, filter)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `agent-console-events-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
