import { useState, type FormEvent } from 'react';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { InlineError } from '../../ui/inline-error';
import { useDispositions } from '../../shared/queue-data';
import { fieldOf, useQueueAdmin } from './admin-api';

/** The disposition codes agents file at wrap-up: listed, added, removed. */
export function DispositionEditor() {
  const codes = useDispositions();
  const { putCode, removeCode } = useQueueAdmin();
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<{ field: string; message: string }>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await putCode.mutateAsync({ code: code.trim(), label });
      setCode('');
      setLabel('');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      setError({ field: fieldOf(message, ['Code', 'Label']), message });
    }
  }
  return (
    <div className="flex flex-col gap-2">
      <ul aria-label="Disposition codes" className="text-sm">
        {(codes.data ?? []).map((d) => (
          <li key={d.code} className="flex items-center gap-2">
            <span>
              {d.label} <code>{d.code}</code>
            </span>
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Remove disposition ${d.label}`}
              onClick={() => void removeCode.mutateAsync(d.code).then(() => codes.refetch())}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-label="Add a disposition"
        className="flex flex-wrap items-end gap-2"
      >
        <Field
          label="Code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={error?.field === 'Code' ? error.message : undefined}
          hint="a-z, 0-9, -"
        />
        <Field
          label="Label"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          error={error?.field === 'Label' ? error.message : undefined}
        />
        <Button type="submit" disabled={putCode.isPending}>
          Add disposition
        </Button>
      </form>
      <InlineError message={error?.field === 'form' ? error.message : undefined} />
    </div>
  );
}
