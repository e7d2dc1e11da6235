import type {
  DailyCallOptions,
  DailyDialOutSession,
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
import type { SandboxDriver, TrafficOptions } from './sandbox-control';
import type { TelephonyType } from '../domain/telephony';
import {
  checkedDelay,
  createSandboxContext,
  type SandboxCallOptions,
  type SandboxContext,
  type SandboxSettings,
} from './sandbox-context';
import type { SandboxEventRecord } from './sandbox-events';
import { sipEndpointFor, type DialInInit } from './sandbox-legs';
import { webhookFor, type SandboxWebhook } from './sandbox-webhooks';
import { createParticipant, localPermissions } from './sandbox-participants';
import type { DialOutOutcome } from './sandbox-room';
import { DIAL_OUT_OUTCOMES, SandboxSimulation, type DialOutElsewhere } from './sandbox-simulation';
import { checkBehaviour, type SandboxBehaviour } from './sandbox-behaviour';
import { failableMethod, SandboxFacade, type SandboxRoomInfo } from './sandbox-facade';
import { SandboxTelephony } from './sandbox-telephony';
import { randomId, tokenClaims, tokenRole } from './sandbox-util';

/** A SIP/PSTN leg as the sandbox panel lists it. */
export interface TelephonySession {
  sessionId: string;
  type: TelephonyType;
  name: string;
  /** Dial-in: the caller's number or SIP URI. Dial-out: the destination. */
  address: string;
  /** Whether the far end accepts SIP REFER (see setReferSupport). */
  referSupported: boolean;
}

/** Options of `dialIn()`: `from` is an E.164 number (`pstn`) or a `sip:user@host` URI (`sip`). */
export type DialInOptions = DialInInit;

/** The longest simulated SDK round trip `setLatency` accepts. */
export const MAX_LATENCY_MS = 10_000;

/**
 * A simulated Daily room behind daily-js's own call-object interface: the console runs the real
 * daily-react on it (`<DailyProvider callObject={sandbox as unknown as DailyCall}>`), and
 * Playwright drives it through `window.sandbox` (see `sandbox-control.ts`).
 *
 * It behaves like daily-js 0.92.2 wherever daily-react or the console can tell: every event
 * carries `action` and `callClientId` and is typed against `DailyEventObject<T>`; nothing is
 * ever emitted synchronously inside a method (every emit runs in a later `setTimeout`
 * macrotask); a listener that throws is isolated (see {@link listenerErrors}); telephony
 * methods check their arguments with daily-js's rules and messages, settle after `latencyMs`,
 * resolve first and only then emit their events.
 *
 * Event sequences (times after the call; L = latencyMs, T = transferDelayMs, R = ringMs):
 * - `join()`: `joining-meeting` (next task); at L `joined-meeting` and `access-state-updated`
 *   (full access), then the promise resolves;
 *   next task `network-connection` (signaling, then sfu), `dialin-ready`,
 *   `participant-counts-updated`. After failNext('join'): `error` and a rejection instead.
 * - `leave()`: `left-meeting` (next task); nothing is emitted after it.
 * - `sipCallTransfer()`: resolves at L; at L+T `participant-left`, `dialin-/dialout-stopped`.
 * - `sipRefer()`: resolves at L; at L+T the same as a transfer if the far end takes REFER,
 *   else `dialin-/dialout-warning` (`REFER_REJECTED`) and the caller stays.
 * - `startDialOut()`: resolves at L; `participant-joined` (next task), `dialout-connected` at
 *   2L, then per {@link setDialOutOutcome}: `dialout-answered` at 2L+R, or `dialout-error`
 *   (busy/error at 3L, no-answer at 2L+2R) then `participant-left` + `dialout-stopped`.
 * - `stopDialOut()`: resolves at L; at 2L `participant-left` + `dialout-stopped`.
 * - `updateParticipant(id, { eject: true })`: at L `participant-left` (+ `*-stopped` for legs).
 * - `sendDTMF()`: resolves at L and emits nothing (Daily has no outbound DTMF event).
 * - membership changes are followed by `participant-counts-updated` in the next task.
 */
export class SandboxCall extends SandboxFacade implements ConsoleCallApi, SandboxDriver {
  /** The in-tab sandbox: a private room (its webhooks go through the server's relay). */
  readonly shared = false;
  private readonly ctx: SandboxContext;
  private readonly telephony: SandboxTelephony;
  private readonly simulation: SandboxSimulation;
  private readonly roomId = randomId();
  private destroyed = false;
  private destroying: Promise<void> | null = null;

  /** @throws RangeError for a negative or non-finite delay. */
  constructor(options: SandboxCallOptions = {}) {
    super();
    this.ctx = createSandboxContext(this.callClientId, options);
    this.telephony = new SandboxTelephony(this.ctx);
    this.simulation = new SandboxSimulation(this.ctx);
  }

  // ------------------------------------------------------------------ the façade's sources

  protected get emitter() {
    return this.ctx.emitter;
  }

  protected get requests() {
    return this.ctx.requests;
  }

  protected get joined(): boolean {
    return this.ctx.meeting.joined;
  }

  protected roomInfo(): SandboxRoomInfo {
    const { roomName, role } = this.ctx.settings;
    return { id: this.roomId, name: roomName, owner: role === 'owner' };
  }

  protected eject(sessionId: string): void {
    this.telephony.eject(sessionId);
  }

  protected nextTask(fn: () => void): void {
    this.ctx.timers.after(0, fn);
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Joins the sandbox room and resolves with `participants()`. Like daily-js, a call while
   * joining or joined does nothing and resolves `undefined` (daily-js only warns "already joined
   * meeting"); after destroy() it rejects with "Use after destroy".
   */
  join(options?: DailyCallOptions): Promise<DailyParticipantsObject | void> {
    const { meeting, timers, emitter, requests, settings } = this.ctx;
    if (this.destroyed || this.destroying) return Promise.reject(new Error('Use after destroy'));
    if (meeting.state === 'joining-meeting' || meeting.joined) return Promise.resolve();
    // With the console's server, the join carries the picked room's URL and a meeting token
    // minted by the server's REST double: the room is the URL's last segment and the token's
    // claims decide the local user's rights (owner, participant admin or neither: `tokenRole`).
    const room = options?.url ? /\/([A-Za-z0-9_-]{1,64})\/?$/.exec(options.url)?.[1] : undefined;
    if (room) settings.roomName = room;
    const claims = options?.token ? tokenClaims(options.token) : undefined;
    if (claims) settings.role = tokenRole(claims);
    meeting.beginJoin(
      createParticipant({
        sessionId: randomId(),
        userName: options?.userName ?? settings.userName,
        local: true,
        owner: settings.role === 'owner',
        permissions: localPermissions(settings.role),
      }),
    );
    timers.after(0, () => emitter.emit('joining-meeting', {}));
    return new Promise((resolve, reject) => {
      const settled = requests.track('join', reject);
      timers.after(settings.latencyMs, () => {
        settled();
        const failure = requests.takeFailure('join');
        if (failure !== undefined) return reject(this.failJoin(failure));
        this.meetingSessionId = randomId();
        meeting.completeJoin(new Date());
        const participants = meeting.participants();
        emitter.emit('joined-meeting', { participants });
        // daily-react's DailyRoom fetches room() on this event only.
        emitter.emit('access-state-updated', { access: { level: 'full' } });
        resolve(participants);
        timers.after(0, () => {
          emitter.emit('network-connection', { type: 'signaling', event: 'connected' });
          emitter.emit('network-connection', { type: 'sfu', event: 'connected' });
          // Only a room with SIP dial-in configured announces its endpoint.
          if (settings.sipDialIn) {
            emitter.emit('dialin-ready', {
              sipEndpoint: sipEndpointFor(settings.roomName),
              provider: 'daily',
            });
          }
        });
      });
    });
  }

  protected connectionLost(msg: string): void {
    const { timers, requests, dtmf } = this.ctx;
    timers.cancelAll();
    requests.interruptAll();
    dtmf.clear();
    this.fatalConnectionError('reconnect', msg);
  }

  private failJoin(msg: string): Error {
    this.fatalConnectionError('join', msg);
    return new Error(msg);
  }

  /**
   * The meeting ends in daily-js's fatal `connection-error`, and (Daily's docs on `error`) "a
   * left-meeting event fires immediately after".
   */
  private fatalConnectionError(on: 'join' | 'reconnect', msg: string): void {
    this.ctx.meeting.reset('error');
    const error: DailyFatalConnectionError = {
      type: 'connection-error',
      msg,
      details: {
        on,
        sourceError: { message: msg },
        uri: `wss://sandbox.daily.co/${this.ctx.settings.roomName}`,
      },
    };
    this.ctx.emitter.emit('error', { errorMsg: msg, error });
    this.ctx.emitter.emit('left-meeting', {});
  }

  /**
   * Leaves: cancels everything scheduled, rejects requests still in flight, empties the room,
   * and emits `left-meeting` in the next macrotask (nothing is emitted after it). Like daily-js,
   * resolves at once without an event when already left or after a failed join.
   */
  leave(): Promise<void> {
    const { meeting, timers, requests, dtmf, emitter } = this.ctx;
    if (meeting.state === 'left-meeting' || meeting.state === 'error') return Promise.resolve();
    timers.cancelAll();
    requests.interruptAll();
    meeting.reset('left-meeting');
    dtmf.clear();
    return new Promise((resolve) => {
      setTimeout(() => {
        emitter.emit('left-meeting', {});
        resolve();
      }, 0);
    });
  }

  /** Leaves if needed, then emits `call-instance-destroyed`; isDestroyed() is then true. */
  destroy(): Promise<void> {
    this.destroying ??= this.leave().then(
      () =>
        new Promise<void>((resolve) => {
          this.destroyed = true;
          setTimeout(() => {
            this.ctx.emitter.emit('call-instance-destroyed', {});
            this.ctx.meeting.notify();
            resolve();
          }, 0);
        }),
    );
    return this.destroying;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  // ------------------------------------------------------------------ read methods

  /** `'new'` → `'joining-meeting'` → `'joined-meeting'` → `'left-meeting'` (`'error'` on failure). */
  meetingState(): DailyMeetingState {
    return this.ctx.meeting.state;
  }

  /** `{}` before join and after leave, `{ local }` while joining, then everyone. */
  participants(): DailyParticipantsObject {
    return this.ctx.meeting.participants();
  }

  /** `{ present, hidden: 0 }`; present counts the local user once joined. */
  participantCounts(): DailyParticipantCounts {
    return this.ctx.meeting.counts();
  }

  /**
   * Calls `listener` with the webhook Daily would send for everything that happens in this
   * room (whoever acted): the sandbox's side of the server's webhook relay. Returns the
   * function that stops it.
   */
  onWebhook(listener: (webhook: SandboxWebhook) => void): () => void {
    const { meeting, settings } = this.ctx;
    const observer = (
      type: string,
      leg: Parameters<typeof webhookFor>[1],
      extra?: Record<string, unknown>,
    ) => listener(webhookFor(type, leg, settings.roomName, extra));
    meeting.happenings.add(observer);
    return () => meeting.happenings.delete(observer);
  }

  /**
   * The shared cloud: a transfer to an address `elsewhere` accepts (another room of the world)
   * is answered and completed there, when the caller's call there ends, not by this room's
   * timers (which would say "completed" while the caller still talks in the target room).
   */
  routeRoomTransfers(elsewhere: (toEndPoint: string) => boolean): void {
    this.ctx.meeting.transfersEndElsewhere = elsewhere;
  }

  // ------------------------------------------------------------------ telephony (daily-js)

  /** daily-js `sipCallTransfer()`; the caller leaves `transferDelayMs` after it resolves. */
  sipCallTransfer(options: DailySipCallTransferOptions): Promise<void> {
    return this.telephony.sipCallTransfer(options);
  }

  /**
   * daily-js `sipRefer()`. SIP legs accept REFER by default, PSTN legs do not (carriers do not
   * take a REFER from Daily): then a warning event follows and the caller stays.
   */
  sipRefer(options: DailySipReferOptions): Promise<void> {
    return this.telephony.sipRefer(options);
  }

  /** daily-js `startDialOut()`; resolves `{ session: { sessionId } }`, then the call rings. */
  startDialOut(options: DailyStartDialoutOptions): Promise<{ session?: DailyDialOutSession }> {
    return this.telephony.startDialOut(options);
  }

  /**
   * daily-js `stopDialOut()`: its join guard throws synchronously; an unknown or dial-in
   * session rejects with `NOT_FOUND: no dial-out session <id>`.
   */
  stopDialOut(options: { sessionId: string }): Promise<void> {
    return this.telephony.stopDialOut(options);
  }

  /** daily-js `sendDTMF()`; the tones are kept per session (see {@link dtmfSent}). */
  sendDTMF(options: DailySendDtmfOptions): Promise<void> {
    return this.telephony.sendDTMF(options);
  }

  // ------------------------------------------------------------------ simulation controls

  /**
   * A caller dials into the room. Needs a joined room (else rejects); `from` must be E.164 for
   * `pstn` or `sip:user@host` for `sip` (else rejects with a TypeError). Emits
   * `participant-joined` after latencyMs, then `dialin-connected` (with `sipFrom`,
   * `sipEndpoint`, `provider`, `sipCallId`), and resolves with the session id after both.
   * With the server's shared cloud, `room` sends the call to another room of this tab's world;
   * the in-tab sandbox has one room and rejects any other.
   */
  dialIn(options: DialInOptions & { room?: string }): Promise<string> {
    const room = (options as { room?: unknown } | null | undefined)?.room;
    if (room !== undefined && room !== this.ctx.settings.roomName) {
      return Promise.reject(
        new Error(
          "dialIn(): the in-tab sandbox has one room; other rooms need the console's server",
        ),
      );
    }
    return this.simulation.dialIn(options);
  }

  /**
   * The far end of a SIP/PSTN leg hangs up: `participant-left` then `dialin-stopped` /
   * `dialout-stopped` in the next macrotask. Everything scheduled for the leg is cancelled, and
   * requests still in flight for it reject as "not a SIP or PSTN participant".
   * @throws Error when there is no such leg.
   */
  hangUp(sessionId: string): void {
    this.simulation.hangUp(sessionId);
  }

  /**
   * Makes the next call of an SDK method (`'join'` or a telephony method) fail with
   * `Error(message)`, after latencyMs and once validation passed. FIFO per method. For
   * `'updateParticipant'` the next eject produces a `nonfatal-error` with that message.
   * @throws TypeError for an unknown method name.
   */
  failNext(method: string, message: string): void {
    this.ctx.requests.failNext(failableMethod(method), String(message));
  }

  /** The DTMF tone strings sent to a session, oldest first. */
  dtmfSent(sessionId: string): string[] {
    return [...(this.ctx.dtmf.get(sessionId) ?? [])];
  }

  /**
   * Adds `count` phone callers, alternating PSTN and SIP dial-ins named "Caller 0001"… Before
   * join they are in the room at join time (no dial-in events: the console was not there yet).
   * After join, one macrotask emits every `participant-joined` (a burst), the next every
   * `dialin-connected`, then the promise resolves. Rejects with a RangeError for a count that
   * is not a non-negative integer.
   */
  addParticipants(count: number): Promise<void> {
    return this.simulation.addParticipants(count);
  }

  /** Another web agent joins (no participantType); resolves with its session id. */
  addAgent(name: string): Promise<string> {
    return this.simulation.addAgent(name);
  }

  /** How the next dial-outs end (default `'answer'`). @throws TypeError for other values. */
  setDialOutOutcome(outcome: DialOutOutcome): void {
    if (!DIAL_OUT_OUTCOMES.includes(outcome)) {
      throw new TypeError(`setDialOutOutcome(): expected one of ${DIAL_OUT_OUTCOMES.join(', ')}`);
    }
    this.ctx.settings.dialOutOutcome = outcome;
    this.ctx.meeting.notify();
  }

  /**
   * Whether a leg's far end accepts SIP REFER (default: SIP legs yes, PSTN legs no).
   * @throws Error for an unknown session.
   */
  setReferSupport(sessionId: string, supported: boolean): void {
    const leg = this.ctx.meeting.legs.get(sessionId);
    if (!leg) throw new Error(`setReferSupport(): no SIP/PSTN leg with sessionId ${sessionId}`);
    leg.referSupported = Boolean(supported);
    this.ctx.meeting.notify();
  }

  /** From an accepted transfer/refer to its events. @throws RangeError for a bad delay. */
  setTransferDelay(ms: number): void {
    this.ctx.settings.transferDelayMs = checkedDelay('transferDelayMs', ms);
    this.ctx.meeting.notify();
  }

  /**
   * How long a dial-out or a transfer's target rings before it answers (one that does not
   * answer gives up after twice that): a test holds a transfer "initiated, not answered" this
   * way instead of waiting. @throws RangeError for a bad time.
   */
  setRingTime(ms: number): void {
    this.ctx.settings.ringMs = checkedDelay('ringMs', ms);
    this.ctx.meeting.notify();
  }

  /** The simulated round trip. @throws RangeError for a bad delay. */
  setLatency(ms: number): void {
    const latencyMs = checkedDelay('latencyMs', ms);
    // Every request in the room waits this long: past seconds the room is frozen, not slow.
    if (latencyMs > MAX_LATENCY_MS) {
      throw new RangeError(
        `setLatency(): at most ${MAX_LATENCY_MS} ms (10 s) of simulated round trip, got ${ms}`,
      );
    }
    this.ctx.settings.latencyMs = latencyMs;
    this.ctx.meeting.notify();
  }

  /** A copy of the current simulation settings. */
  settings(): SandboxSettings {
    return { ...this.ctx.settings };
  }

  /** The SIP/PSTN legs in the room, in order of arrival, for the sandbox panel. */
  telephonySessions(): TelephonySession[] {
    const sessions: TelephonySession[] = [];
    for (const leg of this.ctx.meeting.legs.values()) {
      if (!leg.inRoom) continue;
      const { sessionId, type, name, address, referSupported } = leg;
      sessions.push({ sessionId, type, name, address, referSupported });
    }
    return sessions;
  }

  /**
   * The far end reports a non-fatal problem on a leg still in the room (also one with a transfer
   * or refer in flight), e.g. a codec fallback: emits `dialin-warning` or `dialout-warning` with
   * `errorMsg` in the next macrotask (to every participant, as Daily documents).
   * @throws Error for a leg that is not in the room.
   */
  simulateWarning(sessionId: string, message: string): void {
    const leg = this.ctx.meeting.legs.get(sessionId);
    if (!leg?.inRoom) {
      throw new Error(`simulateWarning(): no SIP/PSTN leg in the room with sessionId ${sessionId}`);
    }
    const errorMsg = String(message);
    this.ctx.timers.after(0, () => this.ctx.meeting.warn(leg, errorMsg));
  }

  /** Switches behaviours Daily does not document. @throws TypeError for unknown keys or values. */
  setBehaviour(partial: Partial<SandboxBehaviour>): void {
    const checked = checkBehaviour(partial);
    if (!checked.ok) throw new TypeError(checked.error);
    this.ctx.settings.behaviour = { ...this.ctx.settings.behaviour, ...checked.value };
    this.ctx.meeting.notify();
  }

  /** A copy of the current behaviours. */
  behaviour(): SandboxBehaviour {
    return { ...this.ctx.settings.behaviour };
  }

  /** The room's dial-in display name, given to callers without `x-daily_display_name`. */
  setDialInDisplayName(name: string): void {
    if (typeof name !== 'string' || !name.trim()) {
      throw new TypeError('setDialInDisplayName(): name must be a non-empty string');
    }
    this.ctx.settings.dialInDisplayName = name;
    this.ctx.meeting.notify();
  }

  /** A dial-out started by another agent, a bot or the REST API (see SandboxSimulation). */
  dialOutElsewhere(options: DialOutElsewhere): Promise<string> {
    return this.simulation.dialOutElsewhere(options);
  }

  /** The caller presses keys: one `dtmf-event` per tone. */
  pressKeys(sessionId: string, tones: string): void {
    this.simulation.pressKeys(sessionId, tones);
  }

  /** A fatal error on a leg (`dialin-error` / `dialout-error`), after which it ends. */
  simulateError(sessionId: string, message: string): void {
    this.simulation.simulateError(sessionId, message);
  }

  /**
   * A clean start: every leg hangs up and scripted failures are dropped. (The shared cloud:
   * every room of the tab's world closes, and consoles in it see the room end.)
   */
  reset(): Promise<void> {
    for (const sessionId of this.legIds()) this.hangUp(sessionId);
    this.ctx.requests.clearFailures();
    return Promise.resolve();
  }

  /** Realistic calls across many rooms: the shared cloud's alone (its world holds the rooms). */
  traffic(options: TrafficOptions): Promise<unknown> {
    void options;
    return Promise.reject(
      new Error("traffic() needs the console's server: its simulated cloud holds the rooms"),
    );
  }

  /** Sees every event this call emits, before its listeners (the simulated cloud's fan-out). */
  tapEvents(listener: (event: SandboxEventRecord) => void): () => void {
    return this.ctx.emitter.tap(listener);
  }

  /** Session ids of every SIP/PSTN leg, also those not (yet) in the room. */
  legIds(): string[] {
    return [...this.ctx.meeting.legs.keys()];
  }

  /** Called on every change of participants, legs, meeting state or settings. */
  subscribe(listener: () => void): () => void {
    return this.ctx.meeting.subscribe(listener);
  }

  /** Increases on every change: the snapshot for `useSyncExternalStore`. */
  get version(): number {
    return this.ctx.meeting.version;
  }
}
