/**
 * `/api/wall/*`, the supervisor's wall (supervisors and admins; an agent is refused, 403):
 *
 *   GET /api/wall/snapshot  every live leg across all rooms and its transfers, from the stored
 *                           projections, with the stream's sequence number they are as of:
 *                           the wall then follows `/api/stream?lastEventId=<seq>` (no gap).
 *   GET /api/wall/pulse     the cost meter's rates (re-read when the file changes), the
 *                           agents present in each room (their open room streams), and who
 *                           handles each leg a queue agent accepted (`handledBy`, also in the
 *                           snapshot).
 *
 * The wall joins no Daily room: everything comes from Daily's webhooks as the server stored them.
 */
import { Hono } from 'hono';
import { requireRole, type AppEnv, type GuardDeps } from '../auth/guard';
import type { Queryable } from '../store/database';
import { wallSnapshot } from '../store/wall-queries';
import type { StreamHub } from '../stream-hub';
import type { RoomPresence } from '../presence/room-presence';
import type { BoardCall } from '../../src/domain/queue';
import { handledByReader } from '../wall/handled-by';
import { ratesSource } from '../wall/rates';

/** Legs that ended within this stay on the wall (and in its meter) after they end. */
export const WALL_ENDED_MS = 15 * 60_000;
/** A leg whose end Daily never reported leaves the wall after a day. */
const WALL_LIVE_MS = 24 * 3_600_000;

export interface WallRouteDeps extends GuardDeps {
  db: Queryable;
  hub: StreamHub;
  presence: RoomPresence;
  ratesFile: string;
  /** The queue engine: who accepted which call (absent: no "Handled by"). */
  queues?: { board(): { calls: BoardCall[] } };
  now?: () => number;
}

/** Mounted at `/api/wall`. */
export function wallRoutes(deps: WallRouteDeps): Hono<AppEnv> {
  const now = deps.now ?? Date.now;
  const rates = ratesSource(deps.ratesFile);
  const handled = handledByReader(deps.accounts, now);
  const handledBy = () => handled.read(deps.queues?.board().calls ?? []);
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('supervisor', deps));
  app.get('/snapshot', async (c) => {
    // The cursor first: anything committed after it is streamed again, and re-applied whole.
    const seq = deps.hub.head;
    const at = now();
    const snapshot = await wallSnapshot(deps.db, {
      endedSinceMs: at - WALL_ENDED_MS,
      liveSinceMs: at - WALL_LIVE_MS,
    });
    c.header('cache-control', 'no-store');
    return c.json({ seq, now: at, ...snapshot, handledBy: await handledBy() });
  });
  app.get('/pulse', async (c) => {
    c.header('cache-control', 'no-store');
    return c.json({
      now: now(),
      ...(await rates.read()),
      presence: deps.presence.snapshot(),
      handledBy: await handledBy(),
    });
  });
  return app;
}
