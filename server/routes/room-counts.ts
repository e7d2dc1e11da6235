/**
 * `GET /api/room-counts[?world=]` (agent+): what is live in each room now, for the connect
 * screen ("2 callers · 1 agent"). Read from what this server already knows; Daily is not asked.
 *
 * - Sandbox mode: the simulated cloud knows each room exactly: its phone legs (`callers`) and
 *   the consoles joined to it (`agents`), per world (`?world=`, as the console's own URL).
 * - Real mode: the legs projection (Daily's webhooks, `server/store`) knows the room's phone
 *   legs that have started and not ended (connected, ringing or answered). It cannot count
 *   agents: Daily sends no webhook when a browser joins a room, and its presence API would be
 *   one REST call per room on every refresh, so `agents` is `null` ("not known"). Its callers
 *   are as good as the webhooks: a leg whose end webhook never arrived stays counted, and a
 *   room whose webhooks go elsewhere shows none.
 */
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { requireRole, type AppEnv, type GuardDeps } from '../auth/guard';
import { readableRooms } from '../auth/room-access';
import type { Config } from '../config';
import { DEFAULT_WORLD, WORLD_NAME, type SandboxCloud } from '../sandbox/cloud';
import type { Queryable } from '../store/database';

export interface RoomCount {
  name: string;
  callers: number;
  /** Consoles in the room; null when this server cannot know (real mode). */
  agents: number | null;
}

const LIVE_LEGS = `SELECT room, count(*)::int AS callers FROM legs
  WHERE room IS NOT NULL AND state IN ('connected', 'ringing', 'answered')
  GROUP BY room ORDER BY room LIMIT 1000`;

/** Real mode: each room's live phone legs, from the webhook projection. */
export async function liveLegCounts(db: Queryable): Promise<RoomCount[]> {
  const rows = await db.query<{ room: string; callers: number }>(LIVE_LEGS);
  return rows.map((r) => ({ name: r.room, callers: Number(r.callers), agents: null }));
}

const worldQuery = validator('query', (q, c) => {
  const world = typeof q.world === 'string' && q.world ? q.world : DEFAULT_WORLD;
  return WORLD_NAME.test(world)
    ? { world }
    : c.json({ error: 'world: 1-64 letters, digits, "-" or "_"' }, 400);
});

/** Mounted at `/api/room-counts`. */
export function roomCountRoutes(
  deps: GuardDeps & { config: Config; db: Queryable; cloud?: SandboxCloud },
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('agent', deps));
  app.get('/', worldQuery, async (c) => {
    // An agent limited by AGENT_ROOMS counts its rooms only.
    const readable = readableRooms(deps.config.roomAccess, c.get('account').role);
    const mine = (rooms: RoomCount[]) =>
      readable ? rooms.filter((r) => readable.has(r.name)) : rooms;
    if (deps.config.mode === 'sandbox' && deps.cloud) {
      const world = deps.cloud.peek(c.req.valid('query').world);
      const rooms: RoomCount[] = (world?.summary() ?? []).map((r) => ({
        name: r.name,
        callers: r.legs,
        agents: r.consoles,
      }));
      return c.json({ source: 'sandbox', rooms: mine(rooms) });
    }
    return c.json({ source: 'webhooks', rooms: mine(await liveLegCounts(deps.db)) });
  });
  return app;
}
