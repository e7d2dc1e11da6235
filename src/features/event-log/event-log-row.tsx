import { memo } from 'react';
import type { LogEntry } from '../../domain/event-normalise';

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

export const EventLogRow = memo(function EventLogRow(props: {
  entry: LogEntry;
  top: number;
  index: number;
  total: number;
}) {
  const { entry, top, index, total } = props;
  return (
    <li
      aria-setsize={total}
      aria-posinset={index + 1}
      className="absolute inset-x-0 flex items-center gap-2 truncate border-b border-slate-100 px-2 font-mono text-xs"
      style={{ top, height: ROW_HEIGHT }}
    >
      <time dateTime={new Date(entry.at).toISOString()} className="text-slate-500">
        {time.format(entry.at)}
      </time>
      <span className={`font-semibold ${KIND_COLOURS[entry.kind]}`}>{entry.action}</span>
      <span className="truncate">{entry.summary}</span>
    </li>
  );
});
