/**
 * Starts the whole server from a validated config: store (PGlite or Postgres), migrations,
 * the stream hub, HTTP on one port, retention. `close()` stops it cleanly. Used by `main.ts`
 * and, in-process, by the server's tests.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app';
import { createAccountStore, type AccountStore } from './auth/accounts';
import { SessionStreams } from './auth/session-streams';
import { createOidc } from './auth/oidc';
import { createDailyClient, DAILY_API_URL } from './daily/rest-client';
import { ensureDemoAccounts } from './routes/auth';
import { createDailyDouble, type DailyDouble } from './sandbox/daily-double';
import { SandboxCloud, type CloudOptions } from './sandbox/cloud';
import { worldRoomOf } from '../src/domain/sandbox-world';
import { webhookQueue } from './sandbox/webhook-sender';
import { describeConfig, type Config } from './config';
import type { Logger } from './log';
import { openPglite, openPostgres, type Database } from './store/database';
import { createEventStore, type EventStore } from './store/event-store';
import { migrate } from './store/migrations';
import { StreamHub } from './stream-hub';
import { drainHttp, RequestGate } from './shutdown';
import { createHistory, type History } from './history/history';
import { startQueues } from './queue/start';
import type { PinlessLine } from './sandbox/pinless-line';

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  store: EventStore;
  hub: StreamHub;
  accounts: AccountStore;
  history: History;
  double?: DailyDouble;
  cloud?: SandboxCloud;
  queues: Awaited<ReturnType<typeof startQueues>>;
  /** Resolves once every sandbox webhook queued so far was delivered (tests). */
  webhooksSettled(): Promise<void>;
  /** Every route the app registered (the access-control test checks it covers them all). */
  routes: { method: string; path: string }[];
  close(): Promise<void>;
  /**
   * Graceful stop (see shutdown.ts), bounded by `timeoutMs`, then `close()`. Resolves true when
   * every request and stream finished in time, false when some were cut at the bound.
   */
  drain(timeoutMs: number): Promise<boolean>;
}

const DAY_MS = 86_400_000;

export async function startServer(
  config: Config,
  log: Logger,
  opts: {
    inMemory?: boolean;
    /** With `inMemory`: the PGlite dump to start from (see `openPglite`). */
    pgliteImage?: Blob;
    now?: () => number;
    cloud?: Omit<CloudOptions, 'onWebhook'>;
    /**
     * Tests: runs once the migrations ran, before the stream hub, the history indexer and the
     * queues read the events table, so a bulk-loaded backlog is the store's history at start
     * (not a burst every reader first wades through).
     */
    prepareStore?: (db: Database) => Promise<unknown>;
    /**
     * Tests: false keeps the history indexer from following the events table in the background
     * (it still indexes on demand, before answering a history query). A test that bulk-loads
     * 100,000 events to exercise the stream would otherwise pay for indexing them all.
     */
    indexHistory?: boolean;
  } = {},
): Promise<RunningServer> {
  log.info(describeConfig(config), 'starting');
  if (config.webhookSecretSource === 'none') {
    log.warn(
      'DAILY_WEBHOOK_SECRET is not set: every webhook will be refused (503) until it is. Set it to the "hmac" secret of your Daily webhook.',
    );
  } else if (config.webhookSecretSource === 'generated') {
    log.info('sandbox mode: webhooks are signed with a secret generated for this run');
  }
  const db = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await openPglite(
        opts.inMemory ? undefined : config.dataDir,
        (owner) =>
          log.warn(
            { previousPid: owner.pid, since: owner.startedAt },
            'the embedded store was not closed cleanly by its last process (it stopped without shutting down); taking it over',
          ),
        opts.inMemory ? opts.pgliteImage : undefined,
      );
  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  await opts.prepareStore?.(db);
  const store = createEventStore(db);
  const streams = new SessionStreams();
  const hub = new StreamHub(
    store,
    db,
    { maxBufferedBytes: config.sseMaxBufferedBytes, heartbeatMs: config.sseHeartbeatMs, streams },
    log,
  );
  await hub.start();
  const history = createHistory(db, { retentionDays: config.historyRetentionDays, log });
  if (opts.indexHistory !== false) await history.start();

  const now = opts.now ?? Date.now;
  const accounts = createAccountStore(db, now, streams);
  if (config.mode === 'sandbox') {
    await ensureDemoAccounts(accounts);
    log.info(
      'sandbox mode: demo accounts demo-agent, demo-supervisor and demo-admin (one-click sign-in)',
    );
  } else if ((await accounts.countActiveAdmins()) === 0) {
    log.warn(
      'No admin account yet: create one with `npm run user -- add <name> --role admin` (it asks for the password)',
    );
  }
  let url = '';
  // Set below (the double asks for the pinless line only when a request needs it).
  const line: { pinless?: PinlessLine } = {};
  const simulated = config.mode === 'sandbox' && !config.dailyApiUrl;
  // Sandbox mode: one simulated Daily cloud; its webhooks reach /webhooks/daily signed, over HTTP.
  const webhooks =
    simulated && config.webhookSecret
      ? webhookQueue({
          secret: config.webhookSecret,
          selfUrl: () => url,
          log,
          ...(opts.now ? { now: opts.now } : {}),
        })
      : undefined;
  const cloud = simulated
    ? new SandboxCloud({
        ...opts.cloud,
        onWebhook: (_world, webhook) => webhooks?.push(webhook),
      })
    : undefined;
  // ...and Daily's REST API is the server's own double, over HTTP like the real one, acting on
  // the cloud's rooms: `support` is the default world's, `support.<world>` another world's (the
  // name its webhooks carry).
  const double = cloud
    ? createDailyDouble({
        apiKey: config.dailyApiKey!,
        pinless: () => line.pinless,
        world: {
          has: (name) => {
            const at = worldRoomOf(name);
            return !!at && cloud.peek(at.world)?.peek(at.room) !== undefined;
          },
          act: (name, action, body) => {
            const at = worldRoomOf(name);
            if (!at) throw new Error(`room ${name} not found`);
            return cloud.world(at.world).room(at.room).rest(action, body);
          },
        },
      })
    : undefined;
  const daily = createDailyClient({
    baseUrl: () => config.dailyApiUrl ?? (double ? `${url}/sandbox-daily/v1` : DAILY_API_URL),
    apiKey: config.dailyApiKey ?? '',
  });
  const queues = await startQueues({
    config,
    db,
    store,
    daily,
    log,
    cloud,
    double,
    selfUrl: () => url,
    now,
  });
  line.pinless = queues.pinless;

  const app = createApp({
    config,
    store,
    hub,
    log,
    storeKind: db.kind,
    db,
    accounts,
    history,
    daily,
    ...(double ? { double } : {}),
    ...(cloud ? { cloud } : {}),
    queues: queues.engine,
    queueStore: queues.store,
    ...(queues.pinless ? { pinless: queues.pinless } : {}),
    ...(config.oidc ? { oidc: createOidc(config.oidc, db, accounts, now) } : {}),
    selfUrl: () => url,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const gate = new RequestGate(app.fetch);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: gate.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info({ url, store: db.kind }, 'listening');

  const prune = async () => {
    try {
      const n = await store.prune(Date.now() - config.retentionDays * DAY_MS);
      if (n) log.info({ pruned: n }, 'retention: old events deleted');
      const ended = await accounts.pruneSessions(config.sessionIdleMs);
      if (ended) log.info({ ended }, 'expired sessions deleted');
    } catch (error) {
      log.error({ err: error }, 'retention failed');
    }
  };
  void prune();
  const retention = setInterval(() => void prune(), 3_600_000);
  retention.unref();

  const running: RunningServer = {
    url,
    port,
    db,
    store,
    hub,
    accounts,
    history,
    ...(double ? { double } : {}),
    ...(cloud ? { cloud } : {}),
    queues,
    webhooksSettled: () => webhooks?.settled() ?? Promise.resolve(),
    routes: app.routes.map((r) => ({ method: r.method, path: r.path })),
    async close() {
      clearInterval(retention);
      await queues.stop();
      cloud?.close();
      await hub.stop();
      await history.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await db.close();
    },
    async drain(timeoutMs) {
      cloud?.close();
      const clean = await drainHttp(server, gate, hub, Date.now() + timeoutMs);
      await running.close();
      return clean;
    },
  };
  return running;
}
