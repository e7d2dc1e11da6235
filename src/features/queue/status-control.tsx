import { useId, useState } from 'react';
import { SETTABLE_STATUSES, STATUS_LABELS, type MeView } from '../../domain/queue';
import { Badge } from '../../ui/badge';
import { InlineError } from '../../ui/inline-error';
import { queueApi } from '../../shared/queue-data';

const TONES = {
  available: 'success',
  busy: 'danger',
  'wrap-up': 'warning',
  break: 'neutral',
  offline: 'neutral',
} as const;

/** The agent's status and the choice of Available, Break or Offline (not while on a call). */
export function StatusControl({ me }: { me: MeView }) {
  const id = useId();
  const [error, setError] = useState<string>();
  const settable = (SETTABLE_STATUSES as readonly string[]).includes(me.status);
  async function choose(status: (typeof SETTABLE_STATUSES)[number]) {
    setError(undefined);
    try {
      await queueApi.setStatus(status);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span className="text-sm">Status:</span>
      <Badge tone={TONES[me.status]}>{STATUS_LABELS[me.status]}</Badge>
      <label htmlFor={id} className="ml-auto text-sm font-medium">
        Set status
      </label>
      <select
        id={id}
        className="rounded border border-slate-400 px-2 py-1"
        value={settable ? me.status : ''}
        disabled={me.status === 'busy'}
        onChange={(e) => void choose(e.target.value as (typeof SETTABLE_STATUSES)[number])}
      >
        {settable ? null : (
          <option value="" disabled>
            {STATUS_LABELS[me.status]}
          </option>
        )}
        {SETTABLE_STATUSES.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <p className="w-full text-xs text-slate-600">
        {me.queues.length
          ? `Queues: ${me.queues.join(', ')}`
          : 'You are in no queue: an admin adds you to one.'}
      </p>
      <InlineError message={error} />
    </div>
  );
}
