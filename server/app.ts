/**
 * The HTTP surface: webhooks in, the event stream and projections out, the built console, and
 * in sandbox mode the webhook relay. Thin handlers over the store and the hub.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import { z } from 'zod';
import type { AccountStore } from './auth/accounts';
import type { Oidc } from './auth/oidc';
import { originCheck, requireRole, type AppEnv } from './auth/guard';
import type { Config } from './config';
import type { DailyClient } from './daily/rest-client';
import { ROOM_NAME, ROOM_NAME_RULE } from './domain/room-name';
import type { Logger } from './log';
import type { EventStore } from './store/event-store';
import type { StreamHub } from './stream-hub';
import { mountWebhooks } from './routes/webhooks';
import { mountStream } from './routes/stream';
import { mountSandboxRelay } from './routes/sandbox-relay';
import { mountAuth } from './routes/auth';
import { mountDaily } from './routes/daily';
import { readJson } from './routes/read-json';
import type { DailyDouble } from './sandbox/daily-double';
import type { SandboxCloud } from './sandbox/cloud';
import { mountSandboxCloud } from './routes/sandbox-cloud';
import { healthRoutes } from './routes/health';
import type { Queryable } from './store/database';

export interface AppDeps {
  config: Config;
  store: EventStore;
  hub: StreamHub;
  log: Logger;
  storeKind: string;
  /** The database itself, for the readiness probe. */
  db: Queryable;
  accounts: AccountStore;
  daily: DailyClient;
  /** Single sign-on, when OIDC_* is configured. */
  oidc?: Oidc;
  /** Sandbox mode: Daily's REST API, simulated. */
  double?: DailyDouble;
  /** Sandbox mode: the simulated Daily cloud every console joins. */
  cloud?: SandboxCloud;
  selfUrl: () => string;
  now?: () => number;
}

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

/**
 * Who may call what (the README's access table; `server/access.test.ts` checks every row):
 * public: health, readiness, sign-in options, sign-in, sign-out; webhook: Daily's signature; agent+:
 * session, stream, projections, rooms, numbers, tokens, the sandbox relay; supervisor+: actions
 * on any leg through REST; admin: accounts, the sandbox's fault injection.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError((error, c) => {
    deps.log.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json({ error: 'internal error' }, 500);
  });
  app.use('*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    if (c.req.path.startsWith('/api/') && !c.res.headers.has('cache-control')) {
      c.header('cache-control', 'no-store');
    }
  });
  app.use('/api/*', originCheck(deps.config));
  app.use(
    '/api/*',
    bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.json({ error: 'body too large' }, 413) }),
  );
  const agent = requireRole('agent', deps);
  const admin = requireRole('admin', deps);
  app.use('/api/stream', agent);
  app.use('/api/rooms/:room/legs', agent);
  app.use('/api/rooms/:room/transfers', agent);
  app.use('/api/sandbox/*', agent);
  mountAuth(app, deps);
  mountDaily(app, deps);
  if (deps.double) {
    const double = deps.double;
    app.route('/sandbox-daily', double.app as unknown as Hono<AppEnv>);
    app.post('/api/sandbox/daily-faults', admin, async (c) => {
      const body = await readJson(c, fault);
      if (!body.ok) return body.response;
      double.inject(body.value);
      return c.json({ injected: body.value });
    });
    app.delete('/api/sandbox/daily-faults', admin, (c) => {
      double.clearFaults();
      return c.json({ cleared: true });
    });
    if (deps.cloud) {
      mountSandboxCloud(app, {
        cloud: deps.cloud,
        double,
        log: deps.log,
        maxBufferedBytes: deps.config.sseMaxBufferedBytes,
        heartbeatMs: deps.config.sseHeartbeatMs,
      });
    }
  }

  mountWebhooks(app as unknown as Hono, deps);
  mountStream(app as unknown as Parameters<typeof mountStream>[0], deps);
  if (deps.config.mode === 'sandbox' && deps.config.webhookSecret) {
    mountSandboxRelay(app as unknown as Hono, {
      secret: deps.config.webhookSecret,
      selfUrl: deps.selfUrl,
      log: deps.log,
      ...(deps.now ? { now: deps.now } : {}),
    });
  }

  // Public: load balancers and the start scripts probe it. Nothing in it is secret.
  app.get('/api/health', (c) => c.json({ ok: true, mode: deps.config.mode }));
  app.route('/api', healthRoutes(deps));
  app.get('/api/rooms/:room/legs', async (c) => {
    const room = c.req.param('room');
    if (!ROOM_NAME.test(room)) return c.json({ error: ROOM_NAME_RULE }, 400);
    return c.json({ legs: await deps.store.legs(room) });
  });
  app.get('/api/rooms/:room/transfers', async (c) => {
    const room = c.req.param('room');
    if (!ROOM_NAME.test(room)) return c.json({ error: ROOM_NAME_RULE }, 400);
    return c.json({ transfers: await deps.store.transfers(room) });
  });
  app.all('/api/*', (c) => c.json({ error: 'not found' }, 404));
  app.all('/webhooks/*', (c) => c.json({ error: 'not found' }, 404));
  app.all('/sandbox-daily/*', (c) => c.json({ error: 'not-found', info: 'Not found' }, 404));

  // The built console, with index.html for client-side routes.
  const root = path.relative(process.cwd(), deps.config.distDir) || '.';
  const indexFile = path.join(deps.config.distDir, 'index.html');
  app.use('/*', serveStatic({ root }));
  app.get('*', (c) => {
    if (!existsSync(indexFile)) {
      return c.text('The console is not built: run `npm run build` (npm start does it).', 503);
    }
    return c.html(readFileSync(indexFile, 'utf8'));
  });
  return app;
}
