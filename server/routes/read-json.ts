import type { Context } from 'hono';
import type { z } from 'zod';

/**
 * Reads a JSON body against a schema: 415 unless it is declared `application/json` (a form or
 * `text/plain` body is what a cross-site page can send without asking: it is never read as
 * JSON), 400 with the first problem, in words, or the value.
 */
export async function readJson<T extends z.ZodType>(
  c: Context,
  schema: T,
): Promise<{ ok: true; value: z.infer<T> } | { ok: false; response: Response }> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return {
      ok: false,
      response: c.json({ error: 'The body must be sent as Content-Type: application/json' }, 415),
    };
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return { ok: false, response: c.json({ error: 'The body must be JSON' }, 400) };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    const message = issue?.message ?? 'invalid body';
    return {
      ok: false,
      response: c.json({ error: message.includes(':') ? message : `${where}${message}` }, 400),
    };
  }
  return { ok: true, value: parsed.data };
}
