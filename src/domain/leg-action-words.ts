/**
 * The leg-action machine's words: what the agent reads for each phase, how it looks, and when
 * a refer offers a transfer instead or a retry, and when a row's own badge already says it.
 * Kept apart from the machine (`leg-action.ts`) so the
 * transitions read on their own and the wording can change without touching them; only the
 * failure and timeout reasons, which the machine records as it goes, live there.
 */
import {
  isInFlight,
  isTerminal,
  type ActionMethod,
  type ActionPhase,
  type LegAction,
  type TargetProgress,
} from './leg-action';

/** Agent-facing words for the action's current phase (see {@link phaseLabel}). */
const LABELS: Record<ActionMethod, Partial<Record<ActionPhase, string>>> = {
  transfer: {
    requested: 'Transfer requested…',
    'left-pending': 'Caller left this room — waiting for Daily to confirm the transfer…',
    accepted: 'Transfer accepted — waiting for the caller to leave this room…',
    done: 'Moved out of this room',
  },
  refer: {
    requested: 'Refer requested…',
    'left-pending': 'Caller left this room — waiting for Daily to confirm the refer…',
    accepted: 'Refer requested — waiting for the originating system…',
    done: 'Referred — the caller left this room',
  },
  'dial-out': {
    requested: 'Dialing…',
    ringing: 'Ringing…',
    answered: 'Answered',
    done: 'Call ended',
  },
  'hang-up': {
    requested: 'Hanging up…',
    'left-pending': 'Hanging up…',
    accepted: 'Hanging up…',
    'left-room': 'Removed from this room — waiting for Daily to confirm the line closed…',
    done: 'Hung up',
  },
};

const FAILED_PREFIX: Record<ActionMethod, string> = {
  transfer: 'Transfer failed',
  refer: 'Refer failed',
  'dial-out': 'Dial-out failed',
  'hang-up': 'Hang-up failed',
};

/**
 * What Daily's `calltransfer.*` webhooks have confirmed of a transfer or refer, in words
 * (undefined: nothing yet). The console's rows and the supervisor's wall both say it this way.
 */
export function handOverProgressLabel(
  method: 'transfer' | 'refer',
  t: TargetProgress,
): string | undefined {
  if (method === 'refer') {
    return t.initiatedAt !== undefined ? 'Referred — Daily has left the call' : undefined;
  }
  // completed = the call with the target ended; only `answered` says the target answered.
  if (t.answeredAt !== undefined && t.completedAt !== undefined) {
    return 'Transferred — answered by the target; call completed';
  }
  if (t.answeredAt !== undefined) return 'Transferred — answered by the target';
  if (t.completedAt !== undefined) return 'Transferred — call ended';
  if (t.initiatedAt !== undefined) return 'Transferred — connecting to the target';
  return undefined;
}

/** The words for one phase of one method ('Transfer accepted — waiting for …'), if it has any. */
export function phaseWords(method: ActionMethod, phase: ActionPhase): string | undefined {
  return LABELS[method][phase];
}

/** A successful transfer/refer in words, with what the webhooks added. */
function doneLabel(action: LegAction): string {
  if (action.method === 'transfer' || action.method === 'refer') {
    const progress = handOverProgressLabel(action.method, action.target);
    if (progress) return progress;
  }
  if (action.method === 'dial-out' && !action.sawStopped) return 'Left this room';
  return LABELS[action.method].done ?? 'Done';
}

/**
 * An action whose outcome nobody observed: the connection carrying Daily's answers was lost
 * while it was in flight. It may or may not have happened; the call list shows what is true
 * once the console reconnects.
 */
export const OUTCOME_UNKNOWN = 'Outcome unknown — connection lost';

/**
 * Agent-facing words for the action's current phase, method-aware: e.g. 'Transfer requested…',
 * 'Moved out of this room', 'Transfer failed: <reason>', 'Timed out: <reason>', 'Ringing…'.
 */
export function phaseLabel(action: LegAction): string {
  const reason = action.reason ?? 'no reason given';
  switch (action.phase) {
    case 'timed-out':
      return `Timed out: ${reason}`;
    case 'failed':
      return `${FAILED_PREFIX[action.method]}: ${reason}`;
    case 'unconfirmed':
      return `Not confirmed: ${reason}`;
    case 'outcome-unknown':
      return OUTCOME_UNKNOWN;
    case 'caller-hung-up':
      return action.method === 'hang-up' ? 'Caller already hung up' : `Caller hung up: ${reason}`;
    case 'done':
      return doneLabel(action);
    default:
      if (referWarned(action)) {
        return 'Refer still pending after a warning from Daily — it may yet complete; you can transfer instead';
      }
      return LABELS[action.method][action.phase] ?? 'Working…';
  }
}

/** How a status should look: success, failure, an honest "don't know", or still working. */
export function outcomeTone(action: LegAction): 'success' | 'danger' | 'warning' | 'info' {
  switch (action.phase) {
    case 'done':
    case 'answered':
      return 'success';
    case 'failed':
      return 'danger';
    case 'timed-out':
    case 'unconfirmed':
    case 'caller-hung-up':
    case 'outcome-unknown':
      return 'warning';
    default:
      return 'info';
  }
}

/** A refer still pending on which Daily reported a warning (perhaps the far end's refusal). */
export function referWarned(action: LegAction): boolean {
  return action.method === 'refer' && action.warning !== undefined && isInFlight(action);
}

/**
 * A refer that did not move the caller (failed, timed out or unconfirmed) while the caller may
 * still be here, or a pending one Daily warned about: offer a transfer to the same destination
 * instead. The warning may be the originating system's refusal; waiting out the bound to find
 * out would keep the caller on hold for nothing (the refer may still complete, and the words
 * say so).
 */
export function offersTransferInstead(action: LegAction): boolean {
  return (
    action.method === 'refer' &&
    !action.sawLeft &&
    !action.sawStopped &&
    (action.phase === 'failed' ||
      action.phase === 'timed-out' ||
      action.phase === 'unconfirmed' ||
      referWarned(action))
  );
}

/**
 * A transfer or refer that failed or timed out while the caller is still here: the agent may
 * try the same destination again. "Not confirmed" is left out: it may yet have happened.
 */
export function offersRetry(action: LegAction): boolean {
  return (
    (action.method === 'transfer' || action.method === 'refer') &&
    !action.sawLeft &&
    !action.sawStopped &&
    (action.phase === 'failed' || action.phase === 'timed-out')
  );
}

/**
 * A dial-out still ringing or answered: its row's own status badge already says so (from the
 * same events), so a second badge with the same word is left out.
 */
export function rowShowsOwnState(action: LegAction): boolean {
  return action.method === 'dial-out' && !isTerminal(action);
}
