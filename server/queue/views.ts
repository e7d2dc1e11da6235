/**
 * What the queue engine tells consoles (the `/api/queue/stream` events): an agent's own view
 * (`me`) and the board every console shows (who is in which state, which call is whose).
 */
import type { AgentRow, AgentStatus, CallState, QueueCall } from './queue-store';

export interface OfferView {
  callId: string;
  from: string;
  queue: string;
  arrivedAt: number;
  expiresAt: number;
}

export interface MyCallView {
  callId: string;
  from: string;
  queue: string;
  room: string | null;
  state: CallState;
}

export interface MeView {
  username: string;
  status: AgentStatus;
  since: number;
  wrapUntil: number | null;
  /** Queues the agent belongs to (none: they are never offered anything). */
  queues: string[];
  offer: OfferView | null;
  /** The call they took, until it is filed. */
  call: MyCallView | null;
}

export interface BoardCall {
  callId: string;
  from: string;
  queue: string;
  state: CallState;
  arrivedAt: number;
  handledBy: string | null;
  room: string | null;
  sessionId: string | null;
  late: boolean;
}

export interface BoardView {
  agents: { username: string; status: AgentStatus; since: number; online: boolean }[];
  calls: BoardCall[];
}

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

/** The digits of a number or SIP URI's user part, to match Daily's `sip_from` to a caller. */
export function callerDigits(address: string): string {
  const user = address.replace(/^sips?:/i, '').split('@')[0] ?? '';
  return user.replace(/\D/g, '');
}
