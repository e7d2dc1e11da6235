/**
 * What the console asks of Daily through this server, which holds the API key: the domain's
 * rooms and purchased numbers (for the pickers), a meeting token for the signed-in agent, and
 * supervisors' actions on any leg (forwarded to Daily's REST API; their progress arrives as
 * webhooks on the stream). Inputs are checked with the same domain code as the console's
 * dialogs before anything is sent to Daily.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js';
import {
  parseDestination,
  validateCallerId,
  validateExtension,
  validateWaitSeconds,
} from '../../src/domain/destination';
import { requireRole, type AppEnv } from '../auth/guard';
import type { AccountStore } from '../auth/accounts';
import type { Config } from '../config';
import { hangUpRefusal } from '../domain/hang-up';
import { ROOM_NAME, ROOM_NAME_RULE } from '../domain/room-name';
import { DailyApiError, type DailyClient, type DailyRoom } from '../daily/rest-client';
import type { Logger } from '../log';
import type { EventStore } from '../store/event-store';
import { readJson } from './read-json';

const SESSION_ID = /^[A-Za-z0-9-]{1,64}$/;
const TOKEN_TTL_S = 5 * 60;

export interface DailyRouteDeps {
  config: Config;
  accounts: AccountStore;
  daily: DailyClient;
  store: EventStore;
  log: Logger;
}

/** A room as the console's pickers show it. */
export function roomSummary(r: DailyRoom) {
  const sip = r.config.sip_uri?.endpoint;
  return {
    name: r.name,
    url: r.url,
    ...(sip ? { sipUri: sip.startsWith('sip:') ? sip : `sip:${sip}` } : {}),
    dialIn: !!r.config.sip || !!r.config.dialin,
    dialOut: r.config.enable_dialout === true,
  };
}

/** Daily's failure as an answer to our caller: clear, specific, without Daily's internals. */
export function dailyFailure(c: Context, error: unknown, log: Logger, what: string): Response {
  if (!(error instanceof DailyApiError)) {
    log.error({ err: error, what }, 'Daily call failed');
    return c.json({ error: `${what} failed` }, 502);
  }
  log.warn({ kind: error.kind, status: error.status, what }, 'Daily call failed');
  if (error.kind === 'rate-limited') {
    if (error.retryAfterS) c.header('retry-after', String(error.retryAfterS));
    return c.json({ error: `${what}: ${error.message}` }, 503);
  }
  if (error.kind === 'not-found') return c.json({ error: `${what}: ${error.message}` }, 404);
  if (error.kind === 'rejected') return c.json({ error: `${what}: ${error.message}` }, 400);
  if (error.kind === 'auth') {
    return c.json({ error: `${what}: the server's Daily API key was refused` }, 502);
  }
  return c.json({ error: `${what}: ${error.message}` }, error.kind === 'timeout' ? 504 : 502);
}

const destinationBody = z.object({
  destination: z.string().min(1, 'destination: required').max(2_048),
  region: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  callerId: z.string().max(64).optional(),
  extension: z.string().max(64).optional(),
  waitBeforeExtensionDialSec: z.union([z.string().max(8), z.number()]).optional(),
});

interface DestinationBody {
  toEndPoint: string;
  callerId?: string;
  extension?: string;
  waitBeforeExtensionDialSec?: number;
}

export function mountDaily(app: Hono<AppEnv>, deps: DailyRouteDeps): void {
  const { daily, log } = deps;
  const agent = requireRole('agent', deps);
  const supervisor = requireRole('supervisor', deps);

  const roomParam = (c: Context) => {
    const room = c.req.param('room') ?? '';
    return ROOM_NAME.test(room) ? room : undefined;
  };
  const badRoom = (c: Context) => c.json({ error: ROOM_NAME_RULE }, 400);

  app.get('/api/daily/rooms', agent, async (c) => {
    try {
      const rooms = await daily.listRooms();
      return c.json({ rooms: rooms.map(roomSummary) });
    } catch (error) {
      return dailyFailure(c, error, log, "Loading the domain's rooms");
    }
  });

  app.get('/api/daily/phone-numbers', agent, async (c) => {
    try {
      const numbers = await daily.listPhoneNumbers();
      return c.json({
        numbers: numbers.map((n) => ({ id: n.id, number: n.number, name: n.name ?? '' })),
      });
    } catch (error) {
      return dailyFailure(c, error, log, "Loading the domain's phone numbers");
    }
  });

  app.post('/api/rooms/:room/token', agent, async (c) => {
    const room = roomParam(c);
    if (!room) return badRoom(c);
    const account = c.get('account');
    const exp = Math.floor(Date.now() / 1000) + TOKEN_TTL_S;
    try {
      const token = await daily.createMeetingToken({
        room_name: room,
        user_name: account.displayName,
        is_owner: true,
        exp,
      });
      log.info({ user: account.username, room }, 'meeting token minted');
      c.header('cache-control', 'no-store');
      return c.json({ token, expiresAt: exp * 1000, userName: account.displayName });
    } catch (error) {
      return dailyFailure(c, error, log, 'Getting a meeting token');
    }
  });

  // ------------------------------------------------------------------ supervisor actions
  async function checkedDestination(
    c: Context,
    allow: ReadonlyArray<'pstn' | 'sip'>,
  ): Promise<{ ok: true; body: DestinationBody } | { ok: false; response: Response }> {
    const read = await readJson(c, destinationBody);
    if (!read.ok) return read;
    const v = read.value;
    const dest = parseDestination(v.destination, {
      defaultRegion: (v.region ?? 'US') as CountryCode,
      allow,
    });
    if (!dest.ok)
      return { ok: false, response: c.json({ error: dest.error, field: 'destination' }, 400) };
    if (dest.value.kind === 'sip') {
      if (v.callerId || v.extension || v.waitBeforeExtensionDialSec !== undefined) {
        return {
          ok: false,
          response: c.json(
            { error: 'Caller ID, extension and wait apply to phone numbers only' },
            400,
          ),
        };
      }
      return { ok: true, body: { toEndPoint: dest.value.uri } };
    }
    const callerId = validateCallerId(v.callerId ?? '');
    if (!callerId.ok)
      return { ok: false, response: c.json({ error: callerId.error, field: 'callerId' }, 400) };
    const extension = validateExtension(v.extension ?? '');
    if (!extension.ok)
      return { ok: false, response: c.json({ error: extension.error, field: 'extension' }, 400) };
    const wait = validateWaitSeconds(String(v.waitBeforeExtensionDialSec ?? ''), !!extension.value);
    if (!wait.ok) return { ok: false, response: c.json({ error: wait.error, field: 'wait' }, 400) };
    if (callerId.value) {
      let numbers;
      try {
        numbers = await daily.listPhoneNumbers();
      } catch (error) {
        return { ok: false, response: dailyFailure(c, error, log, 'Checking the caller ID') };
      }
      if (!numbers.some((n) => n.id === callerId.value)) {
        return {
          ok: false,
          response: c.json(
            { error: "Caller ID: not one of this domain's purchased numbers", field: 'callerId' },
            400,
          ),
        };
      }
    }
    return {
      ok: true,
      body: {
        toEndPoint: dest.value.e164,
        ...(callerId.value ? { callerId: callerId.value } : {}),
        ...(extension.value ? { extension: extension.value } : {}),
        ...(wait.value !== undefined ? { waitBeforeExtensionDialSec: wait.value } : {}),
      },
    };
  }

  const legParams = (c: Context) => {
    const room = roomParam(c);
    const sessionId = c.req.param('sessionId') ?? '';
    if (!room) return { response: badRoom(c) };
    if (!SESSION_ID.test(sessionId))
      return { response: c.json({ error: 'Session id: letters, digits and "-" only' }, 400) };
    return { room, sessionId };
  };

  /** Transfer and refer: the same checks, then one Daily call. */
  const moveRoute = (
    kind: 'transfer' | 'refer',
    allow: ReadonlyArray<'pstn' | 'sip'>,
    send: (room: string, sessionId: string, body: DestinationBody) => Promise<unknown>,
  ) =>
    app.post(`/api/rooms/:room/legs/:sessionId/${kind}`, supervisor, async (c) => {
      const p = legParams(c);
      if ('response' in p) return p.response;
      const checked = await checkedDestination(c, allow);
      if (!checked.ok) return checked.response;
      try {
        await send(p.room, p.sessionId, checked.body);
      } catch (error) {
        return dailyFailure(c, error, log, `The ${kind}`);
      }
      log.info(
        { by: c.get('account').username, room: p.room, sessionId: p.sessionId },
        `${kind} requested through REST`,
      );
      return c.json({ requested: kind, toEndPoint: checked.body.toEndPoint }, 202);
    });
  moveRoute('transfer', ['pstn', 'sip'], (room, sessionId, body) =>
    daily.sipCallTransfer(room, { sessionId, ...body }),
  );
  moveRoute('refer', ['sip'], (room, sessionId, body) =>
    daily.sipRefer(room, { sessionId, toEndPoint: body.toEndPoint }),
  );

  app.post('/api/rooms/:room/legs/:sessionId/hangup', supervisor, async (c) => {
    const p = legParams(c);
    if ('response' in p) return p.response;
    // Only a SIP/PSTN leg the webhooks told us of (never an agent): a dial-out is stopped, a
    // dial-in ejected; when nothing was, the answer says so.
    const leg = (await deps.store.legs(p.room)).find((l) => l.session_id === p.sessionId);
    const refusal = hangUpRefusal(leg, p.sessionId);
    if (refusal) return c.json({ error: refusal.error }, refusal.status);
    try {
      if (leg?.direction === 'dial-out') await daily.stopDialOut(p.room, p.sessionId);
      else if (!(await daily.eject(p.room, [p.sessionId])).ejectedIds.includes(p.sessionId)) {
        return c.json({ error: `Leg ${p.sessionId} is no longer in the room` }, 409);
      }
    } catch (error) {
      return dailyFailure(c, error, log, 'The hang-up');
    }
    log.info(
      { by: c.get('account').username, room: p.room, sessionId: p.sessionId },
      'hang-up requested through REST',
    );
    return c.json(
      { requested: 'hangup', how: leg?.direction === 'dial-out' ? 'dialOut/stop' : 'eject' },
      202,
    );
  });
}
