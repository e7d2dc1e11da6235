/**
 * The sandbox: a simulated Daily room behind daily-js's call-object interface, lazy-loaded by
 * `src/daily/create-call.ts`, plus the `window.sandbox` control API for Playwright.
 */
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
export type { SandboxControl } from './sandbox-control';

const ROLES: readonly SandboxRole[] = ['owner', 'admin', 'participant'];

/**
 * Sandbox options from the page's query string: `?latency=<ms>` (a non-negative number) and
 * `?role=owner|admin|participant`. Invalid values are ignored.
 */
export function parseSandboxOptions(search: string): { latencyMs?: number; role?: SandboxRole } {
  const params = new URLSearchParams(search);
  const options: { latencyMs?: number; role?: SandboxRole } = {};
  const latency = params.get('latency');
  if (latency !== null && latency.trim() !== '') {
    const ms = Number(latency);
    if (Number.isFinite(ms) && ms >= 0) options.latencyMs = ms;
  }
  const role = params.get('role');
  const known = ROLES.find((r) => r === role);
  if (known) options.role = known;
  return options;
}
