/**
 * `/api/sandbox/*`, sandbox mode's own API: the simulated cloud (`sandbox-cloud.ts`), the webhook
 * relay (`sandbox-relay.ts`) and the Daily double's fault injection. Any signed-in account may
 * use it — a sandbox's demo users drive it — except fault injection, which is for admins.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole, type AppEnv, type GuardDeps } from '../auth/guard';
import type { Logger } from '../log';
import type { SandboxCloud } from '../sandbox/cloud';
import type { DailyDouble } from '../sandbox/daily-double';
import { jsonBody } from './read-json';
import { sandboxCloudRoutes } from './sandbox-cloud';
import { sandboxRelayRoutes } from './sandbox-relay';
import type { PinlessLine } from '../sandbox/pinless-line';
import { sandboxPinlessRoutes } from './sandbox-pinless';

const fault = z
  .object({
    status: z.number().int().min(400).max(599).optional(),
    retryAfterS: z.number().int().min(0).max(3600).optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    times: z.number().int().min(1).max(1000).optional(),
    pathPrefix: z.string().max(200).optional(),
    room: z.string().max(128).optional(),
  })
  .strict();

export interface SandboxRouteDeps extends GuardDeps {
  log: Logger;
  /** Sandbox mode: Daily's REST API, simulated. */
  double?: DailyDouble;
  /** Sandbox mode: the simulated Daily cloud every console joins. */
  cloud?: SandboxCloud;
  /** Sandbox mode: simulated callers on the pinless numbers. */
  pinless?: PinlessLine;
  selfUrl: () => string;
  now?: () => number;
}

/** Mounted at `/api/sandbox` in every mode: in real mode it is the guard in front of a 404. */
export function sandboxRoutes(deps: SandboxRouteDeps): Hono<AppEnv> {
  const { config, log } = deps;
  const app = new Hono<AppEnv>();
  // Every path below, mounted or not: sign in first (so real mode tells nobody more).
  app.use('*', requireRole('agent', deps));
  if (deps.double) {
    const double = deps.double;
    const admin = requireRole('admin', deps);
    app.post('/daily-faults', admin, jsonBody(fault), (c) => {
      const injected = c.req.valid('json');
      double.inject(injected);
      return c.json({ injected });
    });
    app.delete('/daily-faults', admin, (c) => {
      double.clearFaults();
      return c.json({ cleared: true });
    });
    if (deps.cloud) {
      const cloud = sandboxCloudRoutes({
        cloud: deps.cloud,
        double,
        log,
        maxBufferedBytes: config.sseMaxBufferedBytes,
        heartbeatMs: config.sseHeartbeatMs,
        pinless: deps.pinless,
      });
      app.route('/cloud', cloud);
    }
    if (deps.pinless) app.route('/pinless', sandboxPinlessRoutes(deps.pinless));
  }
  if (config.mode === 'sandbox' && config.webhookSecret) {
    const relay = sandboxRelayRoutes({
      secret: config.webhookSecret,
      selfUrl: deps.selfUrl,
      log,
      ...(deps.now ? { now: deps.now } : {}),
    });
    app.route('/webhooks', relay);
  }
  return app;
}
