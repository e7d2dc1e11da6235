import { useState, type FormEvent } from 'react';
import type { SandboxDriver } from '../../daily';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { InlineError } from '../../ui/inline-error';
import { useSandboxAction } from './use-sandbox-action';

const METHODS = ['sipCallTransfer', 'sipRefer', 'startDialOut', 'stopDialOut', 'sendDTMF'] as const;
const OUTCOMES = ['answer', 'busy', 'no-answer', 'error', 'start-failed'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** Failure injection, other agents, dial-out outcome and transfer timing. */
export function ScenarioControls({ sandbox }: { sandbox: SandboxDriver }) {
  const [method, setMethod] = useState<(typeof METHODS)[number]>('sipCallTransfer');
  const [message, setMessage] = useState('Simulated failure: 503 Service Unavailable');
  const [agent, setAgent] = useState('Second agent');
  const [outcome, setOutcome] = useState<Outcome>('answer');
  const [delay, setDelay] = useState('1500');
  const [elsewhere, setElsewhere] = useState('+12125550177');
  const { error, run } = useSandboxAction();
  const [armed, setArmed] = useState<string>();

  function fail(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      await sandbox.failNext(method, message);
      setArmed(`The next ${method}() call will fail.`);
    });
  }

  return (
    <div className="flex flex-col gap-3">
      <form
        onSubmit={fail}
        aria-label="Fail the next SDK call"
        className="flex flex-wrap items-end gap-2"
      >
        <label className="flex flex-col text-sm">
          SDK method
          <select
            className="rounded border border-slate-400 px-1 py-1.5"
            value={method}
            onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])}
          >
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <Field
          label="Failure message"
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          className="w-72"
        />
        <Button type="submit">Fail next call</Button>
        {armed ? <span className="text-sm text-slate-700">{armed}</span> : null}
      </form>
      <div className="flex flex-wrap items-end gap-2">
        <Field
          label="Agent name"
          value={agent}
          onChange={(e) => setAgent(e.target.value)}
          className="w-44"
        />
        <Button onClick={() => void run(() => sandbox.addAgent(agent.trim() || 'Agent'))}>
          Another agent joins
        </Button>
      </div>
      <form
        aria-label="Dial-out started elsewhere"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const to = elsewhere.trim();
          void run(() =>
            sandbox.dialOutElsewhere(to.startsWith('sip:') ? { sipUri: to } : { phoneNumber: to }),
          );
        }}
      >
        <Field
          label="Number or SIP URI dialled elsewhere"
          value={elsewhere}
          onChange={(e) => setElsewhere(e.target.value)}
          className="w-56"
        />
        <Button type="submit">Dial out elsewhere (bot, REST, another agent)</Button>
      </form>
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col text-sm">
          Dial-out outcome
          <select
            className="rounded border border-slate-400 px-1 py-1.5"
            value={outcome}
            onChange={(e) => {
              const next = e.target.value as Outcome;
              setOutcome(next);
              void run(() => sandbox.setDialOutOutcome(next));
            }}
          >
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <form
          aria-label="Transfer delay"
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => sandbox.setTransferDelay(Number(delay)));
          }}
        >
          <Field
            label="Transfer delay (ms)"
            type="number"
            min={0}
            value={delay}
            onChange={(e) => setDelay(e.target.value)}
            className="w-36"
          />
          <Button type="submit">Set delay</Button>
        </form>
      </div>
      <InlineError message={error} />
    </div>
  );
}
