import { useState, type FormEvent } from 'react';
import type { SandboxDriver } from '../../daily';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { useSandboxAction } from './use-sandbox-action';

const DEFAULTS = {
  pstn: { from: '+14155550100', name: 'Alice Caller', label: 'Caller number' },
  sip: { from: 'sip:ivr@sip.example.com', name: 'IVR', label: 'Caller SIP URI' },
} as const;

/** "Simulate incoming PSTN call" / "Simulate incoming SIP call". */
export function SimulateCallForm({
  sandbox,
  kind,
}: {
  sandbox: SandboxDriver;
  kind: 'pstn' | 'sip';
}) {
  const [from, setFrom] = useState<string>(DEFAULTS[kind].from);
  const [name, setName] = useState<string>(DEFAULTS[kind].name);
  const { error, busy, run } = useSandboxAction();
  const title = `Simulate incoming ${kind === 'pstn' ? 'PSTN' : 'SIP'} call`;
  function submit(e: FormEvent) {
    e.preventDefault();
    void run(() => sandbox.dialIn({ kind, from: from.trim(), name: name.trim() || undefined }));
  }
  return (
    <form onSubmit={submit} aria-label={title} className="flex flex-wrap items-end gap-2">
      <Field
        label={DEFAULTS[kind].label}
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={error}
        className="w-52"
      />
      <Field
        label="Caller name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        className="w-40"
      />
      <Button type="submit" disabled={busy}>
        {title}
      </Button>
    </form>
  );
}
