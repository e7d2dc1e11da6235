import { validator } from 'hono/validator';
import { ROOM_NAME, ROOM_NAME_RULE } from '../domain/room-name';

const SESSION_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * `:room`, and `:sessionId` where the path has one, as validation middleware: 400 with the rule
 * before anything else is read; handlers take them from `c.req.valid('param')`.
 */
export const roomParams = validator('param', (p, c) => {
  const room = p.room ?? '';
  if (!ROOM_NAME.test(room)) return c.json({ error: ROOM_NAME_RULE }, 400);
  const sessionId = p.sessionId ?? '';
  if (p.sessionId !== undefined && !SESSION_ID.test(sessionId)) {
    return c.json({ error: 'Session id: letters, digits and "-" only' }, 400);
  }
  return { room, sessionId };
});
