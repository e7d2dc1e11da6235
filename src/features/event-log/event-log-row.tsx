import { memo } from 'react';
import type { LogEntry } from '../../domain/event-normalise';
import { payloadText } from './log-search';

/** A collapsed row's height on a desktop (44 px on a phone: rows are measured). */
export const ROW_HEIGHT = 28;

const KIND_COLOURS: Record<LogEntry['kind'], string> = {
  participant: 'text-slate-700',
  dialin: 'text-blue-800',
  dialout: 'text-indigo-800',
  error: 'text-red-800',
  network: 'text-slate-600',
  meeting: 'text-slate-600',
  console: 'text-green-800',
  webhook: 'text-purple-800',
};

const time = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
});

/**
 * One event: time, name and summary on one line, a button that expands the row to show the
 * event's payload as JSON (measured by the virtualiser, so rows below move down).
 */
export const EventLogRow = memo(function EventLogRow(props: {
  entry: LogEntry;
  top: number;
  index: number;
  total: number;
  expanded: boolean;
  onToggle: (id: number) => void;
  measure: (el: HTMLElement | null) => void;
}) {
  const { entry, top, index, total, expanded, onToggle, measure } = props;
  return (
    <li
      ref={measure}
      data-index={index}
      aria-setsize={total}
      aria-posinset={index + 1}
      className="absolute inset-x-0 border-b border-slate-100"
      style={{ top }}
    >
      <button
        type="button"
        aria-expanded={expanded}
        onClick={() => onToggle(entry.id)}
        className="flex min-h-7 w-full min-w-0 items-center gap-2 overflow-hidden px-2 text-left font-mono text-xs whitespace-nowrap hover:bg-slate-50 focus-visible:-outline-offset-4 max-sm:min-h-11"
      >
        <span aria-hidden="true" className="text-slate-600">
          {expanded ? '▾' : '▸'}
        </span>
        <time dateTime={new Date(entry.at).toISOString()} className="text-slate-600">
          {time.format(entry.at)}
        </time>
        <span className={`font-semibold ${KIND_COLOURS[entry.kind]}`}>{entry.action}</span>
        <span className="truncate">{entry.summary}</span>
      </button>
      {expanded ? (
        <pre
          aria-label={`Payload of ${entry.action}`}
          className="mx-2 mb-2 max-h-64 overflow-auto rounded bg-slate-100 p-2 text-xs break-all whitespace-pre-wrap"
        >
          {payloadText(entry.payload, 2)}
        </pre>
      ) : null}
    </li>
  );
});
