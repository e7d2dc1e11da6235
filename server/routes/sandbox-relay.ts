/**
 * Sandbox mode only: the webhook relay. The simulated Daily room (in the browser until the
 * shared simulated cloud lands) reports what happened — `{ type, payload }`, Daily's field
 * names — and this relay plays Daily's part: it wraps it in an envelope, signs it with the
 * sandbox's webhook secret and POSTs it over HTTP to `/webhooks/daily`, through the same
 * verification, storage and stream as a real webhook. Not mounted in real mode (404).
 */
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { z } from 'zod';
import { signedHeaders } from '../domain/signature';
import type { Logger } from '../log';
import { readJson } from './read-json';

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
  // Body size, Origin and session are checked for every /api route in app.ts.
  app.post('/api/sandbox/webhooks', async (c) => {
    const parsed = await readJson(c, happening);
    if (!parsed.ok) return parsed.response;
    const at = now();
    const seconds = Math.floor(at / 1000);
    const { type, payload } = parsed.value;
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
      return c.json({ delivered: res.ok, status: res.status, id: envelope.id }, res.ok ? 200 : 502);
    } catch (error) {
      deps.log.warn({ err: error, type }, 'sandbox relay: delivery failed');
      return c.json({ delivered: false, error: 'delivery to /webhooks/daily failed' }, 502);
    }
  });
}
