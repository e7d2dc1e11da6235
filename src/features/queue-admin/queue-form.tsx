import { useState, type FormEvent } from 'react';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { InlineError } from '../../ui/inline-error';
import { fieldOf, useQueueAdmin, type QueueInput } from './admin-api';

const FIELDS = ['Name', 'Numbers', 'Members', 'Wrap-up', 'Strategy'] as const;
/** The text inputs: key, label (its first word is the server's name for it), hint. */
const INPUTS = [
  ['name', 'Name', undefined],
  ['numbers', 'Numbers', 'E.164, separated by commas'],
  ['members', 'Members', 'Usernames, separated by commas'],
  ['wrapUpS', 'Wrap-up (seconds)', undefined],
] as const;
const E164 = /^\+[1-9]\d{6,14}$/;
const split = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Adds a queue: its name, the numbers that feed it, its members, wrap-up time and strategy. */
export function QueueForm() {
  const { addQueue } = useQueueAdmin();
  const [form, setForm] = useState({ name: '', numbers: '', members: '', wrapUpS: '60' });
  const [strategy, setStrategy] = useState<QueueInput['strategy']>('longest-idle');
  const [error, setError] = useState<{ field: string; message: string }>();
  const at = (f: string) => (error?.field === f ? error.message : undefined);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((v) => ({ ...v, [key]: e.target.value }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    // The server's rules, checked here first so the agent sees them at the field at once.
    if (!form.name.trim()) return setError({ field: 'Name', message: 'Name: required' });
    const bad = split(form.numbers).find((n) => !E164.test(n));
    if (bad) {
      return setError({
        field: 'Numbers',
        message: `Numbers: "${bad}" is not in E.164 form, like +14155550100`,
      });
    }
    const wrapUpS = Number(form.wrapUpS);
    if (!Number.isInteger(wrapUpS))
      return setError({ field: 'Wrap-up', message: 'Wrap-up: whole seconds, 0 to 3600' });
    try {
      await addQueue.mutateAsync({
        name: form.name,
        numbers: split(form.numbers),
        members: split(form.members),
        wrapUpS,
        strategy,
      });
      setForm({ name: '', numbers: '', members: '', wrapUpS: '60' });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      setError({ field: fieldOf(message, FIELDS), message });
    }
  }
  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label="Add a queue"
      className="grid gap-2 sm:grid-cols-2"
    >
      {INPUTS.map(([key, label, hint]) => (
        <Field
          key={key}
          label={label}
          hint={hint}
          value={form[key]}
          onChange={set(key)}
          error={at(label.split(' ')[0]!)}
        />
      ))}
      <label className="flex flex-col gap-1 text-sm font-medium">
        Strategy
        <select
          value={strategy}
          onChange={(e) => setStrategy(e.target.value as QueueInput['strategy'])}
          className="rounded border border-slate-400 px-2 py-1.5 font-normal"
        >
          <option value="longest-idle">Longest idle first, one at a time</option>
          <option value="ring-all">Ring every available agent</option>
        </select>
      </label>
      <div className="flex items-end">
        <Button type="submit" variant="primary" disabled={addQueue.isPending}>
          Add queue
        </Button>
      </div>
      <div className="sm:col-span-2">
        <InlineError message={at('form')} />
      </div>
    </form>
  );
}
