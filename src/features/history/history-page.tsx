import { useEffect, useState } from 'react';
import { ApiError } from '../../shared/account-data';
import { announce } from '../../ui/live-region';
import { Button } from '../../ui/button';
import { ConversationTable } from './conversation-table';
import { ConversationTimeline } from './conversation-timeline';
import {
  filterQuery,
  PAGE_SIZE,
  useConversations,
  type Conversation,
  type HistoryFilter,
} from './history-api';
import { HistoryFilters, type FilterErrors } from './history-filters';

const FIELDS = [
  'from',
  'to',
  'room',
  'number',
  'agent',
  'outcome',
  'disposition',
  'handledBy',
] as const;

/** The server's "field: problem" message → that field's error. */
function fieldErrors(error: unknown): FilterErrors {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const field = FIELDS.find((f) => error.message.startsWith(`${f}:`));
  return field ? { [field]: error.message } : {};
}

/**
 * The history (supervisors and admins): conversations across every room for any time range,
 * filtered, a page at a time (keyset: "Older" follows the server's cursor, "Newer" goes back
 * along the cursors already seen), one conversation's timeline, and the exports of exactly
 * what the filter shows.
 */
export function HistoryPage() {
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const [open, setOpen] = useState<Conversation | undefined>();
  const after = cursors.at(-1);
  const list = useConversations(filter, after);
  const errors = fieldErrors(list.error);
  const rows = list.data?.conversations;
  const page = cursors.length + 1;

  useEffect(() => {
    if (rows) {
      announce(
        rows.length
          ? `Page ${page}: ${rows.length} conversation${rows.length === 1 ? '' : 's'}${list.data?.next ? ', more older' : ''}.`
          : 'No conversations match these filters.',
      );
    }
  }, [rows, page, list.data?.next]);

  const apply = (next: HistoryFilter) => {
    setFilter(next);
    setCursors([]);
    setOpen(undefined);
  };
  const exportHref = (format: 'csv' | 'json') =>
    `/api/history/export?${filterQuery(filter, { format })}`;

  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-4 p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Conversation history</h1>
        <a href="/" className="text-blue-800 underline">
          Back to the console
        </a>
      </div>
      <HistoryFilters onApply={apply} errors={errors} />
      <div className="flex flex-wrap items-center gap-3">
        <a href={exportHref('csv')} download className="text-blue-800 underline">
          Export CSV
        </a>
        <a href={exportHref('json')} download className="text-blue-800 underline">
          Export JSON
        </a>
        <span className="text-sm text-slate-600">
          Exports hold every conversation these filters show, on every page.
        </span>
      </div>
      {list.isPending ? <p>Loading conversations…</p> : null}
      {list.isError && !Object.keys(errors).length ? (
        <p role="alert" className="text-red-800">
          {list.error.message}
        </p>
      ) : null}
      {rows && rows.length === 0 ? <p>No conversations match these filters.</p> : null}
      {rows && rows.length > 0 ? <ConversationTable conversations={rows} onOpen={setOpen} /> : null}
      <nav aria-label="Pages" className="flex items-center gap-3">
        <Button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Newer
        </Button>
        <span className="text-sm">
          Page {page} ({PAGE_SIZE} a page)
        </span>
        <Button
          disabled={!list.data?.next}
          onClick={() => {
            const next = list.data?.next;
            if (next) setCursors((c) => [...c, next]);
          }}
        >
          Older
        </Button>
      </nav>
      {open ? (
        <ConversationTimeline conversation={open} onClose={() => setOpen(undefined)} />
      ) : null}
    </main>
  );
}
