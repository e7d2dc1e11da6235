/**
 * `/api/history/*` (supervisors and admins): conversations across rooms for any time range.
 *
 *   GET /conversations?from&to&room&number&agent&outcome&disposition&handledBy&limit&after
 *                                                                      one page, newest first
 *   GET /conversations/:id                                             legs and timeline
 *   GET /export?format=csv|json&<the same filters>                     every matching row, streamed
 *
 * `from`/`to` are ISO 8601 times or ms epochs; `after` is the `next` cursor of the previous page.
 * Every query first indexes what the store holds, so a list shows every event stored.
 */
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { CONVERSATION_OUTCOMES } from '../../src/domain/conversation-outcome';
import { requireRole, type AppEnv, type GuardDeps } from '../auth/guard';
import { isWebhookRoom, WEBHOOK_ROOM_RULE } from '../domain/room-name';
import type { History } from '../history/history';
import { exportChunks } from '../history/export';
import {
  conversationDetail,
  decodeCursor,
  encodeCursor,
  type HistoryFilter,
} from '../history/query';

const time = (name: string) =>
  z
    .string()
    .max(40)
    .transform((v, ctx) => {
      const ms = /^\d{1,15}$/.test(v) ? Number(v) : Date.parse(v);
      if (!Number.isFinite(ms)) {
        ctx.addIssue({ code: 'custom', message: `${name}: an ISO 8601 time or ms epoch` });
        return z.NEVER;
      }
      return ms;
    });

const filterShape = {
  from: time('from').optional(),
  to: time('to').optional(),
  room: z.string().refine(isWebhookRoom, WEBHOOK_ROOM_RULE).optional(),
  number: z.string().min(1).max(256).optional(),
  agent: z.string().min(1).max(128).optional(),
  outcome: z
    .enum(CONVERSATION_OUTCOMES, { message: `outcome: one of ${CONVERSATION_OUTCOMES.join(', ')}` })
    .optional(),
  disposition: z.string().min(1).max(64).optional(),
  handledBy: z.string().min(1).max(128).optional(),
};
const listQuery = z.object({
  ...filterShape,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.string().max(512).optional(),
});
const exportQuery = z.object({ ...filterShape, format: z.enum(['csv', 'json']).default('csv') });

/** Query parameters against a schema: blank ones are absent; 400 with the first problem. */
const queryOf = <T extends z.ZodType>(schema: T) =>
  validator('query', (q, c) => {
    const present = Object.fromEntries(
      Object.entries(q).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
    );
    const parsed = schema.safeParse(present);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const message = issue?.message ?? 'invalid query';
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return c.json({ error: message.includes(':') ? message : `${where}${message}` }, 400);
    }
    return parsed.data as z.output<T>;
  });

function filterOf(q: z.output<typeof exportQuery> | z.output<typeof listQuery>): HistoryFilter {
  const { from, to, room, number, agent, outcome, disposition, handledBy } = q;
  return Object.fromEntries(
    Object.entries({ from, to, room, number, agent, outcome, disposition, handledBy }).filter(
      ([, v]) => v !== undefined,
    ),
  ) as HistoryFilter;
}

/** Mounted at `/api/history`. */
export function historyRoutes(deps: GuardDeps & { history: History }): Hono<AppEnv> {
  const { history } = deps;
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('supervisor', deps));

  app.get('/conversations', queryOf(listQuery), async (c) => {
    const q = c.req.valid('query');
    const after = q.after ? decodeCursor(q.after) : undefined;
    if (q.after && !after) return c.json({ error: 'after: not a cursor this server gave' }, 400);
    const page = await history.list(filterOf(q), {
      limit: q.limit,
      ...(after ? { after } : {}),
    });
    return c.json({
      conversations: page.conversations,
      next: page.next ? encodeCursor(page.next) : null,
    });
  });

  app.get('/conversations/:id', async (c) => {
    const id = c.req.param('id');
    if (id.length > 256) return c.json({ error: 'id: at most 256 characters' }, 400);
    await history.catchUp();
    const detail = await conversationDetail(history.db, id);
    return detail ? c.json(detail) : c.json({ error: 'No such conversation' }, 404);
  });

  app.get('/export', queryOf(exportQuery), async (c) => {
    const q = c.req.valid('query');
    await history.catchUp();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    c.header(
      'content-type',
      q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    );
    c.header('content-disposition', `attachment; filename="conversations-${stamp}.${q.format}"`);
    c.header('cache-control', 'no-store');
    return stream(c, async (out) => {
      for await (const chunk of exportChunks(history.db, filterOf(q), q.format)) {
        await out.write(chunk);
      }
    });
  });
  return app;
}
