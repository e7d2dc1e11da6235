import type { SandboxBehaviour } from './sandbox-behaviour';
import type { SandboxCall } from './sandbox-call';
import type { DialOutOutcome } from './sandbox-room';
import type { DialOutElsewhere } from './sandbox-simulation';

/**
 * `window.sandbox`: the sandbox's simulation controls, for Playwright tests (ours and users')
 * and the browser console. Every method is bound to the call, so it can be passed around or
 * called through `page.evaluate(() => window.sandbox!.dialIn(...))`. Return values are plain
 * data that survive Playwright's serialisation. See `SandboxCall` for each method's behaviour.
 */
export interface SandboxControl {
  /** A caller dials in; resolves with its session id once `dialin-connected` was emitted. */
  dialIn(options: { kind: 'pstn' | 'sip'; from: string; name?: string }): Promise<string>;
  /** The far end of a SIP/PSTN leg hangs up. Throws for an unknown leg. */
  hangUp(sessionId: string): void;
  /** The next call of `method` ('join' or a telephony method) fails with `message`. */
  failNext(method: string, message: string): void;
  /** Telephony calls made so far, in order, with deep-copied arguments. */
  calls(): { method: string; args: unknown[] }[];
  /** Events emitted so far, in order, as copies. */
  events(): { action: string; [key: string]: unknown }[];
  /** Adds `count` phone callers at once (alternating PSTN/SIP, "Caller 0001"…). */
  addParticipants(count: number): Promise<void>;
  /** Another web agent joins; resolves with its session id. */
  addAgent(name: string): Promise<string>;
  /** How the next dial-outs end ('start-failed': it never starts). */
  setDialOutOutcome(outcome: DialOutOutcome): void;
  /** Whether a leg's far end accepts SIP REFER. Throws for an unknown leg. */
  setReferSupport(sessionId: string, supported: boolean): void;
  /** Milliseconds from an accepted transfer/refer to its events. */
  setTransferDelay(ms: number): void;
  /** Milliseconds of simulated server round trip. */
  setLatency(ms: number): void;
  /** The DTMF tone strings sent to a session, oldest first. */
  dtmfSent(sessionId: string): string[];
  /** The far end reports a warning on a leg still in the room (dialin-/dialout-warning). */
  simulateWarning(sessionId: string, message: string): void;
  /** Switches what Daily does not document (see `sandbox-behaviour.ts`). */
  setBehaviour(partial: Partial<SandboxBehaviour>): void;
  /** The current behaviours. */
  behaviour(): SandboxBehaviour;
  /** The room's dial-in display name (default 'Caller'). */
  setDialInDisplayName(name: string): void;
  /** A dial-out another agent, a bot or the REST API started; resolves with its session id. */
  dialOutElsewhere(options: DialOutElsewhere): Promise<string>;
  /** The caller presses keys (one dtmf-event per tone). */
  pressKeys(sessionId: string, tones: string): void;
  /** A fatal error on a leg (dialin-/dialout-error), then it ends. */
  simulateError(sessionId: string, message: string): void;
  /** `count` network-connection events in bursts (not kept in events()); for load work. */
  simulateNetworkChurn(count: number): Promise<void>;
  /** The SIP/PSTN legs in the room. */
  telephonySessions(): { sessionId: string; type: string; name: string; address: string }[];
}

declare global {
  interface Window {
    sandbox?: SandboxControl;
  }
}

/** The control object of a sandbox call, with every method bound to it. */
export function createSandboxControl(call: SandboxCall): SandboxControl {
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
  };
}

/**
 * Installs `window.sandbox` for a call and returns the function that removes it again (only if
 * it is still this call's control). Does nothing outside a browser.
 */
export function installSandboxControl(call: SandboxCall): () => void {
  if (typeof window === 'undefined') return () => {};
  const control = createSandboxControl(call);
  window.sandbox = control;
  return () => {
    if (window.sandbox === control) delete window.sandbox;
  };
}
