/**
 * Records who asked for an action on a leg (see `src/domain/console-action.ts`): a
 * `console.action` event in the store, so it reaches the room's stream, every console in the
 * room and the wall, in order with Daily's webhooks, and is replayed to a console that joins
 * late. A record that cannot be stored is logged, and the action goes ahead: acting on the
 * call matters more than saying who did.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import {
  CONSOLE_ACTION_TYPE,
  consoleActionPayload,
  VIA_HEADER,
  type ConsoleAction,
  type ConsoleActionVia,
} from '../../src/domain/console-action';
import type { AppEnv } from '../auth/guard';
import type { Logger } from '../log';
import type { EventStore } from '../store/event-store';

export type ActionRecord = Omit<ConsoleAction, 'by' | 'role' | 'via'>;

/** Records it; says whether it was stored (the action goes ahead either way). */
export async function recordConsoleAction(
  deps: { store: EventStore; log: Logger },
  c: Context<AppEnv>,
  record: ActionRecord,
  via: ConsoleActionVia = c.req.header(VIA_HEADER) === 'wall' ? 'wall' : 'rest',
): Promise<boolean> {
  const account = c.get('account');
  const action: ConsoleAction = { ...record, by: account.displayName, role: account.role, via };
  const at = Date.now();
  try {
    await deps.store.append(
      {
        version: '1.0.0',
        type: CONSOLE_ACTION_TYPE,
        id: `console-${randomUUID()}`,
        payload: consoleActionPayload(action),
        event_ts: at / 1000,
      },
      at,
    );
    return true;
  } catch (error) {
    deps.log.warn({ err: error, sessionId: record.sessionId }, 'who acted: not recorded');
    return false;
  }
}

/** The words of a failed request's answer, for the `refused` record. */
export async function refusalText(response: Response): Promise<string> {
  try {
    const body = (await response.clone().json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}
