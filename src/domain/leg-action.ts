import type { TelephonyType } from './telephony';

/**
 * Per-leg action state machine for the agent console: transfer, refer, dial-out and hang-up.
 *
 * Pure: every function takes the current time as an argument and returns a new `LegAction`
 * (or the very same object when an input changes nothing, so React can bail out). The caller
 * feeds it the SDK promise outcome (`resolved`/`rejected`), Daily's SDK events, Daily's
 * webhooks (when a server relays them) and `tick`s.
 *
 * Truth before convenience. Daily documents what each method does, not which events reach which
 * console, in what order, or how a refusal surfaces. So every status here is derived from what
 * is certain whatever the order or omission of events:
 * - Daily accepted a transfer/refer (the promise resolved, or a `calltransfer.*` webhook) and the
 *   caller left this room (`participant-left` OR `*-stopped`, whichever comes, before or after
 *   the promise) → "moved out of this room". Never "timed out" or "hung up".
 * - The caller left and Daily refused the request → "caller hung up"; a caller who hangs up is
 *   never reported as transferred.
 * - A refer is "requested — waiting for the originating system" until something says more;
 *   warnings are notes, never failures.
 * - A dial-out is matched by its session id, or by the `userId` the console sent (the action id)
 *   when `startDialOut()` resolves without a session.
 * - A hang-up by eject is done only when Daily says the phone leg stopped; leaving the room
 *   alone is "removed from this room", and stays unconfirmed if nothing more comes.
 *
 * Pass the same `timeouts` to `startAction` and every `stepAction` call of one action: deadlines
 * are computed with them and the timeout messages quote them.
 *
 * ## Transitions
 *
 * Read a row for a phase, a column for an input. `→ x`: enters phase x; `note`: a history note,
 * phase kept; `flag`: only records that the leg left (`sawLeft`/`sawStopped`); `·`: no change
 * (the very same object). A `left` or `stopped` seen before is always `·`. Events count only
 * when they are about the action's own leg: its session id, or, for a dial-out without one, an
 * event whose `userId` is the action id (the session id is adopted from it).
 * `leg-action-table.test.ts` replays every cell against `stepAction`, so the tables cannot drift
 * from the code.
 *
 * `tick` acts only at or past the deadline: `request` from the start (left-pending keeps it),
 * `confirm` from accepted and from left-room, `ring` from a dial-out's `resolved`, `answer`
 * from ringing. `hook:trig` is a `calltransfer.triggered` webhook, `hook:later` an initiated,
 * answered or completed one; webhooks reach transfers and refers only (hang-ups and dial-outs
 * ignore them), and only one of the action's own kind when the webhook says which.
 *
 * Transfer (T), refer (R) and hang-up (H; `eject` or `stop-dial-out`). The dial-out events
 * (joined, connected, answered, audio-playable) change nothing here.
 *
 *  phase        | resolved    | rejected   | left           | stopped        | error    | warning
 *  -------------|-------------|------------|----------------|----------------|----------|--------
 *  requested    | → accepted  | → failed   | → left-pending | → left-pending | → failed | note
 *               |             |            |                | H: → done      |          |
 *  left-pending | → done ¹    | → caller-  | flag           | flag           | → failed | note
 *               |             |   hung-up  |                | H: → done      |          |
 *  accepted     | ·           | ·          | → done ²       | → done         | → failed | note
 *  left-room  H | ·           | ·          | ·              | → done         | → failed | note
 *
 *  phase        | hook:trig         | hook:later | tick
 *  -------------|-------------------|------------|------------------------------------
 *  requested    | → accepted        | → done     | → timed-out
 *  left-pending | → done            | → done     | → unconfirmed
 *  accepted     | note              | → done     | T, H: → timed-out; R: → unconfirmed
 *  left-room  H | (H ignores hooks) |            | → unconfirmed
 *
 *  ¹ H by eject that has not seen `stopped` yet: → left-room.
 *  ² H by stop-dial-out: → done; H by eject: → left-room (the phone line may still be open).
 *
 * Dial-out (D). `requested` lasts until the call connects or is answered: `resolved` only notes
 * that Daily accepted it (and the session id it named) and sets the ring deadline. Only
 * `dialout-answered` (the SDK event or the `dialout.answered` webhook) answers: Daily's
 * `dialout.connected` page says the initiator then "will hear the call ringing", and ringback is
 * audio, so playable audio is only noted. A call that ends unanswered has failed.
 *
 *  phase      | resolved | rejected | joined ³ | left, stopped | connected | answered | audio ⁴
 *  -----------|----------|----------|----------|---------------|-----------|----------|--------
 *  requested  | note ⁵   | → failed | note     | → failed      | → ringing | → answered | note
 *  ringing    | ·        | ·        | note     | → failed      | ·         | → answered | note
 *  answered   | ·        | ·        | ·        | → done        | ·         | ·          | ·
 *
 *  phase      | error    | warning  | tick
 *  -----------|----------|----------|----------------------------
 *  requested  | → failed | note     | → timed-out
 *  ringing    | → failed | note     | → timed-out
 *  answered   | → failed | note     | · (a live call has no deadline)
 *
 *  ³ only with its audio already playable (as `audio`); otherwise `·`.
 *  ⁴ `audio-playable`: noted once (`sawAudio`); ringback or the call, never an answer.
 *  ⁵ once; `rejected` after it is `·`.
 *
 * Terminal phases (done, failed, timed-out, caller-hung-up, unconfirmed, outcome-unknown) take
 * no input but webhooks, and, for a transfer or refer that was not done, later evidence of the
 * hand-over:
 * - every new webhook stage is noted;
 * - `hook:later` after a rejection (failed with `rejectedAt`), caller-hung-up, timed-out,
 *   unconfirmed or outcome-unknown → done: Daily's record outranks a rejected promise (daily-js
 *   can reject on transport trouble after Daily acted) as it outranks this console's give-up;
 * - `hook:trig` there → done when the leg has left, else (caller still here) → unconfirmed,
 *   with `acceptedAt` set; a failure from an `error` event is final;
 * - `left` / `stopped` there once Daily accepted (`acceptedAt`) → done, else flag (not after
 *   outcome-unknown: a leave seen on reconnecting proves nothing, only a webhook does).
 * `superseded` (the agent started another action on the leg: a hang-up, or a transfer instead
 * of a warned refer) ends any action in flight → unconfirmed; the leg's leaving is then the new
 * action's, and only a webhook naming this one's kind (`is_sip_refer`) may still correct it.
 * An observed action (started elsewhere) never "times out": its bound passing is unconfirmed.
 *
 * `connection-lost` (the console lost the connection that carries Daily's answers and events,
 * e.g. to the server hosting the simulated Daily): every action in flight → outcome-unknown,
 * since whatever happened next could not be observed; an answered dial-out and terminal
 * actions `·`.
 */

/** What the agent asked for. */
export type ActionMethod = 'transfer' | 'refer' | 'dial-out' | 'hang-up';

/** How a hang-up is done: `stopDialOut()` (dial-out legs) or an eject (any participant). */
export type HangUpVia = 'stop-dial-out' | 'eject';

/** Where an action is in its life. */
export type ActionPhase =
  /** SDK method called, promise pending (dial-out: "dialing", also after the promise resolved). */
  | 'requested'
  /** Transfer/refer/hang-up: the leg left this room before Daily answered the request. */
  | 'left-pending'
  /** Promise resolved; waiting for the leg to leave (transfer/refer/hang-up). */
  | 'accepted'
  /** Dial-out only: dialout-connected received. */
  | 'ringing'
  /** Dial-out only: answered (`dialout-answered` / `dialout.answered`). A live call. */
  | 'answered'
  /** Hang-up by eject: the participant left this room; waiting for Daily to say the leg stopped. */
  | 'left-room'
  /** Terminal success. */
  | 'done'
  /** Terminal: rejected promise, *-error, dial-out ended unanswered. */
  | 'failed'
  /** Terminal: nothing happened within the bound (the leg is still where it was). */
  | 'timed-out'
  /** Terminal: transfer/refer: the caller left and Daily refused the request. */
  | 'caller-hung-up'
  /** Terminal: the bound passed and what happened cannot be known from this console. */
  | 'unconfirmed'
  /** Terminal: the connection was lost while it was in flight; its outcome was not observed. */
  | 'outcome-unknown';

/** Phases an action never leaves (only webhooks may still annotate or correct them). */
export const TERMINAL_PHASES: ReadonlySet<ActionPhase> = new Set<ActionPhase>([
  'done',
  'failed',
  'timed-out',
  'caller-hung-up',
  'unconfirmed',
  'outcome-unknown',
]);

/** One entry of an action's history: a phase entered, or a note recorded while in a phase. */
export interface LegActionHistoryEntry {
  phase: ActionPhase;
  at: number;
  note?: string;
}

/** What Daily's `calltransfer.*` webhooks reported about a transfer or refer (ms epoch). */
export interface TargetProgress {
  triggeredAt?: number;
  initiatedAt?: number;
  answeredAt?: number;
  completedAt?: number;
}

/** One action the agent started on one SIP/PSTN leg. */
export interface LegAction {
  /** Unique action id (given by the caller of `startAction`); a dial-out sends it as `userId`. */
  id: string;
  method: ActionMethod;
  /** Hang-up only. */
  via?: HangUpVia;
  /**
   * The SIP/PSTN participant's session_id. For a dial-out unknown until the promise resolves
   * with a session, or an event carrying the action id as `userId` names it.
   */
  sessionId?: string;
  /** The caller's leg type when known. */
  legType?: TelephonyType;
  /** For display. */
  callerName: string;
  /** E.164 number or SIP URI ('' for hang-up). */
  destination: string;
  phase: ActionPhase;
  /** Failure/timeout reason in words for the agent; for SDK errors the SDK's own text. */
  reason?: string;
  /** The latest warning Daily reported on the leg while this action ran (never a failure). */
  warning?: string;
  /** What Daily's webhooks said about the far end (transfer/refer). */
  target: TargetProgress;
  /** ms epoch. */
  startedAt: number;
  /** ms epoch of the last change. */
  updatedAt: number;
  /** ms epoch; set when the action became terminal. */
  endedAt?: number;
  /** ms epoch at which Daily accepted the request (promise resolved, or a webhook said so). */
  acceptedAt?: number;
  /**
   * ms epoch at which a `tick` times this action out; undefined when terminal and for an
   * answered dial-out (a live call has no timeout).
   */
  deadline?: number;
  /** Every phase entered, in order, starting with 'requested'; notes are extra entries. */
  history: LegActionHistoryEntry[];
  /** participant-left seen. */
  sawLeft: boolean;
  /** dialin-stopped / dialout-stopped seen. */
  sawStopped: boolean;
  /** Dial-out: its audio became playable (ringback or the call: never an answer by itself). */
  sawAudio?: boolean;
  /** ms epoch at which the SDK promise rejected (a later webhook may still prove it happened). */
  rejectedAt?: number;
  /**
   * The agent started this other action on the leg before this one had an outcome: the leg's
   * leaving is then that action's, and only a webhook that names this kind corrects this one.
   */
  supersededBy?: ActionMethod;
  /**
   * Started elsewhere (another agent, Daily's REST API, a bot): this console did not make the
   * request and follows it only through Daily's `calltransfer.*` webhooks.
   */
  observed?: boolean;
}

/** Bounds (ms) on how long each waiting phase may last. */
export interface Timeouts {
  /** requested → SDK promise settles (all methods); also left-pending. */
  request: number;
  /** accepted → the leg leaves (transfer, refer, hang-up); left-room → stopped (eject). */
  confirm: number;
  /** dial-out: promise resolved → dialout-connected (ringing) or answered. */
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

/** The longest an action can stay pending (for tests and callers that wait it out). */
export function maxPendingMs(t: Timeouts = DEFAULT_TIMEOUTS): number {
  return t.request + Math.max(t.confirm, t.ring + t.answer);
}

/** Stages of Daily's `calltransfer.*` webhooks. */
export type TransferStage = 'triggered' | 'initiated' | 'answered' | 'completed';

/** What can happen to an action. `userId` is the one Daily echoes from `startDialOut`. */
export type ActionInput =
  /** SDK promise resolved (startDialOut may resolve `{ session: { sessionId } }`). */
  | { type: 'resolved'; sessionId?: string }
  /** SDK promise rejected; `reason` is the SDK's text. */
  | { type: 'rejected'; reason: string }
  /** `playable`: the participant arrived with its audio already flowing. */
  | { type: 'participant-joined'; sessionId: string; userId?: string; playable?: true }
  | { type: 'participant-left'; sessionId: string }
  /** dialin-stopped or dialout-stopped. */
  | { type: 'stopped'; sessionId: string; userId?: string }
  | { type: 'dialout-connected'; sessionId: string; userId?: string }
  | { type: 'dialout-answered'; sessionId: string; userId?: string }
  /** participant-updated: the leg's audio track became playable (media is flowing). */
  | { type: 'audio-playable'; sessionId: string }
  /** dialin-error / dialout-error (`errorMsg`); dialout-error may lack a sessionId. */
  | { type: 'error'; sessionId?: string; userId?: string; message: string }
  /** dialin-warning / dialout-warning. */
  | { type: 'warning'; sessionId?: string; userId?: string; message: string }
  /**
   * The agent started another action on this action's leg before it had an outcome (a hang-up,
   * or a transfer instead of a warned refer): whatever happens to the leg now is that action's.
   */
  | { type: 'superseded'; by: ActionMethod }
  /** A `calltransfer.*` webhook about the leg `sessionId`. */
  | { type: 'transfer-webhook'; stage: TransferStage; sessionId: string; refer?: boolean }
  /** Time passed (now is `stepAction`'s third argument). */
  | { type: 'tick' }
  /** The connection carrying Daily's answers and events was lost (see the header). */
  | { type: 'connection-lost' };

/** Creates an action in phase 'requested', right when the SDK method is called. */
export function startAction(
  init: {
    id: string;
    method: ActionMethod;
    via?: HangUpVia;
    sessionId?: string;
    legType?: TelephonyType;
    callerName: string;
    destination: string;
    observed?: boolean;
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
    target: {},
    startedAt: now,
    updatedAt: now,
    deadline: now + timeouts.request,
    history: [{ phase: 'requested', at: now }],
    sawLeft: false,
    sawStopped: false,
  };
  if (init.method === 'hang-up') action.via = init.via ?? 'eject';
  if (init.sessionId !== undefined) action.sessionId = init.sessionId;
  if (init.legType !== undefined) action.legType = init.legType;
  if (init.observed) action.observed = true;
  return action;
}

/** True once the action can no longer change (but for webhook annotations). */
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

/**
 * Whether a new action of `method` may start on a leg whose in-flight action is `active`.
 * An agent can always end a call: a hang-up waits only for another hang-up. A refer Daily warned
 * about may be replaced by a transfer (the warning may be the far end's refusal).
 */
export function mayStartOver(active: LegAction | undefined, method: ActionMethod): boolean {
  if (!active || !isInFlight(active)) return true;
  if (method === 'hang-up') return active.method !== 'hang-up';
  return method === 'transfer' && active.method === 'refer' && active.warning !== undefined;
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
  if (input.type === 'transfer-webhook') return onTransferWebhook(action, input, now, timeouts);
  if (isTerminal(action)) return lateLeave(action, input, now);
  switch (input.type) {
    case 'connection-lost':
      return isInFlight(action)
        ? finish(action, 'outcome-unknown', now, 'connection lost')
        : action;
    case 'tick':
      return onTick(action, now, timeouts);
    case 'resolved':
      return onResolved(action, input.sessionId, now, timeouts);
    case 'rejected':
      return onRejected(action, input.reason, now);
    case 'superseded':
      if (!isInFlight(action)) return action;
      return finish(action, 'unconfirmed', now, supersededReason(action, input.by), {
        supersededBy: input.by,
      });
    default:
      break;
  }
  const own = adopt(action, input);
  if (!own) return action;
  return own.method === 'dial-out'
    ? stepDialOut(own, input, now, timeouts)
    : stepHandOver(own, input, now, timeouts);
}

// ------------------------------------------------------------------------------ internals

type SessionInput = Exclude<
  ActionInput,
  { type: 'tick' | 'resolved' | 'rejected' | 'superseded' | 'transfer-webhook' | 'connection-lost' }
>;

function supersededReason(action: LegAction, by: ActionMethod): string {
  const instead = by === 'hang-up' ? 'hung up' : `started a ${by}`;
  return `the agent ${instead} before Daily said how this ${action.method} ended; it may still have taken effect`;
}

/**
 * Whether an event is about this action's leg; a dial-out still without a session adopts one
 * from an event carrying its id as `userId`. Returns the (possibly updated) action, or
 * undefined when the input is about something else.
 */
function adopt(action: LegAction, input: SessionInput): LegAction | undefined {
  if (matchesSession(action, input.sessionId)) return action;
  if (action.method !== 'dial-out') return undefined;
  const userId = 'userId' in input ? input.userId : undefined;
  if (userId !== undefined && userId === action.id) {
    if (input.sessionId === undefined || action.sessionId !== undefined) return action;
    return { ...action, sessionId: input.sessionId };
  }
  // A dialout-error without session or userId can only be about a dial-out that never started.
  return input.type === 'error' &&
    input.sessionId === undefined &&
    userId === undefined &&
    action.sessionId === undefined &&
    action.phase === 'requested'
    ? action
    : undefined;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))}s`;
}

/** SDK text verbatim, or words for an empty one. */
function sdkText(text: string): string {
  return text.trim() === '' ? 'Daily reported an error without a message' : text;
}

/** Enters a phase (non-terminal unless `finish` follows). */
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
  else delete next.reason;
  return next;
}

/** Records a note in history without changing the phase. */
function note(action: LegAction, now: number, text: string, patch: Partial<LegAction> = {}) {
  return {
    ...action,
    ...patch,
    updatedAt: now,
    history: [...action.history, { phase: action.phase, at: now, note: text }],
  };
}

/** What the leg leaving changes on the action's flags (undefined: already seen). */
function leaveFlags(action: LegAction, input: SessionInput): Partial<LegAction> | undefined {
  if (input.type === 'participant-left') return action.sawLeft ? undefined : { sawLeft: true };
  if (input.type === 'stopped') return action.sawStopped ? undefined : { sawStopped: true };
  return undefined;
}

function onResolved(
  action: LegAction,
  sessionId: string | undefined,
  now: number,
  timeouts: Timeouts,
): LegAction {
  if (action.acceptedAt !== undefined) return action;
  if (action.phase !== 'requested' && action.phase !== 'left-pending') return action;
  if (action.method === 'dial-out') {
    const next = note(action, now, 'accepted by Daily', {
      acceptedAt: now,
      deadline: now + timeouts.ring,
    });
    if (sessionId !== undefined && next.sessionId === undefined) next.sessionId = sessionId;
    return next;
  }
  if (action.phase === 'left-pending') {
    // Daily accepted, and the leg has already left this room.
    if (action.method === 'hang-up' && action.via === 'eject' && !action.sawStopped) {
      return enter(action, 'left-room', now, { acceptedAt: now, deadline: now + timeouts.confirm });
    }
    return finish(action, 'done', now, undefined, { acceptedAt: now });
  }
  return enter(action, 'accepted', now, { acceptedAt: now, deadline: now + timeouts.confirm });
}

function onRejected(action: LegAction, reason: string, now: number): LegAction {
  if (action.acceptedAt !== undefined) return action;
  if (action.phase === 'left-pending') {
    if (action.method === 'hang-up') return finish(action, 'caller-hung-up', now);
    const what = action.method === 'refer' ? 'refer' : 'transfer';
    return finish(
      action,
      'caller-hung-up',
      now,
      `the caller left before Daily accepted the ${what} (Daily said: ${sdkText(reason)})`,
      { rejectedAt: now },
    );
  }
  if (action.phase !== 'requested') return action;
  return finish(action, 'failed', now, sdkText(reason), { rejectedAt: now });
}

function onTick(action: LegAction, now: number, timeouts: Timeouts): LegAction {
  if (action.deadline === undefined || now < action.deadline) return action;
  const phase =
    action.observed ||
    action.phase === 'left-pending' ||
    action.phase === 'left-room' ||
    (action.method === 'refer' && action.phase === 'accepted')
      ? 'unconfirmed'
      : 'timed-out';
  return finish(action, phase, now, timeoutReason(action, timeouts));
}

function timeoutReason(action: LegAction, timeouts: Timeouts): string {
  switch (action.phase) {
    case 'requested':
      return action.method === 'dial-out' && action.acceptedAt !== undefined
        ? `Daily did not start the call within ${seconds(timeouts.ring)}`
        : `Daily did not answer the request within ${seconds(timeouts.request)}`;
    case 'ringing':
      return `no answer within ${seconds(timeouts.answer)} — the phone may still be ringing`;
    case 'left-pending':
      return `the caller left this room, but Daily did not answer the request within ${seconds(timeouts.request)}`;
    case 'left-room':
      return `removed from this room; Daily did not confirm within ${seconds(timeouts.confirm)} that the phone line closed`;
    case 'accepted': {
      const within = `within ${seconds(timeouts.confirm)}`;
      if (action.method === 'refer') {
        // "No word" would contradict a warning shown beside it: say what is certain instead.
        return action.warning !== undefined
          ? `the caller was still in this room ${within}; Daily's warning may be the originating system's refusal`
          : `no word from the originating system ${within} — the caller is still in this room (it may not accept REFER)`;
      }
      if (action.method === 'hang-up') {
        return `the caller was still in this room ${within} of Daily accepting the hang-up`;
      }
      return `Daily accepted the transfer, but the caller was still in this room ${within}`;
    }
    default:
      return 'no progress within the time limit';
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
      const flags = leaveFlags(action, input);
      if (!flags) return action;
      if (action.method === 'hang-up') return stepHangUpLeave(action, input, flags, now, timeouts);
      if (action.phase === 'requested') return enter(action, 'left-pending', now, flags);
      if (action.phase === 'accepted') return finish(action, 'done', now, undefined, flags);
      return { ...action, ...flags, updatedAt: now };
    }
    case 'error':
      return finish(action, 'failed', now, sdkText(input.message));
    case 'warning':
      return note(action, now, `Warning: ${input.message}`, { warning: input.message });
    default:
      return action;
  }
}

function stepHangUpLeave(
  action: LegAction,
  input: SessionInput,
  flags: Partial<LegAction>,
  now: number,
  timeouts: Timeouts,
): LegAction {
  // The phone leg stopped: the line is closed, whoever closed it.
  if (input.type === 'stopped') return finish(action, 'done', now, undefined, flags);
  // Only the participant left. After stopDialOut() was accepted that is the call ending; an
  // eject may remove the participant without closing the phone line, so it needs *-stopped.
  if (action.phase === 'requested') return enter(action, 'left-pending', now, flags);
  if (action.via === 'stop-dial-out') return finish(action, 'done', now, undefined, flags);
  if (action.phase === 'accepted') {
    return enter(action, 'left-room', now, { ...flags, deadline: now + timeouts.confirm });
  }
  return { ...action, ...flags, updatedAt: now };
}

function stepDialOut(
  action: LegAction,
  input: SessionInput,
  now: number,
  timeouts: Timeouts,
): LegAction {
  switch (input.type) {
    case 'participant-joined':
      return input.playable
        ? stepDialOut(action, { type: 'audio-playable', sessionId: input.sessionId }, now, timeouts)
        : action;
    case 'participant-left':
    case 'stopped': {
      const flags = leaveFlags(action, input) ?? {};
      if (action.phase === 'answered') return finish(action, 'done', now, undefined, flags);
      return finish(action, 'failed', now, 'the call ended before it was answered', flags);
    }
    case 'dialout-connected':
      if (action.phase !== 'requested') return action;
      return enter(action, 'ringing', now, { deadline: now + timeouts.answer });
    case 'dialout-answered': {
      if (action.phase === 'answered') return action;
      const next = enter(action, 'answered', now);
      delete next.deadline;
      return next;
    }
    case 'audio-playable':
      // Ringback is audio (`dialout.connected`: "the initiator will hear the call ringing").
      if (action.phase === 'answered' || action.sawAudio) return action;
      return note(action, now, 'audio is playable (ringback or the call; not an answer)', {
        sawAudio: true,
      });
    case 'error':
      return finish(action, 'failed', now, sdkText(input.message));
    case 'warning':
      return note(action, now, `Warning: ${input.message}`, { warning: input.message });
  }
}

/**
 * A transfer or refer this console gave up on (rejected, timed out, unconfirmed, caller hung
 * up) that later evidence may still prove done. A failure from Daily's `*-error` is final.
 */
function correctable(action: LegAction): boolean {
  if (action.method !== 'transfer' && action.method !== 'refer') return false;
  switch (action.phase) {
    case 'failed':
      return action.rejectedAt !== undefined;
    case 'timed-out':
    case 'unconfirmed':
    case 'caller-hung-up':
    case 'outcome-unknown':
      return true;
    default:
      return false;
  }
}

/** The leg leaves after Daily accepted a request this console had given up on: handed over. */
function lateLeave(action: LegAction, input: ActionInput, now: number): LegAction {
  if (input.type !== 'participant-left' && input.type !== 'stopped') return action;
  if (!correctable(action) || action.supersededBy !== undefined) return action;
  // After a lost connection a leave proves nothing: the resync after reconnecting reports
  // callers gone for any reason (a restarted simulated cloud loses them all). Only Daily's
  // webhook may still correct an unknown outcome.
  if (action.phase === 'outcome-unknown') return action;
  if (!matchesSession(action, input.sessionId)) return action;
  const flags = leaveFlags(action, input);
  if (!flags) return action;
  // Not accepted yet: remember the leave, for Daily's webhook that may still say it was.
  if (action.acceptedAt === undefined) return { ...action, ...flags, updatedAt: now };
  return finish(action, 'done', now, undefined, flags);
}

/**
 * Daily's `calltransfer.*` webhooks are the authoritative record of a transfer or refer:
 * triggered = accepted, initiated = the caller was moved to the target, answered/completed =
 * what the target did. They may arrive before, between or after the SDK's events, and they
 * correct a transfer this console had given up on (rejected, timed out or unconfirmed).
 */
function onTransferWebhook(
  action: LegAction,
  input: Extract<ActionInput, { type: 'transfer-webhook' }>,
  now: number,
  timeouts: Timeouts,
): LegAction {
  if (action.method !== 'transfer' && action.method !== 'refer') return action;
  if (!matchesSession(action, input.sessionId)) return action;
  if (input.refer !== undefined && input.refer !== (action.method === 'refer')) return action;
  const key = `${input.stage}At` as const;
  if (action.target[key] !== undefined) return action;
  const target = { ...action.target, [key]: now };
  const noted = note(action, now, `Daily: calltransfer.${input.stage}`, { target });
  if (isTerminal(action) && !correctable(action)) return noted;
  // Replaced by another action: only a webhook that says it is about a refer (or not) counts.
  if (action.supersededBy !== undefined && input.refer === undefined) return noted;
  const gone = action.sawLeft || action.sawStopped;
  // triggered: Daily accepted the request, exactly like the SDK promise resolving.
  if (input.stage === 'triggered') {
    if (!isTerminal(noted)) return onResolved(noted, undefined, now, timeouts);
    if (gone)
      return finish(noted, 'done', now, undefined, { acceptedAt: action.acceptedAt ?? now });
    if (action.acceptedAt !== undefined) return noted;
    const what = action.method === 'refer' ? 'refer' : 'transfer';
    return finish(
      noted,
      'unconfirmed',
      now,
      `Daily accepted the ${what} after all (calltransfer.triggered), but the caller is still in this room`,
      { acceptedAt: now },
    );
  }
  // initiated / answered / completed: the caller was handed to the target.
  return finish(noted, 'done', now, undefined, { acceptedAt: action.acceptedAt ?? now });
}
