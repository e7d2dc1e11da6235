import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../auth/guard';

/**
 * Reads a JSON body against a schema: 415 unless it is declared `application/json` (a form or
 * `text/plain` body is what a cross-site page can send without asking: it is never read as
 * JSON), 400 with the first problem, in words, or the value.
 */
async function readJson<T extends z.ZodType>(
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

/** What a route's handler sees after {@link jsonBody}: `c.req.valid('json')`, typed. */
type JsonInput<T extends z.ZodType> = { in: { json: z.input<T> }; out: { json: z.output<T> } };

/**
 * The JSON body as validation middleware, beside the route: `app.post(path, guard,
 * jsonBody(schema), (c) => c.req.valid('json'))`. It is `hono/validator`'s `'json'` target with
 * our reading of the body: the stock validator skips a body whose Content-Type is not JSON and
 * throws its own 400 on malformed JSON, where this API refuses such a body (415) and answers
 * `{ error }` in words (413 for size comes before, from `bodyLimit` in `app.ts`).
 */
export function jsonBody<T extends z.ZodType>(
  schema: T,
): MiddlewareHandler<AppEnv, string, JsonInput<T>> {
  return async (c, next) => {
    const read = await readJson(c, schema);
    if (!read.ok) return read.response;
    c.req.addValidatedData('json', read.value as object);
    return next();
  };
}
