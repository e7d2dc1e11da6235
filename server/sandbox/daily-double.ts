/**
 * Sandbox mode: a double of Daily's REST API (the paths this server uses, spec §4), served by
 * the server itself under `/sandbox-daily/v1`, so the server's Daily client runs over real
 * HTTP exactly as against api.daily.co — only the base URL and the key differ. It checks the
 * Bearer key (401 in Daily's shape), answers with Daily's response shapes, paginates as Daily
 * does, and takes injected faults (429 with Retry-After, 5xx, latency).
 *
 * Limits, until the shared simulated cloud lands: it knows the sandbox rooms and numbers but
 * not the legs in them (those live in each browser tab's sandbox), so transfer, refer, dial-out
 * and eject are validated, recorded and answered as Daily would, and move nobody.
 * Error texts marked "invented" are not Daily's words (Daily's are not documented).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { BlankSchema } from 'hono/types';
import { bodyLimit } from 'hono/body-limit';

export const SANDBOX_DOMAIN = 'sandbox';
export const SANDBOX_ROOMS = ['sandbox-room', 'support', 'sales', 'billing'] as const;

export interface DoubleFault {
  /** Answer this status instead (429, 500, 503…); omit for latency only. */
  status?: number;
  retryAfterS?: number;
  latencyMs?: number;
  /** How many requests it applies to (default 1). */
  times?: number;
  /** Only requests whose path (after /v1) starts with this. */
  pathPrefix?: string;
  /** Only requests about this room (its path, or a meeting token's `room_name`). */
  room?: string;
}

export interface DoubleCall {
  method: string;
  path: string;
  /** The query string, without "?". */
  query: string;
  body: unknown;
}

interface Room {
  id: string;
  name: string;
  api_created: boolean;
  privacy: string;
  url: string;
  created_at: string;
  config: Record<string, unknown>;
}

interface PhoneNumber {
  id: string;
  number: string;
  name: string;
  type: 'purchased_phone_number';
  pagination_id: string;
  created_date: string;
  status: string;
  verified: boolean;
}

function sandboxRoom(name: string, i: number): Room {
  return {
    id: `0d1f2a3b-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name,
    api_created: true,
    privacy: 'private',
    url: `https://${SANDBOX_DOMAIN}.daily.co/${name}`,
    created_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    config: {
      sip: { display_name: 'Caller', sip_mode: 'dial-in', video: false, num_endpoints: 1 },
      sip_uri: { endpoint: `sip:${name}@${SANDBOX_DOMAIN}.sip.daily.co` },
      enable_dialout: true,
    },
  };
}

const NUMBERS: [string, string][] = [
  ['+14155550100', 'Support line'],
  ['+14155550111', 'Sales line'],
  ['+442071838750', 'London office'],
];

function phoneNumber(i: number, number: string, name: string): PhoneNumber {
  return {
    id: `3b0e5c8a-1f2d-4c6b-9a7e-${String(i).padStart(12, '0')}`,
    number,
    name,
    type: 'purchased_phone_number',
    pagination_id: `pn_${String(i).padStart(6, '0')}`,
    created_date: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    status: 'verified',
    verified: true,
  };
}

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

/** The request body, read once by the key-and-fault middleware, for the route handlers. */
type DoubleEnv = { Variables: { body: unknown } };

export interface DailyDouble {
  app: Hono<DoubleEnv, BlankSchema, '/v1'>;
  rooms: Room[];
  numbers: PhoneNumber[];
  calls: DoubleCall[];
  inject(fault: DoubleFault): void;
  clearFaults(): void;
  /** Reads a token the double minted (sandbox joins use it to take the owner flag). */
  verifyToken(token: string): Record<string, unknown> | undefined;
}

/** Daily's REST actions on a room, as the double forwards them to the simulated cloud. */
export type RoomAction =
  'sipCallTransfer' | 'sipRefer' | 'dialOut/start' | 'dialOut/stop' | 'dialOut/sendDTMF' | 'eject';

/**
 * The simulated cloud behind the double: REST actions act on the same rooms the consoles are
 * in (`support` in the default world, `support.<world>` in another). A rejection's message
 * becomes a 400 `invalid-request-error`.
 */
export interface DoubleWorld {
  /** Whether a room exists there (created when first joined), beyond the double's list. */
  has(room: string): boolean;
  act(
    room: string,
    action: RoomAction,
    body: Record<string, unknown>,
  ): Promise<Record<string, unknown>>;
}

/** The double's view of pinless dial-in (the sandbox's `PinlessLine`). */
export interface DoublePinless {
  configs(): unknown[];
  update(
    body: Record<string, unknown>,
  ): Promise<{ ok: true } | { ok: false; gone: boolean; info: string }>;
}

export function createDailyDouble(opts: {
  apiKey: string;
  world?: DoubleWorld;
  extraRooms?: number;
  extraNumbers?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Pinless dial-in (`pinless-line.ts`), found when a request needs it. */
  pinless?: () => DoublePinless | undefined;
}): DailyDouble {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const rooms = SANDBOX_ROOMS.map(sandboxRoom);
  for (let i = 0; i < (opts.extraRooms ?? 0); i++)
    rooms.push(sandboxRoom(`room-${i + 1}`, rooms.length));
  const numbers = NUMBERS.map(([n, name], i) => phoneNumber(i + 1, n, name));
  for (let i = 0; i < (opts.extraNumbers ?? 0); i++) {
    numbers.push(
      phoneNumber(
        numbers.length + 1,
        `+1415555${String(2000 + i).padStart(4, '0')}`,
        `Line ${i + 1}`,
      ),
    );
  }
  const faults: (DoubleFault & { left: number })[] = [];
  const calls: DoubleCall[] = [];
  const key = Buffer.from(opts.apiKey);

  const fail = (c: Context, status: 400 | 401 | 404, error: string, info: string) =>
    c.json({ error, info }, status);

  function sign(payload: Record<string, unknown>): string {
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const body = b64url(JSON.stringify(payload));
    const sig = createHmac('sha256', key).update(`${head}.${body}`).digest('base64url');
    return `${head}.${body}.${sig}`;
  }

  /** Daily's paths under `/v1` (the server mounts this under `/sandbox-daily`). */
  const app = new Hono<DoubleEnv>().basePath('/v1');
  app.use(
    '*',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => fail(c, 400, 'invalid-request-error', 'body too large'),
    }),
  );
  app.use('*', async (c, next) => {
    const auth = c.req.header('authorization') ?? '';
    const given = Buffer.from(auth.startsWith('Bearer ') ? auth.slice(7) : '');
    if (given.length !== key.length || !timingSafeEqual(given, key)) {
      return fail(c, 401, 'authentication-error', 'Unauthorized');
    }
    let body: unknown;
    if (c.req.method === 'POST') {
      try {
        body = await c.req.json();
      } catch {
        return fail(c, 400, 'invalid-request-error', 'body must be JSON');
      }
    }
    const path = c.req.path.replace(/^.*?\/v1/, '');
    const about = (room: string) =>
      path.startsWith(`/rooms/${room}/`) ||
      path === `/rooms/${room}` ||
      (body as { properties?: { room_name?: unknown } } | undefined)?.properties?.room_name ===
        room;
    const fault = faults.find(
      (f) =>
        f.left > 0 &&
        (!f.pathPrefix || path.startsWith(f.pathPrefix)) &&
        (!f.room || about(f.room)),
    );
    if (fault) {
      fault.left--;
      if (fault.latencyMs) await sleep(fault.latencyMs);
      if (fault.status) {
        if (fault.retryAfterS !== undefined) c.header('retry-after', String(fault.retryAfterS));
        const error = fault.status === 429 ? 'rate-limit-error' : 'server-error';
        return c.json({ error, info: `injected fault ${fault.status}` }, fault.status as 429);
      }
    }
    calls.push({ method: c.req.method, path, query: new URL(c.req.url).search.slice(1), body });
    if (calls.length > 1_000) calls.shift();
    c.set('body', body);
    return next();
  });
  const bodyOf = (c: Context<DoubleEnv>) => (c.get('body') ?? {}) as Record<string, unknown>;
  const findRoom = (name: string) =>
    rooms.find((r) => r.name === name) ??
    (opts.world?.has(name) ? sandboxRoom(name, rooms.length) : undefined);

  function page<T>(c: Context, items: T[], idOf: (t: T) => string, max: number) {
    const limit = Math.min(Math.max(Number(c.req.query('limit') ?? max) || max, 1), max);
    const after = c.req.query('starting_after');
    const before = c.req.query('ending_before');
    let start = 0;
    let end = items.length;
    if (after) start = items.findIndex((t) => idOf(t) === after) + 1;
    if (before)
      end = Math.max(
        0,
        items.findIndex((t) => idOf(t) === before),
      );
    const slice = before
      ? items.slice(Math.max(start, end - limit), end)
      : items.slice(start, start + limit);
    return c.json({ total_count: items.length, data: slice });
  }

  app.get('/rooms', (c) => page(c, rooms, (r) => r.id, 100));
  app.get('/rooms/:name', (c) => {
    const room = findRoom(c.req.param('name'));
    return room ? c.json(room) : fail(c, 404, 'not-found', `room ${c.req.param('name')} not found`);
  });
  app.get('/purchased-phone-numbers', (c) => {
    const byName = c.req.query('filter_name');
    const byNumber = c.req.query('filter_number');
    const list = numbers.filter(
      (n) => (!byName || n.name.includes(byName)) && (!byNumber || n.number.includes(byNumber)),
    );
    return page(c, list, (n) => n.pagination_id, 50);
  });
  app.post('/meeting-tokens', (c) => {
    const props = (bodyOf(c).properties ?? {}) as Record<string, unknown>;
    if (props.room_name !== undefined && typeof props.room_name !== 'string') {
      return fail(c, 400, 'invalid-request-error', 'room_name must be a string');
    }
    if (props.exp !== undefined && typeof props.exp !== 'number') {
      return fail(c, 400, 'invalid-request-error', 'exp must be a number');
    }
    const payload: Record<string, unknown> = {
      ...(props.room_name ? { r: props.room_name } : {}),
      ...(props.user_name ? { u: props.user_name } : {}),
      ...(props.is_owner ? { o: true } : {}),
      // The token's `permissions`, under a claim of the double's own (Daily's is undocumented).
      ...(props.permissions && typeof props.permissions === 'object'
        ? { p: props.permissions }
        : {}),
      ...(props.exp ? { exp: props.exp } : {}),
      d: rooms[0]!.id,
      iat: Math.floor(Date.now() / 1000),
    };
    return c.json({ token: sign(payload) });
  });

  const roomAction = (
    path: RoomAction,
    check: (body: Record<string, unknown>) => string | undefined,
    answer: (body: Record<string, unknown>) => Record<string, unknown>,
  ) =>
    app.post(`/rooms/:name/${path}`, async (c) => {
      const name = c.req.param('name');
      if (!findRoom(name)) return fail(c, 404, 'not-found', `room ${name} not found`);
      const body = bodyOf(c);
      const problem = check(body);
      if (problem) return fail(c, 400, 'invalid-request-error', problem);
      if (!opts.world) return c.json(answer(body));
      try {
        return c.json(await opts.world.act(name, path, body));
      } catch (error) {
        const info = error instanceof Error ? error.message : String(error);
        return fail(c, 400, 'invalid-request-error', info);
      }
    });
  const needs =
    (...fields: string[]) =>
    (b: Record<string, unknown>) =>
      fields
        .map((f) => (typeof b[f] === 'string' && b[f] ? undefined : `${f} is required`))
        .find(Boolean);
  const knownCallerId = (b: Record<string, unknown>) =>
    b.callerId === undefined || numbers.some((n) => n.id === b.callerId)
      ? undefined
      : 'callerId is not a purchased phone number of this domain'; // invented text

  roomAction(
    'sipCallTransfer',
    (b) => needs('sessionId', 'toEndPoint')(b) ?? knownCallerId(b),
    () => ({ ok: 'true' }),
  );
  roomAction('sipRefer', needs('sessionId', 'toEndPoint'), () => ({ ok: 'true' }));
  roomAction(
    'dialOut/start',
    (b) => (b.sipUri || b.phoneNumber ? knownCallerId(b) : 'sipUri or phoneNumber is required'),
    () => ({ ok: 'true', sessionId: randomUUID() }),
  );
  roomAction('dialOut/stop', needs('sessionId'), () => ({ ok: 'true' }));
  roomAction('dialOut/sendDTMF', needs('sessionId', 'tones'), (b) => ({
    ok: 'true',
    sessionId: b.sessionId,
  }));
  roomAction(
    'eject',
    () => undefined,
    (b) => ({ ejectedIds: Array.isArray(b.ids) ? b.ids.filter((x) => typeof x === 'string') : [] }),
  );
  app.get('/domain-dialin-config', (c) => {
    const data = opts.pinless?.()?.configs() ?? [];
    return c.json({ total_count: data.length, data });
  });
  app.post('/dialin/pinlessCallUpdate', async (c) => {
    const body = bodyOf(c);
    const problem = needs('callId', 'callDomain', 'sipUri')(body);
    if (problem) return fail(c, 400, 'invalid-request-error', problem);
    const line = opts.pinless?.();
    if (!line) return fail(c, 404, 'not-found', 'no pinless dial-in on this domain');
    const result = await line.update(body);
    if (result.ok) return c.json({ status: 'success' }); // invented shape (Daily's is not documented)
    return fail(
      c,
      result.gone ? 404 : 400,
      result.gone ? 'not-found' : 'invalid-request-error',
      result.info,
    );
  });
  app.all('*', (c) => fail(c, 404, 'not-found', 'Not found'));

  return {
    app,
    rooms,
    numbers,
    calls,
    inject: (fault) => faults.push({ ...fault, left: fault.times ?? 1 }),
    clearFaults: () => void faults.splice(0),
    verifyToken(token) {
      const [head, body, sig] = token.split('.');
      if (!head || !body || !sig) return undefined;
      const expected = createHmac('sha256', key).update(`${head}.${body}`).digest('base64url');
      if (
        sig.length !== expected.length ||
        !timingSafeEqual(Buffer.from(sig), Buffer.from(expected))
      )
        return undefined;
      try {
        return JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    },
  };
}
