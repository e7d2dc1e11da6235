/**
 * The sandbox: a simulated Daily room behind daily-js's call-object interface, lazy-loaded by
 * `src/daily/create-call.ts`, plus the `window.sandbox` control API for Playwright.
 */
import { sandboxRoomName } from '../domain/telephony';
import { parseBehaviour, type SandboxBehaviour } from './sandbox-behaviour';
import { worldFromSearch } from '../domain/sandbox-world';
import { backoffFromSearch, type Backoff } from '../domain/server-link';
import type { SandboxCallOptions } from './sandbox-context';
import type { SandboxRole } from './sandbox-participants';

export { SandboxCall } from './sandbox-call';
export type { DialInOptions, TelephonySession } from './sandbox-call';
export type { SandboxCallOptions, SandboxSettings } from './sandbox-context';
export { SANDBOX_DEFAULTS } from './sandbox-context';
export type { SandboxEventRecord } from './sandbox-events';
export type { SandboxRole } from './sandbox-participants';
export type { SandboxCallRecord } from './sandbox-requests';
export { DIAL_OUT_ERRORS, REFER_REJECTED } from './sandbox-room';
export type { DialOutOutcome } from './sandbox-room';
export { createSandboxControl, installSandboxControl } from './sandbox-control';
export { BEHAVIOUR_CHOICES, BEHAVIOUR_KEYS, DEFAULT_BEHAVIOUR } from './sandbox-behaviour';
export type { SandboxBehaviour } from './sandbox-behaviour';
export type { SandboxWebhook } from './sandbox-webhooks';
export type { SandboxControl, SandboxDriver, TrafficOptions } from './sandbox-control';
export { CloudSandboxCall } from './cloud-call';

const ROLES: readonly SandboxRole[] = ['owner', 'admin', 'participant'];

/**
 * Sandbox options from the page's query string: `?latency=<ms>` (a non-negative number),
 * `?ring=<ms>` (how long a dial-out rings; tests use short ones), `?role=owner|admin|participant`, `?behaviour=key:value,…` (see `sandbox-behaviour.ts`),
 * `?dialInName=<name>` (the room's dial-in display name), `?sipDialIn=off` and `?sandboxRoom=<name>`
 * (the room's name in webhooks; letters, digits, `-`, `_`). Invalid latency, ring
 * and role values are ignored; an invalid behaviour is reported with `console.warn` and ignored
 * as a whole, so a typo never silently runs a different variation than the one named.
 */
/**
 * Options of the server's shared sandbox (the simulated cloud): `?world=<name>` (a world of its
 * own, e.g. one per test; letters, digits, `-`, `_`), `?behaviour=` and `?latency=` (applied to
 * the room on joining: they are the cloud's, shared by every console in the room), and
 * `?reconnectMs=` (a fixed wait between reconnection attempts, for tests: see server-link.ts).
 */
export function parseCloudOptions(search: string): {
  world?: string;
  behaviour?: Partial<SandboxBehaviour>;
  latencyMs?: number;
  backoff?: Backoff;
} {
  const world = worldFromSearch(search);
  const { behaviour, latencyMs } = parseSandboxOptions(search);
  const backoff = backoffFromSearch(search);
  return {
    ...(world ? { world } : {}),
    ...(backoff ? { backoff } : {}),
    ...(behaviour ? { behaviour } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
  };
}

export function parseSandboxOptions(search: string): SandboxCallOptions {
  const params = new URLSearchParams(search);
  const options: SandboxCallOptions = {};
  const behaviour = params.get('behaviour');
  if (behaviour) {
    const parsed = parseBehaviour(behaviour);
    if (parsed.ok) options.behaviour = parsed.value;
    else console.warn(`sandbox: ignoring ?behaviour=: ${parsed.error}`);
  }
  const dialInName = params.get('dialInName');
  if (dialInName?.trim()) options.dialInDisplayName = dialInName.trim();
  if (params.get('sipDialIn') === 'off') options.sipDialIn = false;
  if (params.has('sandboxRoom')) options.roomName = sandboxRoomName(search);
  const latencyMs = msParam(params, 'latency');
  if (latencyMs !== undefined) options.latencyMs = latencyMs;
  const ringMs = msParam(params, 'ring');
  if (ringMs !== undefined) options.ringMs = ringMs;
  const role = params.get('role');
  const known = ROLES.find((r) => r === role);
  if (known) options.role = known;
  return options;
}

/** A non-negative number of milliseconds from the query string (invalid or absent: undefined). */
function msParam(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === null || value.trim() === '') return undefined;
  const ms = Number(value);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
