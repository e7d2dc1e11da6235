/** Readiness: 200 only when the store answers and every migration is applied; 503 saying why. */
import { describe, expect, it } from 'vitest';
import { openPglite, type Queryable } from '../store/database';
import { pgliteImage } from '../test-support/prepared';
import { migrate } from '../store/migrations';
import { healthRoutes } from './health';

async function ready(db: Queryable) {
  const res = await healthRoutes({ db, storeKind: 'test' }).request('/ready');
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('GET /api/ready', () => {
  it('is ready once the migrations ran, and not before', async () => {
    const db = await openPglite(undefined, undefined, pgliteImage());
    try {
      const before = await ready(db);
      expect(before.status).toBe(503);
      expect(before.body.reason).toMatch(/^migrations not applied yet: 1, 2, 3/);
      await migrate(db);
      expect(await ready(db)).toEqual({ status: 200, body: { ready: true, store: 'test' } });
    } finally {
      await db.close();
    }
  }, 60_000);

  it('says the store is unreachable when a query fails', async () => {
    const down: Queryable = { query: () => Promise.reject(new Error('connection refused')) };
    expect(await ready(down)).toEqual({
      status: 503,
      body: { ready: false, reason: 'the store is unreachable' },
    });
  });

  it('says the store did not answer when a query hangs', async () => {
    const hung: Queryable = { query: () => new Promise(() => undefined) };
    const r = await ready(hung);
    expect(r.status).toBe(503);
    expect(r.body.reason).toMatch(/did not answer within/);
  });
});
