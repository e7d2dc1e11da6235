/**
 * Sandbox mode only: the webhook relay. A simulated Daily room running in the browser (the
 * console without its server's simulated cloud) reports what happened — `{ type, payload }`, Daily's field
 * names — and this relay plays Daily's part: it wraps it in an envelope, signs it with the
 * sandbox's webhook secret and POSTs it over HTTP to `/webhooks/daily`, through the same
 * verification, storage and stream as a real webhook. Not mounted in real mode (404).
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { deliverWebhook, type SenderDeps } from '../sandbox/webhook-sender';
import { readJson } from './read-json';

const happening = z.object({
  type: z.string().regex(/^(dialin|dialout|calltransfer)\.[a-z]+$/, 'type: a Daily webhook type'),
  payload: z
    .record(z.string(), z.union([z.string().max(1024), z.number(), z.boolean(), z.null()]))
    .refine((p) => Object.keys(p).length <= 32, 'payload: at most 32 fields'),
});

export function mountSandboxRelay(app: Hono, deps: SenderDeps): void {
  // Body size, Origin and session are checked for every /api route in app.ts.
  app.post('/api/sandbox/webhooks', async (c) => {
    const parsed = await readJson(c, happening);
    if (!parsed.ok) return parsed.response;
    const result = await deliverWebhook(deps, parsed.value);
    if (result.status === undefined) {
      return c.json({ delivered: false, error: 'delivery to /webhooks/daily failed' }, 502);
    }
    return c.json(
      { delivered: result.delivered, status: result.status, id: result.id },
      result.delivered ? 200 : 502,
    );
  });
}
