/**
 * What the queue engine tells consoles (the `/api/queue/stream` events), built from the
 * store's rows; the shapes are `src/domain/queue.ts`'s, which the console shares.
 */
import type { BoardCall, MyCallView } from '../../src/domain/queue';
import type { AgentRow, QueueCall } from './queue-store';

export { callerDigits } from '../../src/domain/queue';
export type { BoardView, MeView, OfferView } from '../../src/domain/queue';

export function boardCall(c: QueueCall): BoardCall {
  return {
    callId: c.callId,
    from: c.from,
    queue: c.queue,
    state: c.state,
    arrivedAt: c.arrivedAt,
    handledBy: c.handledBy,
    room: c.room,
    sessionId: c.sessionId,
    late: c.late,
  };
}

export function myCall(c: QueueCall): MyCallView {
  return { callId: c.callId, from: c.from, queue: c.queue, room: c.room, state: c.state };
}

export function agentEntry(a: AgentRow, online: boolean) {
  return { username: a.username, status: a.status, since: a.since, online };
}
