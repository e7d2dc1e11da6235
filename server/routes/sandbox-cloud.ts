/**
 * Sandbox mode only: the consoles' connection to the simulated Daily cloud (`sandbox/cloud.ts`).
 *
 *   POST /api/sandbox/cloud/connect          { room, token, userName, world? }
 *        → 200, then a stream of JSON lines (`application/x-ndjson`), one `CloudMessage` each:
 *          `joined` first, then the room's `event`s, the `reply` to each call, `state` pushes,
 *          `ping` every SSE_HEARTBEAT_MS; `ended` if the world is reset. The stream IS the
 *          console's presence: when it ends, the console leaves the room.
 *   POST /api/sandbox/cloud/consoles/:id/calls  { id, method, args }
 *        → 202; the answer comes down the stream as `reply` (in order with the room's events).
 *   POST /api/sandbox/cloud/worlds/:world/reset   → 200 (every room in it closes)
 *   POST /api/sandbox/cloud/worlds/:world/traffic { rooms, callsPerMinute, durationS, holdS?,
 *        initialCalls?, queues?: { numbers, share? } } (queues: callers dial those purchased
 *        numbers on the simulated pinless line, so their calls are offered to agents)
 *   GET  /api/sandbox/cloud/worlds/:world         → { rooms: [{ name, legs, consoles }] }
 *
 * Every body is schema-checked; the meeting token must be one the REST double minted for that
 * room (its owner claim decides what the console may do); a console's calls are accepted only
 * from the account that opened it; a reader that stays behind by more than
 * SSE_MAX_BUFFERED_BYTES is cut off (at once past 64 times that).
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { validator } from 'hono/validator';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { z } from 'zod';
import type { AppEnv } from '../auth/guard';
import { ROOM_NAME, ROOM_NAME_RULE } from '../domain/room-name';
import type { Logger } from '../log';
import {
  CLOUD_METHODS,
  CloudError,
  DEFAULT_WORLD,
  HEARTBEAT_HEADER,
  WORLD_NAME,
  type CloudMessage,
  type CloudRoom,
  type SandboxCloud,
} from '../sandbox/cloud';
import type { DailyDouble } from '../sandbox/daily-double';
import type { PinlessLine } from '../sandbox/pinless-line';
import { tokenRole } from '../../src/sandbox/engine';
import { startTraffic, TRAFFIC_LIMITS } from '../sandbox/traffic';
import { unsentBytes } from '../stream-hub';
import { jsonBody } from './read-json';

/** How long a console may stay behind before it is cut off (see the sink below). */
const SLOW_GRACE_MS = 2_000;
const HARD_FACTOR = 64;

const WORLD_RULE = 'world: 1-64 letters, digits, "-" or "_"';

const connectBody = z
  .object({
    room: z.string().regex(ROOM_NAME, ROOM_NAME_RULE),
    token: z.string().min(1).max(4096),
    userName: z.string().trim().min(1, 'userName: required').max(100),
    world: z.string().regex(WORLD_NAME, WORLD_RULE).optional(),
  })
  .strict();

const callBody = z
  .object({
    id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    method: z.enum(CLOUD_METHODS as [string, ...string[]]),
    args: z.array(z.unknown()).max(4),
  })
  .strict();

const trafficBody = z
  .object({
    rooms: z.union([
      z.number().int().min(1).max(TRAFFIC_LIMITS.rooms),
      z.array(z.string().regex(ROOM_NAME, ROOM_NAME_RULE)).min(1).max(TRAFFIC_LIMITS.rooms),
    ]),
    callsPerMinute: z.number().min(0.1).max(TRAFFIC_LIMITS.callsPerMinute),
    durationS: z.number().min(1).max(TRAFFIC_LIMITS.durationS),
    holdS: z.number().min(1).max(3_600).optional(),
    initialCalls: z.number().int().min(0).max(TRAFFIC_LIMITS.liveLegs).optional(),
    queues: z
      .object({
        numbers: z
          .array(z.string().regex(/^\+[1-9]\d{6,14}$/, 'queues.numbers: E.164 numbers'))
          .min(1)
          .max(50),
        share: z.number().min(0).max(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** One encoding per message, however many consoles the room sends that same object to. */
const lines = new WeakMap<CloudMessage, string>();
function encode(message: CloudMessage): string {
  let line = lines.get(message);
  if (line === undefined) {
    line = `${JSON.stringify(message)}\n`;
    lines.set(message, line);
  }
  return line;
}

interface Open {
  room: CloudRoom;
  account: number;
}

/** `:world`, as validation middleware: 400 with the rule before anything else is read. */
const worldParam = validator('param', (p, c) => {
  const world = p.world ?? '';
  return WORLD_NAME.test(world) ? { world } : c.json({ error: WORLD_RULE }, 400);
});

/** Mounted at `/api/sandbox/cloud`, behind the sandbox's agent guard (`sandbox.ts`). */
export function sandboxCloudRoutes(deps: {
  cloud: SandboxCloud;
  double: DailyDouble;
  log: Logger;
  maxBufferedBytes: number;
  heartbeatMs: number;
  /** The simulated pinless line: traffic through queues dials on it. */
  pinless?: PinlessLine | undefined;
}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Daily checks a token's expiry against real time (the token route mints with it too).
  const now = Date.now;
  const open = new Map<string, Open>();
  const cloudError = (error: unknown) => {
    if (error instanceof CloudError) return { status: error.status, error: error.message };
    throw error;
  };

  app.post('/connect', jsonBody(connectBody), async (c) => {
    const { room: roomName, token, userName, world = DEFAULT_WORLD } = c.req.valid('json');
    const claims = deps.double.verifyToken(token);
    if (!claims || claims.r !== roomName) {
      return c.json({ error: 'token: not a meeting token for this room' }, 401);
    }
    if (typeof claims.exp === 'number' && claims.exp * 1000 < now()) {
      return c.json({ error: 'token: expired' }, 401);
    }
    let room: CloudRoom;
    try {
      room = deps.cloud.world(world, c.get('account').id).room(roomName);
    } catch (error) {
      const e = cloudError(error);
      return c.json({ error: e.error }, e.status);
    }
    const account = c.get('account');
    const res = c.env.outgoing;
    let consoleId: string | undefined;
    let ended = false;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    const end = () => {
      if (ended) return;
      ended = true;
      if (heartbeat) clearInterval(heartbeat);
      if (slowCheck) clearTimeout(slowCheck);
      if (consoleId) {
        open.delete(consoleId);
        room.leave(consoleId);
      }
    };
    // Slow readers: a burst (2,000 callers joining at once) may exceed the bound for a moment;
    // a console still behind SLOW_GRACE_MS later, having taken less than the bound meanwhile,
    // is cut off. Past HARD_FACTOR × the bound it is cut off at once: memory stays bounded.
    const buffered = () => unsentBytes(res);
    let slowCheck: ReturnType<typeof setTimeout> | undefined;
    const cut = (why: string) => {
      deps.log.warn({ buffered: buffered(), why }, 'sandbox cloud: console too slow; disconnected');
      res.destroy();
      end();
    };
    const sink = {
      send(message: CloudMessage) {
        if (ended) return;
        const behind = buffered();
        if (behind > deps.maxBufferedBytes * HARD_FACTOR) return cut('hard limit');
        if (behind > deps.maxBufferedBytes && !slowCheck) {
          const sentBefore = res.socket?.bytesWritten ?? 0;
          slowCheck = setTimeout(() => {
            slowCheck = undefined;
            const taken = (res.socket?.bytesWritten ?? 0) - sentBefore;
            if (!ended && buffered() > deps.maxBufferedBytes && taken < deps.maxBufferedBytes) {
              cut('no progress');
            }
          }, SLOW_GRACE_MS);
          slowCheck.unref();
        }
        res.write(encode(message));
      },
      close() {
        res.end();
        end();
      },
    };
    res.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      [HEARTBEAT_HEADER]: String(deps.heartbeatMs),
    });
    res.on('close', end);
    try {
      consoleId = await room.join({
        userName,
        role: tokenRole(claims),
        sink,
      });
    } catch (error) {
      const e = error instanceof CloudError ? error.message : 'the room could not be joined';
      sink.send({ t: 'ended', reason: e });
      sink.close();
      return RESPONSE_ALREADY_SENT;
    }
    if (ended) room.leave(consoleId);
    else {
      open.set(consoleId, { room, account: account.id });
      heartbeat = setInterval(() => sink.send({ t: 'ping' }), deps.heartbeatMs);
      heartbeat.unref();
    }
    return RESPONSE_ALREADY_SENT;
  });

  /** The caller's own open console, found before its body is read. */
  const ownConsole = createMiddleware<AppEnv & { Variables: { console: Open } }>(
    async (c, next) => {
      const entry = open.get(c.req.param('id') ?? '');
      // Another account's console is as unknown as a closed one: ids are not probeable.
      if (!entry || entry.account !== c.get('account').id) {
        return c.json({ error: 'no such console (its stream ended?)' }, 404);
      }
      c.set('console', entry);
      return next();
    },
  );

  app.post('/consoles/:id/calls', ownConsole, jsonBody(callBody), (c) => {
    const entry = c.get('console');
    const { id, method, args } = c.req.valid('json');
    entry.room.call(c.req.param('id'), id, method as (typeof CLOUD_METHODS)[number], args);
    return c.json({ accepted: true }, 202);
  });

  app.post('/worlds/:world/reset', worldParam, (c) => {
    const name = c.req.valid('param').world;
    const world = deps.cloud.peek(name);
    const refusal = world?.resetRefusal(c.get('account'));
    if (refusal) return c.json({ error: refusal }, 403);
    world?.reset();
    return c.json({ reset: name });
  });

  app.post('/worlds/:world/traffic', worldParam, jsonBody(trafficBody), (c) => {
    const name = c.req.valid('param').world;
    try {
      const body = c.req.valid('json');
      const unknown = body.queues?.numbers.find(
        (n) => !deps.double.numbers.some((p) => p.number === n),
      );
      if (unknown) {
        return c.json({ error: `queues.numbers: ${unknown} is not a purchased number` }, 400);
      }
      const world = deps.cloud.world(name, c.get('account').id);
      const plan = startTraffic(world, body, Math.random, deps.pinless);
      return c.json(plan);
    } catch (error) {
      const e = cloudError(error);
      return c.json({ error: e.error }, e.status);
    }
  });

  app.get('/worlds/:world', worldParam, (c) => {
    const name = c.req.valid('param').world;
    const world = deps.cloud.peek(name);
    return c.json({
      world: name,
      rooms: world?.summary() ?? [],
      traffic: world?.trafficRunning ?? false,
      ...(world?.trafficStats ? { trafficStats: world.trafficStats } : {}),
    });
  });
  return app;
}
