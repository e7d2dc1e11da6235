/**
 * `/api/queue/*`: an agent's side of the queues (their stream of offers and state, status,
 * accept, decline, wrap-up), the board every console shows, and the admins' configuration of
 * queues and disposition codes.
 *
 *   GET  /stream                     SSE: `me` (own status, offer, call), `board` (everyone)
 *   GET  /board                      the board, once
 *   GET  /calls                      the last 100 calls, with disposition and note
 *   GET  /dispositions               the codes a wrap-up may file
 *   POST /status                     { status: available | break | offline }
 *   POST /offers/:callId/accept      { room }: the room the agent's console is in
 *   POST /offers/:callId/decline
 *   POST /calls/:callId/wrap-up      { disposition, note }
 *   GET|POST /admin/queues, PUT|DELETE /admin/queues/:id, PUT|DELETE /admin/dispositions/:code
 */
import { Hono, type Context } from 'hono';
import { validator } from 'hono/validator';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { z } from 'zod';
import { USERNAME } from '../auth/accounts';
import type { AccountStore } from '../auth/accounts';
import { requireRole, type AppEnv, type GuardDeps } from '../auth/guard';
import { isWebhookRoom, WEBHOOK_ROOM_RULE } from '../domain/room-name';
import { QueueError, type QueueEngine } from '../queue/engine';
import { QueueConflict, STRATEGIES, type QueueStore } from '../queue/queue-store';
import { jsonBody } from './read-json';

/** Server-Sent Events, never cached or buffered by a proxy (as `/api/stream`). */
const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};
const CALL_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const CODE = /^[a-z0-9-]{1,32}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

const callParam = validator('param', (p, c) =>
  CALL_ID.test(p.callId ?? '') ? { callId: p.callId! } : c.json({ error: 'not a call id' }, 400),
);
const status = z.object({
  status: z.enum(['available', 'break', 'offline'], {
    message: 'Status: available, break or offline',
  }),
});
const accept = z.object({ room: z.string().refine(isWebhookRoom, WEBHOOK_ROOM_RULE) });
const wrapUp = z.object({
  disposition: z.string().regex(CODE, 'Disposition: choose one'),
  note: z.string().max(2000, 'Note: at most 2,000 characters').default(''),
});
const queueBody = z.object({
  name: z.string().trim().min(1, 'Name: required').max(60, 'Name: at most 60 characters'),
  numbers: z
    .array(z.string().trim().regex(E164, 'Numbers: each in E.164 form, like +14155550100'))
    .max(20, 'Numbers: at most 20'),
  members: z.array(z.string().regex(USERNAME, 'Members: usernames')).max(500),
  wrapUpS: z.number().int().min(0, 'Wrap-up: 0 to 3600 s').max(3600, 'Wrap-up: 0 to 3600 s'),
  strategy: z.enum(STRATEGIES, { message: `Strategy: ${STRATEGIES.join(' or ')}` }),
});
const disposition = z.object({
  label: z.string().trim().min(1, 'Label: required').max(60, 'Label: at most 60 characters'),
});

function refused(c: Context, error: unknown) {
  if (error instanceof QueueError) return c.json({ error: error.message }, error.status);
  if (error instanceof QueueConflict) return c.json({ error: error.message }, 409);
  throw error;
}

export interface QueueRouteDeps extends GuardDeps {
  accounts: AccountStore;
  queues: QueueEngine;
  queueStore: QueueStore;
  now?: () => number;
}

/** Mounted at `/api/queue`. */
export function queueRoutes(deps: QueueRouteDeps): Hono<AppEnv> {
  const { queues, queueStore } = deps;
  const now = deps.now ?? Date.now;
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('agent', deps));
  const admin = requireRole('admin', deps);
  const me = (c: Context<AppEnv>) => c.get('account').username;

  app.get('/stream', (c) => {
    const res = c.env.outgoing;
    res.writeHead(200, SSE_HEADERS).write('retry: 2000\n: connected\n\n');
    const sink = {
      send: (event: string, data: unknown) =>
        void res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    };
    const leave = queues.connect(me(c), sink);
    const beat = setInterval(() => res.write(': heartbeat\n\n'), deps.config.sseHeartbeatMs);
    res.on('close', () => {
      clearInterval(beat);
      leave();
    });
    return RESPONSE_ALREADY_SENT;
  });
  app.get('/board', (c) => c.json(queues.board()));
  // The last 100 queue calls with their dispositions and notes (for history and supervisors).
  app.get('/calls', async (c) => c.json({ calls: await queueStore.recentCalls(100) }));
  app.get('/dispositions', async (c) => c.json({ dispositions: await queueStore.dispositions() }));
  app.post('/status', jsonBody(status), async (c) => {
    try {
      return c.json(await queues.setStatus(me(c), c.req.valid('json').status));
    } catch (error) {
      return refused(c, error);
    }
  });
  app.post('/offers/:callId/accept', callParam, jsonBody(accept), async (c) => {
    try {
      const call = await queues.accept(
        me(c),
        c.req.valid('param').callId,
        c.req.valid('json').room,
      );
      return c.json({ callId: call.callId, state: call.state, room: call.room });
    } catch (error) {
      return refused(c, error);
    }
  });
  app.post('/offers/:callId/decline', callParam, async (c) => {
    try {
      await queues.decline(me(c), c.req.valid('param').callId);
      return c.json({ declined: true });
    } catch (error) {
      return refused(c, error);
    }
  });
  app.post('/calls/:callId/wrap-up', callParam, jsonBody(wrapUp), async (c) => {
    const { disposition: code, note } = c.req.valid('json');
    const codes = await queueStore.dispositions();
    if (!codes.some((d) => d.code === code)) {
      return c.json(
        {
          error: `Disposition: one of ${codes.map((d) => d.label).join(', ') || '(none configured)'}`,
          field: 'disposition',
        },
        400,
      );
    }
    try {
      await queues.wrapUp(me(c), c.req.valid('param').callId, code, note);
      return c.json({ filed: true });
    } catch (error) {
      return refused(c, error);
    }
  });

  // Administration.
  const idParam = validator('param', (p, c) =>
    /^\d{1,12}$/.test(p.id ?? '') ? { id: Number(p.id) } : c.json({ error: 'not a queue id' }, 400),
  );
  const unknownMember = async (members: string[]) => {
    for (const m of members) if (!(await deps.accounts.find(m))) return m;
    return undefined;
  };
  app.get('/admin/queues', admin, async (c) => c.json({ queues: await queueStore.listQueues() }));
  app.post('/admin/queues', admin, jsonBody(queueBody), async (c) => {
    const body = c.req.valid('json');
    const missing = await unknownMember(body.members);
    if (missing)
      return c.json({ error: `Members: no account "${missing}"`, field: 'members' }, 400);
    try {
      const queue = await queueStore.createQueue(body, now());
      await queues.reloadQueues();
      return c.json({ queue }, 201);
    } catch (error) {
      return refused(c, error);
    }
  });
  app.put('/admin/queues/:id', admin, idParam, jsonBody(queueBody), async (c) => {
    const body = c.req.valid('json');
    const missing = await unknownMember(body.members);
    if (missing)
      return c.json({ error: `Members: no account "${missing}"`, field: 'members' }, 400);
    try {
      const queue = await queueStore.updateQueue(c.req.valid('param').id, body);
      if (!queue) return c.json({ error: 'No such queue' }, 404);
      await queues.reloadQueues();
      return c.json({ queue });
    } catch (error) {
      return refused(c, error);
    }
  });
  app.delete('/admin/queues/:id', admin, idParam, async (c) => {
    if (!(await queueStore.deleteQueue(c.req.valid('param').id))) {
      return c.json({ error: 'No such queue' }, 404);
    }
    await queues.reloadQueues();
    return c.json({ deleted: true });
  });
  const codeParam = validator('param', (p, c) =>
    CODE.test(p.code ?? '')
      ? { code: p.code! }
      : c.json({ error: 'Code: a-z, 0-9 and "-" (at most 32)' }, 400),
  );
  app.put('/admin/dispositions/:code', admin, codeParam, jsonBody(disposition), async (c) => {
    await queueStore.putDisposition({
      code: c.req.valid('param').code,
      label: c.req.valid('json').label,
    });
    return c.json({ dispositions: await queueStore.dispositions() });
  });
  app.delete('/admin/dispositions/:code', admin, codeParam, async (c) => {
    if (!(await queueStore.deleteDisposition(c.req.valid('param').code))) {
      return c.json({ error: 'No such disposition' }, 404);
    }
    return c.json({ dispositions: await queueStore.dispositions() });
  });
  return app;
}
