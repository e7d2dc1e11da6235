import { useCallback, useSyncExternalStore } from 'react';
import type { SandboxDriver } from '../../daily';

/** The sandbox's phone legs, re-read whenever the sandbox changes. */
export function useSandboxSessions(sandbox: SandboxDriver) {
  const subscribe = useCallback((l: () => void) => sandbox.subscribe(l), [sandbox]);
  const version = useSyncExternalStore(subscribe, () => sandbox.version);
  void version;
  return sandbox.telephonySessions();
}
