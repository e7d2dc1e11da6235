/**
 * Migration 4 (events unique on id *and* type) on a store an older build left: every stored
 * row stays, an id Daily reuses for another type is a new event, the same pair still is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from './database';
import { migrate } from './migrations';
import { pgliteImage } from '../test-support/prepared';

const insert = (id: string, type: string): [string, unknown[]] => [
  'INSERT INTO events (id, type, received_at, envelope) VALUES ($1, $2, 1, $3)',
  [id, type, JSON.stringify({ id, type, payload: {} })],
];

describe('migration 4: events unique on (id, type)', () => {
  let db: Database;
  // The run's empty cluster (no schema), opened in a hook: on a busy machine the open alone can
  // take longer than a test's cap. Migrations 1-3 still run in the test, then 4.
  beforeAll(async () => {
    db = await openPglite(undefined, undefined, pgliteImage());
  });
  afterAll(() => db?.close());

  it('keeps the rows stored before it and lets an id recur with another type only', async () => {
    await migrate(db, 3);
    await db.query(...insert('e-1', 'calltransfer.triggered'));
    await db.query(...insert('e-2', 'dialin.connected'));
    await expect(db.query(...insert('e-1', 'calltransfer.initiated'))).rejects.toThrow(/unique/i);
    expect(await migrate(db)).toContain(4);
    expect(await db.query('SELECT id, type FROM events ORDER BY seq')).toEqual([
      { id: 'e-1', type: 'calltransfer.triggered' },
      { id: 'e-2', type: 'dialin.connected' },
    ]);
    await db.query(...insert('e-1', 'calltransfer.initiated'));
    await expect(db.query(...insert('e-1', 'calltransfer.triggered'))).rejects.toThrow(/unique/i);
    expect(await migrate(db)).toEqual([]);
  }, 60_000);
});
