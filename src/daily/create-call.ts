import Daily, { type DailyCall } from '@daily-co/daily-js';
import type { SandboxDriver } from '../sandbox';

export type CallMode = 'sandbox' | 'real';

export interface SandboxSession {
  call: DailyCall;
  sandbox: SandboxDriver;
}

let realCall: DailyCall | null = null;

/**
 * The one real daily-js call object. Created outside React, once: daily-js allows a single live
 * call object, and StrictMode double effects or HMR must not create a second. `avoidEval`: the
 * call bundle is loaded as a script from Daily's CDN, not fetched and eval'd, so the server's
 * Content-Security-Policy needs no 'unsafe-eval'.
 */
export function getRealCall(): DailyCall {
  if (realCall && !realCall.isDestroyed()) return realCall;
  realCall =
    Daily.getCallInstance() ??
    Daily.createCallObject({
      startVideoOff: true,
      subscribeToTracksAutomatically: true,
      dailyConfig: { avoidEval: true },
    });
  return realCall;
}

const sandboxSessions: { shared?: Promise<SandboxSession>; local?: Promise<SandboxSession> } = {};

/**
 * The sandbox room, lazy-loaded (it is not in the initial bundle) and created once per page:
 * with the console's server, a console of its shared simulated cloud (`shared`); without one,
 * a private room simulated in this tab. It also installs `window.sandbox` for Playwright users.
 */
export function getSandboxSession(search: string, shared: boolean): Promise<SandboxSession> {
  const kind = shared ? 'shared' : 'local';
  sandboxSessions[kind] ??= import('../sandbox').then((mod) => {
    const sandbox = shared
      ? new mod.CloudSandboxCall(mod.parseCloudOptions(search))
      : new mod.SandboxCall(mod.parseSandboxOptions(search));
    // Once the page has the server's shared sandbox, window.sandbox stays on it.
    if (shared || !sandboxSessions.shared) mod.installSandboxControl(sandbox);
    // The one place the sandbox stands in for daily-js: it implements Pick<DailyCall, ...>.
    return { call: sandbox as unknown as DailyCall, sandbox };
  });
  return sandboxSessions[kind];
}
