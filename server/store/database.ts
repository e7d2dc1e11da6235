/**
 * One query layer over two engines: PGlite (Postgres compiled to WASM, in `DATA_DIR`; the
 * embedded default) and a Postgres server (`DATABASE_URL`, through node-postgres). Same SQL,
 * same schema; only connection handling and change notification differ.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import type { Client, Pool } from 'pg';
import { lockDataDir, type LockOwner } from './data-dir-lock';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Inside a transaction: wake every instance's listeners once it commits. */
  notify(q: Queryable, channel: string, message: string): Promise<void>;
  /** Called with the message of every committed notify on `channel`, from any instance. */
  listen(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * The embedded store in `dataDir` (in memory without one), locked to this process
 * (data-dir-lock.ts). `onStaleLock` hears of a lock left by a process that died holding it.
 * `image` (in memory only): a PGlite dump to start from instead of running PGlite's initdb, which
 * costs seconds of CPU; tests start their in-memory stores from one empty cluster made once.
 */
export async function openPglite(
  dataDir: string | undefined,
  onStaleLock?: (owner: LockOwner) => void,
  image?: Blob,
): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lock = dataDir ? lockDataDir(dataDir) : undefined;
  if (lock?.recoveredFrom) onStaleLock?.(lock.recoveredFrom);
  let db: InstanceType<typeof PGlite>;
  try {
    db = dataDir
      ? await PGlite.create(dataDir)
      : await PGlite.create(image ? { loadDataDir: image } : {});
  } catch (error) {
    lock?.release();
    throw new Error(
      `The embedded store in ${dataDir} could not be opened (PGlite: ${String(error)}). ` +
        'The files are still on disk. To start afresh, move the directory aside ' +
        `(mv ${dataDir} ${dataDir}.broken) and start again; for production use DATABASE_URL ` +
        '(a Postgres server), which recovers from crashes by itself.',
      { cause: error },
    );
  }
  // PGlite is one process's database: notifications are delivered in-process, after commit.
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  const pending = new WeakMap<Queryable, [string, string][]>();
  const run = async <T>(q: { query: typeof db.query }, sql: string, params?: unknown[]) =>
    (await q.query<T>(sql, params as unknown[])).rows;
  return {
    kind: 'pglite',
    query: (sql, params) => run(db, sql, params),
    async transaction(fn) {
      const notes: [string, string][] = [];
      const result = await db.transaction(async (tx) => {
        const q: Queryable = { query: (sql, params) => run(tx, sql, params) };
        pending.set(q, notes);
        return fn(q);
      });
      for (const [channel, message] of notes) bus.emit(channel, message);
      return result;
    },
    async notify(q, channel, message) {
      const notes = pending.get(q);
      if (notes) notes.push([channel, message]);
      else bus.emit(channel, message);
    },
    async listen(channel, onMessage) {
      bus.on(channel, onMessage);
      return async () => {
        bus.off(channel, onMessage);
      };
    },
    async close() {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export async function openPostgres(url: string): Promise<Database> {
  const pg = (await import('pg')).default;
  // int8 (sequence numbers, times in ms) as JS numbers: they stay far below 2^53.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => undefined); // a dropped idle client; the next query reconnects
  const run = async <T>(c: { query: Pool['query'] }, sql: string, params?: unknown[]) =>
    (await c.query(sql, params)).rows as T[];
  const listeners: Client[] = [];
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: (sql, params) => run(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async notify(q, channel, message) {
      await q.query('SELECT pg_notify($1, $2)', [channel, message]);
    },
    async listen(channel, onMessage) {
      // A dedicated connection: LISTEN lives on a session. Reconnects if it drops.
      let client: Client | undefined;
      let closed = false;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: url });
        c.on('notification', (n) => {
          if (n.channel === channel) onMessage(n.payload ?? '');
        });
        c.on('error', () => {
          if (closed) return;
          setTimeout(() => void connect().catch(() => undefined), 1_000);
        });
        await c.connect();
        await c.query(`LISTEN ${quoteIdent(channel)}`);
        client = c;
        listeners.push(c);
        // Whatever was committed while (re)connecting: let the listener catch up.
        onMessage('');
      };
      await connect();
      return async () => {
        closed = true;
        await client?.end().catch(() => undefined);
      };
    },
    async close() {
      await Promise.all(listeners.map((c) => c.end().catch(() => undefined)));
      await pool.end();
    },
  };
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad channel name ${name}`);
  return `"${name}"`;
}
