/**
 * Conversations from webhooks, pure: which conversation an event belongs to, and what the
 * conversation looks like after it. The indexer (`indexer.ts`) loads the rows a batch touches,
 * applies the batch here in sequence order and writes back what changed.
 *
 * The linking rule (docs/architecture.md, "History"):
 * 1. Every `dialin.*`, `dialout.*` and `calltransfer.*` webhook names the SIP/PSTN participant
 *    in `session_id`; events with the same `session_id` are one leg, and a leg belongs to one
 *    conversation for good. A leg's transfers and refers (`calltransfer.*` with its
 *    `session_id`) belong to its conversation.
 * 2. A transfer to another room makes the caller arrive there as a new SIP dial-in with a new
 *    `session_id`; no webhook field carries the old one (`mtg_session_id` is the meeting's, shared
 *    by everyone in the room). So the new leg is linked when its first event is a `dialin.*`
 *    whose caller (`sip_from`, read as a number or `sip:user@host`) is the transferred leg's
 *    caller (`from_endpoint` of its `calltransfer.initiated`, not a refer), in another room,
 *    at most {@link LINK_WINDOW_MS} after the initiation. The most recent such transfer wins,
 *    and each transfer links one arrival.
 * Assumed, not documented by Daily: that the arriving leg's `sip_from` carries the caller's
 * address (the simulated cloud does this; a real carrier may not, and then the arrival starts
 * a conversation of its own, which is the honest fallback); and that the initiation is stored
 * before the arrival (events are linked in sequence order; an arrival stored first also starts a
 * conversation of its own).
 */
import { addressFromSipFrom } from '../../src/domain/identity';
import { envelopeKeys, envelopeTimeMs, type Envelope } from '../domain/envelope';
import { projectLeg, type LegRow } from '../domain/projection';
import { outcomeOfLegs, type ConversationRecord } from '../../src/domain/conversation-outcome';

/** How long after a transfer's initiation the caller's arrival in another room is linked. */
export const LINK_WINDOW_MS = 120_000;
/** Clock skew allowed the other way (the arrival's webhook stamped before the initiation's). */
const SKEW_MS = 5_000;

export type ConversationRow = ConversationRecord;

export interface StepRow {
  conversation_id: string;
  seq: number;
  at: number;
  received_at: number;
  type: string;
  session_id: string;
  room: string | null;
  detail: Record<string, string | boolean>;
}

export interface Handoff {
  conversation_id: string;
  session_id: string;
  caller_key: string;
  from_room: string | null;
  to_endpoint: string;
  initiated_at: number;
}

export interface Presence {
  username: string;
  room: string;
  from_at: number;
  to_at: number | null;
}

export interface IndexedEvent {
  seq: number;
  received_at: number;
  envelope: Envelope;
}

/**
 * A number or SIP address as one comparable key: a phone number's digits (`+1 (415) 555-0100`
 * and `sip:+14155550100@carrier` are both `14155550100`); otherwise `sip:user@host`, lowercased.
 */
export function callerKey(address: string | null | undefined): string | undefined {
  if (!address) return undefined;
  const trimmed = address.trim();
  if (/^\+?[\d\s().-]{4,}$/.test(trimmed)) return trimmed.replace(/\D/g, '');
  const read = addressFromSipFrom(/^(sips?|tel):/i.test(trimmed) ? trimmed : `sip:${trimmed}`);
  if (!read) return undefined;
  return /^\+?\d+$/.test(read) ? read.replace(/\D/g, '') : read.toLowerCase();
}

/** The caller's address as read: the far end of a dial-out, the `sip_from` of a dial-in. */
export function callerAddress(leg: LegRow): string | null {
  if (leg.direction === 'dial-out') return leg.to_addr;
  return leg.from_addr ? (addressFromSipFrom(leg.from_addr) ?? leg.from_addr) : null;
}

const DETAIL_FIELDS = [
  'to_endpoint',
  'from_endpoint',
  'is_sip_refer',
  'sip_from',
  'display_name',
  'destination',
  'origin',
  'error_msg',
  'error',
  'message',
] as const;

/** The fields of a payload a timeline shows (bounded: strings cut at 256 characters). */
function stepDetail(payload: Record<string, unknown>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const k of DETAIL_FIELDS) {
    const v = payload[k];
    if (typeof v === 'string' && v) out[k] = v.slice(0, 256);
    else if (typeof v === 'boolean') out[k] = v;
  }
  return out;
}

const STAGES = ['none', 'initiated', 'answered', 'completed'];

const add = (list: string[], value: string | null | undefined) => {
  if (value && !list.includes(value) && list.length < 64) list.push(value);
};

/** The rows a batch touches, in memory; `apply` each event in order, then write back the dirty. */
export class ConversationLinker {
  readonly legs = new Map<string, { conversation_id: string; leg: LegRow }>();
  /** Each conversation's legs (session ids), for its outcome. */
  private readonly byConversation = new Map<string, Set<string>>();
  readonly conversations = new Map<string, ConversationRow>();
  readonly handoffs = new Map<string, Handoff>();
  readonly steps: StepRow[] = [];
  readonly dirtyLegs = new Set<string>();
  readonly dirtyConversations = new Set<string>();
  readonly newHandoffs = new Set<string>();
  readonly usedHandoffs = new Set<string>();

  constructor(private readonly presence: Presence[] = []) {}

  /** A leg already stored (the indexer loads every leg of each conversation a batch touches). */
  setLeg(sessionId: string, conversationId: string, leg: LegRow): void {
    this.legs.set(sessionId, { conversation_id: conversationId, leg });
    const set = this.byConversation.get(conversationId) ?? new Set<string>();
    set.add(sessionId);
    this.byConversation.set(conversationId, set);
  }

  apply(e: IndexedEvent): void {
    const env = e.envelope;
    const family = env.type.split('.')[0];
    if (family !== 'dialin' && family !== 'dialout' && family !== 'calltransfer') return;
    const { sessionId, room } = envelopeKeys(env);
    if (!sessionId) return;
    const at = envelopeTimeMs(env, e.received_at);
    const known = this.legs.get(sessionId);
    const conversationId =
      known?.conversation_id ??
      (family === 'dialin' ? this.link(env, room, at) : undefined) ??
      sessionId;
    const leg = projectLeg(known?.leg ?? null, env, at);
    if (!leg) return;
    this.setLeg(sessionId, conversationId, leg);
    this.dirtyLegs.add(sessionId);

    const c = this.conversations.get(conversationId) ?? this.fresh(conversationId, at);
    c.started_at = Math.min(c.started_at, at);
    c.last_at = Math.max(c.last_at, at);
    c.steps++;
    if (!known) c.legs++;
    if (env.type === 'calltransfer.triggered') c.transfers++;
    const stage = env.type.split('.')[1];
    if (
      family === 'calltransfer' &&
      (stage === 'initiated' || stage === 'answered' || stage === 'completed')
    ) {
      if (STAGES.indexOf(stage) > STAGES.indexOf(c.stage ?? 'none')) c.stage = stage;
    }
    add(c.rooms, room);
    add(c.numbers, callerKey(callerAddress(leg)));
    if (c.id === sessionId || c.caller === null) {
      c.caller = callerAddress(leg) ?? c.caller;
      c.caller_name = leg.display_name ?? c.caller_name;
      c.direction = leg.direction ?? c.direction;
      c.network = leg.network ?? c.network;
    }
    for (const p of this.presence) {
      if (p.room === room && p.from_at <= at && (p.to_at === null || p.to_at >= at)) {
        add(c.agents, p.username);
      }
    }
    this.refreshOutcome(c);
    this.conversations.set(conversationId, c);
    this.dirtyConversations.add(conversationId);
    this.steps.push({
      conversation_id: conversationId,
      seq: e.seq,
      at,
      received_at: e.received_at,
      type: env.type,
      session_id: sessionId,
      room: room ?? null,
      detail: stepDetail(env.payload),
    });

    const to = env.payload.to_endpoint;
    const key =
      callerKey(callerAddress(leg)) ??
      callerKey(typeof env.payload.from_endpoint === 'string' ? env.payload.from_endpoint : null);
    if (
      env.type === 'calltransfer.initiated' &&
      env.payload.is_sip_refer !== true &&
      typeof to === 'string' &&
      key
    ) {
      const id = `${sessionId}\u0000${to}`;
      this.handoffs.set(id, {
        conversation_id: conversationId,
        session_id: sessionId,
        caller_key: key,
        from_room: room ?? null,
        to_endpoint: to,
        initiated_at: at,
      });
      this.newHandoffs.add(id);
      this.usedHandoffs.delete(id);
    }
  }

  /** The conversation a new dial-in continues (rule 2), consuming its transfer; or none. */
  private link(env: Envelope, room: string | undefined, at: number): string | undefined {
    const sipFrom = typeof env.payload.sip_from === 'string' ? env.payload.sip_from : null;
    const key = callerKey(sipFrom);
    if (!key) return undefined;
    let best: [string, Handoff] | undefined;
    for (const entry of this.handoffs) {
      const [id, h] = entry;
      if (this.usedHandoffs.has(id) || h.caller_key !== key || h.from_room === (room ?? null))
        continue;
      if (at < h.initiated_at - SKEW_MS || at > h.initiated_at + LINK_WINDOW_MS) continue;
      if (!best || h.initiated_at > best[1].initiated_at) best = entry;
    }
    if (!best) return undefined;
    this.usedHandoffs.add(best[0]);
    this.newHandoffs.delete(best[0]);
    return best[1].conversation_id;
  }

  private fresh(id: string, at: number): ConversationRow {
    return {
      id,
      started_at: at,
      last_at: at,
      ended_at: null,
      caller: null,
      caller_name: null,
      direction: null,
      network: null,
      rooms: [],
      numbers: [],
      agents: [],
      outcome: 'live',
      detail: null,
      stage: null,
      legs: 0,
      transfers: 0,
      steps: 0,
    };
  }

  /** Outcome and end from every leg of the conversation the linker holds. */
  private refreshOutcome(c: ConversationRow): void {
    const legs: LegRow[] = [];
    for (const id of this.byConversation.get(c.id) ?? []) {
      const l = this.legs.get(id);
      if (l) legs.push(l.leg);
    }
    const { outcome, endedAt, detail } = outcomeOfLegs(legs);
    c.outcome = outcome;
    c.ended_at = endedAt;
    c.detail = detail;
  }
}
