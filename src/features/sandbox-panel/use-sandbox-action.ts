import { useState } from 'react';

/** Runs a sandbox control, showing its error (bad arguments etc.) next to the form. */
export function useSandboxAction() {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function run(action: () => unknown) {
    setError(undefined);
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, run };
}
