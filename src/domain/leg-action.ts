import type { TelephonyType } from './telephony';

/**
 * Per-leg action state machine for the agent console: transfer, refer, dial-out and hang-up.
 *
 * Pure: every function takes the current time as an argument and returns a new `LegAction`
 * (or the very same object when an input changes nothing, so React can bail out). The caller
 * feeds it the SDK promise outcome (`resolved`/`rejected`), Daily's events and `tick`s.
 *
 * Pass the same `timeouts` to `startAction` and every `stepAction` call of one action: deadlines
 * are computed with them and the timeout messages quote them.
 */

/** What the agent asked for. */
export type ActionMethod = 'transfer' | 'refer' | 'dial-out' | 'hang-up';

/** Where an action is in its life. */
export type ActionPhase =
  /** SDK method called, promise pending (dial-out: "dialing", also after the promise resolved). */
  | 'requested'
  /** Promise resolved; waiting for Daily's confirming events (transfer/refer/hang-up). */
  | 'accepted'
  /** Dial-out only: dialout-connected received. */
  | 'ringing'
  /** Dial-out only: dialout-answered received (the leg is live; not terminal). */
  | 'answered'
  /** Transfer/refer: participant-left OR *-stopped seen, waiting for the other one. */
  | 'caller-left'
  /** Terminal success. */
  | 'done'
  /** Terminal: rejected promise, *-error, refer refused by the originator, dial-out ended unanswered. */
  | 'failed'
  /** Terminal: no confirming event within the bound. */
  | 'timed-out'
  /** Terminal: transfer/refer: the caller's leg ended before Daily accepted the request. */
  | 'caller-hung-up';

/** Phases an action never leaves. */
export const TERMINAL_PHASES: ReadonlySet<ActionPhase> = new Set<ActionPhase>([
  'done',
  'failed',
  'timed-out',
  'caller-hung-up',
]);

/** One entry of an action's history: a phase entered, or a note recorded while in a phase. */
export interface LegActionHistoryEntry {
  phase: ActionPhase;
  at: number;
  note?: string;
}

/** One action the agent started on one SIP/PSTN leg. */
export interface LegAction {
  /** Unique action id (given by the caller of `startAction`). */
  id: string;
  method: ActionMethod;
  /**
   * The SIP/PSTN participant's session_id. For dial-out unknown until the promise resolves with
   * `{ session: { sessionId } }`.
   */
  sessionId?: string;
  /** The caller's leg type when known. */
  legType?: TelephonyType;
  /** For display. */
  callerName: string;
  /** E.164 number or SIP URI ('' for hang-up). */
  destination: string;
  phase: ActionPhase;
  /** Failure/timeout/hang-up reason in words for the agent; for SDK errors the SDK's own text. */
  reason?: string;
  /** ms epoch. */
  startedAt: number;
  /** ms epoch of the last change. */
  updatedAt: number;
  /** ms epoch; set when the action became terminal. */
  endedAt?: number;
  /** ms epoch at which the SDK promise resolved (undefined while pending or if it never did). */
  acceptedAt?: number;
  /**
   * ms epoch at which a `tick` times this action out; undefined when terminal and for an answered
   * dial-out (a live call has no timeout).
   */
  deadline?: number;
  /**
   * Every phase entered, in order, starting with 'requested'. Warnings that do not change the
   * phase are appended as extra entries carrying the current phase and a `note`.
   */
  history: LegActionHistoryEntry[];
  /** participant-left seen. */
  sawLeft: boolean;
  /** dialin-stopped / dialout-stopped seen. */
  sawStopped: boolean;
}

/** Bounds (ms) on how long each waiting phase may last. */
export interface Timeouts {
  /** requested → SDK promise settles (all methods). */
  request: number;
  /** accepted → done and caller-left → done (transfer, refer, hang-up); restarted on caller-left. */
  confirm: number;
  /** dial-out: promise resolved → dialout-connected (ringing) or dialout-answered. */
  ring: number;
  /** dial-out: ringing → answered. */
  answer: number;
}

/** Default bounds. */
export const DEFAULT_TIMEOUTS: Timeouts = Object.freeze({
  request: 15_000,
  confirm: 30_000,
  ring: 30_000,
  answer: 60_000,
});

/** What can happen to an action. */
export type ActionInput =
  /** SDK promise resolved (startDialOut resolves `{ session: { sessionId } }`). */
  | { type: 'resolved'; sessionId?: string }
  /** SDK promise rejected; `reason` is the SDK's text. */
  | { type: 'rejected'; reason: string }
  | { type: 'participant-left'; sessionId: string }
  /** dialin-stopped or dialout-stopped. */
  | { type: 'stopped'; sessionId: string }
  | { type: 'dialout-connected'; sessionId: string }
  | { type: 'dialout-answered'; sessionId: string }
  /** dialin-error / dialout-error (`errorMsg`); dialout-error may lack a sessionId. */
  | { type: 'error'; sessionId?: string; message: string }
  /** dialin-warning / dialout-warning. */
  | { type: 'warning'; sessionId: string; message: string }
  /** Time passed (now is `stepAction`'s third argument). */
  | { type: 'tick' };

/** Creates an action in phase 'requested', right when the SDK method is called. */
export function startAction(
  init: {
    id: string;
    method: ActionMethod;
    sessionId?: string;
    legType?: TelephonyType;
    callerName: string;
    destination: string;
  },
  now: number,
  timeouts: Timeouts = DEFAULT_TIMEOUTS,
): LegAction {
  const action: LegAction = {
    id: init.id,
    method: init.method,
    callerName: init.callerName,
    destination: init.destination,
    phase: 'requested',
    startedAt: now,
    updatedAt: now,
    deadline: now + timeouts.request,
    history: [{ phase: 'requested', at: now }],
    sawLeft: false,
    sawStopped: false,
  };
  if (init.sessionId !== undefined) action.sessionId = init.sessionId;
  if (init.legType !== undefined) action.legType = init.legType;
  return action;
}

/** True once the action can no longer change. */
export function isTerminal(action: LegAction): boolean {
  return TERMINAL_PHASES.has(action.phase);
}

/**
 * True while the action still has to reach an outcome, so no other action may start on its
 * leg. An answered dial-out is a live call, not a pending request: the leg is free for a
 * transfer, a refer or a hang-up.
 */
export function isInFlight(action: LegAction): boolean {
  return !isTerminal(action) && !(action.method === 'dial-out' && action.phase === 'answered');
}

/** True when the action is about the leg with this session id (both must be known). */
export function matchesSession(action: LegAction, sessionId: string | undefined): boolean {
  return (
    action.sessionId !== undefined && sessionId !== undefined && action.sessionId === sessionId
  );
}

/** The earliest deadline among non-terminal actions, for scheduling the next `tick`. */
export function nextDeadline(actions: Iterable<LegAction>): number | undefined {
  let earliest: number | undefined;
  for (const action of actions) {
    if (isTerminal(action) || action.deadline === undefined) continue;
    if (earliest === undefined || action.deadline < earliest) earliest = action.deadline;
  }
  return earliest;
}

/**
 * Advances an action by one input. Returns the same object when the input is irrelevant
 * (another session, a terminal action, a duplicate event, a tick before the deadline, …).
 */
export function stepAction(
  action: LegAction,
  input: ActionInput,
  now: number,
  timeouts: Timeouts = DEFAULT_TIMEOUTS,
): LegAction {
  if (isTerminal(action)) return action;
  switch (input.type) {
    case 'tick':
      return onTick(action, now, timeouts);
    case 'resolved':
      return onResolved(action, input.sessionId, now, timeouts);
    case 'rejected':
      if (action.phase !== 'requested' || action.acceptedAt !== undefined) return action;
      return finish(action, 'failed', now, sdkText(input.reason));
    default:
      break;
  }
  if (!appliesTo(action, input)) return action;
  return action.method === 'dial-out'
    ? stepDialOut(action, input, now, timeouts)
    : stepHandOver(action, input, now, timeouts);
}

type SteadyPhase = Exclude<ActionPhase, 'failed' | 'timed-out'>;

/** Labels for phases without a reason; phases a method never enters still get sensible words. */
const LABELS: Record<ActionMethod, Record<SteadyPhase, string>> = {
  transfer: {
    requested: 'Transfer requested…',
    accepted: 'Transfer accepted — moving caller…',
    ringing: 'Transfer target ringing…',
    answered: 'Transfer target answered',
    'caller-left': 'Caller left this room',
    done: 'Transferred',
    'caller-hung-up': 'Caller hung up during transfer',
  },
  refer: {
    requested: 'Refer requested…',
    accepted: 'Refer accepted — waiting for the originating system…',
    ringing: 'Refer target ringing…',
    answered: 'Refer target answered',
    'caller-left': 'Caller left this room',
    done: 'Referred — Daily has left the call',
    'caller-hung-up': 'Caller hung up during refer',
  },
  'dial-out': {
    requested: 'Dialing…',
    accepted: 'Dialing…',
    ringing: 'Ringing…',
    answered: 'Answered',
    'caller-left': 'Call ended',
    done: 'Call ended',
    'caller-hung-up': 'Call ended before it was answered',
  },
  'hang-up': {
    requested: 'Hanging up…',
    accepted: 'Hanging up…',
    ringing: 'Hanging up…',
    answered: 'Hanging up…',
    'caller-left': 'Hanging up…',
    done: 'Hung up',
    'caller-hung-up': 'Caller already hung up',
  },
};

const FAILED_PREFIX: Record<ActionMethod, string> = {
  transfer: 'Transfer failed',
  refer: 'Refer failed',
  'dial-out': 'Dial-out failed',
  'hang-up': 'Hang-up failed',
};

/**
 * Agent-facing words for the action's current phase, method-aware: e.g. 'Transfer requested…',
 * 'Transferred', 'Transfer failed: <reason>', 'Timed out: <reason>', 'Ringing…', 'Hung up'.
 */
export function phaseLabel(action: LegAction): string {
  const reason = action.reason ?? 'no reason given';
  if (action.phase === 'timed-out') return `Timed out: ${reason}`;
  if (action.phase === 'failed') return `${FAILED_PREFIX[action.method]}: ${reason}`;
  return LABELS[action.method][action.phase];
}

// ---------------------------------------------------------------------------------------------

type SessionInput = Exclude<ActionInput, { type: 'tick' | 'resolved' | 'rejected' }>;

/** Session filter; a sessionless error reaches only a dial-out still waiting for its session. */
function appliesTo(action: LegAction, input: SessionInput): boolean {
  if (input.sessionId !== undefined) return matchesSession(action, input.sessionId);
  return (
    input.type === 'error' &&
    action.method === 'dial-out' &&
    action.phase === 'requested' &&
    action.sessionId === undefined
  );
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))}s`;
}

/** SDK text verbatim, or words for an empty one. */
function sdkText(text: string): string {
  return text.trim() === '' ? 'Daily reported an error without a message' : text;
}

/** Enters a non-terminal phase. */
function enter(
  action: LegAction,
  phase: ActionPhase,
  now: number,
  patch: Partial<LegAction> = {},
): LegAction {
  return {
    ...action,
    ...patch,
    phase,
    updatedAt: now,
    history: [...action.history, { phase, at: now }],
  };
}

/** Enters a terminal phase: sets endedAt, clears the deadline. */
function finish(
  action: LegAction,
  phase: ActionPhase,
  now: number,
  reason?: string,
  patch: Partial<LegAction> = {},
): LegAction {
  const next = enter(action, phase, now, patch);
  next.endedAt = now;
  delete next.deadline;
  if (reason !== undefined) next.reason = reason;
  return next;
}

/** Records a note in history without changing the phase. */
function note(action: LegAction, now: number, text: string): LegAction {
  return {
    ...action,
    updatedAt: now,
    history: [...action.history, { phase: action.phase, at: now, note: text }],
  };
}

function onResolved(
  action: LegAction,
  sessionId: string | undefined,
  now: number,
  timeouts: Timeouts,
): LegAction {
  if (action.phase !== 'requested' || action.acceptedAt !== undefined) return action;
  if (action.method !== 'dial-out') {
    return enter(action, 'accepted', now, { acceptedAt: now, deadline: now + timeouts.confirm });
  }
  // Dial-out stays 'requested' ("dialing"); no new history entry — the 'requested' entry is
  // annotated instead, and acceptedAt records when.
  const [first, ...rest] = action.history;
  const history = first ? [{ ...first, note: 'accepted by Daily' }, ...rest] : action.history;
  const next: LegAction = {
    ...action,
    acceptedAt: now,
    deadline: now + timeouts.ring,
    updatedAt: now,
    history,
  };
  if (sessionId !== undefined) next.sessionId = sessionId;
  return next;
}

function onTick(action: LegAction, now: number, timeouts: Timeouts): LegAction {
  if (action.deadline === undefined || now < action.deadline) return action;
  return finish(action, 'timed-out', now, timeoutReason(action, timeouts));
}

function timeoutReason(action: LegAction, timeouts: Timeouts): string {
  switch (action.phase) {
    case 'requested':
      return action.method === 'dial-out' && action.acceptedAt !== undefined
        ? `Daily did not start the call within ${seconds(timeouts.ring)}`
        : `Daily did not answer the request within ${seconds(timeouts.request)}`;
    case 'ringing':
      return `No answer within ${seconds(timeouts.answer)}`;
    case 'accepted': {
      const within = `No confirmation from Daily within ${seconds(timeouts.confirm)}`;
      if (action.method === 'refer')
        return `${within} — the originating system may not accept REFER`;
      if (action.method === 'hang-up') return `${within} — the caller may still be connected`;
      return `${within} — the caller is still in this room`;
    }
    case 'caller-left':
      return `Daily never confirmed the end of the caller's leg within ${seconds(timeouts.confirm)}`;
    default:
      return `No progress within the time limit`;
  }
}

/** transfer, refer and hang-up. */
function stepHandOver(
  action: LegAction,
  input: SessionInput,
  now: number,
  timeouts: Timeouts,
): LegAction {
  switch (input.type) {
    case 'participant-left':
    case 'stopped': {
      const flag = input.type === 'participant-left' ? 'sawLeft' : 'sawStopped';
      if (action[flag]) return action;
      const patch: Partial<LegAction> =
        flag === 'sawLeft' ? { sawLeft: true } : { sawStopped: true };
      if (action.method === 'hang-up') return finish(action, 'done', now, undefined, patch);
      if (action.phase === 'requested') {
        const what = action.method === 'refer' ? 'refer' : 'transfer';
        return finish(
          action,
          'caller-hung-up',
          now,
          `The caller hung up before Daily accepted the ${what}`,
          patch,
        );
      }
      if (action.phase === 'accepted') {
        return enter(action, 'caller-left', now, { ...patch, deadline: now + timeouts.confirm });
      }
      if (action.phase === 'caller-left') return finish(action, 'done', now, undefined, patch);
      return action;
    }
    case 'error':
      return finish(action, 'failed', now, sdkText(input.message));
    case 'warning':
      if (action.method === 'refer' && action.phase === 'accepted') {
        return finish(action, 'failed', now, sdkText(input.message));
      }
      return note(action, now, `Warning: ${input.message}`);
    case 'dialout-connected':
    case 'dialout-answered':
      return action;
  }
}

function stepDialOut(
  action: LegAction,
  input: SessionInput,
  now: number,
  timeouts: Timeouts,
): LegAction {
  switch (input.type) {
    case 'participant-left':
      // A dial-out ends on dialout-stopped; participant-left alone is only recorded.
      return action.sawLeft ? action : { ...action, sawLeft: true, updatedAt: now };
    case 'stopped':
      if (action.phase === 'answered') {
        return finish(action, 'done', now, undefined, { sawStopped: true });
      }
      return finish(action, 'failed', now, 'The call ended before it was answered', {
        sawStopped: true,
      });
    case 'dialout-connected':
      if (action.phase !== 'requested') return action;
      return enter(action, 'ringing', now, { deadline: now + timeouts.answer });
    case 'dialout-answered': {
      if (action.phase === 'answered') return action;
      const next = enter(action, 'answered', now);
      delete next.deadline;
      return next;
    }
    case 'error':
      return finish(action, 'failed', now, sdkText(input.message));
    case 'warning':
      return note(action, now, `Warning: ${input.message}`);
  }
}
