/**
 * Sandbox mode only: the webhook relay. The simulated Daily room (in the browser until the
 * shared simulated cloud lands) reports what happened — `{ type, payload }`, Daily's field
 * names — and this relay plays Daily's part: it wraps it in an envelope, signs it with the
 * sandbox's webhook secret and POSTs it over HTTP to `/webhooks/daily`, through the same
 * verification, storage and stream as a real webhook. Not mounted in real mode (404).
 */
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { signedHeaders } from '../domain/signature';
import type { Logger } from '../log';

const happening = z.object({
  type: z.string().regex(/^(dialin|dialout|calltransfer)\.[a-z]+$/, 'type: a Daily webhook type'),
  payload: z
    .record(z.string(), z.union([z.string().max(1024), z.number(), z.boolean(), z.null()]))
    .refine((p) => Object.keys(p).length <= 32, 'payload: at most 32 fields'),
});

export function mountSandboxRelay(
  app: Hono,
  deps: { secret: Buffer; selfUrl: () => string; log: Logger; now?: () => number },
): void {
  const now = deps.now ?? Date.now;
  app.post(
    '/api/sandbox/webhooks',
    bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.json({ error: 'body too large' }, 413) }),
    async (c) => {
      // Only pages served by this server may report (no cross-site posts).
      const origin = c.req.header('origin');
      const host = c.req.header('host');
      if (origin && host && new URL(origin).host !== host) {
        return c.json({ error: 'cross-origin request refused' }, 403);
      }
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return c.json({ error: 'body is not JSON' }, 400);
      }
      const parsed = happening.safeParse(body);
      if (!parsed.success) return c.json({ error: parsed.error.issues[0]?.message }, 400);
      const at = now();
      const seconds = Math.floor(at / 1000);
      const { type, payload } = parsed.data;
      const envelope = {
        version: '1.0.0',
        type,
        id: `sandbox-${type.replace('.', '-')}-${randomUUID()}`,
        payload: { ...payload, timestamp: String(seconds) },
        event_ts: at / 1000,
      };
      const raw = JSON.stringify(envelope);
      try {
        const res = await fetch(`${deps.selfUrl()}/webhooks/daily`, {
          method: 'POST',
          headers: signedHeaders(deps.secret, raw, at),
          body: raw,
          signal: AbortSignal.timeout(5_000),
        });
        return c.json(
          { delivered: res.ok, status: res.status, id: envelope.id },
          res.ok ? 200 : 502,
        );
      } catch (error) {
        deps.log.warn({ err: error, type }, 'sandbox relay: delivery failed');
        return c.json({ delivered: false, error: 'delivery to /webhooks/daily failed' }, 502);
      }
    },
  );
}
