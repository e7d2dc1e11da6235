import { useEffect } from 'react';
import { api } from '../../shared/account-data';

/** A caller of the sandbox's pinless line, as the server reports it. */
export interface LineCall {
  callId: string;
  from: string;
  to: string;
  name: string;
  state: 'held' | 'routed' | 'hung-up' | 'timed-out';
  /** "hold music", "the agent", the timeout message, or "nothing". */
  hearing: string;
  answer?: { status: number; error?: string };
}

/**
 * `window.sandboxLine` (with the console's server): simulated callers on the purchased numbers'
 * pinless dial-in, for tests and the browser console — the same requests the panel's "Dial a
 * queue number" makes. Beside `window.sandbox` rather than in it: that one is the room's
 * control table, and these callers are not in any room until an agent takes them.
 */
export interface SandboxLine {
  dial(opts: { to: string; from: string; name?: string; holdTimeoutS?: number }): Promise<LineCall>;
  hangUp(callId: string): Promise<LineCall>;
  calls(): Promise<LineCall[]>;
}

declare global {
  interface Window {
    sandboxLine?: SandboxLine;
  }
}

export function lineApi(world: string): SandboxLine {
  return {
    dial: async (opts) =>
      (
        await api<{ call: LineCall }>('/api/sandbox/pinless/calls', {
          method: 'POST',
          body: { world, ...opts },
        })
      ).call,
    hangUp: async (callId) =>
      (
        await api<{ call: LineCall }>(
          `/api/sandbox/pinless/calls/${encodeURIComponent(callId)}/hangup`,
          {
            method: 'POST',
            body: {},
          },
        )
      ).call,
    calls: async () =>
      (await api<{ calls: LineCall[] }>(`/api/sandbox/pinless/calls?world=${world}`)).calls,
  };
}

/** Installs `window.sandboxLine` for this world while mounted. */
export function useSandboxLine(line: SandboxLine): void {
  useEffect(() => {
    window.sandboxLine = line;
    return () => {
      if (window.sandboxLine === line) delete window.sandboxLine;
    };
  }, [line]);
}
