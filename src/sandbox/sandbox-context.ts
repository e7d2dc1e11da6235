import { SANDBOX_ROOM_NAME } from '../domain/telephony';
import { DEFAULT_BEHAVIOUR, type SandboxBehaviour } from './sandbox-behaviour';
import { SandboxEmitter } from './sandbox-events';
import type { SandboxRole } from './sandbox-participants';
import { SandboxRequests } from './sandbox-requests';
import { SandboxRoom, type DialOutOutcome } from './sandbox-room';
import { SandboxTimers } from './sandbox-timers';
import { validateDelay } from './sandbox-validate';

/** Options of a sandbox room (`?latency=` and `?role=` in the page URL set the first two). */
export interface SandboxCallOptions {
  /** The simulated server round trip: before a method settles and between events. Default 250. */
  latencyMs?: number;
  /** The local user's rights. Default `'owner'`. */
  role?: SandboxRole;
  /** The local user's name unless `join({ userName })` gives one. Default `'Sandbox agent'`. */
  userName?: string;
  /** How long a dial-out rings before it is answered (no-answer: twice that). Default 1000. */
  ringMs?: number;
  /** From an accepted transfer/refer to the caller leaving the room. Default 1500. */
  transferDelayMs?: number;
  /** What Daily does not document (see `sandbox-behaviour.ts`). Default: the documented defaults. */
  behaviour?: Partial<SandboxBehaviour>;
  /** The room's dial-in display name (`sip.display_name`). Default `'Caller'`. */
  dialInDisplayName?: string;
  /** The room's name (`?sandboxRoom=`). Default `SANDBOX_ROOM_NAME`. */
  roomName?: string;
  /** Whether the room has SIP dial-in configured (then `dialin-ready` follows the join). Default true. */
  sipDialIn?: boolean;
  /** How many events and calls `events()` / `calls()` keep (0: none). Default 50,000. */
  logLimit?: number;
  /** How many callers `addParticipants` may bring into the room in all. Default: no limit. */
  maxCallers?: number;
}

/** The simulation settings (read at the moment they are needed, so changes apply at once). */
export interface SandboxSettings {
  role: SandboxRole;
  userName: string;
  latencyMs: number;
  transferDelayMs: number;
  ringMs: number;
  dialOutOutcome: DialOutOutcome;
  behaviour: SandboxBehaviour;
  dialInDisplayName: string;
  sipDialIn: boolean;
  /** The room's name, as webhooks and `room()` report it. */
  roomName: string;
}

/** Default timings, in milliseconds. */
export const SANDBOX_DEFAULTS = { latencyMs: 250, transferDelayMs: 1500, ringMs: 1000 } as const;

/** @throws RangeError unless `ms` is a non-negative finite number. */
export function checkedDelay(name: string, ms: unknown): number {
  const invalid = validateDelay(name, ms);
  if (invalid) throw new RangeError(invalid);
  return ms as number;
}

/** The state the parts of a sandbox call share. */
export interface SandboxContext {
  readonly emitter: SandboxEmitter;
  readonly timers: SandboxTimers;
  readonly meeting: SandboxRoom;
  readonly requests: SandboxRequests;
  readonly settings: SandboxSettings;
  /** DTMF tone strings sent per session. */
  readonly dtmf: Map<string, string[]>;
  /** The room's caller limit for `addParticipants` (a shared room's bound). */
  readonly maxCallers: number;
}

export function createSandboxContext(
  callClientId: string,
  options: SandboxCallOptions,
): SandboxContext {
  const settings: SandboxSettings = {
    role: options.role ?? 'owner',
    userName: options.userName ?? 'Sandbox agent',
    latencyMs: checkedDelay('latencyMs', options.latencyMs ?? SANDBOX_DEFAULTS.latencyMs),
    transferDelayMs: checkedDelay(
      'transferDelayMs',
      options.transferDelayMs ?? SANDBOX_DEFAULTS.transferDelayMs,
    ),
    ringMs: checkedDelay('ringMs', options.ringMs ?? SANDBOX_DEFAULTS.ringMs),
    dialOutOutcome: 'answer',
    behaviour: { ...DEFAULT_BEHAVIOUR, ...options.behaviour },
    dialInDisplayName: options.dialInDisplayName ?? 'Caller',
    roomName: options.roomName ?? SANDBOX_ROOM_NAME,
    sipDialIn: options.sipDialIn ?? true,
  };
  const emitter = new SandboxEmitter(callClientId, options.logLimit);
  const timers = new SandboxTimers();
  return {
    emitter,
    timers,
    meeting: new SandboxRoom(emitter, timers, settings),
    requests: new SandboxRequests(options.logLimit),
    settings,
    dtmf: new Map(),
    maxCallers: options.maxCallers ?? Number.POSITIVE_INFINITY,
  };
}
