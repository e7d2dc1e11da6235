import type {
  DailyMeetingState,
  DailyParticipant,
  DailyParticipantCounts,
  DailyParticipantsObject,
} from '@daily-co/daily-js';
import type { SandboxEmitter } from './sandbox-events';
import {
  dialInDetails,
  dialOutDetails,
  dialOutErrorDetails,
  isDialIn,
  legParticipant,
  type PhoneLeg,
} from './sandbox-legs';
import type { SandboxTimers } from './sandbox-timers';

/** How a simulated dial-out ends (`window.sandbox.setDialOutOutcome`). */
export type DialOutOutcome = 'answer' | 'busy' | 'no-answer' | 'error';

/** The `dialout-error` messages of the failed outcomes (SIP status texts, not Daily's). */
export const DIAL_OUT_ERRORS: Record<Exclude<DialOutOutcome, 'answer'>, string> = {
  busy: 'Busy here (486)',
  'no-answer': 'No answer (480 Temporarily Unavailable)',
  error: 'Dial-out failed: 503 Service Unavailable',
};

/**
 * What a refused SIP REFER looks like in the sandbox. Daily's docs do not say how a REFER the
 * originating system declines surfaces in the room; our documented assumption is a non-fatal
 * `dialin-warning` / `dialout-warning` carrying this message, with the caller staying in the
 * room (Daily only leaves the media path once the originator accepts the REFER).
 */
export const REFER_REJECTED = 'SIP REFER rejected by the originating system (603 Decline)';

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

  constructor(
    private readonly emitter: SandboxEmitter,
    private readonly timers: SandboxTimers,
  ) {}

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
   * A leg ends: `participant-left` (if it was in the room), then `dialin-/dialout-stopped`.
   * Before the local user joined, the leg just disappears (nobody is there to see events).
   */
  endLeg(sessionId: string): void {
    const leg = this.legs.get(sessionId);
    if (!leg) return;
    this.timers.cancelTag(legTag(sessionId));
    this.legs.delete(sessionId);
    const participant = this.remotes.get(sessionId);
    this.remotes.delete(sessionId);
    if (this.joined) {
      if (participant && leg.inRoom) this.emitter.emit('participant-left', { participant });
      if (isDialIn(leg)) this.emitter.emit('dialin-stopped', dialInDetails(leg));
      else this.emitter.emit('dialout-stopped', dialOutDetails(leg));
    }
    this.scheduleCounts();
    this.notify();
  }

  /** Stops a leg's pending progress (ringing, a scheduled transfer) and ends it after `ms`. */
  endLegLater(leg: PhoneLeg, ms: number): void {
    leg.ending = true;
    const tag = legTag(leg.sessionId);
    this.timers.cancelTag(tag);
    this.timers.after(ms, () => this.endLeg(leg.sessionId), tag);
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
   * next macrotask, `dialout-connected` (ringing) follows after `latencyMs`, then the outcome:
   * `dialout-answered` after `ringMs` more, or `dialout-error` (busy / error: `latencyMs` after
   * ringing; no-answer: `2 × ringMs`) followed by `participant-left` + `dialout-stopped`.
   */
  runDialOut(leg: PhoneLeg, outcome: DialOutOutcome, latencyMs: number, ringMs: number): void {
    const tag = legTag(leg.sessionId);
    this.timers.after(0, () => this.admit([leg]), tag);
    this.timers.after(
      latencyMs,
      () => this.emitter.emit('dialout-connected', dialOutDetails(leg)),
      tag,
    );
    if (outcome === 'answer') {
      const answered = () => this.emitter.emit('dialout-answered', dialOutDetails(leg));
      this.timers.after(latencyMs + ringMs, answered, tag);
      return;
    }
    const failAt = latencyMs + (outcome === 'no-answer' ? 2 * ringMs : latencyMs);
    const errorMsg = DIAL_OUT_ERRORS[outcome];
    this.timers.after(
      failAt,
      () => {
        leg.ending = true;
        this.emitter.emit('dialout-error', dialOutErrorDetails(leg, errorMsg));
      },
      tag,
    );
    this.timers.after(failAt, () => this.endLeg(leg.sessionId), tag);
  }

  /**
   * What follows an accepted sipCallTransfer / sipRefer after `delayMs`: the caller leaves the
   * room (`participant-left` + `*-stopped`), except for a REFER the far end refuses, which
   * emits a warning ({@link REFER_REJECTED}) and keeps the caller.
   */
  finishTransfer(leg: PhoneLeg, refer: boolean, delayMs: number): void {
    this.timers.after(
      delayMs,
      () => {
        if (!refer || leg.referSupported) return this.endLeg(leg.sessionId);
        const errorMsg = REFER_REJECTED;
        if (isDialIn(leg)) this.emitter.emit('dialin-warning', { ...dialInDetails(leg), errorMsg });
        else this.emitter.emit('dialout-warning', { ...dialOutDetails(leg), errorMsg });
      },
      legTag(leg.sessionId),
    );
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
