import { useCallback, useSyncExternalStore } from 'react';
import type { ConsoleAction } from '../../domain/console-action';
import type { LegAction } from '../../domain/leg-action';
import { createStore } from '../../domain/store';

/**
 * Who acted on which leg, as the console's server recorded it (`console.action` events on the
 * room's stream: a supervisor's hang-up, transfer or refer through the REST routes or the
 * wall). An action of this console's book is matched by leg and method, so its row and its
 * Recent transfers entry can say "Ended by Demo Supervisor".
 */
const byLeg = new Map<string, ConsoleAction[]>();
/** What an action this console starts tells the server (see {@link setClaimSender}). */
export interface Claim {
  sessionId: string;
  method: ConsoleAction['method'];
  toEndpoint?: string;
}
let claimSender: ((claim: Claim) => void) | undefined;
const version = createStore(0);
const MAX_LEGS = 2_000;

/**
 * While the console follows its room through the server, its own hang-ups, transfers and
 * refers are told to the server too (Daily's webhooks never say who acted), so the wall and
 * the room's other consoles can name the agent. Returns the function that stops it.
 */
export function setClaimSender(send: (claim: Claim) => void): () => void {
  claimSender = send;
  return () => {
    if (claimSender === send) claimSender = undefined;
  };
}

export const actorStore = {
  /** This console started an action on a leg: the server hears who, when it listens. */
  claim(claim: Claim): void {
    claimSender?.(claim);
  },
  record(action: ConsoleAction): void {
    const list = byLeg.get(action.sessionId) ?? [];
    byLeg.delete(action.sessionId);
    byLeg.set(action.sessionId, [...list, action].slice(-8));
    if (byLeg.size > MAX_LEGS) byLeg.delete(byLeg.keys().next().value as string);
    version.set((v) => v + 1);
  },
  /** The latest record of the same method on the same leg (a refusal outranks its request). */
  forAction(action: Pick<LegAction, 'sessionId' | 'method'>): ConsoleAction | undefined {
    if (!action.sessionId) return undefined;
    return byLeg.get(action.sessionId)?.findLast((a) => a.method === action.method);
  },
};

/** Who did `action`, when the server said; re-renders when a record arrives. */
export function useActor(
  action: Pick<LegAction, 'sessionId' | 'method'>,
): ConsoleAction | undefined {
  const { sessionId, method } = action;
  const get = useCallback(() => actorStore.forAction({ sessionId, method }), [sessionId, method]);
  return useSyncExternalStore(version.subscribe, get, get);
}
