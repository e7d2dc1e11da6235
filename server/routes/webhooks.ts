/**
 * `POST /webhooks/daily`: Daily's webhooks in. Raw body (64 KB at most), signature checked,
 * envelope checked, stored, and only then 200. The same envelope (`id` and `type`) twice is
 * stored (and streamed) once and answered 200 both times, so Daily's retries — and replays of
 * a captured request — are harmless. No clock window: see `domain/signature.ts`.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../auth/guard';
import type { Config } from '../config';
import { envelopeSchema, isVerificationPing } from '../domain/envelope';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '../domain/signature';
import type { Logger } from '../log';
import type { EventStore } from '../store/event-store';

export const WEBHOOK_BODY_LIMIT = 64 * 1024;
const DAY_MS = 86_400_000;
/**
 * Kept below the retention period by an hour: a webhook accepted is one whose first copy, if
 * any, is still stored (received after it was sent, pruned a full period later), even if
 * Daily's clock runs up to an hour ahead of ours.
 */
const CLOCK_MARGIN_MS = 3_600_000;

/** The oldest a signed webhook may be: a little less than the events this server keeps. */
export const webhookMaxAgeMs = (config: Pick<Config, 'retentionDays'>) =>
  config.retentionDays * DAY_MS - CLOCK_MARGIN_MS;

const REASONS = {
  'missing-headers': 'missing X-Webhook-Signature or X-Webhook-Timestamp',
  'bad-timestamp': 'X-Webhook-Timestamp is not Unix time (seconds or milliseconds)',
  'too-old': 'X-Webhook-Timestamp is older than the events this server keeps (RETENTION_DAYS)',
  'bad-signature': 'signature does not match',
} as const;

/** Mounted at `/webhooks`: Daily's signature decides, not a session. */
export function webhookRoutes(deps: {
  config: Config;
  store: EventStore;
  log: Logger;
  now?: () => number;
}): Hono<AppEnv> {
  const now = deps.now ?? Date.now;
  const app = new Hono<AppEnv>();
  app.post(
    '/daily',
    bodyLimit({
      maxSize: WEBHOOK_BODY_LIMIT,
      // The rest of the body is not read: the connection cannot be reused.
      onError: (c) =>
        c.json({ error: `body larger than ${WEBHOOK_BODY_LIMIT} bytes` }, 413, {
          connection: 'close',
        }),
    }),
    async (c) => {
      const raw = await c.req.text();
      let value: unknown;
      let parsed = true;
      try {
        value = JSON.parse(raw);
      } catch {
        parsed = false;
      }
      // Daily's verification request when the webhook is created (see README: assumption).
      if (parsed && isVerificationPing(value)) return c.json({ ok: true });
      const key = deps.config.webhookSecret;
      if (!key) {
        deps.log.warn('webhook refused: DAILY_WEBHOOK_SECRET is not set');
        return c.json({ error: 'webhooks are not configured on this server' }, 503);
      }
      const verdict = verifyWebhook({
        key,
        timestamp: c.req.header(TIMESTAMP_HEADER),
        signature: c.req.header(SIGNATURE_HEADER),
        rawBody: raw,
        nowMs: now(),
        maxAgeMs: webhookMaxAgeMs(deps.config),
      });
      if (!verdict.ok) {
        deps.log.warn({ reason: verdict.reason }, 'webhook refused');
        return c.json({ error: REASONS[verdict.reason] }, 401);
      }
      if (!parsed) return c.json({ error: 'body is not JSON' }, 400);
      const envelope = envelopeSchema.safeParse(value);
      if (!envelope.success) {
        const issue = envelope.error.issues[0];
        const where = issue?.path.join('.') || 'body';
        return c.json({ error: `not a Daily webhook envelope: ${where}: ${issue?.message}` }, 400);
      }
      try {
        const { seq, duplicate } = await deps.store.append(envelope.data, now());
        deps.log.info(
          { type: envelope.data.type, id: envelope.data.id, seq, duplicate },
          'webhook stored',
        );
        return c.json({ ok: true, seq, duplicate });
      } catch (error) {
        deps.log.error({ err: error, id: envelope.data.id }, 'webhook not stored');
        return c.json({ error: 'could not store the event; retry' }, 500);
      }
    },
  );
  return app;
}
