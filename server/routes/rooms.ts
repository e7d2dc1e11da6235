/**
 * `GET /api/rooms/:room/legs` and `/transfers`: the stored projections of a room's calls, for a
 * console that (re)loads. Read from the store only; Daily is not asked.
 */
import { Hono } from 'hono';
import { requireRole, type AppEnv, type GuardDeps } from '../auth/guard';
import type { EventStore } from '../store/event-store';
import { roomGate } from './room-gate';
import { roomParams } from './room-params';

/** Mounted at `/api/rooms`. */
export function roomRoutes(deps: GuardDeps & { store: EventStore }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const agent = requireRole('agent', deps);
  // The paths, whatever the method: a session first (a POST is 401 before it is 404).
  app.use('/:room/legs', agent, roomGate(deps));
  app.use('/:room/transfers', agent, roomGate(deps));
  app.get('/:room/legs', roomParams, async (c) =>
    c.json({ legs: await deps.store.legs(c.req.valid('param').room) }),
  );
  app.get('/:room/transfers', roomParams, async (c) =>
    c.json({ transfers: await deps.store.transfers(c.req.valid('param').room) }),
  );
  return app;
}
