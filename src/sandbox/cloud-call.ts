import type {
  DailyCall,
  DailyCallOptions,
  DailyDeviceInfos,
  DailyDialOutSession,
  DailyEvent,
  DailyEventObject,
  DailyFatalConnectionError,
  DailyMediaDeviceInfo,
  DailyMeetingSessionState,
  DailyMeetingSessionSummary,
  DailyMeetingState,
  DailyNetworkTopology,
  DailyParticipant,
  DailyParticipantCounts,
  DailyParticipantsObject,
  DailyParticipantUpdateOptions,
  DailyPendingRoomInfo,
  DailyRoomInfo,
  DailySendDtmfOptions,
  DailySipCallTransferOptions,
  DailySipReferOptions,
  DailyStartDialoutOptions,
} from '@daily-co/daily-js';
import type { ConsoleCallApi } from '../daily/call-api';
import {
  BEHAVIOUR_CHOICES,
  checkBehaviour,
  DEFAULT_BEHAVIOUR,
  type SandboxBehaviour,
} from './sandbox-behaviour';
import type { TelephonySession } from './sandbox-call';
import { SANDBOX_DEFAULTS, type SandboxSettings } from './sandbox-context';
import type { SandboxDriver, TrafficOptions } from './sandbox-control';
import { emitNetworkChurn, SandboxEmitter, type SandboxEventRecord } from './sandbox-events';
import { createParticipant, localPermissions, type SandboxRole } from './sandbox-participants';
import { FAILABLE_METHODS, isFailableMethod, SandboxRequests } from './sandbox-requests';
import type { DialOutOutcome } from './sandbox-room';
import type { DialOutElsewhere } from './sandbox-simulation';
import { cloneExportable, randomId, tokenClaims } from './sandbox-util';
import { DEFAULT_WORLD } from '../domain/sandbox-world';
import { readMessages, unwire, type CloudMessage, type RoomState } from './cloud-protocol';

type Message = CloudMessage;
import { notJoinedMessage, validateParticipantUpdates } from './sandbox-validate';

/** The server's simulated cloud (see server/routes/sandbox-cloud.ts). */
export const CLOUD_PATH = '/api/sandbox/cloud';

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Waits before each reconnection attempt after the stream broke (about 3.5 s in all). */
const RECONNECT_WAITS_MS = [500, 1_000, 2_000];

/** The words a lost connection ends with (the console shows "Can't reach Daily" + Retry). */
export const CLOUD_CONNECTION_LOST = 'Lost the network connection to the sandbox cloud'; // not verbatim daily-js

/** Participants cross the wire as JSON: their Dates come back as Dates. */
function revive(p: DailyParticipant): DailyParticipant {
  const raw = p as unknown as Record<string, unknown>;
  const out = { ...p } as unknown as Record<string, unknown>;
  for (const key of ['joined_at', 'will_eject_at']) {
    if (typeof raw[key] === 'string') out[key] = new Date(raw[key]);
  }
  return out as unknown as DailyParticipant;
}

/**
 * A console's view of a room in the server's simulated Daily cloud, behind daily-js's own
 * call-object interface (like `SandboxCall`, it runs under the real daily-react). The room
 * itself — legs, timing, validation, behaviour variations — lives on the server, shared by
 * every console in it; this object keeps the console's side: its meeting state, its mirror of
 * the participants (built from the events it receives), its event and call logs.
 *
 * Transport: `join()` opens one streamed POST (`/api/sandbox/cloud/connect`, JSON lines down);
 * each method call is a POST whose answer comes down that stream, in order with the room's
 * events, so "resolve, then the leave events" (or the reverse) arrives exactly as the room
 * produced it. When the stream breaks it reconnects by itself, as daily-js does on a blip
 * (`network-connection` interrupted, then connected); a loss that lasts ends in an `error`
 * (connection-error), after which a join starts fresh.
 */
export class CloudSandboxCall implements ConsoleCallApi, SandboxDriver {
  readonly callClientId: string = randomId();
  readonly shared = true;
  private readonly emitter = new SandboxEmitter(this.callClientId);
  private readonly requests = new SandboxRequests();
  private state: DailyMeetingState = 'new';
  private local: DailyParticipant | null = null;
  private readonly remotes = new Map<string, DailyParticipant>();
  private present = 0;
  private roomState: RoomState | null = null;
  private roomName = '';
  private roomId = '';
  private role: SandboxRole = 'owner';
  private consoleId: string | null = null;
  private abort: AbortController | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private queuedBehaviour: Partial<SandboxBehaviour> = {};
  private meetingSessionId = '';
  private destroyed = false;
  private revision = 0;
  private readonly subscribers = new Set<() => void>();

  constructor(
    private readonly options: {
      /** The world this tab joins (`?world=`); the default world when omitted. */
      world?: string;
      behaviour?: Partial<SandboxBehaviour>;
      /** The room's simulated round trip, set on joining (`?latency=`). */
      latencyMs?: number;
      userName?: string;
      /**
       * Outside a browser page (Node tests, scripts): the server's origin and the session
       * cookie. In the console both are implicit (same origin, the browser's cookie).
       */
      server?: { origin: string; cookie: string };
    } = {},
  ) {
    if (options.behaviour) this.queuedBehaviour = { ...options.behaviour };
  }

  // ------------------------------------------------------------------ lifecycle

  join(options?: DailyCallOptions): Promise<DailyParticipantsObject | void> {
    if (this.destroyed) return Promise.reject(new Error('Use after destroy'));
    if (this.state === 'joining-meeting' || this.state === 'joined-meeting') {
      return Promise.resolve();
    }
    const room = options?.url ? /\/([A-Za-z0-9_-]{1,128})\/?$/.exec(options.url)?.[1] : undefined;
    if (!room || !options?.token) {
      return Promise.reject(
        new Error("The shared sandbox needs a room and a meeting token from the console's server"),
      );
    }
    this.roomName = room;
    this.role = tokenClaims(options.token)?.o === true ? 'owner' : 'participant';
    this.remotes.clear();
    this.local = createParticipant({
      sessionId: randomId(),
      userName: options.userName ?? this.options.userName ?? 'Sandbox agent',
      local: true,
      owner: this.role === 'owner',
      permissions: localPermissions(this.role),
    });
    this.setState('joining-meeting');
    setTimeout(() => this.emitter.emit('joining-meeting', {}), 0);
    const abort = new AbortController();
    this.abort = abort;
    return new Promise((resolve, reject) => {
      const failure = this.requests.takeFailure('join');
      if (failure !== undefined) {
        setTimeout(() => reject(this.failJoin(failure)), 0);
        return;
      }
      void this.connect(room, options.token!, abort, resolve, reject);
    });
  }

  /**
   * Opens the console's stream. `onJoined` gets the join snapshot; the promise resolves with
   * what ended the stream: `'left'` (aborted here), `'ended'` (the room closed; already handled),
   * or the failure's message (before or after joining — `joined` says which).
   */
  private async open(
    room: string,
    token: string,
    abort: AbortController,
    onJoined: (m: Extract<Message, { t: 'joined' }>) => void,
  ): Promise<{ end: 'left' | 'ended' } | { end: 'failed'; joined: boolean; message: string }> {
    let joined = false;
    try {
      const res = await this.fetch(`${CLOUD_PATH}/connect`, {
        method: 'POST',
        body: JSON.stringify({
          room,
          token,
          userName: this.local?.user_name ?? 'Sandbox agent',
          ...(this.options.world ? { world: this.options.world } : {}),
        }),
        signal: abort.signal,
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        throw new Error(body.error ?? `the sandbox cloud answered ${res.status}`);
      }
      let over = false;
      await readMessages(res.body, (message) => {
        if (message.t === 'joined') {
          joined = true;
          onJoined(message);
        } else if (message.t === 'ended') {
          this.ended(message.reason);
          over = true;
          return false;
        } else this.receive(message);
        return true;
      });
      if (over) return { end: 'ended' };
      if (abort.signal.aborted) return { end: 'left' };
      throw new Error('the stream ended');
    } catch (error) {
      if (abort.signal.aborted || this.abort !== abort) return { end: 'left' };
      const message = error instanceof Error ? error.message : String(error);
      return { end: 'failed', joined, message };
    }
  }

  /** The first join's stream, then (after a break) reconnects as long as the call is joined. */
  private async connect(
    room: string,
    token: string,
    abort: AbortController,
    resolve: (p: DailyParticipantsObject) => void,
    reject: (e: Error) => void,
  ): Promise<void> {
    const first = await this.open(room, token, abort, (m) => resolve(this.joined(m)));
    if (first.end !== 'failed') {
      // Left (or rejoined) while joining: the join settles, as daily-js's does.
      if (first.end === 'left')
        reject(new Error('join() was interrupted: the call left the meeting')); // not verbatim daily-js
      return;
    }
    if (!first.joined) return reject(this.failJoin(first.message));
    await this.reconnect(room, token);
  }

  /**
   * The stream broke under a joined console. daily-js reconnects by itself on a network blip
   * (`network-connection` interrupted, then connected); so does the sandbox: a few attempts
   * over about 3.5 s with the same token. Calls in flight reject (their answers were on the
   * broken stream); the participants are brought up to date with the room's snapshot. When
   * every attempt fails: the network loss is final ({@link lost}).
   */
  private async reconnect(room: string, token: string): Promise<void> {
    this.emitter.emit('network-connection', { type: 'signaling', event: 'interrupted' });
    this.rejectPending('the network connection was interrupted'); // not verbatim daily-js
    this.consoleId = null;
    for (const waitMs of RECONNECT_WAITS_MS) {
      await new Promise((r) => setTimeout(r, waitMs));
      if (this.state !== 'joined-meeting') return;
      const abort = new AbortController();
      this.abort = abort;
      const attempt = await this.open(room, token, abort, (m) => this.rejoined(m));
      if (attempt.end !== 'failed') return;
      if (attempt.joined) {
        // Reconnected, then broken again: start over.
        return this.reconnect(room, token);
      }
    }
    if (this.state === 'joined-meeting') this.lost();
  }

  /** Back after a break: the room as it is now, told as the events this console missed. */
  private rejoined(m: Extract<Message, { t: 'joined' }>): void {
    this.consoleId = m.consoleId;
    this.local = { ...this.local!, session_id: m.sessionId, user_id: m.sessionId };
    const now = new Map(m.remotes.map((p) => [p.session_id, revive(p)]));
    for (const [id, participant] of [...this.remotes]) {
      if (now.has(id)) continue;
      this.remotes.delete(id);
      this.emitter.emit('participant-left', { participant });
    }
    for (const [id, participant] of now) {
      const known = this.remotes.has(id);
      this.remotes.set(id, participant);
      if (!known) this.emitter.emit('participant-joined', { participant });
    }
    this.present = m.present;
    this.roomState = m.state;
    this.emitter.emit('network-connection', { type: 'signaling', event: 'connected' });
    this.emitter.emit('participant-counts-updated', {
      participantCounts: { present: this.present, hidden: 0 },
    });
    this.notify();
  }

  private rejectPending(why: string): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(new Error(`${p.method}() was interrupted: ${why}`)); // not verbatim daily-js
  }

  private joined(m: Extract<Message, { t: 'joined' }>): DailyParticipantsObject {
    this.consoleId = m.consoleId;
    this.roomId = m.roomId;
    this.meetingSessionId = randomId();
    this.local = {
      ...this.local!,
      session_id: m.sessionId,
      user_id: m.sessionId,
      joined_at: new Date(),
    };
    for (const p of m.remotes) this.remotes.set(p.session_id, revive(p));
    this.present = m.present;
    this.roomState = m.state;
    this.setState('joined-meeting');
    const participants = this.participants();
    this.emitter.emit('joined-meeting', { participants });
    this.emitter.emit('access-state-updated', { access: { level: 'full' } });
    setTimeout(() => {
      // Not if the connection already broke (or the call left) in the meantime.
      if (this.state !== 'joined-meeting' || this.consoleId !== m.consoleId) return;
      this.emitter.emit('network-connection', { type: 'signaling', event: 'connected' });
      this.emitter.emit('network-connection', { type: 'sfu', event: 'connected' });
      this.emitter.emit('dialin-ready', { sipEndpoint: m.sipEndpoint, provider: 'daily' });
      this.emitter.emit('participant-counts-updated', {
        participantCounts: { present: this.present, hidden: 0 },
      });
    }, 0);
    if (Object.keys(this.queuedBehaviour).length) {
      const queued = this.queuedBehaviour;
      this.queuedBehaviour = {};
      this.rpc('setBehaviour', [queued]).catch(() => undefined);
    }
    if (this.options.latencyMs !== undefined) {
      this.rpc('setLatency', [this.options.latencyMs]).catch(() => undefined);
    }
    return participants;
  }

  private receive(m: Message): void {
    if (m.t === 'reply') {
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      if (m.ok) waiting.resolve(m.value === null ? undefined : m.value);
      else waiting.reject(unwire(m.error));
      return;
    }
    if (m.t === 'state') {
      this.roomState = m.state;
      this.notify();
      return;
    }
    if (m.t !== 'event' || this.state !== 'joined-meeting') return;
    const data = { ...m.data };
    if (data.participant) {
      const participant = revive(data.participant as DailyParticipant);
      data.participant = participant;
      if (m.action === 'participant-left') this.remotes.delete(participant.session_id);
      else this.remotes.set(participant.session_id, participant);
    }
    if (m.action === 'participant-counts-updated') {
      this.present = (data.participantCounts as DailyParticipantCounts).present;
    }
    this.emitter.emit(m.action as DailyEvent, data as never);
    this.notify();
  }

  private failJoin(msg: string): Error {
    this.connectionError('join', msg);
    return new Error(msg);
  }

  /** Reconnecting failed: daily-js's signs of a network loss that lasts. */
  private lost(): void {
    this.connectionError('load', CLOUD_CONNECTION_LOST);
  }

  /** The meeting ends in daily-js's fatal `connection-error`. */
  private connectionError(on: 'join' | 'load', msg: string): void {
    this.teardown('error', msg);
    const error: DailyFatalConnectionError = {
      type: 'connection-error',
      msg,
      details: { on, sourceError: { message: msg }, uri: `${CLOUD_PATH}/connect` },
    };
    this.emitter.emit('error', { errorMsg: msg, error });
  }

  /** The room closed under the console (its world was reset). */
  private ended(reason: string): void {
    this.teardown('error', reason);
    const msg = `The room closed: ${reason}`;
    this.emitter.emit('error', {
      errorMsg: msg,
      error: { type: 'end-of-life', msg, details: { sourceError: { message: msg } } },
    } as never);
  }

  private teardown(state: 'error' | 'left-meeting', why: string): void {
    this.abort?.abort();
    this.abort = null;
    this.consoleId = null;
    this.rejectPending(why);
    this.local = null;
    this.remotes.clear();
    this.present = 0;
    this.setState(state);
  }

  leave(): Promise<void> {
    if (this.state === 'left-meeting' || this.state === 'error' || this.state === 'new') {
      return Promise.resolve();
    }
    this.teardown('left-meeting', 'the call left the meeting');
    return new Promise((resolve) => {
      setTimeout(() => {
        this.emitter.emit('left-meeting', {});
        resolve();
      }, 0);
    });
  }

  destroy(): Promise<void> {
    return this.leave().then(() => {
      this.destroyed = true;
      setTimeout(() => this.emitter.emit('call-instance-destroyed', {}), 0);
    });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  // ------------------------------------------------------------------ read methods

  meetingState(): DailyMeetingState {
    return this.state;
  }

  participants(): DailyParticipantsObject {
    if (!this.local) return {} as DailyParticipantsObject;
    const all: DailyParticipantsObject = { local: this.local };
    if (this.state === 'joined-meeting') for (const [id, p] of this.remotes) all[id] = p;
    return all;
  }

  participantCounts(): DailyParticipantCounts {
    return this.state === 'joined-meeting'
      ? { present: this.present, hidden: 0 }
      : { present: 0, hidden: 0 };
  }

  meetingSessionSummary(): DailyMeetingSessionSummary {
    return { id: this.meetingSessionId };
  }

  meetingSessionState(): DailyMeetingSessionState {
    return { data: undefined, topology: this.state === 'joined-meeting' ? 'sfu' : 'none' };
  }

  room(): Promise<DailyPendingRoomInfo | DailyRoomInfo | null> {
    if (this.state !== 'joined-meeting') return Promise.resolve(null);
    return Promise.resolve({
      id: this.roomId,
      name: this.roomName,
      config: { enable_dialout: true, enable_dialin: true },
      domainConfig: {},
      tokenConfig: { is_owner: this.role === 'owner' },
    });
  }

  getNetworkTopology(): Promise<{ topology: DailyNetworkTopology | 'none'; error?: string }> {
    return Promise.resolve({ topology: this.state === 'joined-meeting' ? 'sfu' : 'none' });
  }

  enumerateDevices(): Promise<{ devices: DailyMediaDeviceInfo[] }> {
    return Promise.resolve({ devices: [] });
  }

  getInputDevices(): Promise<DailyDeviceInfos> {
    return Promise.resolve({ camera: {}, mic: {}, speaker: {} });
  }

  on<T extends DailyEvent>(event: T, handler: (event: DailyEventObject<T>) => void): DailyCall {
    this.emitter.on(event, handler);
    return this as unknown as DailyCall;
  }

  once<T extends DailyEvent>(event: T, handler: (event: DailyEventObject<T>) => void): DailyCall {
    this.emitter.on(event, handler, true);
    return this as unknown as DailyCall;
  }

  off<T extends DailyEvent>(event: T, handler: (event: DailyEventObject<T>) => void): DailyCall {
    this.emitter.off(event, handler);
    return this as unknown as DailyCall;
  }

  // ------------------------------------------------------------------ telephony (daily-js)

  sipCallTransfer(options: DailySipCallTransferOptions): Promise<void> {
    return this.sdk('sipCallTransfer', [options]) as Promise<void>;
  }

  sipRefer(options: DailySipReferOptions): Promise<void> {
    return this.sdk('sipRefer', [options]) as Promise<void>;
  }

  startDialOut(options: DailyStartDialoutOptions): Promise<{ session?: DailyDialOutSession }> {
    return this.sdk('startDialOut', [options]) as Promise<{ session?: DailyDialOutSession }>;
  }

  /** daily-js's join guard throws synchronously here, as in the in-tab sandbox. */
  stopDialOut(options: { sessionId: string }): Promise<void> {
    if (this.state !== 'joined-meeting') {
      this.requests.record('stopDialOut', [options]);
      throw new Error(notJoinedMessage('stopDialOut'));
    }
    return this.sdk('stopDialOut', [options]) as Promise<void>;
  }

  sendDTMF(options: DailySendDtmfOptions): Promise<void> {
    return this.sdk('sendDTMF', [options]) as Promise<void>;
  }

  updateParticipant(sessionId: string, updates: DailyParticipantUpdateOptions): DailyCall {
    const eject = typeof updates === 'object' && updates !== null && updates.eject === true;
    if (eject) this.requests.record('updateParticipant', [sessionId, updates]);
    const invalid = validateParticipantUpdates(updates);
    if (invalid) throw new Error(invalid);
    if (eject && this.state === 'joined-meeting') {
      this.rpc('updateParticipant', [sessionId, { eject: true }]).catch(() => undefined);
    }
    return this as unknown as DailyCall;
  }

  /** An SDK call: recorded here (calls()), checked for the join, answered by the room. */
  private sdk(method: string, args: unknown[]): Promise<unknown> {
    this.requests.record(method, args);
    if (this.state !== 'joined-meeting') {
      return Promise.reject(new Error(notJoinedMessage(method)));
    }
    return this.rpc(method, args);
  }

  private rpc(method: string, args: unknown[]): Promise<unknown> {
    const consoleId = this.consoleId;
    if (!consoleId || this.state !== 'joined-meeting') {
      return Promise.reject(
        new Error(
          `${method}() needs a joined sandbox room: call join() first (meeting state: ${this.state})`,
        ),
      );
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject });
      this.fetch(`${CLOUD_PATH}/consoles/${consoleId}/calls`, {
        method: 'POST',
        body: JSON.stringify({ id, method, args: cloneExportable(args) }),
      })
        .then(async (res) => {
          if (res.status === 202) return;
          const body = (await res.json().catch(() => ({}))) as { error?: string };
          throw new Error(body.error ?? `the sandbox cloud answered ${res.status}`);
        })
        .catch((error: unknown) => {
          if (!this.pending.delete(id)) return;
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
  }

  // ------------------------------------------------------------------ simulation controls

  dialIn(options: {
    kind: 'pstn' | 'sip';
    from: string;
    name?: string | undefined;
    room?: string;
  }): Promise<string> {
    return this.rpc('dialIn', [options]) as Promise<string>;
  }

  hangUp(sessionId: string): Promise<void> {
    return this.rpc('hangUp', [sessionId]) as Promise<void>;
  }

  /** 'join' failures are this console's own (it makes the join); the rest go to the room. */
  failNext(method: string, message: string): Promise<void> {
    if (!isFailableMethod(method)) {
      const known = FAILABLE_METHODS.join(', ');
      return Promise.reject(
        new TypeError(`failNext(): unknown method "${method}"; use one of ${known}`),
      );
    }
    if (method === 'join') {
      this.requests.failNext('join', String(message));
      return Promise.resolve();
    }
    return this.rpc('failNext', [method, String(message)]) as Promise<void>;
  }

  calls() {
    return this.requests.calls();
  }

  events(): SandboxEventRecord[] {
    return this.emitter.events().map((event) => cloneExportable(event) as SandboxEventRecord);
  }

  listenerErrors(): unknown[] {
    return [...this.emitter.listenerErrors()];
  }

  addParticipants(count: number): Promise<void> {
    return this.rpc('addParticipants', [count]) as Promise<void>;
  }

  addAgent(name: string): Promise<string> {
    return this.rpc('addAgent', [name]) as Promise<string>;
  }

  setDialOutOutcome(outcome: DialOutOutcome): Promise<void> {
    return this.rpc('setDialOutOutcome', [outcome]) as Promise<void>;
  }

  setReferSupport(sessionId: string, supported: boolean): Promise<void> {
    return this.rpc('setReferSupport', [sessionId, supported]) as Promise<void>;
  }

  setTransferDelay(ms: number): Promise<void> {
    return this.rpc('setTransferDelay', [ms]) as Promise<void>;
  }

  setLatency(ms: number): Promise<void> {
    return this.rpc('setLatency', [ms]) as Promise<void>;
  }

  dtmfSent(sessionId: string): Promise<string[]> {
    return this.rpc('dtmfSent', [sessionId]) as Promise<string[]>;
  }

  simulateWarning(sessionId: string, message: string): Promise<void> {
    return this.rpc('simulateWarning', [sessionId, message]) as Promise<void>;
  }

  /** Before join, the behaviour is kept and applied to the room on joining. */
  setBehaviour(partial: Partial<SandboxBehaviour>): Promise<void> {
    if (this.state !== 'joined-meeting') {
      const checked = checkBehaviour(partial);
      if (!checked.ok) return Promise.reject(new TypeError(checked.error));
      this.queuedBehaviour = { ...this.queuedBehaviour, ...checked.value };
      this.notify();
      return Promise.resolve();
    }
    return this.rpc('setBehaviour', [partial]) as Promise<void>;
  }

  behaviour(): SandboxBehaviour {
    return { ...DEFAULT_BEHAVIOUR, ...this.roomState?.behaviour, ...this.queuedBehaviour };
  }

  behaviourChoices(): typeof BEHAVIOUR_CHOICES {
    return BEHAVIOUR_CHOICES;
  }

  setDialInDisplayName(name: string): Promise<void> {
    return this.rpc('setDialInDisplayName', [name]) as Promise<void>;
  }

  dialOutElsewhere(options: DialOutElsewhere): Promise<string> {
    return this.rpc('dialOutElsewhere', [options]) as Promise<string>;
  }

  pressKeys(sessionId: string, tones: string): Promise<void> {
    return this.rpc('pressKeys', [sessionId, tones]) as Promise<void>;
  }

  simulateError(sessionId: string, message: string): Promise<void> {
    return this.rpc('simulateError', [sessionId, message]) as Promise<void>;
  }

  /** Network churn is this console's own (load work on its event log): made here. */
  simulateNetworkChurn(count: number): Promise<void> {
    if (!Number.isInteger(count) || count < 0) {
      return Promise.reject(new RangeError(`simulateNetworkChurn(): bad count ${count}`));
    }
    if (this.state !== 'joined-meeting') {
      return Promise.reject(new Error('simulateNetworkChurn() needs a joined sandbox room'));
    }
    return emitNetworkChurn(this.emitter, count, (fn) => setTimeout(fn, 0));
  }

  telephonySessions(): TelephonySession[] {
    return this.roomState ? this.roomState.legs.map((l) => ({ ...l })) : [];
  }

  settings(): SandboxSettings {
    return {
      latencyMs: SANDBOX_DEFAULTS.latencyMs,
      transferDelayMs: SANDBOX_DEFAULTS.transferDelayMs,
      ringMs: SANDBOX_DEFAULTS.ringMs,
      dialOutOutcome: 'answer',
      dialInDisplayName: 'Caller',
      sipDialIn: true,
      roomName: this.roomName,
      ...this.roomState?.settings,
      behaviour: this.behaviour(),
      role: this.role,
      userName: this.local?.user_name ?? this.options.userName ?? 'Sandbox agent',
    };
  }

  /** Closes every room of this tab's world (consoles in them see the room end). */
  async reset(): Promise<void> {
    const world = this.options.world ?? DEFAULT_WORLD;
    const res = await this.fetch(`${CLOUD_PATH}/worlds/${world}/reset`, { method: 'POST' });
    if (!res.ok) throw new Error(`reset(): the sandbox cloud answered ${res.status}`);
  }

  async traffic(options: TrafficOptions): Promise<unknown> {
    const world = this.options.world ?? DEFAULT_WORLD;
    const res = await this.fetch(`${CLOUD_PATH}/worlds/${world}/traffic`, {
      method: 'POST',
      body: JSON.stringify(options),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    if (!res.ok) throw new TypeError(`traffic(): ${body.error ?? res.status}`);
    return body;
  }

  /** A request to the cloud: JSON, same origin (or `options.server` outside a page). */
  private fetch(path: string, init: RequestInit): Promise<Response> {
    const server = this.options.server;
    return fetch(`${server?.origin ?? ''}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(server ? { cookie: server.cookie } : {}),
      },
    });
  }

  subscribe(listener: () => void): () => void {
    this.subscribers.add(listener);
    return () => {
      this.subscribers.delete(listener);
    };
  }

  get version(): number {
    return this.revision;
  }

  private setState(state: DailyMeetingState): void {
    this.state = state;
    this.notify();
  }

  private notify(): void {
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
