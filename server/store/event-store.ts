/**
 * The event store: Daily's webhooks appended in order (one sequence number each, unique on
 * the envelope's id and type: Daily's examples reuse ids across types), with the leg and transfer projections updated in the same transaction.
 * Appends are serialised by a transaction-scoped advisory lock, so sequence order is commit
 * order on every engine and across instances: a reader that asks for "after N" never skips a
 * row that commits later with a smaller number.
 */
import { envelopeKeys, envelopeTimeMs, type Envelope } from '../domain/envelope';
import { projectLeg, projectTransfer, type LegRow, type TransferRow } from '../domain/projection';
import type { Database, Queryable } from './database';

export const EVENTS_CHANNEL = 'console_events';
const APPEND_LOCK = 4242002;

export type Change = { kind: 'leg'; row: LegRow } | { kind: 'transfer'; row: TransferRow };

export interface StoredEvent {
  seq: number;
  id: string;
  type: string;
  room: string | null;
  envelope: Envelope;
  changes: Change[];
}

export interface AppendResult {
  seq: number;
  duplicate: boolean;
}

const LEG_COLUMNS = [
  'session_id',
  'room',
  'direction',
  'network',
  'from_addr',
  'to_addr',
  'display_name',
  'started_at',
  'ended_at',
  'state',
  'detail',
] as const;
const TRANSFER_COLUMNS = [
  'session_id',
  'to_endpoint',
  'room',
  'from_endpoint',
  'refer',
  'triggered_at',
  'initiated_at',
  'answered_at',
  'completed_at',
  'outcome',
] as const;

function upsertSql(table: string, columns: readonly string[], key: string[]): string {
  const all = [...columns, 'last_seq'];
  const values = all.map((_, i) => `$${i + 1}`).join(', ');
  const updates = all
    .filter((c) => !key.includes(c))
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  return `INSERT INTO ${table} (${all.join(', ')}) VALUES (${values}) ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates}`;
}
const UPSERT_LEG = upsertSql('legs', LEG_COLUMNS, ['session_id']);
const UPSERT_TRANSFER = upsertSql('transfers', TRANSFER_COLUMNS, ['session_id', 'to_endpoint']);

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function legFrom(r: Record<string, unknown>): LegRow {
  return {
    ...(r as unknown as LegRow),
    started_at: num(r.started_at),
    ended_at: num(r.ended_at),
  };
}
export function transferFrom(r: Record<string, unknown>): TransferRow {
  return {
    ...(r as unknown as TransferRow),
    triggered_at: num(r.triggered_at),
    initiated_at: num(r.initiated_at),
    answered_at: num(r.answered_at),
    completed_at: num(r.completed_at),
  };
}
export function strip<T extends object>(row: T): T {
  const out = { ...row } as Record<string, unknown>;
  delete out.last_seq;
  return out as T;
}

/**
 * The projections of one batch, in memory: the batch's legs and transfers are read once,
 * each event applied in order (its changes recorded for the stream), and every row that
 * changed is written once at the end, in the same transaction.
 */
class BatchProjector {
  private legs = new Map<string, LegRow>();
  private transfers = new Map<string, TransferRow & { last_seq: number }>();
  private dirtyLegs = new Map<string, number>();
  private dirtyTransfers = new Map<string, number>();

  async load(q: Queryable, envelopes: Envelope[]): Promise<void> {
    const sessions = [
      ...new Set(envelopes.map((e) => envelopeKeys(e).sessionId).filter((s) => s !== undefined)),
    ];
    if (!sessions.length) return;
    for (const r of await q.query('SELECT * FROM legs WHERE session_id = ANY($1)', [sessions])) {
      this.legs.set(String(r.session_id), strip(legFrom(r)));
    }
    const transferSessions = [
      ...new Set(
        envelopes
          .filter((e) => e.type.startsWith('calltransfer.'))
          .map((e) => envelopeKeys(e).sessionId)
          .filter((s) => s !== undefined),
      ),
    ];
    if (!transferSessions.length) return;
    for (const r of await q.query('SELECT * FROM transfers WHERE session_id = ANY($1)', [
      transferSessions,
    ])) {
      const row = transferFrom(r);
      this.transfers.set(transferKey(row.session_id, row.to_endpoint), {
        ...strip(row),
        last_seq: Number(r.last_seq),
      });
    }
  }

  apply(e: Envelope, atMs: number, seq: number): Change[] {
    const changes: Change[] = [];
    const { sessionId } = envelopeKeys(e);
    if (!sessionId) return changes;
    const leg = projectLeg(this.legs.get(sessionId) ?? null, e, atMs);
    if (leg) {
      this.legs.set(sessionId, leg);
      this.dirtyLegs.set(sessionId, seq);
      changes.push({ kind: 'leg', row: leg });
    }
    if (e.type.startsWith('calltransfer.')) {
      const to = typeof e.payload.to_endpoint === 'string' ? e.payload.to_endpoint : undefined;
      let prev: (TransferRow & { last_seq: number }) | undefined;
      if (to) prev = this.transfers.get(transferKey(sessionId, to));
      else {
        for (const t of this.transfers.values()) {
          if (t.session_id === sessionId && (!prev || t.last_seq > prev.last_seq)) prev = t;
        }
      }
      const base = prev ? strip(prev) : null;
      const transfer = projectTransfer(base, e, atMs);
      if (transfer) {
        const key = transferKey(transfer.session_id, transfer.to_endpoint);
        this.transfers.set(key, { ...transfer, last_seq: seq });
        this.dirtyTransfers.set(key, seq);
        changes.push({ kind: 'transfer', row: transfer });
      }
    }
    return changes;
  }

  async save(q: Queryable): Promise<void> {
    const legRows = [...this.dirtyLegs].map(([id, seq]) => {
      const leg = this.legs.get(id)!;
      return [...LEG_COLUMNS.map((c) => leg[c]), seq];
    });
    if (legRows.length) await q.query(multiRow(UPSERT_LEG, legRows), legRows.flat());
    const transferRows = [...this.dirtyTransfers].map(([key, seq]) => {
      const t = this.transfers.get(key)!;
      return [...TRANSFER_COLUMNS.map((c) => t[c]), seq];
    });
    if (transferRows.length) {
      await q.query(multiRow(UPSERT_TRANSFER, transferRows), transferRows.flat());
    }
  }
}

const transferKey = (sessionId: string, to: string) => `${sessionId}\u0000${to}`;
/** What makes a webhook one event: its envelope id and type. */
const eventKey = (id: string, type: string) => `${id}\u0000${type}`;

/** Turns a one-row `INSERT … VALUES ($1, …) ON CONFLICT …` into one for every row. */
function multiRow(sql: string, rows: unknown[][]): string {
  const width = rows[0]!.length;
  const values = rows
    .map(
      (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`,
    )
    .join(', ');
  return sql.replace(/VALUES \([^)]*\)/, `VALUES ${values}`);
}

export interface EventStore {
  append(envelope: Envelope, nowMs?: number): Promise<AppendResult>;
  /**
   * Hears every batch this process committed, in commit order, from memory (no read back). A
   * listener must still follow NOTIFY for other instances' events and read the store when a
   * batch does not follow what it has (a gap).
   */
  onCommitted(listener: (events: StoredEvent[]) => void): () => void;
  /** Events after `afterSeq`, in order, optionally for one room or any of `rooms`. */
  since(
    afterSeq: number,
    opts?: { room?: string; rooms?: readonly string[]; limit?: number },
  ): Promise<StoredEvent[]>;
  /** The highest sequence number stored (0 when empty). */
  head(): Promise<number>;
  /** The cursor before a room's events received since `sinceMs` (at most `max` of them). */
  replayCursor(room: string, sinceMs: number, max: number): Promise<number>;
  legs(room: string): Promise<LegRow[]>;
  transfers(room: string): Promise<TransferRow[]>;
  /** Deletes events received before `beforeMs`; returns how many. */
  prune(beforeMs: number): Promise<number>;
  count(): Promise<number>;
}

interface PendingAppend {
  envelope: Envelope;
  nowMs: number;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** Appends waiting for the next transaction; one transaction carries up to this many. */
const BATCH_MAX = 256;

/**
 * Group commit: appends that arrive while a transaction is running wait and share the next
 * one, so the cost of a commit (an fsync on Postgres) is paid once per batch, not per webhook.
 * Each caller's promise settles only after its batch committed (a 2xx means stored).
 */
async function appendBatch(
  db: Database,
  batch: PendingAppend[],
): Promise<{ results: AppendResult[]; stored: StoredEvent[] }> {
  return db.transaction(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
    const ids = [...new Set(batch.map((b) => b.envelope.id))];
    const known = new Map<string, number>();
    for (const r of await q.query<{ id: string; type: string; seq: number }>(
      'SELECT id, type, seq FROM events WHERE id = ANY($1)',
      [ids],
    )) {
      known.set(eventKey(String(r.id), String(r.type)), Number(r.seq));
    }
    const fresh = new Set(
      batch.map((b) => eventKey(b.envelope.id, b.envelope.type)).filter((k) => !known.has(k)),
    );
    const seqs = fresh.size
      ? (
          await q.query<{ seq: number }>(
            "SELECT nextval(pg_get_serial_sequence('events', 'seq')) AS seq FROM generate_series(1, $1)",
            [fresh.size],
          )
        )
          .map((r) => Number(r.seq))
          .sort((a, b) => a - b)
      : [];
    const results: AppendResult[] = [];
    const rows: unknown[][] = [];
    const stored: StoredEvent[] = [];
    const projector = new BatchProjector();
    await projector.load(
      q,
      batch
        .filter((b) => fresh.has(eventKey(b.envelope.id, b.envelope.type)))
        .map((b) => b.envelope),
    );
    for (const { envelope, nowMs } of batch) {
      const key = eventKey(envelope.id, envelope.type);
      const existing = known.get(key);
      if (existing !== undefined) {
        results.push({ seq: existing, duplicate: true });
        continue;
      }
      const seq = seqs[rows.length]!;
      known.set(key, seq);
      const changes = projector.apply(envelope, envelopeTimeMs(envelope, nowMs), seq);
      const { room, sessionId } = envelopeKeys(envelope);
      stored.push({
        seq,
        id: envelope.id,
        type: envelope.type,
        room: room ?? null,
        envelope,
        changes,
      });
      rows.push([
        seq,
        envelope.id,
        envelope.type,
        room ?? null,
        sessionId ?? null,
        nowMs,
        JSON.stringify(envelope),
        JSON.stringify(changes),
      ]);
      results.push({ seq, duplicate: false });
    }
    await projector.save(q);
    if (rows.length) {
      const values = rows
        .map((_, r) => `(${Array.from({ length: 8 }, (_, c) => `$${r * 8 + c + 1}`).join(', ')})`)
        .join(', ');
      await q.query(
        `INSERT INTO events (seq, id, type, room, session_id, received_at, envelope, changes) VALUES ${values}`,
        rows.flat(),
      );
      await db.notify(q, EVENTS_CHANNEL, String(seqs[rows.length - 1]));
    }
    return { results, stored };
  });
}

export function createEventStore(db: Database): EventStore {
  const queue: PendingAppend[] = [];
  const committed = new Set<(events: StoredEvent[]) => void>();
  let running = false;
  const drain = async () => {
    if (running) return;
    running = true;
    while (queue.length) {
      const batch = queue.splice(0, BATCH_MAX);
      try {
        const { results, stored } = await appendBatch(db, batch);
        for (const listener of stored.length ? committed : []) {
          try {
            listener(stored);
          } catch {
            // A listener's failure is its own: the events are stored, the callers are told so.
          }
        }
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    running = false;
  };
  return {
    append(envelope, nowMs = Date.now()) {
      return new Promise<AppendResult>((resolve, reject) => {
        queue.push({ envelope, nowMs, resolve, reject });
        void drain();
      });
    },
    onCommitted(listener) {
      committed.add(listener);
      return () => committed.delete(listener);
    },
    async since(afterSeq, opts = {}) {
      const limit = Math.min(opts.limit ?? 500, 5_000);
      const rooms = opts.room !== undefined ? [opts.room] : opts.rooms;
      const rows = rooms
        ? await db.query(
            'SELECT seq, id, type, room, envelope, changes FROM events WHERE seq > $1 AND room = ANY($2) ORDER BY seq LIMIT $3',
            [afterSeq, rooms, limit],
          )
        : await db.query(
            'SELECT seq, id, type, room, envelope, changes FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
            [afterSeq, limit],
          );
      return rows.map((r) => ({
        seq: Number(r.seq),
        id: String(r.id),
        type: String(r.type),
        room: (r.room as string | null) ?? null,
        envelope: parseJson(r.envelope) as Envelope,
        changes: parseJson(r.changes) as Change[],
      }));
    },
    async head() {
      const [row] = await db.query<{ head: number | null }>('SELECT max(seq) AS head FROM events');
      return Number(row?.head ?? 0);
    },
    async replayCursor(room, sinceMs, max) {
      const rows = await db.query<{ seq: number }>(
        'SELECT seq FROM events WHERE room = $1 AND received_at >= $2 ORDER BY seq DESC LIMIT $3',
        [room, sinceMs, max],
      );
      const oldest = rows[rows.length - 1];
      return oldest ? Number(oldest.seq) - 1 : await this.head();
    },
    async legs(room) {
      const rows = await db.query('SELECT * FROM legs WHERE room = $1 ORDER BY last_seq', [room]);
      return rows.map((r) => strip(legFrom(r)));
    },
    async transfers(room) {
      const rows = await db.query('SELECT * FROM transfers WHERE room = $1 ORDER BY last_seq', [
        room,
      ]);
      return rows.map((r) => strip(transferFrom(r)));
    },
    async prune(beforeMs) {
      const rows = await db.query('DELETE FROM events WHERE received_at < $1 RETURNING seq', [
        beforeMs,
      ]);
      return rows.length;
    },
    async count() {
      const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM events');
      return Number(row?.n ?? 0);
    },
  };
}

/** jsonb comes back parsed from both drivers; a string (older drivers) is parsed here. */
function parseJson(v: unknown): unknown {
  return typeof v === 'string' ? JSON.parse(v) : v;
}
