/**
 * `GET /api/ready`: readiness, for load balancers and orchestrators. Ready means this instance
 * can do its work: the store answers a query and every migration this build knows is applied.
 * Otherwise 503 with the reason, so the balancer sends traffic elsewhere while it is fixed.
 * (`GET /api/health` stays the liveness probe: it answers as long as the process serves HTTP,
 * so a restart is not triggered by a database outage that a restart would not cure.)
 * Public, like the health probe: it says nothing secret.
 */
import { Hono } from 'hono';
import type { Queryable } from '../store/database';
import { pendingMigrations } from '../store/migrations';
import { within } from '../within';

/** A store slower than this counts as unreachable: a probe must answer within its own timeout. */
const STORE_TIMEOUT_MS = 2_000;

export function healthRoutes(deps: { db: Queryable; storeKind: string }): Hono {
  const app = new Hono();
  app.get('/ready', async (c) => {
    const problem = await storeProblem(deps.db);
    if (problem) return c.json({ ready: false, reason: problem }, 503);
    return c.json({ ready: true, store: deps.storeKind });
  });
  return app;
}

/** Why the store is not ready, or undefined when it is. */
async function storeProblem(db: Queryable): Promise<string | undefined> {
  const check = async (): Promise<string | undefined> => {
    try {
      await db.query('SELECT 1');
    } catch {
      return 'the store is unreachable';
    }
    const pending = await pendingMigrations(db);
    return pending.length ? `migrations not applied yet: ${pending.join(', ')}` : undefined;
  };
  return within(
    check(),
    STORE_TIMEOUT_MS,
    `the store did not answer within ${STORE_TIMEOUT_MS} ms`,
  );
}
