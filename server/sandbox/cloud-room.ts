/**
 * One room of the simulated Daily cloud: the room's engine (`SandboxCall`) and the consoles in
 * it. One happening in the room produces, from one place, the SDK events each console
 * receives (fan-out below), the webhooks Daily would send and the state the REST double
 * reports (`room.engine`). Consoles' calls are dispatched by name from the method table.
 */
import { randomUUID } from 'node:crypto';
import type { DailyParticipant } from '@daily-co/daily-js';
import {
  createParticipant,
  EJECT_NOT_ALLOWED,
  isSdkMethod,
  notAllowedMessage,
  SandboxCall,
  serverRejection,
  sipEndpointFor,
  wireError,
  type CloudMessage,
  type CloudMethod,
  type RoomState,
  type SandboxEventRecord,
  type SandboxWebhook,
} from '../../src/sandbox/engine';
import { sdkErrorMessage } from '../../src/domain/sdk-error';
import type { World } from './cloud';
import { CloudError } from './cloud-error';
import type { RoomAction } from './daily-double';

export interface ConsoleSink {
  send(message: CloudMessage): void;
  /** Ends the console's stream (world reset, shutdown). */
  close(): void;
}

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

interface CloudConsole {
  readonly id: string;
  readonly sessionId: string;
  /** From its meeting token: owner, participant admin, or neither (refused telephony). */
  readonly role: 'owner' | 'admin' | 'participant';
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
    // A transfer into another room of this world completes when the call there ends.
    this.engine.routeRoomTransfers((to) => {
      const target = world.roomForSipUri(to);
      return target !== undefined && target !== this;
    });
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
    role: 'owner' | 'admin' | 'participant';
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

  /**
   * One method of the table (`CLOUD_METHODS`) on the room's engine, by name. SDK methods note
   * the leg a console acted on and are refused to a console without owner rights; the few
   * calls with more to do than the engine's own answer are in {@link special}.
   */
  private invoke(c: CloudConsole, method: CloudMethod, args: unknown[]): unknown {
    if (isSdkMethod(method)) {
      const first = args[0];
      const target =
        method === 'updateParticipant'
          ? first
          : first && typeof first === 'object'
            ? (first as { sessionId?: unknown }).sessionId
            : undefined;
      if (typeof target === 'string') c.actedOn.add(target);
      if (c.role === 'participant') return this.refuse(c, method);
    }
    const special = this.special[method];
    if (special) return special(c, args);
    const engine = this.engine as unknown as Record<CloudMethod, (...a: unknown[]) => unknown>;
    return engine[method].apply(this.engine, args);
  }

  /** The calls the cloud does more for than the engine's own answer. */
  private readonly special: Partial<
    Record<CloudMethod, (c: CloudConsole, args: unknown[]) => unknown>
  > = {
    startDialOut: (c, args) => {
      const e = this.engine;
      this.lastDialOutStarter = c.id;
      const before = new Set(e.legIds());
      return e.startDialOut(args[0] as never).then((result) => {
        for (const id of e.legIds()) if (!before.has(id)) c.actedOn.add(id);
        return result;
      });
    },
    updateParticipant: (c, args) => {
      this.lastEjector = c.id;
      this.engine.updateParticipant(args[0] as never, args[1] as never);
      return undefined;
    },
    dialIn: (_c, args) => {
      // `room`: the call dials into another room of this world (the panel's "Into room").
      const o = args[0];
      const room = o && typeof o === 'object' ? (o as { room?: unknown }).room : undefined;
      if (room === undefined || room === this.name) return this.engine.dialIn(o as never);
      if (typeof room !== 'string') throw new TypeError('dialIn(): room must be a room name');
      const target = this.world.room(room);
      const rest = { ...(o as Record<string, unknown>) };
      delete rest.room;
      return target.ready.then(() => target.engine.dialIn(rest as never));
    },
    addParticipants: (_c, args) => {
      const count = args[0];
      if (typeof count === 'number' && count > 5_000) {
        throw new RangeError('addParticipants(): at most 5,000 at once in the shared cloud');
      }
      return this.engine.addParticipants(count as never);
    },
  };

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
    if (webhook.type === 'dialin.stopped') this.legEnds.get(sessionId)?.();
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
    void arriveByTransfer(target, from, name).then((arrived) =>
      this.followTransfer(webhook, arrived, target),
    );
  }

  /**
   * The transferred call's life in the target room, as Daily's webhooks to this room tell it:
   * `answered` when it arrives there (a room picks up at once), `completed` when it ends there
   * (at once when the target room refused it). Only for a target that answers.
   */
  private followTransfer(
    initiated: SandboxWebhook,
    arrived: string | undefined,
    target: CloudRoom,
  ) {
    if (initiated.payload.is_sip_refer === true) return;
    if (this.engine.behaviour().transferTarget !== 'answers') return;
    const payload = { ...initiated.payload };
    delete payload.is_sip_refer;
    const completed = () => this.world.webhook({ type: 'calltransfer.completed', payload });
    if (!arrived) return completed();
    this.world.webhook({ type: 'calltransfer.answered', payload: initiated.payload });
    target.whenLegEnds(arrived, completed);
  }

  /** Calls `then` once when the leg `sessionId` of this room ends (its `dialin.stopped`). */
  whenLegEnds(sessionId: string, then: () => void): void {
    this.legEnds.set(sessionId, () => {
      this.legEnds.delete(sessionId);
      then();
    });
    if (this.legEnds.size > 1_000) {
      const oldest = this.legEnds.keys().next().value;
      if (oldest !== undefined) this.legEnds.delete(oldest);
    }
  }

  /** Transferred calls in this room whose end another room reports (see `whenLegEnds`). */
  private readonly legEnds = new Map<string, () => void>();

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

/** A caller moved from another room arrives here as a SIP dial-in; resolves its session id. */
async function arriveByTransfer(
  room: CloudRoom,
  from: string,
  name: string | undefined,
): Promise<string | undefined> {
  await room.ready;
  const sipFrom = /^sips?:/.test(from)
    ? from
    : `sip:${from.replace(/[^0-9A-Za-z+._-]/g, '') || 'caller'}@pstn.sandbox.daily.co`;
  try {
    return await room.engine.dialIn({ kind: 'sip', from: sipFrom, ...(name ? { name } : {}) });
  } catch {
    // The target room refused the call (no SIP dial-in): the transferred caller is dropped,
    // as a SIP INVITE to a room without dial-in would be.
    return undefined;
  }
}
