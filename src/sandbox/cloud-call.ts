import type {
  DailyCallOptions,
  DailyDialOutSession,
  DailyEvent,
  DailyFatalConnectionError,
  DailyMeetingState,
  DailyParticipantCounts,
  DailyParticipantsObject,
  DailySendDtmfOptions,
  DailySipCallTransferOptions,
  DailySipReferOptions,
  DailyStartDialoutOptions,
} from '@daily-co/daily-js';
import type { ConsoleCallApi } from '../domain/call-api';
import { DEFAULT_WORLD } from '../domain/sandbox-world';
import type { ServerLink } from '../domain/server-link';
import type { CloudMessage, CloudMethod } from './cloud-protocol';
import { ForwardingFacade } from './cloud-forwarding';
import {
  CLOUD_PATH,
  CloudTransport,
  type CloudEndpoint,
  type JoinedMessage,
} from './cloud-transport';
import { checkBehaviour, DEFAULT_BEHAVIOUR, type SandboxBehaviour } from './sandbox-behaviour';
import type { TelephonySession } from './sandbox-call';
import { SANDBOX_DEFAULTS, type SandboxSettings } from './sandbox-context';
import type { SandboxDriver, TrafficOptions } from './sandbox-control';
import { SandboxEmitter } from './sandbox-events';
import { failableMethod, type SandboxRoomInfo } from './sandbox-facade';
import { createParticipant, localPermissions, type SandboxRole } from './sandbox-participants';
import { SandboxRequests } from './sandbox-requests';
import { CloudRoomMirror } from './cloud-mirror';
import { randomId, tokenClaims, tokenRole } from './sandbox-util';
import { notJoinedMessage } from './sandbox-validate';

export { CLOUD_PATH };

/**
 * A console's view of a room in the server's simulated Daily cloud, behind daily-js's own
 * call-object interface (like `SandboxCall`, it runs under the real daily-react). The room
 * itself — legs, timing, validation, behaviour variations — lives on the server, shared by
 * every console in it; this object keeps the console's side: its meeting state, its mirror of
 * the participants (built from the events it receives), its event and call logs.
 *
 * Transport (`cloud-transport.ts`): one stream down, one POST per call, the answers in order
 * with the room's events. When the stream breaks it reconnects by itself, as daily-js does on
 * a blip (`network-connection` interrupted, then connected), and keeps trying with backoff
 * while the server is away: the meeting stays joined with the participants as last seen, and
 * {@link link} says whether the cloud is reachable and when the next attempt is.
 */
export class CloudSandboxCall extends ForwardingFacade implements ConsoleCallApi, SandboxDriver {
  readonly shared = true;
  protected readonly emitter = new SandboxEmitter(this.callClientId);
  protected readonly requests = new SandboxRequests();
  protected readonly transport: CloudTransport;
  private state: DailyMeetingState = 'new';
  private readonly mirror = new CloudRoomMirror(this.emitter);
  private roomName = '';
  private roomId = '';
  private role: SandboxRole = 'owner';
  private queuedBehaviour: Partial<SandboxBehaviour> = {};
  private destroyed = false;
  private revision = 0;
  private readonly subscribers = new Set<() => void>();

  constructor(
    private readonly options: CloudEndpoint & {
      behaviour?: Partial<SandboxBehaviour>;
      /** The room's simulated round trip, set on joining (`?latency=`). */
      latencyMs?: number;
      userName?: string;
    } = {},
  ) {
    super();
    if (options.behaviour) this.queuedBehaviour = { ...options.behaviour };
    this.transport = new CloudTransport(
      {
        meetingState: () => this.state,
        userName: () => this.mirror.local?.user_name ?? 'Sandbox agent',
        joined: (m) => this.welcome(m),
        rejoined: (m) => this.rejoined(m),
        receive: (m) => this.receive(m),
        ended: (reason) => this.ended(reason),
        interrupted: () =>
          this.emitter.emit('network-connection', { type: 'signaling', event: 'interrupted' }),
        link: () => this.notify(),
        failJoin: (message) => this.failJoin(message),
      },
      options,
    );
  }

  // ------------------------------------------------------------------ the façade's sources

  protected get joined(): boolean {
    return this.state === 'joined-meeting';
  }

  protected roomInfo(): SandboxRoomInfo {
    return { id: this.roomId, name: this.roomName, owner: this.role === 'owner' };
  }

  protected eject(sessionId: string): void {
    this.rpc('updateParticipant', [sessionId, { eject: true }]).catch(() => undefined);
  }

  protected nextTask(fn: () => void): void {
    setTimeout(fn, 0);
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
    this.role = tokenRole(tokenClaims(options.token));
    this.mirror.begin(
      createParticipant({
        sessionId: randomId(),
        userName: options.userName ?? this.options.userName ?? 'Sandbox agent',
        local: true,
        owner: this.role === 'owner',
        permissions: localPermissions(this.role),
      }),
    );
    this.setState('joining-meeting');
    setTimeout(() => this.emitter.emit('joining-meeting', {}), 0);
    return new Promise((resolve, reject) => {
      const failure = this.requests.takeFailure('join');
      if (failure !== undefined) {
        setTimeout(() => reject(this.failJoin(failure)), 0);
        return;
      }
      this.transport.start(room, options.token!, resolve, reject);
    });
  }

  /** Back after a break: the room as it is now, told as the events this console missed. */
  private rejoined(m: JoinedMessage): void {
    // Another room than before (its server restarted): it gets this tab's latency, as on joining.
    if (m.roomId !== this.roomId) {
      this.roomId = m.roomId;
      this.applyLatency();
    }
    this.mirror.catchUp(m);
    this.emitter.emit('network-connection', { type: 'signaling', event: 'connected' });
    this.emitter.emit('participant-counts-updated', {
      participantCounts: { present: this.mirror.present, hidden: 0 },
    });
    this.notify();
  }

  /** The first join's snapshot: the room as this console finds it. */
  private welcome(m: JoinedMessage): DailyParticipantsObject {
    this.roomId = m.roomId;
    this.meetingSessionId = randomId();
    this.mirror.enter(m);
    this.setState('joined-meeting');
    const participants = this.participants();
    this.emitter.emit('joined-meeting', { participants });
    this.emitter.emit('access-state-updated', { access: { level: 'full' } });
    setTimeout(() => {
      // Not if the connection already broke (or the call left) in the meantime.
      if (this.state !== 'joined-meeting' || this.transport.consoleId !== m.consoleId) return;
      this.emitter.emit('network-connection', { type: 'signaling', event: 'connected' });
      this.emitter.emit('network-connection', { type: 'sfu', event: 'connected' });
      this.emitter.emit('dialin-ready', { sipEndpoint: m.sipEndpoint, provider: 'daily' });
      this.emitter.emit('participant-counts-updated', {
        participantCounts: { present: this.mirror.present, hidden: 0 },
      });
    }, 0);
    if (Object.keys(this.queuedBehaviour).length) {
      const queued = this.queuedBehaviour;
      this.queuedBehaviour = {};
      this.rpc('setBehaviour', [queued]).catch(() => undefined);
    }
    this.applyLatency();
    return participants;
  }

  /** `?latency=`: the room's simulated round trip, set when this tab joins a room. */
  private applyLatency(): void {
    if (this.options.latencyMs === undefined) return;
    this.rpc('setLatency', [this.options.latencyMs]).catch(() => undefined);
  }

  private receive(m: CloudMessage): void {
    if (m.t === 'state') {
      this.mirror.roomState = m.state;
      this.notify();
      return;
    }
    if (m.t !== 'event' || this.state !== 'joined-meeting') return;
    const data = this.mirror.apply(m);
    this.emitter.emit(m.action as DailyEvent, data as never);
    this.notify();
  }

  private failJoin(msg: string): Error {
    this.connectionError('join', msg);
    return new Error(msg);
  }

  /** Daily's connection lost for good (`simulateBlip` past its limit). */
  protected connectionLost(msg: string): void {
    this.connectionError('reconnect', msg);
  }

  /** The meeting ends in daily-js's fatal `connection-error`. */
  private connectionError(on: 'join' | 'reconnect', msg: string): void {
    this.teardown('error', msg);
    const error: DailyFatalConnectionError = {
      type: 'connection-error',
      msg,
      details: { on, sourceError: { message: msg }, uri: `${CLOUD_PATH}/connect` },
    };
    this.emitter.emit('error', { errorMsg: msg, error });
    this.emitter.emit('left-meeting', {}); // Daily's docs: "fires immediately after" an error
  }

  /** The room closed under the console (its world was reset). */
  private ended(reason: string): void {
    this.teardown('error', reason);
    const msg = `The room closed: ${reason}`;
    this.emitter.emit('error', {
      errorMsg: msg,
      error: { type: 'end-of-life', msg, details: { sourceError: { message: msg } } },
    } as never);
    this.emitter.emit('left-meeting', {}); // Daily's docs: "fires immediately after" an error
  }

  private teardown(state: 'error' | 'left-meeting', why: string): void {
    this.transport.close(why);
    this.mirror.clear();
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

  // ------------------------------------------------------------------ the link to the cloud

  /** Whether the server hosting this room is reachable; if not, when the next attempt is. */
  link(): ServerLink {
    return this.transport.link();
  }

  /** Skips the wait before the next reconnection attempt. */
  reconnectNow(): void {
    this.transport.tryNow();
  }

  /** Where reconnection attempts get a fresh meeting token (the console's server mints it). */
  setTokenSource(source: (() => Promise<string>) | undefined): void {
    this.transport.tokenSource = source;
  }

  // ------------------------------------------------------------------ read methods

  meetingState(): DailyMeetingState {
    return this.state;
  }

  participants(): DailyParticipantsObject {
    return this.mirror.participants(this.joined);
  }

  participantCounts(): DailyParticipantCounts {
    return this.mirror.counts(this.joined);
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

  /** An SDK call: recorded here (calls()), checked for the join, answered by the room. */
  private sdk(method: CloudMethod, args: unknown[]): Promise<unknown> {
    this.requests.record(method, args);
    if (this.state !== 'joined-meeting') {
      return Promise.reject(new Error(notJoinedMessage(method)));
    }
    return this.rpc(method, args);
  }

  /** 'join' failures are this console's own (it makes the join); the rest go to the room. */
  failNext(method: string, message: string): Promise<void> {
    try {
      failableMethod(method);
    } catch (error) {
      return Promise.reject(error);
    }
    if (method === 'join') {
      this.requests.failNext('join', String(message));
      return Promise.resolve();
    }
    return this.rpc('failNext', [method, String(message)]) as Promise<void>;
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
    return { ...DEFAULT_BEHAVIOUR, ...this.mirror.roomState?.behaviour, ...this.queuedBehaviour };
  }

  telephonySessions(): TelephonySession[] {
    return this.mirror.roomState ? this.mirror.roomState.legs.map((l) => ({ ...l })) : [];
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
      ...this.mirror.roomState?.settings,
      behaviour: this.behaviour(),
      role: this.role,
      userName: this.mirror.local?.user_name ?? this.options.userName ?? 'Sandbox agent',
    };
  }

  /** Closes every room of this tab's world (consoles in them see the room end). */
  async reset(): Promise<void> {
    const world = this.options.world ?? DEFAULT_WORLD;
    const res = await this.transport.fetch(`${CLOUD_PATH}/worlds/${world}/reset`, {
      method: 'POST',
    });
    if (!res.ok) throw new Error(`reset(): the sandbox cloud answered ${res.status}`);
  }

  async traffic(options: TrafficOptions): Promise<unknown> {
    const world = this.options.world ?? DEFAULT_WORLD;
    const res = await this.transport.fetch(`${CLOUD_PATH}/worlds/${world}/traffic`, {
      method: 'POST',
      body: JSON.stringify(options),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    if (!res.ok) throw new TypeError(`traffic(): ${body.error ?? res.status}`);
    return body;
  }

  /** A call on the console's room (its answer comes down the stream). */
  private rpc(method: CloudMethod, args: unknown[]): Promise<unknown> {
    return this.transport.rpc(method, args);
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
