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

/** `datetime-local` (the browser's local time) → ISO 8601 for the server; blank stays blank. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

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
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [room, setRoom] = useState('');
  const [number, setNumber] = useState('');
  const [agent, setAgent] = useState('');
  const [outcome, setOutcome] = useState('');
  const [errors, setErrors] = useState<FilterErrors>({});
  const shown = { ...serverErrors, ...errors };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (from && to && new Date(to) <= new Date(from)) {
      setErrors({ to: 'To: must be after From' });
      return;
    }
    setErrors({});
    const filter: HistoryFilter = {};
    const fromIso = isoOf(from);
    const toIso = isoOf(to);
    if (fromIso) filter.from = fromIso;
    if (toIso) filter.to = toIso;
    if (room.trim()) filter.room = room.trim();
    if (number.trim()) filter.number = number.trim();
    if (agent.trim()) filter.agent = agent.trim();
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
      <Field
        label="From"
        type="datetime-local"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={shown.from}
      />
      <Field
        label="To"
        type="datetime-local"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        error={shown.to}
      />
      <Field
        label="Room"
        value={room}
        onChange={(e) => setRoom(e.target.value)}
        error={shown.room}
      />
      <Field
        label="Number or SIP address"
        value={number}
        onChange={(e) => setNumber(e.target.value)}
        error={shown.number}
        hint="Any formatting: +1 415 555 0100 finds +14155550100"
      />
      <Field
        label="Agent (username)"
        value={agent}
        onChange={(e) => setAgent(e.target.value)}
        error={shown.agent}
      />
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
