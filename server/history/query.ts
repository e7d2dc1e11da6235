/**
 * Reading the history: a filtered list, newest first, paged by keyset (`started_at, id` of the
 * last row shown; never OFFSET, so page 100 costs what page 1 does), a conversation's legs and
 * timeline, and every row a filter matches, page by page (the exports stream these).
 */
import type { ConversationOutcome } from '../../src/domain/conversation-outcome';
import type { LegRow } from '../domain/projection';
import type { Queryable } from '../store/database';
import { conversationFrom } from './indexer';
import { callerKey, type ConversationRow, type StepRow } from './linking';
import { withWrapUps, wrapUpTerms, type WrapUpFilter, type WrapUpRecord } from './wrap-ups';

export interface HistoryFilter extends WrapUpFilter {
  /** Conversations that started at or after this (ms epoch). */
  from?: number;
  /** …and before this (ms epoch). */
  to?: number;
  room?: string;
  /** A number or SIP address in any formatting (see `callerKey`). */
  number?: string;
  /** An agent's username. */
  agent?: string;
  outcome?: ConversationOutcome;
}

export interface PageCursor {
  startedAt: number;
  id: string;
}

export const encodeCursor = (c: PageCursor): string =>
  Buffer.from(JSON.stringify([c.startedAt, c.id])).toString('base64url');

export function decodeCursor(raw: string): PageCursor | undefined {
  try {
    const [startedAt, id] = JSON.parse(Buffer.from(raw, 'base64url').toString()) as unknown[];
    if (typeof startedAt === 'number' && Number.isFinite(startedAt) && typeof id === 'string') {
      return { startedAt, id };
    }
  } catch {
    // fall through
  }
  return undefined;
}

/** A filter on one of a conversation's lists (rooms, numbers, agents), as a facet row. */
type Facet = { kind: 'room' | 'number' | 'agent'; value: string };

/** The filter's facets, the most selective first (a number, then an agent, then a room). */
function facetsOf(filter: HistoryFilter): Facet[] {
  const out: Facet[] = [];
  if (filter.number) out.push({ kind: 'number', value: callerKey(filter.number) ?? '' });
  if (filter.agent) out.push({ kind: 'agent', value: filter.agent });
  if (filter.room) out.push({ kind: 'room', value: filter.room });
  return out;
}

const FACET_COLUMN = { room: 'rooms', number: 'numbers', agent: 'agents' } as const;

/**
 * The query for a page. Newest first by (`started_at`, `id`): with a room, number or agent the
 * page is read from that facet's index (`history_facets`, ordered the same way), so it costs a
 * range of the index whatever the filter matches; without one, from the conversations' own.
 */
function pageSql(
  filter: HistoryFilter,
  limit: number,
  after?: PageCursor,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const terms: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const [lead, ...rest] = facetsOf(filter);
  const [at, id] = lead ? ['f.started_at', 'f.conversation_id'] : ['c.started_at', 'c.id'];
  if (lead) terms.push(`f.kind = ${p(lead.kind)} AND f.value = ${p(lead.value)}`);
  if (filter.from !== undefined) terms.push(`${at} >= ${p(filter.from)}`);
  if (filter.to !== undefined) terms.push(`${at} < ${p(filter.to)}`);
  for (const f of rest) terms.push(`c.${FACET_COLUMN[f.kind]} @> ARRAY[${p(f.value)}]::text[]`);
  if (filter.outcome) terms.push(`c.outcome = ${p(filter.outcome)}`);
  terms.push(...wrapUpTerms(filter, p));
  if (after) terms.push(`(${at}, ${id}) < (${p(after.startedAt)}, ${p(after.id)})`);
  const from = lead
    ? 'history_facets f JOIN history_conversations c ON c.id = f.conversation_id'
    : 'history_conversations c';
  const where = terms.length ? `WHERE ${terms.join(' AND ')}` : '';
  return {
    sql: `SELECT c.* FROM ${from} ${where} ORDER BY ${at} DESC, ${id} DESC LIMIT ${Math.floor(limit) + 1}`,
    params,
  };
}

/** A conversation as the history gives it: with its queue wrap-up, if it was a queue call. */
export type HistoryConversation = ConversationRow & { wrap_up: WrapUpRecord | null };

export interface Page {
  conversations: HistoryConversation[];
  next: PageCursor | null;
  /** Asked for with `checkIndex`: events were stored that the history has not indexed yet. */
  behind?: boolean;
}

/** The index's state beside a page, in the same read (one round trip for both). */
const BEHIND =
  '(SELECT max(seq) FROM events) > (SELECT seq FROM history_cursor WHERE id = 1) AS behind';

/** One page of conversations, newest first; with `checkIndex`, whether the index is behind. */
export async function listConversations(
  db: Queryable,
  filter: HistoryFilter,
  opts: { limit: number; after?: PageCursor; checkIndex?: boolean },
): Promise<Page> {
  const { sql: select, params } = pageSql(filter, opts.limit, opts.after);
  let rows = await db.query(
    opts.checkIndex
      ? `WITH state AS (SELECT ${BEHIND}) SELECT state.behind, c.* FROM state LEFT JOIN LATERAL (${select}) c ON true`
      : select,
    params,
  );
  const behind = opts.checkIndex ? rows[0]?.behind === true : undefined;
  if (opts.checkIndex) rows = rows.filter((r) => r.id !== null);
  const conversations = await withWrapUps(db, rows.slice(0, opts.limit).map(conversationFrom));
  const last = conversations.at(-1);
  return {
    conversations,
    next: rows.length > opts.limit && last ? { startedAt: last.started_at, id: last.id } : null,
    ...(behind !== undefined ? { behind } : {}),
  };
}

/** Every conversation the filter matches, page by page (memory: one page). */
export async function* everyConversation(
  db: Queryable,
  filter: HistoryFilter,
  pageSize = 500,
): AsyncGenerator<HistoryConversation[]> {
  let after: PageCursor | undefined;
  for (;;) {
    const page = await listConversations(db, filter, {
      limit: pageSize,
      ...(after ? { after } : {}),
    });
    if (page.conversations.length) yield page.conversations;
    if (!page.next) return;
    after = page.next;
  }
}

export interface ConversationDetail {
  conversation: HistoryConversation;
  legs: LegRow[];
  steps: StepRow[];
}

/** A conversation with its legs and its timeline (every event, in order). */
export async function conversationDetail(
  db: Queryable,
  id: string,
): Promise<ConversationDetail | undefined> {
  const [row] = await db.query('SELECT * FROM history_conversations WHERE id = $1', [id]);
  if (!row) return undefined;
  const legs = await db.query<{ leg: unknown }>(
    'SELECT leg FROM history_legs WHERE conversation_id = $1',
    [id],
  );
  const steps = await db.query<Record<string, unknown>>(
    'SELECT * FROM history_steps WHERE conversation_id = $1 ORDER BY seq LIMIT 5000',
    [id],
  );
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return {
    conversation: (await withWrapUps(db, [conversationFrom(row)]))[0]!,
    legs: legs
      .map((l) => parse(l.leg) as LegRow)
      .sort((a, b) => (a.started_at ?? 0) - (b.started_at ?? 0)),
    steps: steps.map((s) => ({
      ...(s as unknown as StepRow),
      seq: Number(s.seq),
      at: Number(s.at),
      received_at: Number(s.received_at),
      detail: parse(s.detail) as StepRow['detail'],
    })),
  };
}
