/**
 * The queues' tables (migration 30): queues with their numbers and members, disposition codes,
 * each agent's status; the calls that came in through pinless dial-in are `queue-calls.ts`'s. The engine keeps a
 * working copy in memory; every change it makes lands here first, so a restart loses nothing.
 */
import type { AgentStatus } from '../../src/domain/queue';
import type { Database, Queryable } from '../store/database';
import { createCallStore, num, type Row } from './queue-calls';

export { AGENT_STATUSES } from '../../src/domain/queue';
export type { AgentStatus, CallState } from '../../src/domain/queue';
export type { CallChange, QueueCall } from './queue-calls';

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
    ...createCallStore(db),
  };
}

export type QueueStore = ReturnType<typeof createQueueStore>;
