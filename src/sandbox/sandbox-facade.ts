import type {
  DailyCall,
  DailyDeviceInfos,
  DailyEvent,
  DailyEventObject,
  DailyMediaDeviceInfo,
  DailyMeetingSessionState,
  DailyMeetingSessionSummary,
  DailyNetworkTopology,
  DailyParticipantUpdateOptions,
  DailyPendingRoomInfo,
  DailyRoomInfo,
} from '@daily-co/daily-js';
import { BEHAVIOUR_CHOICES } from './sandbox-behaviour';
import { emitNetworkChurn, type SandboxEmitter, type SandboxEventRecord } from './sandbox-events';
import {
  FAILABLE_METHODS,
  isFailableMethod,
  type FailableMethod,
  type SandboxCallRecord,
  type SandboxRequests,
} from './sandbox-requests';
import { cloneExportable, randomId } from './sandbox-util';
import { validateParticipantUpdates } from './sandbox-validate';

/** What `room()` reports of the joined room. */
export interface SandboxRoomInfo {
  id: string;
  name: string;
  owner: boolean;
}

/**
 * The daily-js façade both sandboxes show the console: the in-tab room (`SandboxCall`) and a
 * console of the server's shared cloud (`CloudSandboxCall`). What daily-js does the same way
 * whoever runs the room — `room()`, the device and topology answers, `on`/`once`/`off`,
 * `updateParticipant`'s argument checks, the event and call logs — is written once here, so
 * a fidelity fix lands in both. Each subclass says where its events, its call log and its room
 * come from, and how an eject and the next task are carried out.
 */
export abstract class SandboxFacade {
  /** Unique per call object, as in daily-js; every event carries it. */
  readonly callClientId: string = randomId();
  protected meetingSessionId = '';

  protected abstract readonly emitter: SandboxEmitter;
  protected abstract readonly requests: SandboxRequests;
  /** Whether the local user is in the meeting (`joined-meeting`). */
  protected abstract get joined(): boolean;
  /** The joined room (only asked while joined). */
  protected abstract roomInfo(): SandboxRoomInfo;
  /** An eject the arguments of which passed daily-js's checks, while joined. */
  protected abstract eject(sessionId: string): void;
  /** Runs `fn` in a later macrotask (never inside the calling method). */
  protected abstract nextTask(fn: () => void): void;
  /**
   * Daily's connection is lost for good: the meeting ends in daily-js's fatal
   * `connection-error` (`details.on: 'reconnect'`), then `left-meeting`.
   */
  protected abstract connectionLost(msg: string): void;
  private blip: ReturnType<typeof setTimeout> | undefined;

  // ------------------------------------------------------------------ read methods

  /** The meeting session's id (daily-js returns `{}` before the first join; here `id: ''`). */
  meetingSessionSummary(): DailyMeetingSessionSummary {
    return { id: this.meetingSessionId };
  }

  /**
   * daily-js throws before join; daily-react only calls this on `joined-meeting`, so the sandbox
   * answers `topology: 'none'` rather than throwing.
   */
  meetingSessionState(): DailyMeetingSessionState {
    return { data: undefined, topology: this.joined ? 'sfu' : 'none' };
  }

  /** The room while joined; `null` before join and after leave (there is no URL to report). */
  room(): Promise<DailyPendingRoomInfo | DailyRoomInfo | null> {
    if (!this.joined) return Promise.resolve(null);
    const { id, name, owner } = this.roomInfo();
    return Promise.resolve({
      id,
      name,
      config: { enable_dialout: true, enable_dialin: true },
      domainConfig: {},
      tokenConfig: { is_owner: owner },
    });
  }

  getNetworkTopology(): Promise<{ topology: DailyNetworkTopology | 'none'; error?: string }> {
    return Promise.resolve({ topology: this.joined ? 'sfu' : 'none' });
  }

  /** The sandbox has no devices. */
  enumerateDevices(): Promise<{ devices: DailyMediaDeviceInfo[] }> {
    return Promise.resolve({ devices: [] });
  }

  getInputDevices(): Promise<DailyDeviceInfos> {
    return Promise.resolve({ camera: {}, mic: {}, speaker: {} });
  }

  // ------------------------------------------------------------------ events

  on<T extends DailyEvent>(event: T, handler: (event: DailyEventObject<T>) => void): DailyCall {
    this.emitter.on(event, handler);
    return this.asDailyCall();
  }

  once<T extends DailyEvent>(event: T, handler: (event: DailyEventObject<T>) => void): DailyCall {
    this.emitter.on(event, handler, true);
    return this.asDailyCall();
  }

  /** Removes one registration; handlers that were never registered are ignored. */
  off<T extends DailyEvent>(event: T, handler: (event: DailyEventObject<T>) => void): DailyCall {
    this.emitter.off(event, handler);
    return this.asDailyCall();
  }

  /** daily-js's chaining methods return the call object; the sandbox stands in for it. */
  protected asDailyCall(): DailyCall {
    return this as unknown as DailyCall;
  }

  // ------------------------------------------------------------------ telephony (daily-js)

  /**
   * daily-js `updateParticipant()`: returns the call synchronously and throws for unknown update
   * keys. Only `{ eject: true }` is simulated (and recorded in calls()): after latencyMs the
   * participant leaves (phone legs also get `*-stopped`); without admin rights (or after
   * failNext('updateParticipant', msg)) a `nonfatal-error` instead. Unknown ids are ignored.
   */
  updateParticipant(sessionId: string, updates: DailyParticipantUpdateOptions): DailyCall {
    const eject = typeof updates === 'object' && updates !== null && updates.eject === true;
    if (eject) this.requests.record('updateParticipant', [sessionId, updates]);
    const invalid = validateParticipantUpdates(updates);
    if (invalid) throw new Error(invalid);
    if (eject && this.joined) this.eject(sessionId);
    return this.asDailyCall();
  }

  // ------------------------------------------------------------------ the console's own controls

  /** Every telephony call so far, in order, arguments deep-copied (rejected calls too). */
  calls(): SandboxCallRecord[] {
    return this.requests.calls();
  }

  /** Every event emitted so far, in order, as copies (Sets become arrays, Dates stay). */
  events(): SandboxEventRecord[] {
    return this.emitter.events().map((event) => cloneExportable(event) as SandboxEventRecord);
  }

  /** Errors thrown by event listeners and subscribers: swallowed, never logged. */
  listenerErrors(): unknown[] {
    return [...this.emitter.listenerErrors()];
  }

  /** Every behaviour key's possible values, the default first (for the sandbox panel). */
  behaviourChoices(): typeof BEHAVIOUR_CHOICES {
    return BEHAVIOUR_CHOICES;
  }

  /**
   * A flaky network: `count` alternating `network-connection` interrupted/connected events, in
   * bursts of 500 per macrotask, for load work on the event log. These bulk events are NOT kept
   * in `events()` (the recorder would otherwise dominate memory); resolves when all were sent.
   */
  simulateNetworkChurn(count: number): Promise<void> {
    if (!Number.isInteger(count) || count < 0) {
      return Promise.reject(new RangeError(`simulateNetworkChurn(): bad count ${count}`));
    }
    if (!this.joined) {
      return Promise.reject(new Error('simulateNetworkChurn() needs a joined sandbox room'));
    }
    return emitNetworkChurn(this.emitter, count, (fn) => this.nextTask(fn));
  }

  /**
   * A network blip between this console and Daily: `network-connection` interrupted (signaling
   * and sfu); the agent keeps its presence and session id in the room meanwhile, as daily-js
   * reconnects. Back after `ms` (connected again) if that is within `limitMs` (daily-js gives up
   * after about 20 s; tests pass a short one), else at `limitMs` the fatal `error`
   * (`connection-error`, `details.on: 'reconnect'`) and `left-meeting`.
   */
  simulateBlip(ms: number, limitMs: number = BLIP_LIMIT_MS): void {
    for (const [name, value] of [
      ['ms', ms],
      ['limitMs', limitMs],
    ] as const) {
      if (!Number.isFinite(value) || value < 0) {
        throw new RangeError(`simulateBlip(): ${name} must be a non-negative number of ms`);
      }
    }
    if (!this.joined) throw new Error('simulateBlip() needs a joined sandbox room');
    if (this.blip) clearTimeout(this.blip);
    this.emitter.emit('network-connection', { type: 'signaling', event: 'interrupted' });
    this.emitter.emit('network-connection', { type: 'sfu', event: 'interrupted' });
    this.blip = setTimeout(
      () => {
        this.blip = undefined;
        if (!this.joined) return;
        if (ms >= limitMs) return this.connectionLost(DAILY_CONNECTION_LOST);
        this.emitter.emit('network-connection', { type: 'signaling', event: 'connected' });
        this.emitter.emit('network-connection', { type: 'sfu', event: 'connected' });
      },
      Math.min(ms, limitMs),
    );
  }
}

/** How long daily-js keeps trying to reconnect after a network blip before it gives up. */
export const BLIP_LIMIT_MS = 20_000;

/** The fatal error after a blip that outlasts the limit. */
export const DAILY_CONNECTION_LOST = 'Lost the network connection to Daily: reconnecting failed'; // not verbatim daily-js

/** `failNext()`'s method check. @throws TypeError for an unknown method name. */
export function failableMethod(method: string): FailableMethod {
  if (!isFailableMethod(method)) {
    const known = FAILABLE_METHODS.join(', ');
    throw new TypeError(`failNext(): unknown method "${method}"; use one of ${known}`);
  }
  return method;
}
