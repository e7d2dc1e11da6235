/**
 * The simulated Daily cloud (sandbox mode only): worlds of rooms, each room one simulated Daily
 * room (the framework-free `SandboxCall` core from `src/sandbox`, run here as the room's
 * engine), shared by every console that joins it. One happening in a room produces, from one
 * place, the SDK events each console in the room receives (fan-out below), the webhooks Daily
 * would send (`onWebhook`) and the state the REST double reports (`room.engine`).
 *
 * A world is a namespace of rooms: the default world is shared by every tab; a test picks its
 * own (`?world=` in the page URL) so parallel tests never see each other's calls. Worlds,
 * rooms and consoles are bounded; an idle world is dropped first when the bound is reached.
 */
import { randomUUID } from 'node:crypto';
import type { DailyParticipant } from '@daily-co/daily-js';
import { SandboxCall } from '../../src/sandbox/sandbox-call';
import type { SandboxEventRecord } from '../../src/sandbox/sandbox-events';
import { sipEndpointFor } from '../../src/sandbox/sandbox-legs';
import { createParticipant } from '../../src/sandbox/sandbox-participants';
import {
  EJECT_NOT_ALLOWED,
  notAllowedMessage,
  serverRejection,
} from '../../src/sandbox/sandbox-telephony';
import { sdkErrorMessage } from '../../src/daily/sdk-call';
import type { SandboxWebhook } from '../../src/sandbox/sandbox-webhooks';
import { TELEPHONY_METHODS } from '../../src/daily/call-api';
import { wireError, type CloudMessage, type RoomState } from '../../src/sandbox/cloud-protocol';
import {
  CLOUD_ROOM,
  DEFAULT_WORLD,
  WORLD_NAME,
  webhookRoomName,
} from '../../src/domain/sandbox-world';
import type { RoomAction } from './daily-double';

export { DEFAULT_WORLD, WORLD_NAME };
export type { CloudMessage, RoomState };

export interface ConsoleSink {
  send(message: CloudMessage): void;
  /** Ends the console's stream (world reset, shutdown). */
  close(): void;
}

/** The SDK methods a console may call, and the simulation controls that act on its room. */
export const SDK_METHODS = TELEPHONY_METHODS;
export const CONTROL_METHODS = [
  'dialIn',
  'hangUp',
  'failNext',
  'addParticipants',
  'addAgent',
  'setDialOutOutcome',
  'setReferSupport',
  'setTransferDelay',
  'setLatency',
  'dtmfSent',
  'simulateWarning',
  'setBehaviour',
  'setDialInDisplayName',
  'dialOutElsewhere',
  'pressKeys',
  'simulateError',
] as const;
export type CloudMethod = (typeof SDK_METHODS)[number] | (typeof CONTROL_METHODS)[number];
export const CLOUD_METHODS: readonly CloudMethod[] = [...SDK_METHODS, ...CONTROL_METHODS];

const SKIPPED = new Set([
  'joining-meeting',
  'joined-meeting',
  'access-state-updated',
  'network-connection',
  'dialin-ready',
  'left-meeting',
  'error',
  'call-instance-destroyed',
  'participant-counts-updated',
]);

export interface CloudLimits {
  worlds: number;
  roomsPerWorld: number;
  consolesPerRoom: number;
  /** Callers `addParticipants` may bring into one room, in all (it is shared by its consoles). */
  callersPerRoom: number;
}

export const DEFAULT_LIMITS: CloudLimits = {
  worlds: 200,
  roomsPerWorld: 500,
  consolesPerRoom: 100,
  callersPerRoom: 20_000,
};

export class CloudError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 503,
    message: string,
  ) {
    super(message);
  }
}

export interface CloudOptions {
  /** Daily's webhook for a happening in `room` of `world`. */
  onWebhook?: (world: string, webhook: SandboxWebhook) => void;
  limits?: Partial<CloudLimits>;
  /** Engine timings for new rooms (tests make them short). */
  timings?: { latencyMs?: number; ringMs?: number; transferDelayMs?: number };
}

/** Every world, created on first use. */
export class SandboxCloud {
  readonly limits: CloudLimits;
  private readonly worlds = new Map<string, World>();

  constructor(readonly options: CloudOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  /**
   * @param by the account that uses it (the first one is its creator, who may reset it).
   * @throws CloudError 400 for a bad name, 503 when every world is in use.
   */
  world(name: string = DEFAULT_WORLD, by?: number): World {
    if (!WORLD_NAME.test(name)) {
      throw new CloudError(400, 'world: 1-64 letters, digits, "-" or "_"');
    }
    let world = this.worlds.get(name);
    if (world) {
      // Most recently used last: eviction takes the oldest idle world.
      this.worlds.delete(name);
      this.worlds.set(name, world);
      return world;
    }
    if (this.worlds.size >= this.limits.worlds) this.evictIdleWorld();
    world = new World(name, this, name === DEFAULT_WORLD ? undefined : by);
    this.worlds.set(name, world);
    return world;
  }

  /** An existing world, or undefined (reads never create one). */
  peek(name: string): World | undefined {
    return this.worlds.get(name);
  }

  private evictIdleWorld(): void {
    for (const [name, world] of this.worlds) {
      if (world.consoleCount === 0 && !world.trafficRunning) {
        world.reset();
        this.worlds.delete(name);
        return;
      }
    }
    throw new CloudError(503, 'the sandbox cloud is full: every world has consoles in it');
  }

  /** Stops every world (server shutdown): consoles are told why their room closed. */
  close(): void {
    for (const world of this.worlds.values()) world.reset('the sandbox server is shutting down');
    this.worlds.clear();
  }
}

/** A namespace of rooms; rooms are created when first joined or dialled. */
export class World {
  private readonly rooms = new Map<string, CloudRoom>();
  private trafficStop: (() => void) | undefined;
  /** The running (or last) traffic's counts, for the summary. */
  trafficStats: { started: number; skipped: number; live: number } | undefined;

  constructor(
    readonly name: string,
    readonly cloud: SandboxCloud,
    /** The account that first used it; none for the shared default world. */
    readonly creator?: number,
  ) {}

  /**
   * Why `account` may not reset this world (everyone's consoles in it would close), else
   * undefined: admins may reset any world, others only one they created.
   */
  resetRefusal(account: { id: number; role: string }): string | undefined {
    if (account.role === 'admin' || (this.creator !== undefined && this.creator === account.id)) {
      return undefined;
    }
    return 'Only an admin or the account that started this sandbox world may reset it';
  }

  get consoleCount(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.consoles.size;
    return n;
  }

  get trafficRunning(): boolean {
    return this.trafficStop !== undefined;
  }

  /** @throws CloudError 400 for a bad room name, 503 past the room limit. */
  room(name: string): CloudRoom {
    if (!CLOUD_ROOM.test(name)) {
      throw new CloudError(400, 'room: not a valid Daily room name (letters, digits, "-", "_")');
    }
    let room = this.rooms.get(name);
    if (!room) {
      if (this.rooms.size >= this.cloud.limits.roomsPerWorld) {
        throw new CloudError(503, `a world holds at most ${this.cloud.limits.roomsPerWorld} rooms`);
      }
      room = new CloudRoom(name, this);
      this.rooms.set(name, room);
    }
    return room;
  }

  peek(name: string): CloudRoom | undefined {
    return this.rooms.get(name);
  }

  /** The room a SIP URI reaches: `sip:<room>@sandbox.sip.daily.co`, else undefined. */
  roomForSipUri(uri: string): CloudRoom | undefined {
    const match = /^sips?:([^@]+)@sandbox\.sip\.daily\.co$/i.exec(uri.split(/[;?]/)[0] ?? '');
    if (!match?.[1]) return undefined;
    try {
      return this.room(match[1]);
    } catch {
      return undefined;
    }
  }

  summary(): { name: string; legs: number; consoles: number; events: number }[] {
    return [...this.rooms.values()].map((r) => ({
      name: r.name,
      legs: r.engine.telephonySessions().length,
      consoles: r.consoles.size,
      events: r.eventCount,
    }));
  }

  /** Hands a room's webhook to the relay, its room named per world ({@link webhookRoomName}). */
  webhook(webhook: SandboxWebhook): void {
    const room = webhook.payload.room;
    const named =
      typeof room === 'string'
        ? { ...webhook, payload: { ...webhook.payload, room: webhookRoomName(room, this.name) } }
        : webhook;
    this.cloud.options.onWebhook?.(this.name, named);
  }

  /** Empties the world: every room closes (its consoles' streams end), traffic stops. */
  reset(reason = 'the sandbox world was reset'): void {
    this.trafficStop?.();
    this.trafficStop = undefined;
    for (const room of this.rooms.values()) room.close(reason);
    this.rooms.clear();
  }

  setTraffic(stop: (() => void) | undefined): void {
    this.trafficStop?.();
    this.trafficStop = stop;
  }
}

interface CloudConsole {
  readonly id: string;
  readonly sessionId: string;
  readonly role: 'owner' | 'participant';
  readonly participant: DailyParticipant;
  readonly sink: ConsoleSink;
  /** Legs this console started or acted on (for `telephonyEvents: 'initiator-only'`). */
  readonly actedOn: Set<string>;
}

/** One simulated Daily room and the consoles in it. */
export class CloudRoom {
  readonly engine: SandboxCall;
  readonly consoles = new Map<string, CloudConsole>();
  readonly roomId = randomUUID();
  readonly ready: Promise<void>;
  private statePending = false;
  /** SDK events the room has produced (before fan-out), for benchmarks. */
  eventCount = 0;
  private lastEjector: string | undefined;
  private lastDialOutStarter: string | undefined;
  private closed = false;

  constructor(
    readonly name: string,
    readonly world: World,
  ) {
    const timings = world.cloud.options.timings ?? {};
    this.engine = new SandboxCall({
      roomName: name,
      role: 'owner',
      userName: `room ${name}`,
      latencyMs: 0,
      ...(timings.ringMs !== undefined ? { ringMs: timings.ringMs } : {}),
      ...(timings.transferDelayMs !== undefined
        ? { transferDelayMs: timings.transferDelayMs }
        : {}),
      // A room lives as long as the server: it keeps no event or call log.
      logLimit: 0,
      // A shared room: one console may not fill it past what every console can render.
      maxCallers: world.cloud.limits.callersPerRoom,
    });
    this.engine.tapEvents((event) => this.fanOut(event));
    this.engine.subscribe(() => this.scheduleState());
    this.engine.onWebhook((webhook) => this.happened(webhook));
    this.ready = this.engine.join({}).then(() => {
      this.engine.setLatency(timings.latencyMs ?? 250);
    });
  }

  /** The SDK round trip the room simulates (for the console-side refusals below). */
  private get latencyMs(): number {
    return this.engine.settings().latencyMs;
  }

  state(): RoomState {
    const settings: Partial<ReturnType<SandboxCall['settings']>> = this.engine.settings();
    delete settings.role;
    delete settings.userName;
    delete settings.behaviour;
    return {
      legs: this.engine.telephonySessions(),
      behaviour: this.engine.behaviour(),
      settings: settings as RoomState['settings'],
    };
  }

  private remotes(): DailyParticipant[] {
    const all = this.engine.participants();
    return Object.entries(all)
      .filter(([key]) => key !== 'local')
      .map(([, p]) => p);
  }

  /**
   * What each console counts as present: the room's legs and agents (the engine's count, less
   * its own local participant, which is nobody) and every console.
   */
  private present(): number {
    return this.engine.participantCounts().present - 1 + this.consoles.size;
  }

  /** A console joins: it gets the room as it is now, everyone else a `participant-joined`. */
  async join(init: {
    userName: string;
    role: 'owner' | 'participant';
    sink: ConsoleSink;
  }): Promise<string> {
    await this.ready;
    if (this.closed) throw new CloudError(409, 'the room was closed');
    if (this.consoles.size >= this.world.cloud.limits.consolesPerRoom) {
      throw new CloudError(
        503,
        `a room holds at most ${this.world.cloud.limits.consolesPerRoom} consoles`,
      );
    }
    const sessionId = randomUUID();
    const participant = createParticipant({
      sessionId,
      userName: init.userName,
      owner: init.role === 'owner',
      joinedAt: new Date(),
    });
    const c: CloudConsole = {
      id: randomUUID(),
      sessionId,
      role: init.role,
      participant,
      sink: init.sink,
      actedOn: new Set(),
    };
    const others = [...this.consoles.values()];
    this.consoles.set(c.id, c);
    init.sink.send({
      t: 'joined',
      consoleId: c.id,
      sessionId,
      roomId: this.roomId,
      sipEndpoint: sipEndpointFor(this.name),
      remotes: [...this.remotes(), ...others.map((o) => o.participant)],
      present: this.present(),
      state: this.state(),
    });
    this.send(others, { t: 'event', action: 'participant-joined', data: { participant } });
    this.sendCounts(others);
    return c.id;
  }

  /** A console leaves (its stream ended): the others see it go. */
  leave(consoleId: string): void {
    const c = this.consoles.get(consoleId);
    if (!c) return;
    this.consoles.delete(consoleId);
    this.send(this.consoles.values(), {
      t: 'event',
      action: 'participant-left',
      data: { participant: c.participant },
    });
    this.sendCounts(this.consoles.values());
  }

  close(reason: string): void {
    this.closed = true;
    for (const c of this.consoles.values()) {
      c.sink.send({ t: 'ended', reason });
      c.sink.close();
    }
    this.consoles.clear();
    void this.engine.destroy();
  }

  private sendCounts(to: Iterable<CloudConsole>): void {
    const participantCounts = { present: this.present(), hidden: 0 };
    this.send(to, {
      t: 'event',
      action: 'participant-counts-updated',
      data: { participantCounts },
    });
  }

  /** One message to several consoles: the same object, so each sink can reuse its encoding. */
  private send(to: Iterable<CloudConsole>, message: CloudMessage): void {
    for (const c of to) c.sink.send(message);
  }

  /**
   * Runs one RPC of a console: an SDK method or a simulation control on the room's engine. The
   * answer goes down the console's stream (in order with the room's events), never thrown.
   */
  call(consoleId: string, id: number, method: CloudMethod, args: unknown[]): void {
    const c = this.consoles.get(consoleId);
    if (!c) return;
    const reply = (result: Promise<unknown>) =>
      result.then(
        (value) => c.sink.send({ t: 'reply', id, ok: true, value: value ?? null }),
        (error: unknown) => c.sink.send({ t: 'reply', id, ok: false, error: wireError(error) }),
      );
    try {
      void reply(Promise.resolve(this.invoke(c, method, args)));
    } catch (error) {
      void reply(Promise.reject(error));
    }
  }

  private invoke(c: CloudConsole, method: CloudMethod, args: unknown[]): unknown {
    const e = this.engine;
    const a = args as unknown as { 0: never; 1: never };
    const sessionOf = (o: unknown) =>
      o && typeof o === 'object' ? (o as { sessionId?: unknown }).sessionId : undefined;
    if ((SDK_METHODS as readonly string[]).includes(method)) {
      const target = method === 'updateParticipant' ? a[0] : sessionOf(a[0]);
      if (typeof target === 'string') c.actedOn.add(target);
      if (c.role === 'participant') return this.refuse(c, method);
    }
    switch (method) {
      case 'sipCallTransfer':
        return e.sipCallTransfer(a[0]);
      case 'sipRefer':
        return e.sipRefer(a[0]);
      case 'startDialOut': {
        this.lastDialOutStarter = c.id;
        const before = new Set(e.legIds());
        return e.startDialOut(a[0]).then((result) => {
          for (const id of e.legIds()) if (!before.has(id)) c.actedOn.add(id);
          return result;
        });
      }
      case 'stopDialOut':
        return e.stopDialOut(a[0]);
      case 'sendDTMF':
        return e.sendDTMF(a[0]);
      case 'updateParticipant':
        this.lastEjector = c.id;
        e.updateParticipant(a[0], a[1]);
        return undefined;
      case 'dialIn': {
        // `room`: the call dials into another room of this world (the panel's "Into room").
        const o = args[0];
        const room = o && typeof o === 'object' ? (o as { room?: unknown }).room : undefined;
        if (room === undefined || room === this.name) return e.dialIn(a[0]);
        if (typeof room !== 'string') throw new TypeError('dialIn(): room must be a room name');
        const target = this.world.room(room);
        const rest = { ...(o as Record<string, unknown>) };
        delete rest.room;
        return target.ready.then(() => target.engine.dialIn(rest as never));
      }
      case 'hangUp':
        return e.hangUp(a[0]);
      case 'failNext':
        return e.failNext(a[0], a[1]);
      case 'addParticipants': {
        const count = args[0];
        if (typeof count === 'number' && count > 5_000) {
          throw new RangeError('addParticipants(): at most 5,000 at once in the shared cloud');
        }
        return e.addParticipants(a[0]);
      }
      case 'addAgent':
        return e.addAgent(a[0]);
      case 'setDialOutOutcome':
        return e.setDialOutOutcome(a[0]);
      case 'setReferSupport':
        return e.setReferSupport(a[0], a[1]);
      case 'setTransferDelay':
        return e.setTransferDelay(a[0]);
      case 'setLatency':
        return e.setLatency(a[0]);
      case 'dtmfSent':
        return e.dtmfSent(a[0]);
      case 'simulateWarning':
        return e.simulateWarning(a[0], a[1]);
      case 'setBehaviour':
        return e.setBehaviour(a[0]);
      case 'setDialInDisplayName':
        return e.setDialInDisplayName(a[0]);
      case 'dialOutElsewhere':
        return e.dialOutElsewhere(a[0]);
      case 'pressKeys':
        return e.pressKeys(a[0], a[1]);
      case 'simulateError':
        return e.simulateError(a[0], a[1]);
    }
  }

  /**
   * A console without owner/admin rights: Daily refuses telephony after a round trip; an eject
   * comes back as a `nonfatal-error` to that console only.
   */
  private refuse(c: CloudConsole, method: CloudMethod): Promise<void> | undefined {
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    if (method === 'updateParticipant') {
      void wait(this.latencyMs).then(() =>
        c.sink.send({
          t: 'event',
          action: 'nonfatal-error',
          data: { type: 'not-allowed', errorMsg: EJECT_NOT_ALLOWED },
        }),
      );
      return undefined;
    }
    return wait(this.latencyMs).then(() => {
      throw serverRejection(this.engine.behaviour().serverRejection, notAllowedMessage(method));
    });
  }

  /** One engine event → the consoles that receive it (see `telephonyEvents`). */
  private fanOut(event: SandboxEventRecord): void {
    this.eventCount++;
    const { action, ...data } = event;
    delete data.callClientId;
    if (action === 'participant-counts-updated') return this.sendCounts(this.consoles.values());
    if (SKIPPED.has(action)) return;
    let to: Iterable<CloudConsole> = this.consoles.values();
    if (action === 'nonfatal-error') to = this.only(this.lastEjector);
    else if (action === 'dialout-error' && typeof data.sessionId !== 'string') {
      to = this.only(this.lastDialOutStarter);
    } else if (/^dial(in|out)-/.test(action) && !action.endsWith('-warning')) {
      if (this.engine.behaviour().telephonyEvents === 'initiator-only') {
        const sessionId = String(data.sessionId);
        to = [...this.consoles.values()].filter((c) => c.actedOn.has(sessionId));
      }
    }
    this.send(to, { t: 'event', action, data });
  }

  private only(consoleId: string | undefined): CloudConsole[] {
    const c = consoleId ? this.consoles.get(consoleId) : undefined;
    return c ? [c] : [];
  }

  private scheduleState(): void {
    if (this.statePending || this.consoles.size === 0) return;
    this.statePending = true;
    setImmediate(() => {
      this.statePending = false;
      if (this.closed) return;
      this.send(this.consoles.values(), { t: 'state', state: this.state() });
    });
  }

  /**
   * Daily's webhook for a happening here; and a transfer or refer to another sandbox room's SIP
   * address makes the caller arrive there as a SIP dial-in (its number and name kept).
   */
  private happened(webhook: SandboxWebhook): void {
    this.world.webhook(webhook);
    const sessionId = String(webhook.payload.session_id);
    if (webhook.type === 'calltransfer.triggered') {
      const leg = this.engine.telephonySessions().find((l) => l.sessionId === sessionId);
      if (leg) this.transferring.set(sessionId, leg.name);
      if (this.transferring.size > 1_000) {
        const oldest = this.transferring.keys().next().value;
        if (oldest !== undefined) this.transferring.delete(oldest);
      }
      return;
    }
    if (webhook.type !== 'calltransfer.initiated') return;
    const name = this.transferring.get(sessionId);
    this.transferring.delete(sessionId);
    const to = webhook.payload.to_endpoint;
    if (typeof to !== 'string') return;
    const target = this.world.roomForSipUri(to);
    if (!target || target === this) return;
    const from = String(webhook.payload.from_endpoint ?? '');
    void arriveByTransfer(target, from, name);
  }

  /**
   * Daily's REST API acting on this room (the REST double forwards here): the same engine, so
   * every console in the room sees the events and the webhooks follow, as with a real room.
   * Nobody in the room initiated it (for `telephonyEvents: 'initiator-only'`).
   */
  async rest(action: RoomAction, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    await this.ready;
    const e = this.engine;
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
    const sessionId = str('sessionId') ?? '';
    const optional = (...keys: string[]) =>
      Object.fromEntries(keys.flatMap((k) => (str(k) ? [[k, str(k)]] : [])));
    try {
      switch (action) {
        case 'sipCallTransfer':
          await e.sipCallTransfer({ sessionId, toEndPoint: str('toEndPoint') ?? '' });
          return { ok: 'true' };
        case 'sipRefer':
          await e.sipRefer({ sessionId, toEndPoint: str('toEndPoint') ?? '' });
          return { ok: 'true' };
        case 'dialOut/start': {
          const before = new Set(e.legIds());
          const result = await e.startDialOut(
            optional('phoneNumber', 'sipUri', 'displayName', 'userId') as never,
          );
          const id = result.session?.sessionId ?? e.legIds().find((l) => !before.has(l));
          return { ok: 'true', ...(id ? { sessionId: id } : {}) };
        }
        case 'dialOut/stop':
          await e.stopDialOut({ sessionId });
          return { ok: 'true' };
        case 'dialOut/sendDTMF':
          await e.sendDTMF({ sessionId, tones: str('tones') ?? '' });
          return { ok: 'true', sessionId };
        case 'eject': {
          const ids = Array.isArray(body.ids)
            ? body.ids.filter((x): x is string => typeof x === 'string')
            : [];
          const present = new Set(Object.keys(e.participants()));
          const ejected = ids.filter((id) => present.has(id));
          for (const id of ejected) e.updateParticipant(id, { eject: true });
          return { ejectedIds: ejected };
        }
      }
    } catch (error) {
      throw new Error(sdkErrorMessage(error));
    }
  }

  /** Names of callers with a transfer under way (for their arrival in another room). */
  private readonly transferring = new Map<string, string>();
}

/** A caller moved from another room arrives here as a SIP dial-in. */
async function arriveByTransfer(
  room: CloudRoom,
  from: string,
  name: string | undefined,
): Promise<void> {
  await room.ready;
  const sipFrom = /^sips?:/.test(from)
    ? from
    : `sip:${from.replace(/[^0-9A-Za-z+._-]/g, '') || 'caller'}@pstn.sandbox.daily.co`;
  try {
    await room.engine.dialIn({ kind: 'sip', from: sipFrom, ...(name ? { name } : {}) });
  } catch {
    // The target room refused the call (no SIP dial-in): the transferred caller is dropped,
    // as a SIP INVITE to a room without dial-in would be.
  }
}
