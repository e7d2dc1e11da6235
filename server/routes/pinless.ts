/**
 * `POST /webhooks/pinless`: Daily's pinless dial-in request (the domain's `room_creation_api`).
 * A caller is on hold meanwhile, so it answers at once: signature and timestamp checked (a
 * forged or replayed request is refused), the call recorded once per call id (Daily's retries
 * get the same answer), and offered to the queue's agents; routing follows when one accepts.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../auth/guard';
import type { Verdict } from '../domain/signature';
import { isPinlessTest, parseOrUndefined, pinlessRequest, verifyPinless } from '../domain/pinless';
import type { Logger } from '../log';
import type { QueueEngine } from '../queue/engine';

const LIMIT = 16 * 1024;
/** Why a request was refused, in words, for every verdict of `domain/signature.ts` (as the webhooks' door). */
const REASONS: Record<Extract<Verdict, { ok: false }>['reason'], string> = {
  'missing-headers': 'missing X-Pinless-Signature or X-Pinless-Timestamp',
  'bad-timestamp': 'X-Pinless-Timestamp is not a Unix time',
  'too-old': 'X-Pinless-Timestamp is more than 5 minutes old',
  'bad-signature': 'signature does not match',
};

/** Mounted at `/webhooks/pinless`: Daily's signature decides, not a session. */
export interface PinlessRouteDeps {
  config: { pinlessSecret?: Buffer };
  queues: QueueEngine;
  log: Logger;
  now?: () => number;
}

export function pinlessRoutes(deps: PinlessRouteDeps): Hono<AppEnv> {
  const now = deps.now ?? Date.now;
  return new Hono<AppEnv>().post(
    '/',
    bodyLimit({
      maxSize: LIMIT,
      onError: (c) =>
        c.json({ error: `body larger than ${LIMIT} bytes` }, 413, { connection: 'close' }),
    }),
    async (c) => {
      const raw = await c.req.text();
      const value = parseOrUndefined(raw);
      if (isPinlessTest(value)) return c.json({ ok: true });
      const key = deps.config.pinlessSecret;
      if (!key) {
        deps.log.warn('room-creation request refused: DAILY_PINLESS_HMAC is not set');
        return c.json({ error: 'pinless dial-in is not configured on this server' }, 503);
      }
      const verdict = verifyPinless(key, (name) => c.req.header(name), raw, now());
      if (!verdict.ok) {
        deps.log.warn({ reason: verdict.reason }, 'room-creation request refused');
        return c.json({ error: REASONS[verdict.reason] }, 401);
      }
      const parsed = pinlessRequest.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return c.json({ error: `${issue?.path.join('.') || 'body'}: ${issue?.message}` }, 400);
      }
      const { To, From, callId, callDomain } = parsed.data;
      try {
        const { call, duplicate } = await deps.queues.arrive({
          callId,
          callDomain,
          from: From,
          to: To,
        });
        if (call.state === 'unrouted') {
          return c.json({ error: `no queue takes calls for ${To}`, callId }, 404);
        }
        deps.log.info({ callId, queue: call.queue, duplicate }, 'queue: call held');
        return c.json({ ok: true, callId, queue: call.queue, state: call.state, duplicate });
      } catch (error) {
        deps.log.error({ err: error, callId }, 'queue: call not recorded');
        return c.json({ error: 'could not record the call; retry' }, 500);
      }
    },
  );
}
