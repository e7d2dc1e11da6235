/**
 * `GET /api/stream`: Server-Sent Events of every stored event, in sequence order.
 *
 *   id: <seq>          on each `webhook` message (resume with Last-Event-ID or ?lastEventId=)
 *   event: webhook     data = the envelope as Daily sent it ({ id, type, payload, event_ts, … })
 *   event: leg         data = the leg's projection after that event (sent before its webhook)
 *   event: transfer    data = the transfer's projection after that event
 *   : heartbeat        a comment every SSE_HEARTBEAT_MS
 *
 * `?room=` keeps one room's events. An agent on a server with `AGENT_ROOMS` gets its rooms'
 * events only (another room's stream is refused, 403; without `?room=`, the listed rooms'). Without a resume id, a room's stream first replays that
 * room's last 12 hours (at most 1,000 events), so a console that joins late learns its legs'
 * numbers; an unfiltered stream starts live.
 */
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { z } from 'zod';
import { requireRole, streamOwner, type AppEnv, type GuardDeps } from '../auth/guard';
import { readableRooms } from '../auth/room-access';
import { isWebhookRoom, WEBHOOK_ROOM_RULE } from '../domain/room-name';
import type { EventStore } from '../store/event-store';
import type { StreamHub } from '../stream-hub';
import type { RoomPresence } from '../presence/room-presence';
import { roomGate } from './room-gate';

const SEQ = /^\d{1,15}$/;
const REPLAY_MS = 12 * 3600_000;
const REPLAY_MAX = 1_000;

const query = z.object({
  room: z.string().refine(isWebhookRoom, WEBHOOK_ROOM_RULE).optional(),
  lastEventId: z.string().regex(SEQ, 'lastEventId: a sequence number').optional(),
});

/** The query and the resume header, checked before anything else (a 400, not a refusal). */
const streamQuery = validator('query', (q, c) => {
  const parsed = query.safeParse(q);
  if (!parsed.success) return c.json({ error: parsed.error.issues[0]?.message }, 400);
  return parsed.data;
});
const resumeHeader = validator('header', (h, c) => {
  const id = h['last-event-id'];
  if (id !== undefined && (typeof id !== 'string' || !SEQ.test(id))) {
    return c.json({ error: 'Last-Event-ID: a sequence number' }, 400);
  }
  return { lastEventId: id };
});

/** Mounted at `/api/stream`. */
export function streamRoutes(
  deps: GuardDeps & {
    hub: StreamHub;
    store: EventStore;
    now?: () => number;
    /** A console following a room's stream is present in it (the wall shows who). */
    presence?: RoomPresence;
  },
): Hono<AppEnv> {
  const now = deps.now ?? Date.now;
  const app = new Hono<AppEnv>();
  // The path, whatever the method: a session first (a POST is 401 before it is 404).
  app.use('/', requireRole('agent', deps));
  // An agent limited by AGENT_ROOMS is refused another room's stream (the rooms routes' gate).
  app.get('/', streamQuery, resumeHeader, roomGate(deps), async (c) => {
    const { room, lastEventId } = c.req.valid('query');
    const header = c.req.valid('header').lastEventId;
    // Without `?room=`, all rooms: an agent limited by AGENT_ROOMS gets its rooms.
    const rooms = room ? undefined : readableRooms(deps.config.roomAccess, c.get('account').role);
    const resume = header ?? lastEventId;
    let cursor: number;
    if (resume !== undefined) cursor = Number(resume);
    else if (room) cursor = await replayStart(deps.store, room, now() - REPLAY_MS);
    else cursor = deps.hub.head;
    const res = c.env.outgoing;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    deps.hub.add(res, cursor, rooms ?? room, streamOwner(c));
    if (room && deps.presence) res.on('close', deps.presence.enter(room, c.get('account')));
    return RESPONSE_ALREADY_SENT;
  });
  return app;
}

/** The cursor from which a room's recent history is replayed. */
async function replayStart(store: EventStore, room: string, sinceMs: number): Promise<number> {
  return store.replayCursor(room, sinceMs, REPLAY_MAX);
}
