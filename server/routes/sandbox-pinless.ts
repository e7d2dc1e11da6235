/**
 * `/api/sandbox/pinless/*` (sandbox mode): simulated callers dialling the purchased numbers
 * (`pinless-line.ts`), for the sandbox panel, `window.sandbox` and tests.
 *
 *   GET  /calls?world=            the world's held and routed callers, and the numbers' configs
 *   POST /calls                   { world?, to, from, name?, holdTimeoutS? }: a caller dials
 *   POST /calls/:callId/hangup    the caller hangs up (on hold or in the room)
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../auth/guard';
import { DEFAULT_WORLD, WORLD_NAME } from '../../src/domain/sandbox-world';
import type { PinlessLine } from '../sandbox/pinless-line';
import { jsonBody } from './read-json';

const dial = z.object({
  world: z.string().regex(WORLD_NAME, 'World: 1-64 letters, digits, "-" or "_"').optional(),
  to: z.string().regex(/^\+[1-9]\d{6,14}$/, 'Number: a purchased number, like +14155550100'),
  from: z
    .string()
    .regex(/^(\+[1-9]\d{6,14}|sips?:[^@\s]+@[^@\s]+)$/, 'From: an E.164 number or a SIP URI'),
  name: z.string().trim().max(60, 'Name: at most 60 characters').optional(),
  holdTimeoutS: z.number().int().min(1).max(3600).optional(),
});

export function sandboxPinlessRoutes(line: PinlessLine): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/calls', (c) => {
    const world = c.req.query('world') ?? DEFAULT_WORLD;
    if (!WORLD_NAME.test(world))
      return c.json({ error: 'World: 1-64 letters, digits, "-" or "_"' }, 400);
    return c.json({ calls: line.list(world), configs: line.configs() });
  });
  app.post('/calls', jsonBody(dial), async (c) => {
    const { world, to, from, name, holdTimeoutS } = c.req.valid('json');
    try {
      const call = await line.dial({
        world: world ?? DEFAULT_WORLD,
        to,
        from,
        ...(name ? { name } : {}),
        ...(holdTimeoutS ? { holdTimeoutMs: holdTimeoutS * 1000 } : {}),
      });
      return c.json({ call }, 201);
    } catch (error) {
      return c.json(
        { error: error instanceof Error ? error.message : String(error), field: 'to' },
        400,
      );
    }
  });
  app.post('/calls/:callId/hangup', (c) => {
    const call = line.hangUp(c.req.param('callId'));
    return call ? c.json({ call }) : c.json({ error: 'No such caller' }, 404);
  });
  return app;
}
