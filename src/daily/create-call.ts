import Daily, { type DailyCall } from '@daily-co/daily-js';
import type { SandboxCall } from '../sandbox';

export type CallMode = 'sandbox' | 'real';

export interface SandboxSession {
  call: DailyCall;
  sandbox: SandboxCall;
}

let realCall: DailyCall | null = null;

/**
 * The one real daily-js call object. Created outside React, once: daily-js allows a single live
 * call object, and StrictMode double effects or HMR must not create a second.
 */
export function getRealCall(): DailyCall {
  if (realCall && !realCall.isDestroyed()) return realCall;
  realCall =
    Daily.getCallInstance() ??
    Daily.createCallObject({ startVideoOff: true, subscribeToTracksAutomatically: true });
  return realCall;
}

let sandboxSession: Promise<SandboxSession> | null = null;

/**
 * The sandbox room, lazy-loaded (it is not in the initial bundle) and created once per page.
 * It also installs `window.sandbox` for Playwright users.
 */
export function getSandboxSession(search: string): Promise<SandboxSession> {
  sandboxSession ??= import('../sandbox').then((mod) => {
    const sandbox = new mod.SandboxCall(mod.parseSandboxOptions(search));
    mod.installSandboxControl(sandbox);
    // The one place the sandbox stands in for daily-js: it implements Pick<DailyCall, ...>.
    return { call: sandbox as unknown as DailyCall, sandbox };
  });
  return sandboxSession;
}
