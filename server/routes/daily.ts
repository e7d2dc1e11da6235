/**
 * What the console asks of Daily through this server, which holds the API key: the domain's
 * rooms and purchased numbers (for the pickers), a meeting token for the signed-in user
 * (participant admin, not owner, for the rooms its role may join: auth/room-access.ts), and
 * supervisors' actions on any leg (forwarded to Daily's REST API; their progress arrives as
 * webhooks on the stream). Inputs are checked with the same domain code as the console's
 * dialogs before anything is sent to Daily.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js';
import {
  checkDestination,
  firstDestinationError,
  type DestinationArgs,
} from '../../src/domain/destination-check';
import { requireRole, type AppEnv } from '../auth/guard';
import type { AccountStore } from '../auth/accounts';
import { mayJoin, tokenRights } from '../auth/room-access';
import type { Config } from '../config';
import { hangUpRefusal } from '../domain/hang-up';
import { DailyApiError, type DailyClient, type DailyRoom } from '../daily/rest-client';
import type { Logger } from '../log';
import type { EventStore } from '../store/event-store';
import { recordConsoleAction, refusalText, type ActionRecord } from '../wall/attribution';
import { jsonBody } from './read-json';
import { roomParams } from './room-params';

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

type DestinationBody = z.infer<typeof destinationBody>;

/** `/api/daily/*` and the `/api/rooms/:room/…` calls that reach Daily, mounted at `/api`. */
export function dailyRoutes(deps: DailyRouteDeps): Hono<AppEnv> {
  const { daily, log } = deps;
  const app = new Hono<AppEnv>();

  app.get('/daily/rooms', requireRole('agent', deps), async (c) => {
    try {
      // The picker offers the rooms this role may join (the token route refuses the others).
      const role = c.get('account').role;
      const rooms = (await daily.listRooms()).filter((r) =>
        mayJoin(deps.config.roomAccess, role, r.name),
      );
      return c.json({ rooms: rooms.map(roomSummary) });
    } catch (error) {
      return dailyFailure(c, error, log, "Loading the domain's rooms");
    }
  });

  app.get('/daily/phone-numbers', requireRole('agent', deps), async (c) => {
    try {
      const numbers = await daily.listPhoneNumbers();
      return c.json({
        numbers: numbers.map((n) => ({ id: n.id, number: n.number, name: n.name ?? '' })),
      });
    } catch (error) {
      return dailyFailure(c, error, log, "Loading the domain's phone numbers");
    }
  });

  app.post('/rooms/:room/token', requireRole('agent', deps), roomParams, async (c) => {
    const { room } = c.req.valid('param');
    const account = c.get('account');
    if (!mayJoin(deps.config.roomAccess, account.role, room)) {
      return c.json({ error: `Agents may not join ${room} on this server (AGENT_ROOMS)` }, 403);
    }
    const exp = Math.floor(Date.now() / 1000) + TOKEN_TTL_S;
    const rights = tokenRights(deps.config.roomAccess, account.role);
    try {
      const token = await daily.createMeetingToken({
        room_name: room,
        user_name: account.displayName,
        ...rights,
        exp,
      });
      log.info(
        { user: account.username, room, owner: rights.is_owner === true },
        'meeting token minted',
      );
      c.header('cache-control', 'no-store');
      return c.json({ token, expiresAt: exp * 1000, userName: account.displayName });
    } catch (error) {
      return dailyFailure(c, error, log, 'Getting a meeting token');
    }
  });

  // ------------------------------------------------------------------ supervisor actions
  /** The dialogs' own check (one field's problem at a time), then the caller ID against Daily. */
  async function checkedDestination(
    c: Context,
    v: DestinationBody,
    allow: ReadonlyArray<'pstn' | 'sip'>,
  ): Promise<{ ok: true; body: DestinationArgs } | { ok: false; response: Response }> {
    const checked = checkDestination({
      destination: v.destination,
      region: (v.region ?? 'US') as CountryCode,
      allow,
      callerId: v.callerId,
      extension: v.extension,
      wait: String(v.waitBeforeExtensionDialSec ?? ''),
    });
    if (!checked.ok) {
      return { ok: false, response: c.json(firstDestinationError(checked.errors)!, 400) };
    }
    const phoneOnly = v.callerId || v.extension || v.waitBeforeExtensionDialSec !== undefined;
    if (checked.destination.kind === 'sip' && phoneOnly) {
      return {
        ok: false,
        response: c.json(
          { error: 'Caller ID, extension and wait apply to phone numbers only' },
          400,
        ),
      };
    }
    const callerId = checked.args.callerId;
    if (callerId) {
      let numbers;
      try {
        numbers = await daily.listPhoneNumbers();
      } catch (error) {
        return { ok: false, response: dailyFailure(c, error, log, 'Checking the caller ID') };
      }
      if (!numbers.some((n) => n.id === callerId)) {
        return {
          ok: false,
          response: c.json(
            { error: "Caller ID: not one of this domain's purchased numbers", field: 'callerId' },
            400,
          ),
        };
      }
    }
    return { ok: true, body: checked.args };
  }

  /** Daily (or the room) said no: the room hears that the request it was told of failed. */
  async function refused(c: Context<AppEnv>, record: ActionRecord, response: Response) {
    const error = await refusalText(response);
    await recordConsoleAction(deps, c, { ...record, stage: 'refused', error });
    return response;
  }

  /** Transfer and refer: the same checks, then one Daily call. */
  const moveRoute = (
    kind: 'transfer' | 'refer',
    allow: ReadonlyArray<'pstn' | 'sip'>,
    send: (room: string, sessionId: string, body: DestinationArgs) => Promise<unknown>,
  ) =>
    app.post(
      `/rooms/:room/legs/:sessionId/${kind}`,
      requireRole('supervisor', deps),
      roomParams,
      jsonBody(destinationBody),
      async (c) => {
        const p = c.req.valid('param');
        const checked = await checkedDestination(c, c.req.valid('json'), allow);
        if (!checked.ok) return checked.response;
        const record: ActionRecord = {
          room: p.room,
          sessionId: p.sessionId,
          method: kind,
          stage: 'requested',
          toEndpoint: checked.body.toEndPoint,
        };
        await recordConsoleAction(deps, c, record);
        try {
          await send(p.room, p.sessionId, checked.body);
        } catch (error) {
          return refused(c, record, dailyFailure(c, error, log, `The ${kind}`));
        }
        log.info(
          { by: c.get('account').username, room: p.room, sessionId: p.sessionId },
          `${kind} requested through REST`,
        );
        return c.json({ requested: kind, toEndPoint: checked.body.toEndPoint }, 202);
      },
    );
  moveRoute('transfer', ['pstn', 'sip'], (room, sessionId, body) =>
    daily.sipCallTransfer(room, { sessionId, ...body }),
  );
  moveRoute('refer', ['sip'], (room, sessionId, body) =>
    daily.sipRefer(room, { sessionId, toEndPoint: body.toEndPoint }),
  );

  app.post(
    '/rooms/:room/legs/:sessionId/hangup',
    requireRole('supervisor', deps),
    roomParams,
    async (c) => {
      const p = c.req.valid('param');
      // Only a SIP/PSTN leg the webhooks told us of (never an agent): a dial-out is stopped, a
      // dial-in ejected; when nothing was, the answer says so.
      const leg = (await deps.store.legs(p.room)).find((l) => l.session_id === p.sessionId);
      const refusal = hangUpRefusal(leg, p.sessionId);
      if (refusal) return c.json({ error: refusal.error }, refusal.status);
      const record: ActionRecord = {
        room: p.room,
        sessionId: p.sessionId,
        method: 'hang-up',
        stage: 'requested',
      };
      await recordConsoleAction(deps, c, record);
      try {
        if (leg?.direction === 'dial-out') await daily.stopDialOut(p.room, p.sessionId);
        else if (!(await daily.eject(p.room, [p.sessionId])).ejectedIds.includes(p.sessionId)) {
          const gone = c.json({ error: `Leg ${p.sessionId} is no longer in the room` }, 409);
          return refused(c, record, gone);
        }
      } catch (error) {
        return refused(c, record, dailyFailure(c, error, log, 'The hang-up'));
      }
      log.info(
        { by: c.get('account').username, room: p.room, sessionId: p.sessionId },
        'hang-up requested through REST',
      );
      return c.json(
        { requested: 'hangup', how: leg?.direction === 'dial-out' ? 'dialOut/stop' : 'eject' },
        202,
      );
    },
  );
  return app;
}
