import { callOfLeg } from '../../domain/queue';
import { useQueueState } from './queue-state';

/**
 * Whose queue call a leg of this console's room is: `mine` for the signed-in agent's own,
 * else the agent who took it; undefined for a leg that came in any other way.
 */
export function useCallOwner(
  sessionId: string,
  address: string | undefined,
): { handledBy: string; mine: boolean } | undefined {
  const { board, me, room } = useQueueState();
  if (!board || !room) return undefined;
  const call = callOfLeg(board.calls, room, sessionId, address);
  if (!call?.handledBy) return undefined;
  return { handledBy: call.handledBy, mine: call.handledBy === me?.username };
}
