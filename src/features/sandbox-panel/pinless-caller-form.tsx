import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { DEFAULT_WORLD, worldFromSearch } from '../../domain/sandbox-world';
import { formatAddressForReading } from '../../domain/leg-label';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { api } from '../../shared/account-data';
import { useQueueState } from '../../shared/queue-data';
import { lineApi, useSandboxLine, type LineCall } from './pinless-control';
import { useSandboxAction } from './use-sandbox-action';

interface Line {
  calls: LineCall[];
  configs: { config: { phone_number: string } }[];
}

const STATES: Record<LineCall['state'], string> = {
  held: 'on hold',
  routed: 'routed to an agent',
  'hung-up': 'hung up',
  'timed-out': 'timed out',
};

/**
 * A simulated caller dialling one of the sandbox's purchased numbers (pinless dial-in): held
 * with hold music while the server's queue offers the call, then routed, or told the timeout
 * message. Lists this world's callers on the line, each of whom can hang up.
 */
export function PinlessCallerForm() {
  const world = worldFromSearch(window.location.search) ?? DEFAULT_WORLD;
  const control = useMemo(() => lineApi(world), [world]);
  useSandboxLine(control);
  const line = useQuery({
    queryKey: ['sandbox', 'pinless', world],
    queryFn: () => api<Line>(`/api/sandbox/pinless/calls?world=${world}`),
    retry: false,
  });
  // Read again when the queues' board changes (a call offered, taken, ended), not on a timer:
  // a console whose server went away sends nothing until it is back.
  const { board } = useQueueState();
  const { refetch } = line;
  useEffect(() => void refetch(), [board, refetch]);
  const numbers = line.data?.configs.map((c) => c.config.phone_number) ?? [];
  const [to, setTo] = useState('');
  const [from, setFrom] = useState('+14155550142');
  const [name, setName] = useState('Queue Caller');
  const { error, busy, run } = useSandboxAction();
  const number = to || numbers[0] || '';
  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      await control.dial({
        to: number,
        from: from.trim(),
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      await line.refetch();
    });
  }
  const hangUp = (callId: string) =>
    void run(async () => {
      await control.hangUp(callId);
      await line.refetch();
    });
  const form = (
    <form
      onSubmit={submit}
      aria-label="Dial a queue number"
      className="flex flex-wrap items-end gap-2"
    >
      <label className="flex flex-col gap-1 text-sm font-medium">
        Number to dial
        <select
          value={number}
          onChange={(e) => setTo(e.target.value)}
          className="rounded border border-slate-400 px-2 py-1.5 font-normal"
        >
          {numbers.map((n) => (
            <option key={n} value={n}>
              {formatAddressForReading(n)}
            </option>
          ))}
        </select>
      </label>
      <Field
        label="Calling from"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={error}
        className="w-44"
      />
      <Field
        label="Their name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        className="w-36"
      />
      <Button type="submit" disabled={busy || !number}>
        Dial the number
      </Button>
    </form>
  );
  return (
    <div className="flex flex-col gap-2">
      {form}
      {line.data?.calls.length ? (
        <ul aria-label="Callers on the line" className="text-sm">
          {line.data.calls.map((c) => (
            <li key={c.callId} className="flex items-center gap-2">
              <span>
                {c.name} ({formatAddressForReading(c.from)}) → {formatAddressForReading(c.to)}:{' '}
                {STATES[c.state]}, hearing {c.hearing}
              </span>
              {c.state === 'held' || c.state === 'routed' ? (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`${c.name} hangs up`}
                  onClick={() => hangUp(c.callId)}
                >
                  Hang up
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
