import { useId, useState, type FormEvent } from 'react';
import { formatAddressForReading } from '../../domain/leg-label';
import { formatDuration } from '../../domain/identity';
import type { MyCallView } from '../../domain/queue';
import { Button } from '../../ui/button';
import { InlineError } from '../../ui/inline-error';
import { useNow } from '../../ui/use-now';
import { ApiError } from '../../shared/account-data';
import { queueApi, useDispositions } from '../../shared/queue-data';

/**
 * After the call: a disposition code (the admins' list) and a note, filed with the call. The
 * agent is Available again once it is filed, or when the wrap-up time runs out.
 */
export function WrapUpForm({ call, wrapUntil }: { call: MyCallView; wrapUntil: number | null }) {
  const id = useId();
  const now = useNow();
  const codes = useDispositions();
  const [disposition, setDisposition] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ disposition?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!disposition) {
      setErrors({ disposition: 'Disposition: choose one' });
      document.getElementById(`${id}-disposition`)?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await queueApi.wrapUp(call.callId, disposition, note);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setErrors(
        error instanceof ApiError && error.field === 'disposition'
          ? { disposition: message }
          : { form: message },
      );
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-2"
      noValidate
    >
      <h3 id={`${id}-title`} className="font-semibold">
        Wrap-up: {formatAddressForReading(call.from)} ({call.queue})
      </h3>
      {wrapUntil ? (
        <p className="text-xs text-slate-600">
          You are Available again in {formatDuration(Math.max(0, wrapUntil - now))}, or when you
          file it.
        </p>
      ) : null}
      <label htmlFor={`${id}-disposition`} className="text-sm font-medium">
        Disposition
      </label>
      <select
        id={`${id}-disposition`}
        value={disposition}
        aria-invalid={errors.disposition ? true : undefined}
        aria-describedby={errors.disposition ? `${id}-disposition-error` : undefined}
        onChange={(e) => setDisposition(e.target.value)}
        className="rounded border border-slate-400 px-2 py-1"
      >
        <option value="">Choose…</option>
        {(codes.data ?? []).map((d) => (
          <option key={d.code} value={d.code}>
            {d.label}
          </option>
        ))}
      </select>
      {errors.disposition ? (
        <p id={`${id}-disposition-error`} className="text-sm text-red-800">
          {errors.disposition}
        </p>
      ) : null}
      <label htmlFor={`${id}-note`} className="text-sm font-medium">
        Note
      </label>
      <textarea
        id={`${id}-note`}
        value={note}
        maxLength={2000}
        rows={3}
        onChange={(e) => setNote(e.target.value)}
        className="rounded border border-slate-400 px-2 py-1"
      />
      <div>
        <Button type="submit" variant="primary" disabled={busy}>
          File wrap-up
        </Button>
      </div>
      <InlineError message={errors.form} />
    </form>
  );
}
