import type { SandboxContext } from './sandbox-context';
import type { DailyEvent } from '@daily-co/daily-js';
import {
  createDialInLeg,
  createDialOutLeg,
  dialInDetails,
  dialOutErrorDetails,
  isDialIn,
  sipEndpointFor,
  type DialInInit,
  type PhoneLeg,
} from './sandbox-legs';
import { legTag, type DialOutOutcome } from './sandbox-room';
import { createParticipant } from './sandbox-participants';
import { randomId } from './sandbox-util';
import {
  validateDialInOptions,
  validateSendDtmfOptions,
  validateStartDialOutOptions,
} from './sandbox-validate';

/** Every way a simulated dial-out can end. */
export const DIAL_OUT_OUTCOMES: readonly DialOutOutcome[] = [
  'answer',
  'busy',
  'no-answer',
  'error',
  'start-failed',
];

/** Options of `window.sandbox.dialOutElsewhere()`. */
export interface DialOutElsewhere {
  phoneNumber?: string;
  sipUri?: string;
  displayName?: string;
  userId?: string;
  /** How it ends (default 'answer'; 'start-failed' is not allowed here). */
  outcome?: DialOutOutcome;
}

/** The `dialin-error` fields of a leg (its `type` is null: not a start failure). */
function dialInErrorDetails(leg: PhoneLeg) {
  const { sessionId, provider, sipCallId } = dialInDetails(leg);
  return { sessionId, provider, sipCallId, type: null };
}

/**
 * What happens at the far end: callers dialling in, hanging up, crowds for performance work and
 * other agents. `SandboxCall` exposes these as its simulation controls (documented there).
 */
export class SandboxSimulation {
  private nextCaller = 1;

  constructor(private readonly ctx: SandboxContext) {}

  dialIn(options: DialInInit): Promise<string> {
    const { meeting, requests, timers, settings } = this.ctx;
    if (!meeting.joined) {
      return Promise.reject(new Error('dialIn() needs a joined sandbox room: call join() first'));
    }
    const invalid = validateDialInOptions(options);
    if (invalid) return Promise.reject(new TypeError(invalid));
    if (options.kind === 'sip' && !settings.sipDialIn) {
      return Promise.reject(
        new Error('dialIn(): this sandbox room has no SIP dial-in configured (?sipDialIn=off)'),
      );
    }
    const leg = createDialInLeg(
      {
        kind: options.kind,
        from: options.from,
        ...(options.name !== undefined ? { name: options.name } : {}),
      },
      settings.dialInDisplayName,
      undefined,
      sipEndpointFor(settings.roomName),
    );
    meeting.addLeg(leg);
    return new Promise((resolve, reject) => {
      const settled = requests.track('dialIn', reject);
      timers.after(settings.latencyMs, () => meeting.admit([leg]));
      timers.after(settings.latencyMs, () => {
        settled();
        if (meeting.liveLeg(leg.sessionId) !== leg) {
          return reject(new Error('dialIn(): the caller hung up before connecting'));
        }
        meeting.dial(leg, 'dialin-connected', dialInDetails(leg));
        meeting.happened('dialin.connected', leg);
        resolve(leg.sessionId);
        // Media negotiation: the caller's audio becomes playable a round trip later.
        timers.after(settings.latencyMs, () => meeting.makePlayable(leg), legTag(leg.sessionId));
      });
    });
  }

  hangUp(sessionId: string): void {
    const { meeting } = this.ctx;
    const leg = typeof sessionId === 'string' ? meeting.legs.get(sessionId) : undefined;
    if (!leg) throw new Error(`hangUp(): no SIP/PSTN leg with sessionId ${String(sessionId)}`);
    meeting.endLegLater(leg, 0);
  }

  addParticipants(count: number): Promise<void> {
    const { meeting, requests, timers, settings } = this.ctx;
    if (!Number.isInteger(count) || count < 0) {
      return Promise.reject(
        new RangeError(`addParticipants(): count must be a non-negative integer, got ${count}`),
      );
    }
    if (meeting.legs.size + count > this.ctx.maxCallers) {
      return Promise.reject(
        new RangeError(
          `addParticipants(): this room holds at most ${this.ctx.maxCallers} callers (it has ${meeting.legs.size})`,
        ),
      );
    }
    // Bulk legs arrive with media already flowing (a crowd for load work, not a call flow).
    const legs = Array.from({ length: count }, () => {
      const leg = this.nextCallerLeg();
      leg.audioPlayable = true;
      return leg;
    });
    for (const leg of legs) meeting.addLeg(leg);
    if (!meeting.joined) {
      meeting.admit(legs);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const settled = requests.track('addParticipants', reject);
      timers.after(settings.latencyMs, () => meeting.admit(legs));
      timers.after(settings.latencyMs, () => {
        settled();
        for (const leg of legs) {
          if (meeting.liveLeg(leg.sessionId) === leg) {
            meeting.dial(leg, 'dialin-connected', dialInDetails(leg));
          }
        }
        resolve();
      });
    });
  }

  /** "Caller 0001" (PSTN +14155550001), "Caller 0002" (sip:caller0002@sip.example.com), … */
  private nextCallerLeg(): PhoneLeg {
    const n = this.nextCaller++;
    const id = String(n).padStart(4, '0');
    const pstn = n % 2 === 1;
    return createDialInLeg(
      {
        kind: pstn ? 'pstn' : 'sip',
        from: pstn
          ? `+1415555${String(n % 10000).padStart(4, '0')}`
          : `sip:caller${id}@sip.example.com`,
        name: `Caller ${id}`,
      },
      'Caller',
      undefined,
      sipEndpointFor(this.ctx.settings.roomName),
    );
  }

  /**
   * A dial-out started elsewhere (another agent, a bot, Daily's REST API): the leg rings and is
   * answered (or fails) like the console's own, but its `dialout-*` events reach this console
   * only when `telephonyEvents` is 'everyone'. Resolves with the session id once it is dialling.
   */
  dialOutElsewhere(options: DialOutElsewhere): Promise<string> {
    const { meeting, settings, timers } = this.ctx;
    if (!meeting.joined) {
      return Promise.reject(new Error('dialOutElsewhere() needs a joined sandbox room'));
    }
    const o = (options ?? {}) as DialOutElsewhere;
    const invalid = validateStartDialOutOptions({
      ...(o.phoneNumber !== undefined ? { phoneNumber: o.phoneNumber } : {}),
      ...(o.sipUri !== undefined ? { sipUri: o.sipUri } : {}),
      ...(o.displayName !== undefined ? { displayName: o.displayName } : {}),
      ...(o.userId !== undefined ? { userId: o.userId } : {}),
    });
    if (invalid) return Promise.reject(new TypeError(`dialOutElsewhere(): ${invalid}`));
    const outcome = o.outcome ?? 'answer';
    if (!DIAL_OUT_OUTCOMES.includes(outcome) || outcome === 'start-failed') {
      return Promise.reject(
        new TypeError(`dialOutElsewhere(): unknown outcome ${String(outcome)}`),
      );
    }
    const leg = createDialOutLeg(
      {
        ...(o.phoneNumber ? { phoneNumber: o.phoneNumber } : {}),
        ...(o.sipUri ? { sipUri: o.sipUri } : {}),
        ...(o.displayName ? { displayName: o.displayName } : {}),
        ...(o.userId ? { userId: o.userId } : {}),
      },
      false,
    );
    meeting.addLeg(leg);
    return new Promise((resolve) => {
      timers.after(settings.latencyMs, () => {
        meeting.runDialOut(leg, outcome, settings.latencyMs, settings.ringMs);
        resolve(leg.sessionId);
      });
    });
  }

  /** The caller presses keys: one `dtmf-event` per tone, a round trip apart. */
  pressKeys(sessionId: string, tones: string): void {
    const { meeting, timers, settings, emitter } = this.ctx;
    const leg = meeting.legs.get(sessionId);
    if (!leg?.inRoom)
      throw new Error(`pressKeys(): no SIP/PSTN leg in the room with sessionId ${sessionId}`);
    const invalid = validateSendDtmfOptions({ sessionId, tones });
    if (invalid) throw new TypeError(`pressKeys(): ${invalid}`);
    [...tones].forEach((tone, i) =>
      timers.after(
        settings.latencyMs * (i + 1),
        () =>
          emitter.emit(
            'dtmf-event' as DailyEvent,
            {
              tone,
              volume: 0.8,
              method: 'telephone-event',
              sessionId,
            } as never,
          ),
        legTag(sessionId),
      ),
    );
  }

  /** A fatal error on a leg: `dialin-error` / `dialout-error`, then the leg ends. */
  simulateError(sessionId: string, message: string): void {
    const { meeting, timers } = this.ctx;
    const leg = meeting.legs.get(sessionId);
    if (!leg) throw new Error(`simulateError(): no SIP/PSTN leg with sessionId ${sessionId}`);
    const errorMsg = String(message);
    leg.ending = true;
    timers.after(
      0,
      () => {
        if (isDialIn(leg)) {
          meeting.dial(leg, 'dialin-error', { ...dialInErrorDetails(leg), errorMsg });
          meeting.happened('dialin.error', leg, { errorMsg });
        } else {
          meeting.dial(leg, 'dialout-error', dialOutErrorDetails(leg, errorMsg));
          meeting.happened('dialout.error', leg, { errorMsg });
        }
        meeting.endLeg(sessionId);
      },
      legTag(sessionId),
    );
  }

  addAgent(name: string): Promise<string> {
    const { meeting, requests, timers, settings } = this.ctx;
    if (typeof name !== 'string' || !name.trim()) {
      return Promise.reject(new TypeError('addAgent(): name must be a non-empty string'));
    }
    const agent = createParticipant({
      sessionId: randomId(),
      userName: name,
      joinedAt: new Date(),
    });
    if (!meeting.joined) {
      meeting.admit([agent]);
      return Promise.resolve(agent.session_id);
    }
    return new Promise((resolve, reject) => {
      const settled = requests.track('addAgent', reject);
      timers.after(settings.latencyMs, () => {
        settled();
        meeting.admit([agent]);
        resolve(agent.session_id);
      });
    });
  }
}
