/**
 * Sandbox mode only: the webhook relay. A simulated Daily room running in the browser (the
 * console without its server's simulated cloud) reports what happened — `{ type, payload }`, Daily's field
 * names — and this relay plays Daily's part: it wraps it in an envelope, signs it with the
 * sandbox's webhook secret and POSTs it over HTTP to `/webhooks/daily`, through the same
 * verification, storage and stream as a real webhook. Not mounted in real mode (404).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../auth/guard';
import { z } from 'zod';
import { deliverWebhook, type SenderDeps } from '../sandbox/webhook-sender';
import { jsonBody } from './read-json';

const happening = z.object({
  type: z.string().regex(/^(dialin|dialout|calltransfer)\.[a-z]+$/, 'type: a Daily webhook type'),
  payload: z
    .record(z.string(), z.union([z.string().max(1024), z.number(), z.boolean(), z.null()]))
    .refine((p) => Object.keys(p).length <= 32, 'payload: at most 32 fields'),
});

/** Mounted at `/api/sandbox/webhooks`, behind the sandbox's agent guard (`sandbox.ts`). */
export function sandboxRelayRoutes(deps: SenderDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/', jsonBody(happening), async (c) => {
    const result = await deliverWebhook(deps, c.req.valid('json'));
    if (result.status === undefined) {
      return c.json({ delivered: false, error: 'delivery to /webhooks/daily failed' }, 502);
    }
    return c.json(
      { delivered: result.delivered, status: result.status, id: result.id },
      result.delivered ? 200 : 502,
    );
  });
  return app;
}
