/**
 * Follows the events table into the history's tables, in sequence order, a batch per
 * transaction: the batch's events are read after the stored cursor, the rows they touch are
 * loaded once, linked in memory (`linking.ts`) and written back with the new cursor, all in one
 * transaction under an advisory lock, so two instances on one Postgres index each event once.
 */
import type { Envelope } from '../domain/envelope';
import type { LegRow } from '../domain/projection';
import type { Database, Queryable } from '../store/database';
import {
  ConversationLinker,
  LINK_WINDOW_MS,
  callerKey,
  type ConversationRow,
  type Handoff,
  type Presence,
} from './linking';

const INDEX_LOCK = 4242020;

/** The payload fields linking and the leg projection read; nothing else is loaded (memory). */
const PAYLOAD_FIELDS = [
  'room',
  'session_id',
  'timestamp',
  'sip_from',
  'display_name',
  'destination',
  'origin',
  'to_endpoint',
  'from_endpoint',
  'is_sip_refer',
  'error_msg',
  'errorMsg',
  'error',
  'message',
];
const PAYLOAD = `jsonb_strip_nulls(jsonb_build_object(${PAYLOAD_FIELDS.map(
  (f) => `'${f}', envelope->'payload'->'${f}'`,
).join(', ')}))`;
export const INDEX_BATCH = 1_000;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

export const CONVERSATION_COLUMNS = [
  'id',
  'started_at',
  'last_at',
  'ended_at',
  'caller',
  'caller_name',
  'direction',
  'network',
  'rooms',
  'numbers',
  'agents',
  'outcome',
  'detail',
  'stage',
  'legs',
  'transfers',
  'steps',
] as const;

/** A stored conversation row, numbers as numbers. */
export function conversationFrom(r: Record<string, unknown>): ConversationRow {
  const row = { ...r };
  delete row.behind; // the index's state, when read beside a page
  return {
    ...(row as unknown as ConversationRow),
    started_at: Number(r.started_at),
    last_at: Number(r.last_at),
    ended_at: num(r.ended_at),
    legs: Number(r.legs),
    transfers: Number(r.transfers),
    steps: Number(r.steps),
  };
}

/** `INSERT … VALUES (…), (…) ON CONFLICT …` for many rows, in chunks the drivers accept. */
async function insertMany(
  q: Queryable,
  table: string,
  columns: readonly string[],
  rows: unknown[][],
  conflict: string,
): Promise<void> {
  const chunk = Math.floor(20_000 / columns.length);
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const values = part
      .map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`)
      .join(', ');
    await q.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ${conflict}`,
      part.flat(),
    );
  }
}

const updateAll = (columns: readonly string[], key: string) =>
  `ON CONFLICT (${key}) DO UPDATE SET ${columns
    .filter((c) => c !== key)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

/** Indexes at most `limit` events after the cursor; returns how many events it read. */
export async function indexBatch(db: Database, limit = INDEX_BATCH): Promise<number> {
  return db.transaction(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [INDEX_LOCK]);
    const [cursor] = await q.query<{ seq: number }>('SELECT seq FROM history_cursor WHERE id = 1');
    const after = Number(cursor?.seq ?? 0);
    const rows = await q.query<Record<string, unknown>>(
      `SELECT seq, received_at, type, envelope->'event_ts' AS event_ts, ${PAYLOAD} AS payload FROM events WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [after, limit],
    );
    if (!rows.length) return 0;
    const events = rows.map((r) => {
      const eventTs = json(r.event_ts) as Envelope['event_ts'] | null;
      return {
        seq: Number(r.seq),
        received_at: Number(r.received_at),
        envelope: {
          type: String(r.type),
          id: '',
          payload: json(r.payload) as Envelope['payload'],
          ...(eventTs !== null && eventTs !== undefined ? { event_ts: eventTs } : {}),
        },
      };
    });
    const linker = await load(q, events);
    for (const e of events) linker.apply(e);
    await save(q, linker);
    await q.query('UPDATE history_cursor SET seq = $1 WHERE id = 1', [events.at(-1)!.seq]);
    return events.length;
  });
}

/** The rows a batch may touch: its legs' conversations (every leg of each), open handoffs, presence. */
async function load(
  q: Queryable,
  events: { received_at: number; envelope: Envelope }[],
): Promise<ConversationLinker> {
  const sessions = new Set<string>();
  const rooms = new Set<string>();
  const keys = new Set<string>();
  let minAt = Infinity;
  let maxAt = -Infinity;
  for (const { envelope: e, received_at } of events) {
    const p = e.payload;
    if (typeof p.session_id === 'string') sessions.add(p.session_id);
    if (typeof p.room === 'string') rooms.add(p.room);
    const key = typeof p.sip_from === 'string' ? callerKey(p.sip_from) : undefined;
    if (key && e.type.startsWith('dialin.')) keys.add(key);
    minAt = Math.min(minAt, received_at);
    maxAt = Math.max(maxAt, received_at);
  }
  // Daily's timestamps may differ from our clock by a little: the windows are widened for it.
  const slack = 3_600_000;
  const presence = rooms.size
    ? (
        await q.query<Record<string, unknown>>(
          'SELECT username, room, from_at, to_at FROM history_presence WHERE room = ANY($1) AND from_at <= $2 AND (to_at IS NULL OR to_at >= $3)',
          [[...rooms], maxAt + slack, minAt - slack],
        )
      ).map((r): Presence => ({
        username: String(r.username),
        room: String(r.room),
        from_at: Number(r.from_at),
        to_at: num(r.to_at),
      }))
    : [];
  const linker = new ConversationLinker(presence);
  const handoffs = keys.size
    ? await q.query<Record<string, unknown>>(
        'SELECT * FROM history_handoffs WHERE caller_key = ANY($1) AND initiated_at >= $2',
        [[...keys], minAt - LINK_WINDOW_MS - slack],
      )
    : [];
  for (const h of handoffs) {
    const row = { ...(h as unknown as Handoff), initiated_at: Number(h.initiated_at) };
    linker.handoffs.set(`${row.session_id}\u0000${row.to_endpoint}`, row);
  }
  const conversationIds = new Set(handoffs.map((h) => String(h.conversation_id)));
  if (sessions.size) {
    for (const r of await q.query<{ conversation_id: string }>(
      'SELECT conversation_id FROM history_legs WHERE session_id = ANY($1)',
      [[...sessions]],
    )) {
      conversationIds.add(String(r.conversation_id));
    }
  }
  if (conversationIds.size) {
    const ids = [...conversationIds];
    for (const r of await q.query<Record<string, unknown>>(
      'SELECT session_id, conversation_id, leg FROM history_legs WHERE conversation_id = ANY($1)',
      [ids],
    )) {
      linker.setLeg(String(r.session_id), String(r.conversation_id), json(r.leg) as LegRow);
    }
    for (const r of await q.query<Record<string, unknown>>(
      'SELECT * FROM history_conversations WHERE id = ANY($1)',
      [ids],
    )) {
      const c = conversationFrom(r);
      linker.conversations.set(c.id, c);
    }
  }
  return linker;
}

/** The entries of `map` named by `ids`, as rows of `columns`. */
function rowsOf<T>(ids: Iterable<string>, map: Map<string, T>, columns: readonly (keyof T)[]) {
  return [...ids].map((id) => {
    const row = map.get(id)!;
    return columns.map((k) => row[k]);
  });
}

async function save(q: Queryable, linker: ConversationLinker): Promise<void> {
  const conversations = rowsOf(
    linker.dirtyConversations,
    linker.conversations,
    CONVERSATION_COLUMNS,
  );
  await insertMany(
    q,
    'history_conversations',
    CONVERSATION_COLUMNS,
    conversations,
    updateAll(CONVERSATION_COLUMNS, 'id'),
  );
  // Each room, number and agent of a changed conversation, at its (possibly earlier) start.
  const facets = [...linker.dirtyConversations].flatMap((id) => {
    const c = linker.conversations.get(id)!;
    return [
      ...c.rooms.map((v) => ['room', v, c.started_at, id]),
      ...c.numbers.map((v) => ['number', v, c.started_at, id]),
      ...c.agents.map((v) => ['agent', v, c.started_at, id]),
    ];
  });
  await insertMany(
    q,
    'history_facets',
    ['kind', 'value', 'started_at', 'conversation_id'],
    facets,
    'ON CONFLICT (kind, value, conversation_id) DO UPDATE SET started_at = EXCLUDED.started_at',
  );
  const legColumns = ['session_id', 'conversation_id', 'leg'];
  const legs = [...linker.dirtyLegs].map((id) => {
    const l = linker.legs.get(id)!;
    return [id, l.conversation_id, JSON.stringify(l.leg)];
  });
  await insertMany(q, 'history_legs', legColumns, legs, updateAll(legColumns, 'session_id'));
  const stepColumns = [
    'conversation_id',
    'seq',
    'at',
    'received_at',
    'type',
    'session_id',
    'room',
    'detail',
  ] as const;
  const steps = linker.steps.map((s) =>
    stepColumns.map((k) => (k === 'detail' ? JSON.stringify(s.detail) : s[k])),
  );
  await insertMany(q, 'history_steps', stepColumns, steps, 'ON CONFLICT DO NOTHING');
  const used = [...linker.usedHandoffs].map((id) => linker.handoffs.get(id)!);
  if (used.length) {
    await q.query(
      'DELETE FROM history_handoffs WHERE (session_id, to_endpoint) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
      [used.map((h) => h.session_id), used.map((h) => h.to_endpoint)],
    );
  }
  const handoffColumns = [
    'conversation_id',
    'session_id',
    'caller_key',
    'from_room',
    'to_endpoint',
    'initiated_at',
  ] as const;
  const fresh = rowsOf(linker.newHandoffs, linker.handoffs, handoffColumns);
  await insertMany(
    q,
    'history_handoffs',
    handoffColumns,
    fresh,
    'ON CONFLICT (session_id, to_endpoint) DO UPDATE SET initiated_at = EXCLUDED.initiated_at, conversation_id = EXCLUDED.conversation_id, caller_key = EXCLUDED.caller_key',
  );
}
