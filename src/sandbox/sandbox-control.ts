import type { BEHAVIOUR_CHOICES, SandboxBehaviour } from './sandbox-behaviour';
import type { TelephonySession } from './sandbox-call';
import type { SandboxSettings } from './sandbox-context';
import type { DialOutOutcome } from './sandbox-room';
import type { DialOutElsewhere } from './sandbox-simulation';
import type { SandboxWebhook } from './sandbox-webhooks';

/** A value now (the in-tab sandbox) or once the simulated cloud answered (the shared one). */
export type Awaitable<T> = T | Promise<T>;

/** Options of `traffic()`: realistic calls across many rooms (see server/sandbox/traffic.ts). */
export interface TrafficOptions {
  /** How many rooms (`traffic-001`…) or which rooms. */
  rooms: number | string[];
  callsPerMinute: number;
  durationS: number;
  /** Mean talk time of a call, in seconds (default 60). */
  holdS?: number;
  /** Calls already under way at the start (a steady state at once). */
  initialCalls?: number;
}

/**
 * `window.sandbox`: the sandbox's simulation controls, for Playwright tests (ours and users')
 * and the browser console. Every method is bound to the call, so it can be passed around or
 * called through `page.evaluate(() => window.sandbox!.dialIn(...))`. Return values are plain
 * data that survive Playwright's serialisation. See `SandboxCall` for each method's behaviour.
 */
export interface SandboxControl {
  /**
   * A caller dials in; resolves with its session id once `dialin-connected` was emitted. With
   * the server's shared cloud, `room` sends the call to another room of this tab's world.
   */
  dialIn(options: {
    kind: 'pstn' | 'sip';
    from: string;
    name?: string | undefined;
    room?: string;
  }): Promise<string>;
  /** The far end of a SIP/PSTN leg hangs up. Throws for an unknown leg. */
  hangUp(sessionId: string): Awaitable<void>;
  /** The next call of `method` ('join' or a telephony method) fails with `message`. */
  failNext(method: string, message: string): Awaitable<void>;
  /** Telephony calls made so far, in order, with deep-copied arguments. */
  calls(): { method: string; args: unknown[] }[];
  /** Events emitted so far, in order, as copies. */
  events(): { action: string; [key: string]: unknown }[];
  /** Adds `count` phone callers at once (alternating PSTN/SIP, "Caller 0001"…). */
  addParticipants(count: number): Promise<void>;
  /** Another web agent joins; resolves with its session id. */
  addAgent(name: string): Promise<string>;
  /** How the next dial-outs end ('start-failed': it never starts). */
  setDialOutOutcome(outcome: DialOutOutcome): Awaitable<void>;
  /** Whether a leg's far end accepts SIP REFER. Throws for an unknown leg. */
  setReferSupport(sessionId: string, supported: boolean): Awaitable<void>;
  /** Milliseconds from an accepted transfer/refer to its events. */
  setTransferDelay(ms: number): Awaitable<void>;
  /** Milliseconds of simulated server round trip. */
  setLatency(ms: number): Awaitable<void>;
  /** The DTMF tone strings sent to a session, oldest first. */
  dtmfSent(sessionId: string): Awaitable<string[]>;
  /** The far end reports a warning on a leg still in the room (dialin-/dialout-warning). */
  simulateWarning(sessionId: string, message: string): Awaitable<void>;
  /** Switches what Daily does not document (see `sandbox-behaviour.ts`). */
  setBehaviour(partial: Partial<SandboxBehaviour>): Awaitable<void>;
  /** The current behaviours. */
  behaviour(): SandboxBehaviour;
  /** The room's dial-in display name (default 'Caller'). */
  setDialInDisplayName(name: string): Awaitable<void>;
  /** A dial-out another agent, a bot or the REST API started; resolves with its session id. */
  dialOutElsewhere(options: DialOutElsewhere): Promise<string>;
  /** The caller presses keys (one dtmf-event per tone). */
  pressKeys(sessionId: string, tones: string): Awaitable<void>;
  /** A fatal error on a leg (dialin-/dialout-error), then it ends. */
  simulateError(sessionId: string, message: string): Awaitable<void>;
  /** `count` network-connection events in bursts (not kept in events()); for load work. */
  simulateNetworkChurn(count: number): Promise<void>;
  /** The SIP/PSTN legs in the room. */
  telephonySessions(): { sessionId: string; type: string; name: string; address: string }[];
  /**
   * A clean start. The shared cloud: every room of this tab's world closes (consoles in it see
   * the room end). The in-tab sandbox: every leg hangs up and scripted failures are dropped.
   */
  reset(): Promise<void>;
  /** Realistic calls across many rooms of this tab's world (the shared cloud only). */
  traffic(options: TrafficOptions): Promise<unknown>;
}

/**
 * What the sandbox panel and `window.sandbox` drive: the in-tab sandbox (`SandboxCall`) and the
 * server's simulated cloud (`CloudSandboxCall`) both implement it — the controls, plus what the
 * panel reads. Methods the cloud answers over the network return promises there.
 */
export interface SandboxDriver extends SandboxControl {
  telephonySessions(): TelephonySession[];
  behaviourChoices(): typeof BEHAVIOUR_CHOICES;
  settings(): SandboxSettings;
  subscribe(listener: () => void): () => void;
  readonly version: number;
  /** Whether the room is the server's shared simulated cloud (webhooks are sent there). */
  readonly shared: boolean;
  /** The in-tab sandbox: Daily's webhooks for its room, for the server's relay. */
  onWebhook?(listener: (webhook: SandboxWebhook) => void): () => void;
}

declare global {
  interface Window {
    sandbox?: SandboxControl;
  }
}

/** The control object of a sandbox call, with every method bound to it. */
export function createSandboxControl(call: SandboxDriver): SandboxControl {
  return {
    dialIn: (options) => call.dialIn(options),
    hangUp: (sessionId) => call.hangUp(sessionId),
    failNext: (method, message) => call.failNext(method, message),
    calls: () => call.calls(),
    events: () => call.events(),
    addParticipants: (count) => call.addParticipants(count),
    addAgent: (name) => call.addAgent(name),
    setDialOutOutcome: (outcome) => call.setDialOutOutcome(outcome),
    setReferSupport: (sessionId, supported) => call.setReferSupport(sessionId, supported),
    setTransferDelay: (ms) => call.setTransferDelay(ms),
    setLatency: (ms) => call.setLatency(ms),
    dtmfSent: (sessionId) => call.dtmfSent(sessionId),
    simulateWarning: (sessionId, message) => call.simulateWarning(sessionId, message),
    setBehaviour: (partial) => call.setBehaviour(partial),
    behaviour: () => call.behaviour(),
    setDialInDisplayName: (name) => call.setDialInDisplayName(name),
    dialOutElsewhere: (options) => call.dialOutElsewhere(options),
    pressKeys: (sessionId, tones) => call.pressKeys(sessionId, tones),
    simulateError: (sessionId, message) => call.simulateError(sessionId, message),
    simulateNetworkChurn: (count) => call.simulateNetworkChurn(count),
    telephonySessions: () => call.telephonySessions(),
    reset: () => call.reset(),
    traffic: (options) => call.traffic(options),
  };
}

/**
 * Installs `window.sandbox` for a call and returns the function that removes it again (only if
 * it is still this call's control). Does nothing outside a browser.
 */
export function installSandboxControl(call: SandboxDriver): () => void {
  if (typeof window === 'undefined') return () => {};
  const control = createSandboxControl(call);
  window.sandbox = control;
  return () => {
    if (window.sandbox === control) delete window.sandbox;
  };
}
