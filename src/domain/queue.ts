/**
 * Queues on Daily's pinless dial-in (issue 18), as the server's `/api/queue/stream` tells the
 * console: an agent's own view (`me`) and the board every console shows. Shared by the server
 * (which builds them) and the console (which shows them); pure.
 */
import { addressFromSipFrom } from './identity';

export const AGENT_STATUSES = ['available', 'busy', 'wrap-up', 'break', 'offline'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** The statuses an agent sets; the server moves them to Busy and Wrap-up itself. */
export const SETTABLE_STATUSES = ['available', 'break', 'offline'] as const;

export const STATUS_LABELS: Record<AgentStatus, string> = {
  available: 'Available',
  busy: 'Busy',
  'wrap-up': 'Wrap-up',
  break: 'Break',
  offline: 'Offline',
};

/**
 * A call's life: `waiting` (held by Daily, offered in turn) → `routing` (an agent won it; the
 * server is moving it into the agent's room) → `connected` → `ended` (wrap-up) → `filed`.
 * Final without an agent: `abandoned` (the caller hung up first), `unanswered` (waited past the
 * bound), `unrouted` (its number belongs to no queue).
 */
export type CallState =
  'waiting' | 'routing' | 'connected' | 'ended' | 'filed' | 'abandoned' | 'unanswered' | 'unrouted';

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

export interface BoardAgent {
  username: string;
  status: AgentStatus;
  since: number;
  online: boolean;
}

export interface BoardView {
  agents: BoardAgent[];
  calls: BoardCall[];
}

/**
 * The digits of a number or SIP URI's user part, to match Daily's `sip_from` to a caller. A
 * `sip_from` is a whole From header (`"Traffic 000001" <sip:+14155550100@host>;tag=…`): only its
 * URI counts, never digits in the display name or the tag.
 */
export function callerDigits(address: string): string {
  const read = addressFromSipFrom(address) ?? address;
  const user = read.replace(/^sips?:/i, '').split('@')[0] ?? '';
  return user.replace(/\D/g, '');
}

/**
 * The queue call a leg of `room` is, if any: by session id once the server knows it, else by
 * the caller's number among the calls routed to that room.
 */
export function callOfLeg(
  calls: readonly BoardCall[],
  room: string,
  sessionId: string,
  address: string | undefined,
): BoardCall | undefined {
  const live = calls.filter((c) => c.room === room && c.handledBy);
  const bySession = live.find((c) => c.sessionId === sessionId);
  if (bySession) return bySession;
  if (!address) return undefined;
  const digits = callerDigits(address);
  return live.find((c) => !c.sessionId && digits !== '' && callerDigits(c.from) === digits);
}

/**
 * A queue call's wrap-up as the history shows it beside the conversation the call became (its
 * leg in the agent's room): who handled it, the disposition code (and its label, while the code
 * exists) and the note. `filed_at` is null while the wrap-up is still open.
 */
export interface WrapUpRecord {
  queue: string;
  handled_by: string | null;
  disposition: string | null;
  disposition_label: string | null;
  note: string | null;
  filed_at: number | null;
}
