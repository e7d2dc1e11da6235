import { useCallback, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { LOG_KINDS, LOG_KIND_LABELS } from '../../domain/event-normalise';
import { Button } from '../../ui/button';
import { eventLog, LOG_CAPACITY } from '../../shared/event-log-store';
import { downloadLog } from './export-log';
import type { LogFilter } from './log-search';
import { useEventLog } from './use-event-log';
import { EventLogRow, ROW_HEIGHT } from './event-log-row';

/**
 * The event log: newest first, filtered by kind and a search (an event's name or text, a leg's
 * name or id, anything in the payload), rows that expand to show the payload, an export of
 * exactly what is shown; virtualised.
 */
export function EventLogView() {
  const [filter, setFilter] = useState<LogFilter>({ kind: 'all', search: '' });
  const entries = useEventLog(filter);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const toggle = useCallback(
    (id: number) =>
      setExpanded((prev) => {
        const next = new Set(prev);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => entries[index]?.id ?? index,
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
            className="rounded border border-slate-400 px-1 py-1 text-sm max-sm:min-h-11"
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
          Search the log
          <input
            type="search"
            className="w-48 rounded border border-slate-400 px-1 py-1 text-sm max-sm:min-h-11"
            placeholder="Event, leg, number, payload"
            value={filter.search}
            onChange={(e) => setFilter((f) => ({ ...f, search: e.target.value }))}
          />
        </label>
        <Button size="sm" onClick={() => downloadLog(entries, eventLog.dropped(), filter)}>
          Export JSON
        </Button>
      </div>
      <p className="text-xs text-slate-600">
        {entries.length} shown · Export writes what is shown · keeps the latest{' '}
        {LOG_CAPACITY.toLocaleString('en-US')} events
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
                expanded={expanded.has(entry.id)}
                onToggle={toggle}
                measure={virtualizer.measureElement}
              />
            ) : null;
          })}
        </ol>
      </div>
    </section>
  );
}
