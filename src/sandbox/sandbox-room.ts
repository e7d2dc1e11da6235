import type {
  DailyMeetingState,
  DailyParticipant,
  DailyParticipantCounts,
  DailyParticipantsObject,
} from '@daily-co/daily-js';
import type { DailyEvent } from '@daily-co/daily-js';
import type { SandboxSettings } from './sandbox-context';
import type { SandboxEmitter, SandboxEventInit } from './sandbox-events';
import {
  dialInDetails,
  dialOutDetails,
  dialOutErrorDetails,
  isDialIn,
  legParticipant,
  type PhoneLeg,
} from './sandbox-legs';
import { withPlayableAudio } from './sandbox-participants';
import { randomId } from './sandbox-util';
import type { SandboxTimers } from './sandbox-timers';

/**
 * How a simulated dial-out ends (`window.sandbox.setDialOutOutcome`); 'start-failed': it never
 * starts (the promise resolves without a session, then a `dialout-error` without `sessionId`).
 */
export type DialOutOutcome = 'answer' | 'busy' | 'no-answer' | 'error' | 'start-failed';

/** The `dialout-error` messages of the failed outcomes (SIP status texts, not Daily's). */
export const DIAL_OUT_ERRORS: Record<Exclude<DialOutOutcome, 'answer'>, string> = {
  busy: 'Busy here (486)', // not verbatim daily-js
  'no-answer': 'No answer (480 Temporarily Unavailable)', // not verbatim daily-js
  error: 'Dial-out failed: 503 Service Unavailable', // not verbatim daily-js
  'start-failed': 'Dial-out could not start: no route to destination', // not verbatim daily-js
};

/** The warning `referWarnings` sends during a refer. */
export const CODEC_WARNING = 'Codec fallback to PCMU'; // not verbatim daily-js

/**
 * How long a transferred call talks to its target before the far end hangs up (webhooks), in
 * rings: 4 × `ringMs` (4 s by default; short wherever a test makes the rings short).
 */
export const TRANSFERRED_CALL_RINGS = 4;

type DialEvent = Extract<DailyEvent, `dialin-${string}` | `dialout-${string}`>;

/** What the room reports to the sandbox's webhook relay: Daily's webhook type and the leg. */
export type RoomHappening = (type: string, leg: PhoneLeg, extra?: Record<string, unknown>) => void;

/**
 * What a refused SIP REFER looks like in the sandbox. Daily's docs do not say how a REFER the
 * originating system declines surfaces in the room; our documented assumption is a non-fatal
 * `dialin-warning` / `dialout-warning` carrying this message, with the caller staying in the
 * room (Daily only leaves the media path once the originator accepts the REFER).
 */
export const REFER_REJECTED = 'SIP REFER rejected by the originating system (603 Decline)'; // not verbatim daily-js

/** The timer tag of everything scheduled for one leg (cancelled when the leg ends). */
export function legTag(sessionId: string): string {
  return `leg:${sessionId}`;
}

const NO_ONE: DailyParticipantCounts = Object.freeze({ present: 0, hidden: 0 });

/**
 * The simulated room: meeting state, the local participant, remote participants (a Map, so
 * insertion order is join order), the SIP/PSTN legs, and the event sequences that change them.
 * Methods that emit are only called from timer callbacks (never synchronously inside an SDK
 * method), and they emit `participant-counts-updated` in a following macrotask when the counts
 * changed, as daily-js does.
 */
export class SandboxRoom {
  state: DailyMeetingState = 'new';
  local: DailyParticipant | null = null;
  readonly remotes = new Map<string, DailyParticipant>();
  readonly legs = new Map<string, PhoneLeg>();
  private countsScheduled = false;
  private lastCounts = NO_ONE;
  private revision = 0;
  private readonly subscribers = new Set<() => void>();
  /** Observers of what Daily would send webhooks about (see `sandbox-webhooks.ts`). */
  readonly happenings = new Set<RoomHappening>();
  /** Transfer targets whose `answered`/`completed` another room sends (the shared cloud). */
  transfersEndElsewhere: (toEndPoint: string) => boolean = () => false;

  constructor(
    private readonly emitter: SandboxEmitter,
    private readonly timers: SandboxTimers,
    private readonly settings: SandboxSettings,
  ) {}

  /**
   * Tells the webhook relay (Daily sends webhooks for everything, whoever acted), when
   * `webhookTiming` says: with the SDK events, or two or ten transfer delays late. A delayed
   * webhook carries the leg as it was when it happened.
   */
  happened(type: string, leg: PhoneLeg, extra?: Record<string, unknown>): void {
    const timing = this.settings.behaviour.webhookTiming;
    if (timing === 'with-events') return this.tellObservers(type, leg, extra);
    const snapshot: PhoneLeg = {
      ...leg,
      ...(leg.transfer ? { transfer: { ...leg.transfer } } : {}),
    };
    const delay = this.settings.transferDelayMs * (timing === 'after' ? 2 : 10);
    this.timers.after(delay, () => this.tellObservers(type, snapshot, extra));
  }

  private tellObservers(type: string, leg: PhoneLeg, extra?: Record<string, unknown>): void {
    for (const observer of [...this.happenings]) {
      try {
        observer(type, leg, extra);
      } catch (error) {
        this.emitter.recordError(error);
      }
    }
  }

  /**
   * Emits a `dialin-*` / `dialout-*` event for a leg, unless `telephonyEvents` is
   * 'initiator-only' and this console neither started the leg nor acted on it. Warnings reach
   * every participant (documented), so they are always delivered.
   */
  dial<T extends DialEvent>(leg: PhoneLeg, action: T, init: SandboxEventInit<T>): void {
    if (!this.joined) return;
    const warning = action === 'dialin-warning' || action === 'dialout-warning';
    const onlyInitiator = this.settings.behaviour.telephonyEvents === 'initiator-only';
    if (!warning && onlyInitiator && !leg.initiatedHere) return;
    this.emitter.emit(action, init);
  }

  /** A non-fatal warning on a leg (`dialin-warning` / `dialout-warning`). */
  warn(leg: PhoneLeg, errorMsg: string): void {
    if (isDialIn(leg)) this.dial(leg, 'dialin-warning', { ...dialInDetails(leg), errorMsg });
    else this.dial(leg, 'dialout-warning', { ...dialOutDetails(leg), errorMsg });
    this.happened(isDialIn(leg) ? 'dialin.warning' : 'dialout.warning', leg, { errorMsg });
  }

  /** The leg's media starts flowing: its audio becomes playable (`participant-updated`). */
  makePlayable(leg: PhoneLeg): void {
    leg.audioPlayable = true;
    const participant = this.remotes.get(leg.sessionId);
    if (!participant || !leg.inRoom) return;
    const updated = withPlayableAudio(participant);
    this.remotes.set(leg.sessionId, updated);
    if (this.joined) this.emitter.emit('participant-updated', { participant: updated });
    this.notify();
  }

  get joined(): boolean {
    return this.state === 'joined-meeting';
  }

  /**
   * daily-js's shape: `{}` (no `local` key) before joining and after leaving, `{ local }` while
   * joining, then `{ local, [session_id]: participant }`. A fresh top-level object each call.
   */
  participants(): DailyParticipantsObject {
    // daily-js itself returns {} here; daily-react polls until a `local` key appears.
    if (!this.local) return {} as DailyParticipantsObject;
    const all: DailyParticipantsObject = { local: this.local };
    if (this.joined) for (const [id, p] of this.remotes) all[id] = p;
    return all;
  }

  counts(): DailyParticipantCounts {
    return this.joined ? { present: 1 + this.remotes.size, hidden: 0 } : { ...NO_ONE };
  }

  /** A leg that can still take requests (exists and is not ending). */
  liveLeg(sessionId: unknown): PhoneLeg | undefined {
    const leg = typeof sessionId === 'string' ? this.legs.get(sessionId) : undefined;
    return leg && !leg.ending ? leg : undefined;
  }

  beginJoin(local: DailyParticipant): void {
    this.local = local;
    this.state = 'joining-meeting';
    this.notify();
  }

  completeJoin(at: Date): void {
    if (this.local) this.local = { ...this.local, joined_at: at };
    this.state = 'joined-meeting';
    this.scheduleCounts();
    this.notify();
  }

  /** Ends the meeting: `'left-meeting'` after leave(), `'error'` after a failed join. */
  reset(state: 'left-meeting' | 'error'): void {
    this.state = state;
    this.local = null;
    this.remotes.clear();
    this.legs.clear();
    this.countsScheduled = false;
    this.lastCounts = NO_ONE;
    this.notify();
  }

  /** Registers a leg that has a session but is not in the room yet. */
  addLeg(leg: PhoneLeg): void {
    this.legs.set(leg.sessionId, leg);
  }

  /**
   * Participants enter the room: one `participant-joined` each when joined (a burst when many),
   * silently before the local user joined (they are then part of `joined-meeting`).
   */
  admit(entries: readonly (PhoneLeg | DailyParticipant)[], at = new Date()): void {
    for (const entry of entries) {
      const participant = 'session_id' in entry ? entry : legParticipant(entry, at);
      if (!('session_id' in entry)) {
        if (this.legs.get(entry.sessionId) !== entry) continue; // hung up before it arrived
        entry.inRoom = true;
      }
      this.remotes.set(participant.session_id, participant);
      if (this.joined) this.emitter.emit('participant-joined', { participant });
    }
    this.scheduleCounts();
    this.notify();
  }

  /**
   * A leg ends: `participant-left` (if it was in the room), then `dialin-/dialout-stopped`, as
   * `leaveEvents` allows. Before the local user joined, the leg just disappears (nobody is there
   * to see events). With 'stopped-only', `participant-left` never reaches this console, so the
   * participant stays in `participants()` as daily-react would keep it.
   */
  endLeg(sessionId: string): void {
    const leg = this.legs.get(sessionId);
    if (!leg) return;
    this.timers.cancelTag(legTag(sessionId));
    this.legs.delete(sessionId);
    const leaveEvents = this.settings.behaviour.leaveEvents;
    const participant = this.remotes.get(sessionId);
    if (leaveEvents !== 'stopped-only' || !this.joined) this.remotes.delete(sessionId);
    if (this.joined) {
      if (participant && leg.inRoom && leaveEvents !== 'stopped-only') {
        this.emitter.emit('participant-left', { participant });
      }
      if (leaveEvents !== 'participant-left-only') {
        if (isDialIn(leg)) this.dial(leg, 'dialin-stopped', dialInDetails(leg));
        else this.dial(leg, 'dialout-stopped', dialOutDetails(leg));
      }
    }
    this.happened(isDialIn(leg) ? 'dialin.stopped' : 'dialout.stopped', leg);
    this.scheduleCounts();
    this.notify();
  }

  /** Stops a leg's pending progress (ringing, a scheduled transfer) and ends it after `ms`. */
  endLegLater(leg: PhoneLeg, ms: number, then?: () => void): void {
    leg.ending = true;
    const tag = legTag(leg.sessionId);
    this.timers.cancelTag(tag);
    this.timers.after(
      ms,
      () => {
        this.endLeg(leg.sessionId);
        then?.();
      },
      tag,
    );
  }

  /**
   * An eject that does not end the phone leg (`ejectEndsLeg: false`): the participant leaves the
   * room, the phone line stays up (the leg is kept, out of the room, until it hangs up).
   */
  removeFromRoom(leg: PhoneLeg, ms: number): void {
    leg.ending = true;
    this.timers.after(
      ms,
      () => {
        const participant = this.remotes.get(leg.sessionId);
        this.remotes.delete(leg.sessionId);
        leg.inRoom = false;
        if (participant && this.joined) this.emitter.emit('participant-left', { participant });
        this.scheduleCounts();
        this.notify();
      },
      legTag(leg.sessionId),
    );
  }

  /** A web participant leaves (eject of another agent). */
  removeParticipant(sessionId: string): void {
    if (this.legs.has(sessionId)) return this.endLeg(sessionId);
    const participant = this.remotes.get(sessionId);
    if (!participant) return;
    this.remotes.delete(sessionId);
    if (this.joined) this.emitter.emit('participant-left', { participant });
    this.scheduleCounts();
    this.notify();
  }

  /**
   * A started dial-out, from the moment startDialOut() resolved: the participant joins in the
   * next macrotask (or at answer, per `dialOutJoin`), `dialout-connected` (ringing) follows
   * after `latencyMs`, then the outcome: `dialout-answered` and playable audio after `ringMs`
   * more, or (busy / error: `latencyMs` after ringing; no-answer: `2 × ringMs`) a `dialout-error`
   * (unless `dialOutFailure` is 'stopped-only') and the leg ending.
   */
  runDialOut(leg: PhoneLeg, outcome: DialOutOutcome, latencyMs: number, ringMs: number): void {
    const tag = legTag(leg.sessionId);
    const atDial = this.settings.behaviour.dialOutJoin === 'at-dial';
    if (atDial) this.timers.after(0, () => this.admit([leg]), tag);
    this.timers.after(
      latencyMs,
      () => {
        this.dial(leg, 'dialout-connected', dialOutDetails(leg));
        this.happened('dialout.connected', leg);
        // Daily's dialout.connected: "the initiator will hear the call ringing": ringback is
        // audio, playable from here, answered or not.
        if (atDial) this.makePlayable(leg);
      },
      tag,
    );
    if (outcome === 'answer') {
      const answered = () => {
        this.dial(leg, 'dialout-answered', dialOutDetails(leg));
        this.happened('dialout.answered', leg);
        if (atDial) {
          if (!leg.audioPlayable) this.makePlayable(leg);
        } else {
          leg.audioPlayable = true;
          this.admit([leg]);
        }
      };
      this.timers.after(latencyMs + ringMs, answered, tag);
      return;
    }
    const failAt = latencyMs + (outcome === 'no-answer' ? 2 * ringMs : latencyMs);
    const errorMsg = DIAL_OUT_ERRORS[outcome];
    this.timers.after(
      failAt,
      () => {
        leg.ending = true;
        if (this.settings.behaviour.dialOutFailure === 'error-and-stopped') {
          this.dial(leg, 'dialout-error', dialOutErrorDetails(leg, errorMsg));
        }
        this.happened('dialout.error', leg, { errorMsg });
        this.endLeg(leg.sessionId);
      },
      tag,
    );
  }

  /**
   * What follows an accepted sipCallTransfer / sipRefer after `delayMs`: the caller leaves the
   * room (`participant-left` / `*-stopped` per `leaveEvents`), except for a REFER the far end
   * refuses, which emits the warning {@link REFER_REJECTED} (or nothing, per `referRefusal`) and
   * keeps the caller. `done` runs once the outcome happened (for `leaveTiming`).
   */
  finishTransfer(
    leg: PhoneLeg,
    refer: boolean,
    toEndPoint: string,
    delayMs: number,
    done?: () => void,
  ): void {
    const b = this.settings.behaviour;
    const tag = legTag(leg.sessionId);
    leg.transfer = { toEndPoint, refer };
    this.happened('calltransfer.triggered', leg);
    if (refer && b.referWarnings) {
      this.timers.after(delayMs / 2, () => this.warn(leg, CODEC_WARNING), tag);
    }
    this.timers.after(
      delayMs,
      () => {
        if (refer && !leg.referSupported) {
          if (b.referRefusal === 'warning') this.warn(leg, REFER_REJECTED);
          delete leg.transfer;
          return done?.();
        }
        this.endLeg(leg.sessionId);
        this.happened('calltransfer.initiated', leg);
        done?.();
        if (refer) return;
        const external = !/\.sip\.daily\.co$/i.test(toEndPoint.split(/[;?]/)[0] ?? '');
        if (external && b.transferDialOutEvents) this.newTransferLeg(toEndPoint);
        this.targetOutcome(leg, toEndPoint);
      },
      tag,
    );
  }

  /**
   * What the transfer's target does (`transferTarget`): answers (`calltransfer.answered`, then
   * `completed` when the call ends, {@link TRANSFERRED_CALL_RINGS} rings later), or is busy / does not
   * answer / fails: `completed` with no `answered`. A transfer into another room of the shared
   * cloud completes when the caller's call there ends (the cloud sends those webhooks:
   * `transfersEndElsewhere`).
   */
  private targetOutcome(leg: PhoneLeg, toEndPoint: string): void {
    const target = this.settings.behaviour.transferTarget;
    if (target === 'answers') {
      if (this.transfersEndElsewhere(toEndPoint)) return;
      this.timers.after(this.settings.ringMs, () => {
        this.happened('calltransfer.answered', leg);
        this.timers.after(TRANSFERRED_CALL_RINGS * this.settings.ringMs, () =>
          this.happened('calltransfer.completed', leg),
        );
      });
      return;
    }
    const after = target === 'no-answer' ? 2 * this.settings.ringMs : this.settings.latencyMs;
    this.timers.after(after, () => this.happened('calltransfer.completed', leg));
  }

  /**
   * `transferDialOutEvents`: the new leg a PSTN or external SIP transfer creates reports itself
   * as a dial-out with a session id of its own (never a participant of this room).
   */
  private newTransferLeg(toEndPoint: string): void {
    const sessionId = randomId();
    const details = {
      sessionId,
      destination: toEndPoint,
      provider: 'signalwire',
      sipCallId: randomId(),
    };
    this.timers.after(0, () => this.emitter.emit('dialout-connected', details));
    this.timers.after(this.settings.ringMs, () => this.emitter.emit('dialout-answered', details));
  }

  /** Emits `participant-counts-updated` in the next macrotask if the counts changed. */
  private scheduleCounts(): void {
    if (this.countsScheduled || !this.joined) return;
    this.countsScheduled = true;
    this.timers.after(0, () => {
      this.countsScheduled = false;
      const counts = this.counts();
      if (counts.present === this.lastCounts.present && counts.hidden === this.lastCounts.hidden) {
        return;
      }
      this.lastCounts = counts;
      this.emitter.emit('participant-counts-updated', { participantCounts: counts });
    });
  }

  /** Bumped on every change of participants, legs, state or settings. */
  get version(): number {
    return this.revision;
  }

  subscribe(listener: () => void): () => void {
    this.subscribers.add(listener);
    return () => {
      this.subscribers.delete(listener);
    };
  }

  notify(): void {
    this.revision++;
    for (const listener of [...this.subscribers]) {
      try {
        listener();
      } catch (error) {
        this.emitter.recordError(error);
      }
    }
  }
}
