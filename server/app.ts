/**
 * The HTTP surface: webhooks in, the event stream and projections out, the built console, and
 * in sandbox mode the webhook relay. Thin handlers over the store and the hub.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Config } from './config';
import type { Logger } from './log';
import type { EventStore } from './store/event-store';
import type { StreamHub } from './stream-hub';
import { mountWebhooks } from './routes/webhooks';
import { mountStream } from './routes/stream';
import { mountSandboxRelay } from './routes/sandbox-relay';

export interface AppDeps {
  config: Config;
  store: EventStore;
  hub: StreamHub;
  log: Logger;
  storeKind: string;
  selfUrl: () => string;
  now?: () => number;
}

const ROOM = /^[A-Za-z0-9_.-]{1,128}$/;

export function createApp(deps: AppDeps): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.onError((error, c) => {
    deps.log.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json({ error: 'internal error' }, 500);
  });
  app.use('*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
  });

  mountWebhooks(app as unknown as Hono, deps);
  mountStream(app, deps);
  if (deps.config.mode === 'sandbox' && deps.config.webhookSecret) {
    mountSandboxRelay(app as unknown as Hono, {
      secret: deps.config.webhookSecret,
      selfUrl: deps.selfUrl,
      log: deps.log,
      ...(deps.now ? { now: deps.now } : {}),
    });
  }

  app.get('/api/health', (c) =>
    c.json({ ok: true, mode: deps.config.mode, store: deps.storeKind, head: deps.hub.head }),
  );
  app.get('/api/rooms/:room/legs', async (c) => {
    const room = c.req.param('room');
    if (!ROOM.test(room)) return c.json({ error: 'bad room name' }, 400);
    return c.json({ legs: await deps.store.legs(room) });
  });
  app.get('/api/rooms/:room/transfers', async (c) => {
    const room = c.req.param('room');
    if (!ROOM.test(room)) return c.json({ error: 'bad room name' }, 400);
    return c.json({ transfers: await deps.store.transfers(room) });
  });
  app.all('/api/*', (c) => c.json({ error: 'not found' }, 404));
  app.all('/webhooks/*', (c) => c.json({ error: 'not found' }, 404));

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
