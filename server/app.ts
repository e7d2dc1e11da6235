/**
 * The HTTP surface: webhooks in, the event stream and projections out, the built console, and
 * in sandbox mode the webhook relay. Here only what every request shares (headers, Origin check,
 * body limit, the 404s, the console's files); each `routes/*.ts` is a sub-app mounted with
 * `app.route`, its role guard (`requireRole`) and body validation (`jsonBody`) beside its routes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AccountStore } from './auth/accounts';
import type { Oidc } from './auth/oidc';
import { originCheck, type AppEnv } from './auth/guard';
import type { Config } from './config';
import type { DailyClient } from './daily/rest-client';
import type { Logger } from './log';
import type { EventStore } from './store/event-store';
import type { StreamHub } from './stream-hub';
import { AUTH_MOUNT, authRoutes } from './routes/auth';
import { dailyRoutes } from './routes/daily';
import { roomRoutes } from './routes/rooms';
import { roomCountRoutes } from './routes/room-counts';
import { sandboxRoutes } from './routes/sandbox';
import { streamRoutes } from './routes/stream';
import { webhookRoutes } from './routes/webhooks';
import { securityHeaders } from './security-headers';
import type { DailyDouble } from './sandbox/daily-double';
import type { SandboxCloud } from './sandbox/cloud';
import { healthRoutes } from './routes/health';
import { wallRoutes } from './routes/wall';
import { claimRoutes } from './routes/claims';
import { RoomPresence } from './presence/room-presence';
import { historyRoutes } from './routes/history';
import type { History } from './history/history';
import type { Queryable } from './store/database';
import type { QueueEngine } from './queue/engine';
import type { QueueStore } from './queue/queue-store';
import type { PinlessLine } from './sandbox/pinless-line';
import { pinlessRoutes } from './routes/pinless';
import { queueRoutes } from './routes/queues';

export interface AppDeps {
  config: Config;
  store: EventStore;
  hub: StreamHub;
  log: Logger;
  storeKind: string;
  /** The database itself, for the readiness probe. */
  db: Queryable;
  accounts: AccountStore;
  /** Conversations across rooms (`/api/history`), and who watches which room. */
  history?: History;
  daily: DailyClient;
  /** Single sign-on, when OIDC_* is configured. */
  oidc?: Oidc;
  /** Sandbox mode: Daily's REST API, simulated. */
  double?: DailyDouble;
  /** Sandbox mode: the simulated Daily cloud every console joins. */
  cloud?: SandboxCloud;
  /** Queues: the engine deciding offers, and its tables. */
  queues: QueueEngine;
  queueStore: QueueStore;
  /** Sandbox mode: simulated callers on the pinless numbers. */
  pinless?: PinlessLine;
  selfUrl: () => string;
  now?: () => number;
}

/** The cost meter's rates: RATES_FILE, else `config/rates.json` beside the working directory. */
function ratesFile(): string {
  return path.resolve(process.env.RATES_FILE?.trim() || 'config/rates.json');
}

/**
 * Who may call what (the README's access table; `server/access.test.ts` checks every row):
 * public: health, readiness, sign-in options, sign-in, sign-out; webhook: Daily's signature; agent+:
 * session, stream, projections, rooms, numbers, tokens, the sandbox relay; supervisor+: actions
 * on any leg through REST, the wall, the history; admin: accounts, the sandbox's fault injection.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError((error, c) => {
    deps.log.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json({ error: 'internal error' }, 500);
  });
  app.use('*', securityHeaders());
  app.use('/api/*', originCheck(deps.config));
  app.use(
    '/api/*',
    bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.json({ error: 'body too large' }, 413) }),
  );
  app.route(AUTH_MOUNT, authRoutes(deps));
  app.route('/api', dailyRoutes(deps));
  app.route('/api/rooms', roomRoutes(deps));
  app.route('/api/room-counts', roomCountRoutes(deps));
  app.route('/api/rooms', claimRoutes(deps));
  // Who is in which room (their open room streams): the wall reads it now, the history keeps it.
  const presence = new RoomPresence(deps.history ? [deps.history.recordPresence] : []);
  app.route('/api/stream', streamRoutes({ ...deps, presence }));
  app.route('/api/wall', wallRoutes({ ...deps, presence, ratesFile: ratesFile() }));
  if (deps.history) app.route('/api/history', historyRoutes({ ...deps, history: deps.history }));
  app.route('/api/sandbox', sandboxRoutes(deps));
  app.route('/webhooks', webhookRoutes(deps));
  app.route('/api/queue', queueRoutes(deps));
  app.route('/webhooks/pinless', pinlessRoutes(deps));
  if (deps.double) app.route('/sandbox-daily', deps.double.app);

  // Public: load balancers and the start scripts probe it. Nothing in it is secret.
  app.get('/api/health', (c) => c.json({ ok: true, mode: deps.config.mode }));
  app.route('/api', healthRoutes(deps));
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
