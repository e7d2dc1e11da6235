import type { LogEntry } from '../../domain/event-normalise';

function replacer(_key: string, value: unknown) {
  if (value instanceof Set) return [...value];
  if (value instanceof Map) return Object.fromEntries(value);
  return value;
}

/** Serialises entries (oldest first) for the JSON export. */
export function serialiseLog(entries: LogEntry[], dropped: number): string {
  const ordered = [...entries].reverse().map((e) => ({ ...e, time: new Date(e.at).toISOString() }));
  return JSON.stringify(
    { exportedAt: new Date().toISOString(), droppedOlderEvents: dropped, events: ordered },
    replacer,
    2,
  );
}

/** Offers the log as a .json download. */
export function downloadLog(entries: LogEntry[], dropped: number): void {
  const blob = new Blob([serialiseLog(entries, dropped)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `agent-console-events-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
