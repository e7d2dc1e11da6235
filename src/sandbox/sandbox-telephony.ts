import type {
  DailyDialOutSession,
  DailyNonFatalErrorType,
  DailySendDtmfOptions,
  DailySipCallTransferOptions,
  DailySipReferOptions,
  DailyStartDialoutOptions,
} from '@daily-co/daily-js';
import type { SandboxBehaviour } from './sandbox-behaviour';
import type { SandboxContext } from './sandbox-context';
import { createDialOutLeg, isDialIn } from './sandbox-legs';
import { DIAL_OUT_ERRORS } from './sandbox-room';
import {
  notJoinedMessage,
  validateSendDtmfOptions,
  validateStartDialOutOptions,
  validateTransferOptions,
} from './sandbox-validate';

/** Server refusal for a caller without owner/admin rights. */
export const TELEPHONY_NOT_ALLOWED =
  'unable to perform telephony action (are you a room owner or participant admin?)'; // not verbatim daily-js
/** daily-core's refusal of a dial-out (seen through daily-python, pipecat #2418). */
export const DIAL_OUT_NOT_ALLOWED =
  'unable to start dialout (is dialout enabled? are you a room owner or participant admin?)';
/** `nonfatal-error` message when a participant without admin rights ejects someone. */
export const EJECT_NOT_ALLOWED = 'Not allowed to eject participants'; // not verbatim daily-js

/** Why a transfer's promise rejects under `transferPromise: 'rejects-after-acting'`. */
export const ANSWER_LOST = 'the network connection was interrupted'; // not verbatim daily-js

/** A transfer, refer or DTMF aimed at a session that is not a live SIP/PSTN leg. */
export function notAPhoneLegMessage(sessionId: unknown): string {
  return `sessionId ${String(sessionId)} is not a SIP or PSTN participant in this room`; // not verbatim daily-js
}

/**
 * stopDialOut on an unknown session. Daily's docs disagree (the method page lists a NOT_FOUND
 * error, the newer text says an unknown id has no effect); the sandbox rejects, the stricter.
 */
export function noDialOutMessage(sessionId: unknown): string {
  return `NOT_FOUND: no dial-out session ${String(sessionId)}`; // not verbatim daily-js
}

/** The server's refusal of a telephony request from someone without owner/admin rights. */
export function notAllowedMessage(method: string): string {
  return method === 'startDialOut' ? DIAL_OUT_NOT_ALLOWED : TELEPHONY_NOT_ALLOWED;
}

/**
 * A server-side refusal as daily-js hands it over: `response.error`, whose shape is not typed
 * (a string by default; see the `serverRejection` behaviour).
 */
export function serverRejection(
  shape: SandboxBehaviour['serverRejection'],
  message: string,
): unknown {
  switch (shape) {
    case 'error':
      return new Error(message);
    case 'object':
      return { errorMsg: message };
    default:
      return message;
  }
}

type TelephonyRequest =
  'sipCallTransfer' | 'sipRefer' | 'startDialOut' | 'stopDialOut' | 'sendDTMF';
/**
 * What a request ends with: an error, or a value and what follows. `then(done)` schedules the
 * follow-up events and calls `done` once the outcome happened (the leg left, or a refer was
 * refused); with `leaveTiming: 'before-resolve'` the promise resolves only after that.
 */
type Settlement<R> =
  { error: string } | { value: R; then?: (done?: () => void) => void; leaves?: boolean };

/**
 * The telephony methods of daily-js, simulated. `SandboxCall` delegates to these; they share
 * one path ({@link request}): record the call, check the join guard and the arguments (both as
 * rejections), then after `latencyMs` apply a queued failNext, the permission check and the
 * method's own outcome — and schedule follow-up events only after `resolve()`.
 */
export class SandboxTelephony {
  constructor(private readonly ctx: SandboxContext) {}

  sipCallTransfer(options: DailySipCallTransferOptions): Promise<void> {
    this.ctx.requests.record('sipCallTransfer', [options]);
    return this.request(
      'sipCallTransfer',
      (o) => validateTransferOptions(o, 'sipCallTransfer'),
      options,
      () => this.acceptTransfer(options.sessionId, false, options.toEndPoint),
    );
  }

  sipRefer(options: DailySipReferOptions): Promise<void> {
    this.ctx.requests.record('sipRefer', [options]);
    return this.request(
      'sipRefer',
      (o) => validateTransferOptions(o, 'sipRefer'),
      options,
      () => this.acceptTransfer(options.sessionId, true, options.toEndPoint),
    );
  }

  private acceptTransfer(sessionId: string, refer: boolean, toEndPoint: string): Settlement<void> {
    const { meeting, settings } = this.ctx;
    const leg = meeting.liveLeg(sessionId);
    if (!leg) return { error: notAPhoneLegMessage(sessionId) };
    if (!refer || leg.referSupported) leg.ending = true;
    leg.initiatedHere = true;
    return {
      value: undefined,
      leaves: true,
      then: (done) =>
        meeting.finishTransfer(leg, refer, toEndPoint, settings.transferDelayMs, done),
    };
  }

  startDialOut(options: DailyStartDialoutOptions): Promise<{ session?: DailyDialOutSession }> {
    this.ctx.requests.record('startDialOut', [options]);
    return this.request('startDialOut', validateStartDialOutOptions, options, () => {
      const { meeting, settings, emitter, timers } = this.ctx;
      if (settings.dialOutOutcome === 'start-failed') {
        // Never starts: no session, no participant; a sessionless dialout-error follows.
        const o = options as { userId?: string; sipUri?: string; phoneNumber?: string };
        const userId = o.userId;
        const destination = o.sipUri ?? o.phoneNumber ?? '';
        return {
          value: {},
          then: () =>
            timers.after(settings.latencyMs, () =>
              emitter.emit('dialout-error', {
                errorMsg: DIAL_OUT_ERRORS['start-failed'],
                ...(userId ? { userId } : {}),
                details: { destination },
                provider: 'signalwire',
              }),
            ),
        };
      }
      const leg = createDialOutLeg(options);
      meeting.addLeg(leg);
      const withSession = settings.behaviour.dialOutSession === 'with-session';
      return {
        value: withSession ? { session: { sessionId: leg.sessionId } } : {},
        then: () =>
          meeting.runDialOut(leg, settings.dialOutOutcome, settings.latencyMs, settings.ringMs),
      };
    });
  }

  /**
   * The join guard throws synchronously here: stopDialOut is not async in daily-js, and it does
   * no argument checking (it forwards the object as it is), so bad arguments reach the
   * simulated server, which answers NOT_FOUND.
   */
  stopDialOut(options: { sessionId: string }): Promise<void> {
    this.ctx.requests.record('stopDialOut', [options]);
    if (!this.ctx.meeting.joined) throw new Error(notJoinedMessage('stopDialOut'));
    return this.request(
      'stopDialOut',
      () => undefined,
      options,
      () => {
        const { meeting, settings } = this.ctx;
        const sessionId = (options as { sessionId?: unknown } | null | undefined)?.sessionId;
        const leg = meeting.liveLeg(sessionId);
        if (!leg || isDialIn(leg)) return { error: noDialOutMessage(sessionId) };
        leg.initiatedHere = true;
        return {
          value: undefined,
          leaves: true,
          then: (done) => meeting.endLegLater(leg, settings.latencyMs, done),
        };
      },
    );
  }

  sendDTMF(options: DailySendDtmfOptions): Promise<void> {
    this.ctx.requests.record('sendDTMF', [options]);
    return this.request('sendDTMF', validateSendDtmfOptions, options, () => {
      const { meeting, dtmf } = this.ctx;
      const leg = meeting.liveLeg(options.sessionId);
      if (!leg) return { error: notAPhoneLegMessage(options.sessionId) };
      leg.initiatedHere = true;
      dtmf.set(leg.sessionId, [...(dtmf.get(leg.sessionId) ?? []), options.tones]);
      return { value: undefined };
    });
  }

  /**
   * `updateParticipant(id, { eject: true })` once joined: after latencyMs the participant leaves
   * (phone legs also get `*-stopped`); without admin rights, or after
   * failNext('updateParticipant', msg), a `nonfatal-error` instead. Unknown ids are ignored.
   */
  eject(sessionId: string): void {
    const { meeting, requests, settings, timers, emitter } = this.ctx;
    const failure =
      requests.takeFailure('updateParticipant') ??
      (settings.role === 'participant' ? EJECT_NOT_ALLOWED : undefined);
    if (failure !== undefined) {
      // DailyNonFatalErrorType has no member for a refused eject; 'not-allowed' is the name of
      // the matching fatal error type. // not verbatim daily-js
      const type = 'not-allowed' as DailyNonFatalErrorType;
      timers.after(settings.latencyMs, () =>
        emitter.emit('nonfatal-error', { type, errorMsg: failure }),
      );
      return;
    }
    const leg = meeting.liveLeg(sessionId);
    if (leg) {
      leg.initiatedHere = true;
      if (settings.behaviour.ejectEndsLeg) return meeting.endLegLater(leg, settings.latencyMs);
      return meeting.removeFromRoom(leg, settings.latencyMs);
    }
    if (!meeting.remotes.has(sessionId)) return;
    timers.after(settings.latencyMs, () => meeting.removeParticipant(sessionId));
  }

  private request<R>(
    method: TelephonyRequest,
    validate: (options: unknown) => string | undefined,
    options: unknown,
    settle: () => Settlement<R>,
  ): Promise<R> {
    const { meeting, requests, timers, settings } = this.ctx;
    if (!meeting.joined) return Promise.reject(new Error(notJoinedMessage(method)));
    const invalid = validate(options);
    if (invalid) return Promise.reject(new Error(invalid));
    return new Promise<R>((resolve, reject) => {
      const settled = requests.track(method, reject);
      timers.after(settings.latencyMs, () => {
        settled();
        const failure = requests.takeFailure(method) ?? this.permissionError(method);
        const result: Settlement<R> = failure === undefined ? settle() : { error: failure };
        if ('error' in result) {
          return reject(serverRejection(settings.behaviour.serverRejection, result.error));
        }
        if (this.rejectsAfterActing(method)) {
          // Daily acts, but the answer is lost on the way back (daily-js rejects on transport
          // trouble): the promise says no although the transfer goes ahead.
          result.then?.();
          return reject(new Error(`${method}() was interrupted: ${ANSWER_LOST}`));
        }
        if (result.leaves && settings.behaviour.leaveTiming === 'before-resolve' && result.then) {
          // The leave events first; the promise settles in the macrotask after them.
          return result.then(() => timers.after(0, () => resolve(result.value)));
        }
        resolve(result.value);
        result.then?.();
      });
    });
  }

  private rejectsAfterActing(method: TelephonyRequest): boolean {
    return (
      (method === 'sipCallTransfer' || method === 'sipRefer') &&
      this.ctx.settings.behaviour.transferPromise === 'rejects-after-acting'
    );
  }

  private permissionError(method: TelephonyRequest): string | undefined {
    if (this.ctx.settings.role !== 'participant') return undefined;
    return notAllowedMessage(method);
  }
}
