/**
 * The queues' tables (migration 30): queues with their numbers and members, disposition codes,
 * each agent's status, and the calls that came in through pinless dial-in. The engine keeps a
 * working copy in memory; every change it makes lands here first, so a restart loses nothing.
 */
import type { AgentStatus, CallState } from '../../src/domain/queue';
import type { Database, Queryable } from '../store/database';

export { AGENT_STATUSES } from '../../src/domain/queue';
export type { AgentStatus, CallState } from '../../src/domain/queue';

/**
 * How a queue offers a call: `longest-idle` to one agent at a time, the one available longest
 * first, moving on when they decline or let it ring out; `ring-all` to every available member
 * at once, the first to accept wins.
 */
export const STRATEGIES = ['longest-idle', 'ring-all'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface Queue {
  id: number;
  name: string;
  strategy: Strategy;
  numbers: string[];
  members: string[];
  wrapUpS: number;
}

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
}

export interface AgentRow {
  username: string;
  status: AgentStatus;
  since: number;
  idleSince: number;
  wrapUntil: number | null;
}

export interface Disposition {
  code: string;
  label: string;
}

const CALL_COLUMNS = `call_id, call_domain, from_addr, to_addr, queue_id, queue_name, arrived_at,
  state, handled_by, room, session_id, accepted_at, ended_at, late, disposition, note`;

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
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
} as const;
export type CallChange = Partial<Pick<QueueCall, keyof typeof SETTABLE>>;

export class QueueConflict extends Error {}

export function createQueueStore(db: Database) {
  async function queueById(q: Queryable, id: number): Promise<Queue | undefined> {
    return (await listFrom(q, id))[0];
  }
  async function listFrom(q: Queryable, id?: number): Promise<Queue[]> {
    const rows = await q.query<Row>(
      `SELECT id, name, wrap_up_s, strategy FROM queues ${id === undefined ? '' : 'WHERE id = $1'} ORDER BY name`,
      id === undefined ? [] : [id],
    );
    const numbers = await q.query<Row>(
      'SELECT number, queue_id FROM queue_numbers ORDER BY number',
    );
    const members = await q.query<Row>(
      'SELECT username, queue_id FROM queue_members ORDER BY username',
    );
    return rows.map((r) => ({
      id: Number(r.id),
      name: String(r.name),
      wrapUpS: Number(r.wrap_up_s),
      strategy: String(r.strategy) as Strategy,
      numbers: numbers
        .filter((n) => Number(n.queue_id) === Number(r.id))
        .map((n) => String(n.number)),
      members: members
        .filter((m) => Number(m.queue_id) === Number(r.id))
        .map((m) => String(m.username)),
    }));
  }
  /** Numbers and members replace the queue's own; a number another queue has is a conflict. */
  async function setLists(q: Queryable, id: number, numbers: string[], members: string[]) {
    const taken = await q.query<Row>(
      `SELECT n.number, q.name FROM queue_numbers n JOIN queues q ON q.id = n.queue_id
        WHERE n.queue_id <> $1 AND n.number = ANY($2::text[])`,
      [id, numbers],
    );
    if (taken[0]) {
      throw new QueueConflict(
        `Numbers: ${String(taken[0].number)} already feeds "${String(taken[0].name)}"`,
      );
    }
    await q.query('DELETE FROM queue_numbers WHERE queue_id = $1', [id]);
    await q.query('DELETE FROM queue_members WHERE queue_id = $1', [id]);
    for (const n of new Set(numbers)) {
      await q.query('INSERT INTO queue_numbers (number, queue_id) VALUES ($1, $2)', [n, id]);
    }
    for (const m of new Set(members)) {
      await q.query('INSERT INTO queue_members (queue_id, username) VALUES ($1, $2)', [id, m]);
    }
  }
  async function nameTaken(q: Queryable, name: string, except: number) {
    const rows = await q.query('SELECT 1 FROM queues WHERE lower(name) = lower($1) AND id <> $2', [
      name,
      except,
    ]);
    if (rows.length) throw new QueueConflict(`Name: a queue "${name}" exists`);
  }

  return {
    listQueues: () => listFrom(db),
    async createQueue(input: Omit<Queue, 'id'>, now: number): Promise<Queue> {
      return db.transaction(async (q) => {
        await nameTaken(q, input.name, -1);
        const [row] = await q.query<Row>(
          'INSERT INTO queues (name, wrap_up_s, strategy, created_at) VALUES ($1, $2, $3, $4) RETURNING id',
          [input.name, input.wrapUpS, input.strategy, now],
        );
        const id = Number(row!.id);
        await setLists(q, id, input.numbers, input.members);
        return (await queueById(q, id))!;
      });
    },
    async updateQueue(id: number, input: Omit<Queue, 'id'>): Promise<Queue | undefined> {
      return db.transaction(async (q) => {
        if (!(await queueById(q, id))) return undefined;
        await nameTaken(q, input.name, id);
        await q.query('UPDATE queues SET name = $2, wrap_up_s = $3, strategy = $4 WHERE id = $1', [
          id,
          input.name,
          input.wrapUpS,
          input.strategy,
        ]);
        await setLists(q, id, input.numbers, input.members);
        return queueById(q, id);
      });
    },
    async deleteQueue(id: number): Promise<boolean> {
      return (await db.query('DELETE FROM queues WHERE id = $1 RETURNING id', [id])).length > 0;
    },
    async dispositions(): Promise<Disposition[]> {
      const rows = await db.query<Row>('SELECT code, label FROM dispositions ORDER BY code');
      return rows.map((r) => ({ code: String(r.code), label: String(r.label) }));
    },
    async putDisposition(d: Disposition): Promise<void> {
      await db.query(
        `INSERT INTO dispositions (code, label) VALUES ($1, $2)
         ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label`,
        [d.code, d.label],
      );
    },
    async deleteDisposition(code: string): Promise<boolean> {
      return (
        (await db.query('DELETE FROM dispositions WHERE code = $1 RETURNING code', [code])).length >
        0
      );
    },
    async agents(): Promise<AgentRow[]> {
      const rows = await db.query<Row>(
        'SELECT username, status, since, idle_since, wrap_until FROM agent_status',
      );
      return rows.map((r) => ({
        username: String(r.username),
        status: String(r.status) as AgentStatus,
        since: Number(r.since),
        idleSince: Number(r.idle_since),
        wrapUntil: num(r.wrap_until),
      }));
    },
    async saveAgent(a: AgentRow): Promise<void> {
      await db.query(
        `INSERT INTO agent_status (username, status, since, idle_since, wrap_until)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (username) DO UPDATE SET status = EXCLUDED.status, since = EXCLUDED.since,
           idle_since = EXCLUDED.idle_since, wrap_until = EXCLUDED.wrap_until`,
        [a.username, a.status, a.since, a.idleSince, a.wrapUntil],
      );
    },
    /** Records a call once: the same call id again returns the stored one (`inserted: false`). */
    async insertCall(c: QueueCall): Promise<{ inserted: boolean; call: QueueCall }> {
      const rows = await db.query<Row>(
        `INSERT INTO queue_calls (${CALL_COLUMNS}) VALUES
          ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
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

export type QueueStore = ReturnType<typeof createQueueStore>;
