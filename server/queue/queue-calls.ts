/**
 * The queue's calls (table `queue_calls`, migrations 30 and 60 in `schema.ts`): each call Daily held for us,
 * recorded once per call id, and changed only from the states a change expects (so of two
 * concurrent claims exactly one wins). The rest of the queue's tables are `queue-store.ts`'s.
 */
import type { CallState } from '../../src/domain/queue';
import type { Queryable } from '../store/database';

export interface QueueCall {
  callId: string;
  callDomain: string;
  from: string;
  to: string;
  queueId: number | null;
  queue: string;
  arrivedAt: number;
  state: CallState;
  handledBy: string | null;
  room: string | null;
  sessionId: string | null;
  acceptedAt: number | null;
  endedAt: number | null;
  late: boolean;
  disposition: string | null;
  note: string | null;
  /** When the wrap-up was filed (by the agent, or by its time running out). */
  filedAt: number | null;
}

const CALL_COLUMNS = `call_id, call_domain, from_addr, to_addr, queue_id, queue_name, arrived_at,
  state, handled_by, room, session_id, accepted_at, ended_at, late, disposition, note, filed_at`;

export type Row = Record<string, unknown>;
export const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

function callOf(r: Row): QueueCall {
  return {
    callId: String(r.call_id),
    callDomain: String(r.call_domain),
    from: String(r.from_addr),
    to: String(r.to_addr),
    queueId: num(r.queue_id),
    queue: String(r.queue_name),
    arrivedAt: Number(r.arrived_at),
    state: String(r.state) as CallState,
    handledBy: str(r.handled_by),
    room: str(r.room),
    sessionId: str(r.session_id),
    acceptedAt: num(r.accepted_at),
    endedAt: num(r.ended_at),
    late: r.late === true,
    disposition: str(r.disposition),
    note: str(r.note),
    filedAt: num(r.filed_at),
  };
}

/** The columns a call's update may set, by field name. */
const SETTABLE = {
  state: 'state',
  handledBy: 'handled_by',
  room: 'room',
  sessionId: 'session_id',
  acceptedAt: 'accepted_at',
  endedAt: 'ended_at',
  late: 'late',
  disposition: 'disposition',
  note: 'note',
  filedAt: 'filed_at',
} as const;
export type CallChange = Partial<Pick<QueueCall, keyof typeof SETTABLE>>;

/** The calls' reads and writes (spread into the queue store). */
export function createCallStore(db: Queryable) {
  return {
    /** Records a call once: the same call id again returns the stored one (`inserted: false`). */
    async insertCall(c: QueueCall): Promise<{ inserted: boolean; call: QueueCall }> {
      const rows = await db.query<Row>(
        `INSERT INTO queue_calls (${CALL_COLUMNS}) VALUES
          ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         ON CONFLICT (call_id) DO NOTHING RETURNING ${CALL_COLUMNS}`,
        [
          c.callId,
          c.callDomain,
          c.from,
          c.to,
          c.queueId,
          c.queue,
          c.arrivedAt,
          c.state,
          c.handledBy,
          c.room,
          c.sessionId,
          c.acceptedAt,
          c.endedAt,
          c.late,
          c.disposition,
          c.note,
          c.filedAt,
        ],
      );
      if (rows[0]) return { inserted: true, call: callOf(rows[0]) };
      const existing = await db.query<Row>(
        `SELECT ${CALL_COLUMNS} FROM queue_calls WHERE call_id = $1`,
        [c.callId],
      );
      return { inserted: false, call: callOf(existing[0]!) };
    },
    /**
     * Changes a call only while it is in one of `from` states (one statement: of two
     * concurrent changes from the same state, exactly one matches). Undefined when it was not.
     */
    async changeCall(
      callId: string,
      from: CallState[],
      change: CallChange,
    ): Promise<QueueCall | undefined> {
      const sets: string[] = [];
      const params: unknown[] = [callId, from];
      for (const [key, column] of Object.entries(SETTABLE)) {
        if (!(key in change)) continue;
        params.push(change[key as keyof CallChange]);
        sets.push(`${column} = $${params.length}`);
      }
      const rows = await db.query<Row>(
        `UPDATE queue_calls SET ${sets.join(', ')} WHERE call_id = $1 AND state = ANY($2::text[])
         RETURNING ${CALL_COLUMNS}`,
        params,
      );
      return rows[0] ? callOf(rows[0]) : undefined;
    },
    async call(callId: string): Promise<QueueCall | undefined> {
      const rows = await db.query<Row>(
        `SELECT ${CALL_COLUMNS} FROM queue_calls WHERE call_id = $1`,
        [callId],
      );
      return rows[0] ? callOf(rows[0]) : undefined;
    },
    /** Calls not yet finished with (the engine's working set at start). */
    async openCalls(): Promise<QueueCall[]> {
      const rows = await db.query<Row>(
        `SELECT ${CALL_COLUMNS} FROM queue_calls
          WHERE state IN ('waiting', 'routing', 'connected', 'ended') ORDER BY arrived_at`,
      );
      return rows.map(callOf);
    },
    /** The most recent calls, newest first (the supervisor's and history's view). */
    async recentCalls(limit: number): Promise<QueueCall[]> {
      const rows = await db.query<Row>(
        `SELECT ${CALL_COLUMNS} FROM queue_calls ORDER BY arrived_at DESC LIMIT $1`,
        [limit],
      );
      return rows.map(callOf);
    },
  };
}
