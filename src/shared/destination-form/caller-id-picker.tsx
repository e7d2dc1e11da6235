import { useId } from 'react';
import { formatAddressForReading } from '../../domain/leg-label';
import { usePhoneNumbers, useSignedInUser } from '../account-data';
import { Field } from '../../ui/field';

export interface CallerIdPickerProps {
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
}

const DAILY_PICKS =
  'Daily picks one of your numbers (its docs disagree on which: the oldest, or any).';

/**
 * Caller ID for a call to a phone number. Signed in to the server: the domain's purchased
 * numbers (every page), shown as number and name, sending the number's `id` as Daily expects,
 * defaulting to "Daily picks", with a preview of what the callee will see. Without the server
 * (or if the list cannot load): the id typed by hand, as before.
 */
export function CallerIdPicker({ value, onChange, error }: CallerIdPickerProps) {
  const numbers = usePhoneNumbers();
  const id = useId();
  const noServer = !useSignedInUser();
  if (noServer || numbers.isError) {
    return (
      <Field
        label="Caller ID (optional)"
        name="callerId"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={error}
        hint={
          numbers.isError
            ? `Couldn't load your numbers (${numbers.error.message}). Enter a number's id, or leave empty: Daily picks.`
            : 'The id of one of your purchased Daily numbers. Empty: Daily picks one of your numbers.'
        }
      />
    );
  }
  const picked = numbers.data?.find((n) => n.id === value);
  const preview = picked
    ? `The callee sees ${formatAddressForReading(picked.number)}${picked.name ? ` (${picked.name})` : ''}.`
    : DAILY_PICKS;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        Caller ID
      </label>
      <select
        id={id}
        className="rounded border border-slate-400 px-1 py-1.5"
        value={value}
        disabled={numbers.isPending}
        aria-describedby={`${id}-preview`}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">
          {numbers.isPending ? 'Loading your numbers…' : 'Daily picks (default)'}
        </option>
        {(numbers.data ?? []).map((n) => (
          <option key={n.id} value={n.id}>
            {formatAddressForReading(n.number)}
            {n.name ? ` — ${n.name}` : ''}
          </option>
        ))}
      </select>
      <p id={`${id}-preview`} aria-live="polite" className="text-xs text-slate-600">
        {numbers.data && numbers.data.length === 0
          ? 'This domain has no purchased numbers: Daily cannot call phone numbers for it.'
          : preview}
      </p>
      {error ? <p className="text-sm text-red-800">{error}</p> : null}
    </div>
  );
}
