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
  const [room, setRoom] = useState('');
  const { error, busy, run } = useSandboxAction();
  const title = `Simulate incoming ${kind === 'pstn' ? 'PSTN' : 'SIP'} call`;
  function submit(e: FormEvent) {
    e.preventDefault();
    const into = room.trim();
    void run(() =>
      sandbox.dialIn({
        kind,
        from: from.trim(),
        name: name.trim() || undefined,
        ...(into ? { room: into } : {}),
      }),
    );
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
      {sandbox.shared ? (
        <Field
          label="Into room"
          hint="Empty: this room. Or another room, e.g. sales."
          value={room}
          onChange={(e) => setRoom(e.target.value)}
          className="w-40"
        />
      ) : null}
      <Button type="submit" disabled={busy}>
        {title}
      </Button>
    </form>
  );
}
