import type { DailyMeetingState } from '@daily-co/daily-js';
import type { ServerLink } from '../domain/server-link';
import { SANDBOX_CONTROL_NAMES, type ControlSite, type SandboxControlName } from './cloud-protocol';
import type { BEHAVIOUR_CHOICES } from './sandbox-behaviour';
import type { SandboxCall } from './sandbox-call';
import type { SandboxSettings } from './sandbox-context';
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
  /**
   * Send calls through queues (with the console's server): `share` of them (default all) are
   * callers dialling these purchased numbers on the pinless line, offered to the queues' agents.
   */
  queues?: { numbers: string[]; share?: number };
}

/**
 * `window.sandbox`: the sandbox's simulation controls, for Playwright tests (ours and users')
 * and the browser console: every control of the table (`SANDBOX_CONTROLS` in
 * `cloud-protocol.ts`), typed as the engine (`SandboxCall`) declares it. Each method is bound
 * to the call, so it can be passed around or called through
 * `page.evaluate(() => window.sandbox!.dialIn(...))`. Return values are plain data that survive
 * Playwright's serialisation. See `SandboxCall` for each method's behaviour. Controls the room
 * answers may return a promise (the shared cloud answers over the network); the console's own
 * answer at once.
 */
export type SandboxControl = {
  [K in SandboxControlName]: (
    ...args: Parameters<SandboxCall[K]>
  ) => ControlSite<K> extends 'console'
    ? ReturnType<SandboxCall[K]>
    : Awaitable<Awaited<ReturnType<SandboxCall[K]>>>;
};

/**
 * What the sandbox panel and `window.sandbox` drive: the in-tab sandbox (`SandboxCall`) and the
 * server's simulated cloud (`CloudSandboxCall`) both implement it — the controls, plus what the
 * panel reads. Methods the cloud answers over the network return promises there.
 */
export interface SandboxDriver extends SandboxControl {
  behaviourChoices(): typeof BEHAVIOUR_CHOICES;
  settings(): SandboxSettings;
  subscribe(listener: () => void): () => void;
  readonly version: number;
  meetingState(): DailyMeetingState;
  /** Whether the room is the server's shared simulated cloud (webhooks are sent there). */
  readonly shared: boolean;
  /** The in-tab sandbox: Daily's webhooks for its room, for the server's relay. */
  onWebhook?(listener: (webhook: SandboxWebhook) => void): () => void;
  /** The shared cloud: whether the server hosting the room is reachable (see server-link.ts). */
  link?(): ServerLink;
  /** The shared cloud: try to reconnect now rather than after the current wait. */
  reconnectNow?(): void;
  /** The shared cloud: where reconnection attempts get a fresh meeting token. */
  setTokenSource?(source: (() => Promise<string>) | undefined): void;
}

declare global {
  interface Window {
    sandbox?: SandboxControl;
  }
}

/** The control object of a sandbox call: every control of the table, bound to it. */
export function createSandboxControl(call: SandboxDriver): SandboxControl {
  const control: Record<string, (...args: unknown[]) => unknown> = {};
  for (const name of SANDBOX_CONTROL_NAMES) {
    control[name] = (...args) => (call[name] as (...a: unknown[]) => unknown).apply(call, args);
  }
  return control as SandboxControl;
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
