import type { DailyCall } from '@daily-co/daily-js';
import { sdkErrorMessage } from '../../daily';
import { mayStartOver, type startAction } from '../../domain/leg-action';
import { actionStore } from './action-store';
import { actorStore } from './actor-store';

/** What the machine is told about the action (method, leg, caller, destination, how). */
type ActionInit = Omit<Parameters<typeof startAction>[0], 'id' | 'observed'>;

export interface RunActionOptions extends ActionInit {
  call: DailyCall;
  /** Performs the SDK call; resolves with the dial-out session id when there is one. */
  invoke: (call: DailyCall) => Promise<string | undefined>;
  /** Pre-set action id (dial-outs pass it as the SDK's userId to correlate). */
  id?: string;
}

/**
 * Starts an action unless one already in flight on that leg forbids it (a double click submits
 * once; a hang-up is never held back by a transfer or refer: see `mayStartOver`), then feeds the SDK promise's outcome to the state machine. Returns the action id, or
 * undefined when refused.
 */
export function runAction(opts: RunActionOptions): string | undefined {
  const leg = opts.sessionId;
  if (leg && !actionStore.all().every((a) => a.sessionId !== leg || mayStartOver(a, opts.method))) {
    return undefined;
  }
  const id = opts.id ?? crypto.randomUUID();
  actionStore.start({
    id,
    method: opts.method,
    callerName: opts.callerName,
    destination: opts.destination,
    ...(opts.via ? { via: opts.via } : {}),
    ...(opts.sessionId ? { sessionId: opts.sessionId } : {}),
    ...(opts.legType ? { legType: opts.legType } : {}),
  });
  if (opts.sessionId && opts.method !== 'dial-out') {
    actorStore.claim({
      sessionId: opts.sessionId,
      method: opts.method,
      ...(opts.destination ? { toEndpoint: opts.destination } : {}),
    });
  }
  opts.invoke(opts.call).then(
    (sessionId) => actionStore.send(id, { type: 'resolved', ...(sessionId ? { sessionId } : {}) }),
    (error: unknown) => actionStore.send(id, { type: 'rejected', reason: sdkErrorMessage(error) }),
  );
  return id;
}
