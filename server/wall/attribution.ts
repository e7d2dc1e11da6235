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
} from '../../src/domain/console-action';
import type { AppEnv } from '../auth/guard';
import type { Logger } from '../log';
import type { EventStore } from '../store/event-store';

export type ActionRecord = Omit<ConsoleAction, 'by' | 'role' | 'via'>;

export async function recordConsoleAction(
  deps: { store: EventStore; log: Logger },
  c: Context<AppEnv>,
  record: ActionRecord,
): Promise<void> {
  const account = c.get('account');
  const action: ConsoleAction = {
    ...record,
    by: account.displayName,
    role: account.role,
    via: c.req.header(VIA_HEADER) === 'wall' ? 'wall' : 'rest',
  };
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
  } catch (error) {
    deps.log.warn({ err: error, sessionId: record.sessionId }, 'who acted: not recorded');
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
