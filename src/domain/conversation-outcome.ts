/**
 * How a conversation (one caller's legs, linked across transfers and rooms) ended, as a filter
 * value and in words. The words for a finished transfer, refer or call are the leg-action
 * machine's own (`phaseLabel`), so history says what the console said when it happened.
 */
import { startAction, type ActionMethod, type TargetProgress } from './leg-action';
import { phaseLabel } from './leg-action-words';

export const CONVERSATION_OUTCOMES = [
  'live',
  'ended',
  'failed',
  'transferred',
  'referred',
] as const;
export type ConversationOutcome = (typeof CONVERSATION_OUTCOMES)[number];

export function isConversationOutcome(value: unknown): value is ConversationOutcome {
  return CONVERSATION_OUTCOMES.includes(value as ConversationOutcome);
}

/** How far the conversation's last transfer got, from Daily's `calltransfer.*` webhooks. */
export type TransferStage = 'initiated' | 'answered' | 'completed';

/**
 * A conversation as the history stores and serves it (times in ms epoch; `numbers` are the
 * callers' addresses as comparable keys, `rooms` in the order the caller was in them).
 */
export interface ConversationRecord {
  id: string;
  started_at: number;
  last_at: number;
  ended_at: number | null;
  caller: string | null;
  caller_name: string | null;
  direction: string | null;
  network: string | null;
  rooms: string[];
  numbers: string[];
  agents: string[];
  outcome: ConversationOutcome;
  detail: string | null;
  stage: TransferStage | null;
  legs: number;
  transfers: number;
  steps: number;
}

/** An outcome's short name, for a filter's choices. */
export const OUTCOME_NAMES: Record<ConversationOutcome, string> = {
  live: 'In progress',
  ended: 'Call ended',
  failed: 'Failed',
  transferred: 'Transferred',
  referred: 'Referred',
};

/** What the outcome needs of a leg (the server's leg projection has these fields). */
export interface OutcomeLeg {
  state: string;
  ended_at: number | null;
  detail: string | null;
}

const LEG_OUTCOME: Record<string, ConversationOutcome> = {
  connected: 'live',
  ringing: 'live',
  answered: 'live',
  ended: 'ended',
  failed: 'failed',
  transferred: 'transferred',
  referred: 'referred',
};

/**
 * A conversation is live while any of its legs is; then it ended as its last leg to end did
 * (a caller transferred to another room and hung up there "ended"; one transferred out of
 * Daily "transferred").
 */
export function outcomeOfLegs(legs: readonly OutcomeLeg[]): {
  outcome: ConversationOutcome;
  endedAt: number | null;
  detail: string | null;
} {
  let last: OutcomeLeg | undefined;
  for (const leg of legs) {
    const outcome = LEG_OUTCOME[leg.state] ?? 'live';
    if (outcome === 'live') return { outcome, endedAt: null, detail: null };
    if (!last || (leg.ended_at ?? 0) >= (last.ended_at ?? 0)) last = leg;
  }
  if (!last) return { outcome: 'live', endedAt: null, detail: null };
  return {
    outcome: LEG_OUTCOME[last.state] ?? 'ended',
    endedAt: last.ended_at,
    detail: last.state === 'failed' ? last.detail : null,
  };
}

function finished(method: ActionMethod, target: TargetProgress = {}): string {
  return phaseLabel({
    ...startAction({ id: '', method, callerName: '', destination: '' }, 0),
    phase: 'done',
    target,
    sawStopped: true,
  });
}

/** The outcome in words, e.g. "Call ended", "Transferred — answered by the target". */
export function outcomeWords(
  outcome: ConversationOutcome,
  opts: { detail?: string | null; stage?: TransferStage | null } = {},
): string {
  switch (outcome) {
    case 'live':
      return 'In progress';
    case 'ended':
      return finished('dial-out');
    case 'failed':
      return `Failed: ${opts.detail || 'no reason given'}`;
    case 'referred':
      return finished('refer', { initiatedAt: 0 });
    case 'transferred': {
      const stage = opts.stage ?? 'initiated';
      return finished('transfer', {
        initiatedAt: 0,
        ...(stage === 'answered' || stage === 'completed' ? { answeredAt: 0 } : {}),
        ...(stage === 'completed' ? { completedAt: 0 } : {}),
      });
    }
  }
}
