/**
 * The exports: exactly the rows the list shows for a filter, as CSV or JSON, streamed a page at
 * a time (memory: one page, whatever the range). CSV cells that a spreadsheet would read as a
 * formula (starting with = + - @, a tab or a carriage return) are prefixed with an apostrophe.
 */
import { outcomeWords } from '../../src/domain/conversation-outcome';
import type { Queryable } from '../store/database';
import { everyConversation, type HistoryConversation, type HistoryFilter } from './query';

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/** One conversation as the exports give it (the same fields in CSV and JSON). */
export function exportRecord(c: HistoryConversation) {
  return {
    id: c.id,
    started_at: iso(c.started_at),
    ended_at: iso(c.ended_at),
    duration_s: c.ended_at === null ? null : Math.round((c.ended_at - c.started_at) / 1000),
    caller: c.caller ?? '',
    caller_name: c.caller_name ?? '',
    direction: c.direction ?? '',
    network: c.network ?? '',
    rooms: c.rooms,
    agents: c.agents,
    outcome: c.outcome,
    outcome_words: outcomeWords(c.outcome, { detail: c.detail, stage: c.stage }),
    legs: c.legs,
    transfers: c.transfers,
    // A queue call's wrap-up (blank for other conversations).
    queue: c.wrap_up?.queue ?? '',
    handled_by: c.wrap_up?.handled_by ?? '',
    disposition: c.wrap_up?.disposition ?? '',
    disposition_label: c.wrap_up?.disposition_label ?? '',
    note: c.wrap_up?.note ?? '',
  };
}

type ExportRecord = ReturnType<typeof exportRecord>;
const CSV_COLUMNS: (keyof ExportRecord)[] = [
  'id',
  'started_at',
  'ended_at',
  'duration_s',
  'caller',
  'caller_name',
  'direction',
  'network',
  'rooms',
  'agents',
  'outcome',
  'outcome_words',
  'legs',
  'transfers',
  'queue',
  'handled_by',
  'disposition',
  'disposition_label',
  'note',
];

/** A CSV cell: quoted when needed, and never a formula. */
export function csvCell(value: unknown): string {
  let text = Array.isArray(value) ? value.join(' > ') : value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (values: unknown[]) => `${values.map(csvCell).join(',')}\r\n`;

/** The export's text, chunk by chunk (one chunk per page of conversations). */
export async function* exportChunks(
  db: Queryable,
  filter: HistoryFilter,
  format: 'csv' | 'json',
): AsyncGenerator<string> {
  let first = true;
  if (format === 'csv') yield csvLine(CSV_COLUMNS);
  else yield '[';
  for await (const page of everyConversation(db, filter)) {
    let out = '';
    for (const c of page) {
      const record = exportRecord(c);
      if (format === 'csv') out += csvLine(CSV_COLUMNS.map((k) => record[k]));
      else {
        out += `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
        first = false;
      }
    }
    yield out;
  }
  if (format === 'json') yield '\n]\n';
}
