/**
 * Starts the whole server from a validated config: store (PGlite or Postgres), migrations,
 * the stream hub, HTTP on one port, retention. `close()` stops it cleanly. Used by `main.ts`
 * and, in-process, by the server's tests.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app';
import { describeConfig, type Config } from './config';
import type { Logger } from './log';
import { openPglite, openPostgres, type Database } from './store/database';
import { createEventStore, type EventStore } from './store/event-store';
import { migrate } from './store/migrations';
import { StreamHub } from './stream-hub';

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  store: EventStore;
  hub: StreamHub;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

export async function startServer(
  config: Config,
  log: Logger,
  opts: { inMemory?: boolean; now?: () => number } = {},
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
    : await openPglite(opts.inMemory ? undefined : config.dataDir);
  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const store = createEventStore(db);
  const hub = new StreamHub(
    store,
    db,
    { maxBufferedBytes: config.sseMaxBufferedBytes, heartbeatMs: config.sseHeartbeatMs },
    log,
  );
  await hub.start();

  let url = '';
  const app = createApp({
    config,
    store,
    hub,
    log,
    storeKind: db.kind,
    selfUrl: () => url,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
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
    } catch (error) {
      log.error({ err: error }, 'retention failed');
    }
  };
  void prune();
  const retention = setInterval(() => void prune(), 3_600_000);
  retention.unref();

  return {
    url,
    port,
    db,
    store,
    hub,
    async close() {
      clearInterval(retention);
      await hub.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await db.close();
    },
  };
}
