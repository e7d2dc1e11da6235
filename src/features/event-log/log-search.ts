import type { LogEntry, LogKind } from '../../domain/event-normalise';

export interface LogFilter {
  kind: LogKind | 'all';
  /** Free text: an event's name, summary, session id or payload, or a leg's name. */
  search: string;
}

/** The payload as JSON text (Sets and Maps as arrays and objects), for search and display. */
export function payloadText(payload: unknown, indent?: number): string {
  try {
    return (
      JSON.stringify(
        payload,
        (_key, value: unknown) =>
          value instanceof Set
            ? [...value]
            : value instanceof Map
              ? Object.fromEntries(value)
              : value,
        indent,
      ) ?? ''
    );
  } catch {
    return String(payload);
  }
}

// Entries never change once logged: each one's searchable text is built once.
const texts = new WeakMap<LogEntry, string>();
function textOf(e: LogEntry): string {
  let text = texts.get(e);
  if (text === undefined) {
    text = `${e.action} ${e.summary} ${e.sessionId ?? ''} ${payloadText(e.payload)}`.toLowerCase();
    texts.set(e, text);
  }
  return text;
}

function nameOf(e: LogEntry): string | undefined {
  const p = (e.payload as { participant?: { user_name?: unknown } } | null)?.participant;
  return typeof p?.user_name === 'string' ? p.user_name : undefined;
}

/**
 * The entries the filter shows, newest first. A search that matches a leg's name shows every
 * event of that leg, including those that carry no name (dialin-connected, the console's own
 * calls): searching "Bob" is what filtering by Bob's leg used to be.
 */
export function filterLog(all: readonly LogEntry[], filter: LogFilter): LogEntry[] {
  const q = filter.search.trim().toLowerCase();
  const ofKind = (e: LogEntry) => filter.kind === 'all' || e.kind === filter.kind;
  if (!q) return all.filter(ofKind);
  const legs = new Set<string>();
  for (const e of all) {
    if (e.sessionId && nameOf(e)?.toLowerCase().includes(q)) legs.add(e.sessionId);
  }
  return all.filter(
    (e) =>
      ofKind(e) && ((e.sessionId !== undefined && legs.has(e.sessionId)) || textOf(e).includes(q)),
  );
}
