import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { LOG_KINDS, LOG_KIND_LABELS, type LogEntry } from '../../domain/event-normalise';
import { Button } from '../../ui/button';
import { eventLog, LOG_CAPACITY } from '../../shared/event-log-store';
import { downloadLog } from './export-log';
import { useEventLog, type LogFilter } from './use-event-log';
import { EventLogRow, ROW_HEIGHT } from './event-log-row';

function legOptions(all: LogEntry[]): { id: string; label: string }[] {
  // Every leg seen, labelled with the name any of its entries carries (events without a
  // participant, like dialin-connected, have none).
  const names = new Map<string, string | undefined>();
  for (const e of all) {
    if (!e.sessionId) continue;
    const p = (e.payload as { participant?: { user_name?: unknown } }).participant;
    const name = typeof p?.user_name === 'string' ? p.user_name : undefined;
    if (!names.get(e.sessionId)) names.set(e.sessionId, name);
  }
  return [...names].map(([id, name]) => ({
    id,
    label: name ? `${name} (${id.slice(0, 8)})` : id.slice(0, 8),
  }));
}

/** The event log: newest first, filterable by leg and kind, exportable, virtualised. */
export function EventLogView() {
  const [filter, setFilter] = useState<LogFilter>({ kind: 'all', sessionId: 'all' });
  const { entries, all } = useEventLog(filter);
  const legs = useMemo(() => legOptions(all), [all]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
  });

  return (
    <section aria-labelledby="event-log-heading" className="flex min-h-0 flex-col gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <h2 id="event-log-heading" className="mr-auto text-base font-semibold">
          Event log
        </h2>
        <label className="flex flex-col text-xs">
          Kind
          <select
            className="rounded border border-slate-400 px-1 py-1 text-sm"
            value={filter.kind}
            onChange={(e) =>
              setFilter((f) => ({ ...f, kind: e.target.value as LogFilter['kind'] }))
            }
          >
            <option value="all">All kinds</option>
            {LOG_KINDS.map((k) => (
              <option key={k} value={k}>
                {LOG_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs">
          Leg
          <select
            className="max-w-48 rounded border border-slate-400 px-1 py-1 text-sm"
            value={filter.sessionId}
            onChange={(e) => setFilter((f) => ({ ...f, sessionId: e.target.value }))}
          >
            <option value="all">All legs</option>
            {legs.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <Button size="sm" onClick={() => downloadLog(eventLog.entries(), eventLog.dropped())}>
          Export JSON
        </Button>
      </div>
      <p className="text-xs text-slate-600">
        {entries.length} shown · keeps the latest {LOG_CAPACITY.toLocaleString('en-US')} events
      </p>
      <div
        ref={scrollRef}
        className="h-72 overflow-auto rounded border border-slate-300 bg-white"
        tabIndex={0}
        aria-label="Event log entries"
        role="region"
      >
        <ol
          aria-label="Events, newest first"
          className="relative m-0 list-none p-0"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const entry = entries[item.index];
            return entry ? (
              <EventLogRow
                key={entry.id}
                entry={entry}
                top={item.start}
                index={item.index}
                total={entries.length}
              />
            ) : null;
          })}
        </ol>
      </div>
    </section>
  );
}
