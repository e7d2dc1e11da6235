/**
 * Sandbox mode: Daily's pinless dial-in, simulated. The purchased numbers have pinless configs
 * pointing at this server's `room_creation_api`; a simulated caller dials one, is held (hold
 * music), and Daily's signed room-creation request goes out over HTTP exactly as Daily would
 * send it. The REST double's `pinlessCallUpdate` routes the held caller into a room of the
 * simulated cloud by its SIP URI; a caller nobody routes hears the timeout message and is gone.
 */
import { randomUUID } from 'node:crypto';
import { worldRoomOf } from '../../src/domain/sandbox-world';
import { pinlessHeaders } from '../domain/pinless';
import type { Logger } from '../log';
import type { SandboxCloud } from './cloud';

export const TIMEOUT_MESSAGE = 'No agents are available right now, please try again later';
export const CALL_DOMAIN = '7c2f1a9e-5d43-4b8e-9f61-0a2b3c4d5e6f';

export type HeldState = 'held' | 'routed' | 'hung-up' | 'timed-out';

export interface HeldCall {
  callId: string;
  world: string;
  from: string;
  to: string;
  name: string;
  state: HeldState;
  heldAt: number;
  /** What the caller heard last: the hold music, or the timeout message. */
  hearing: string;
  /** The room-creation request's answer (status and error), for the panel. */
  answer?: { status: number; error?: string };
  room?: string;
  sessionId?: string;
}

export interface PinlessLineOptions {
  cloud: SandboxCloud;
  numbers: () => string[];
  secret: Buffer;
  /** Our `room_creation_api` (the server's own `/webhooks/pinless`). */
  target: () => string;
  log: Logger;
  /** How long Daily holds a caller before the timeout message (a dial may ask for less). */
  holdTimeoutMs?: number;
  now?: () => number;
}

const MAX_HELD = 2_000;

export class PinlessLine {
  private readonly calls = new Map<string, HeldCall>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** One-shot listeners for a held call leaving hold (`watch`). */
  private readonly watchers = new Map<string, (state: HeldState) => void>();
  private readonly now: () => number;

  constructor(private readonly opts: PinlessLineOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** `GET /domain-dialin-config` as the double answers it: one pinless config per number. */
  configs() {
    return this.opts.numbers().map((number, i) => ({
      id: `5e1d0c2b-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      type: 'pinless_dialin',
      config: {
        phone_number: number,
        name_prefix: 'sandbox',
        room_creation_api: this.opts.target(),
        hold_music_url: 'https://sandbox.invalid/hold-music.mp3',
        timeout_config: { message: TIMEOUT_MESSAGE },
      },
    }));
  }

  list(world: string): HeldCall[] {
    return [...this.calls.values()].filter((c) => c.world === world);
  }

  /** A caller dials a purchased number: held, and our room_creation_api is asked. */
  async dial(input: {
    world: string;
    from: string;
    to: string;
    name?: string;
    holdTimeoutMs?: number;
  }) {
    if (!this.opts.numbers().includes(input.to)) {
      throw new Error(`${input.to} is not a purchased number of the sandbox`);
    }
    if (this.calls.size >= MAX_HELD) this.forgetOldest();
    const call: HeldCall = {
      callId: randomUUID(),
      world: input.world,
      from: input.from,
      to: input.to,
      name: input.name || 'Caller',
      state: 'held',
      heldAt: this.now(),
      hearing: 'hold music',
    };
    this.calls.set(call.callId, call);
    const ms = Math.min(input.holdTimeoutMs ?? this.opts.holdTimeoutMs ?? 300_000, 3_600_000);
    const timer = setTimeout(() => this.timeOut(call), ms);
    timer.unref?.();
    this.timers.set(call.callId, timer);
    const body = JSON.stringify({
      To: call.to,
      From: call.from,
      callId: call.callId,
      callDomain: CALL_DOMAIN,
    });
    try {
      const res = await fetch(this.opts.target(), {
        method: 'POST',
        headers: pinlessHeaders(this.opts.secret, body, this.now()),
        body,
        signal: AbortSignal.timeout(10_000),
      });
      const json = (await res.json().catch(() => ({}))) as { error?: string };
      call.answer = { status: res.status, ...(json.error ? { error: json.error } : {}) };
      // Daily plays the timeout message when the room_creation_api does not take the call.
      if (!res.ok) this.timeOut(call);
    } catch (error) {
      this.opts.log.warn({ err: error }, 'sandbox pinless: room_creation_api unreachable');
      call.answer = { status: 0, error: 'room_creation_api unreachable' };
      this.timeOut(call);
    }
    return call;
  }

  /**
   * The double's `pinlessCallUpdate`: the held call joins the room the SIP URI names.
   * @returns the new leg's session id, or why not (`gone`: no such held call).
   */
  async update(body: { callId?: unknown; callDomain?: unknown; sipUri?: unknown }) {
    const call = typeof body.callId === 'string' ? this.calls.get(body.callId) : undefined;
    if (!call || call.state !== 'held' || body.callDomain !== CALL_DOMAIN) {
      return { ok: false as const, gone: true, info: 'call not found or no longer on hold' };
    }
    const user =
      typeof body.sipUri === 'string' ? /^sips?:([^@]+)@/i.exec(body.sipUri)?.[1] : undefined;
    const at = user ? worldRoomOf(user) : undefined;
    if (!at)
      return { ok: false as const, gone: false, info: 'sipUri is not a room of this domain' };
    const room = this.opts.cloud.world(at.world).room(at.room);
    await room.ready;
    call.state = 'routed';
    call.hearing = 'the agent';
    call.room = user;
    this.clearTimer(call.callId);
    try {
      call.sessionId = await room.engine.dialIn({ kind: 'pstn', from: call.from, name: call.name });
    } finally {
      this.left(call);
    }
    return { ok: true as const, sessionId: call.sessionId };
  }

  /**
   * Tells `fn` once when the held call leaves hold: routed to an agent, hung up, or timed out
   * (the traffic generator follows its queue callers this way).
   */
  watch(callId: string, fn: (state: HeldState) => void): void {
    const call = this.calls.get(callId);
    if (call && call.state !== 'held') fn(call.state);
    else if (call) this.watchers.set(callId, fn);
  }

  private left(call: HeldCall): void {
    const fn = this.watchers.get(call.callId);
    this.watchers.delete(call.callId);
    fn?.(call.state);
  }

  /** The caller hangs up: on hold, or in the room they were routed to. */
  hangUp(callId: string): HeldCall | undefined {
    const call = this.calls.get(callId);
    if (!call) return undefined;
    if (call.state === 'held') {
      call.state = 'hung-up';
      call.hearing = 'nothing';
      this.clearTimer(callId);
      this.left(call);
    } else if (call.state === 'routed' && call.room && call.sessionId) {
      const at = worldRoomOf(call.room);
      try {
        if (at) this.opts.cloud.peek(at.world)?.peek(at.room)?.engine.hangUp(call.sessionId);
      } catch {
        // Already gone from the room (the agent hung up or moved it on).
      }
      call.state = 'hung-up';
      call.hearing = 'nothing';
    }
    return call;
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.watchers.clear();
  }

  private timeOut(call: HeldCall) {
    this.clearTimer(call.callId);
    if (call.state !== 'held') return;
    call.state = 'timed-out';
    call.hearing = TIMEOUT_MESSAGE;
    this.left(call);
  }

  private clearTimer(callId: string) {
    const t = this.timers.get(callId);
    if (t) clearTimeout(t);
    this.timers.delete(callId);
  }

  private forgetOldest() {
    const oldest = this.calls.keys().next().value;
    if (oldest !== undefined) {
      this.clearTimer(oldest);
      this.watchers.delete(oldest);
      this.calls.delete(oldest);
    }
  }
}
