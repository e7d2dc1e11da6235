/**
 * `POST /api/rooms/:room/legs/:sessionId/claim` (any signed-in account): an agent's console says
 * it just asked Daily, through the SDK, to hang up, transfer or refer a leg. Daily's webhooks
 * never say who acted, so this is how the supervisor's wall and the room's other consoles learn
 * which agent it was. Stored as a `console.action` event (via "console"); 201 once stored.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole, type AppEnv, type GuardDeps } from '../auth/guard';
import type { Logger } from '../log';
import type { EventStore } from '../store/event-store';
import { recordConsoleAction } from '../wall/attribution';
import { jsonBody } from './read-json';
import { roomGate } from './room-gate';
import { roomParams } from './room-params';

const claim = z
  .object({
    method: z.enum(['hang-up', 'transfer', 'refer']),
    toEndpoint: z.string().min(1).max(512).optional(),
  })
  .strict();

/** Mounted at `/api/rooms`. */
export function claimRoutes(deps: GuardDeps & { store: EventStore; log: Logger }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post(
    '/:room/legs/:sessionId/claim',
    requireRole('agent', deps),
    roomParams,
    roomGate(deps),
    jsonBody(claim),
    async (c) => {
      const { room, sessionId } = c.req.valid('param');
      const { method, toEndpoint } = c.req.valid('json');
      const record = {
        room,
        sessionId,
        method,
        stage: 'requested' as const,
        ...(toEndpoint ? { toEndpoint } : {}),
      };
      if (!(await recordConsoleAction(deps, c, record, 'console'))) {
        return c.json({ error: 'could not store who acted; retry' }, 500);
      }
      return c.json({ recorded: true }, 201);
    },
  );
  return app;
}
