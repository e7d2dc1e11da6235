/**
 * Middleware for the routes of one room (`/:room/…`): an agent on a server with `AGENT_ROOMS`
 * is refused (403) any room the list does not name, before the handler reads anything; other
 * roles pass. After the session check, so a stranger still learns only "sign in".
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, GuardDeps } from '../auth/guard';
import { mayJoin, roomRefusal } from '../auth/room-access';

export function roomGate(deps: GuardDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const room = c.req.param('room') ?? c.req.query('room');
    if (room && !mayJoin(deps.config.roomAccess, c.get('account').role, room)) {
      return c.json(roomRefusal(room), 403);
    }
    return next();
  };
}
