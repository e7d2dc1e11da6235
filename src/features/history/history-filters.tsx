import { useState, type FormEvent } from 'react';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import {
  CONVERSATION_OUTCOMES,
  isConversationOutcome,
  OUTCOME_NAMES,
} from '../../domain/conversation-outcome';
import type { HistoryFilter } from './history-api';

type FieldName = keyof HistoryFilter;
export type FilterErrors = Partial<Record<FieldName, string>>;

type TextField = Exclude<FieldName, 'outcome'>;

const TEXT_FIELDS: { name: TextField; label: string; type?: 'datetime-local'; hint?: string }[] = [
  { name: 'from', label: 'From', type: 'datetime-local' },
  { name: 'to', label: 'To', type: 'datetime-local' },
  { name: 'room', label: 'Room' },
  {
    name: 'number',
    label: 'Number or SIP address',
    hint: 'Any formatting: +1 415 555 0100 finds +14155550100',
  },
  { name: 'agent', label: 'Agent (username)' },
  { name: 'disposition', label: 'Disposition (code)', hint: 'Queue calls filed with this code' },
  { name: 'handledBy', label: 'Handled by (username)', hint: 'Queue calls this agent took' },
];

/**
 * The history's filters. Nothing is sent until "Show conversations"; a bad time range is
 * caught here, and the server's refusal of any field is shown at that field (`errors`).
 */
export function HistoryFilters({
  onApply,
  errors: serverErrors,
}: {
  onApply(filter: HistoryFilter): void;
  errors: FilterErrors;
}) {
  const [values, setValues] = useState<Record<TextField, string>>({
    from: '',
    to: '',
    room: '',
    number: '',
    agent: '',
    disposition: '',
    handledBy: '',
  });
  const [outcome, setOutcome] = useState('');
  const [errors, setErrors] = useState<FilterErrors>({});
  const shown = { ...serverErrors, ...errors };

  function submit(e: FormEvent) {
    e.preventDefault();
    const { from, to } = values;
    if (from && to && new Date(to) <= new Date(from)) {
      setErrors({ to: 'To: must be after From' });
      return;
    }
    setErrors({});
    const filter: HistoryFilter = {};
    for (const { name, type } of TEXT_FIELDS) {
      const value = values[name].trim();
      // `datetime-local` is the browser's local time: the server gets ISO 8601.
      if (value) filter[name] = type ? new Date(value).toISOString() : value;
    }
    if (isConversationOutcome(outcome)) filter.outcome = outcome;
    onApply(filter);
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Filter conversations"
      className="grid gap-3 rounded-lg bg-white p-4 shadow sm:grid-cols-3"
    >
      {TEXT_FIELDS.map(({ name, label, type, hint }) => (
        <Field
          key={name}
          label={label}
          {...(type ? { type } : {})}
          hint={hint}
          value={values[name]}
          onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
          error={shown[name]}
        />
      ))}
      <div className="flex flex-col gap-1">
        <label htmlFor="history-outcome" className="text-sm font-medium">
          Outcome
        </label>
        <select
          id="history-outcome"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          className="rounded border border-slate-400 px-2 py-1.5"
        >
          <option value="">Any outcome</option>
          {CONVERSATION_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_NAMES[o]}
            </option>
          ))}
        </select>
      </div>
      <div className="sm:col-span-3">
        <Button type="submit" variant="primary">
          Show conversations
        </Button>
      </div>
    </form>
  );
}
