import { useCallback, useSyncExternalStore } from 'react';
import type { SandboxDriver } from '../../daily';
import { InlineError } from '../../ui/inline-error';
import { useSandboxAction } from './use-sandbox-action';

type Behaviour = ReturnType<SandboxDriver['behaviour']>;

/** What each switch means, in the panel's words. */
const LABELS: Record<keyof Behaviour, string> = {
  leaveTiming: 'Leave events vs the SDK promise',
  leaveEvents: 'Leave events delivered',
  telephonyEvents: 'Dial events reach',
  dialOutSession: 'startDialOut() resolves',
  dialOutJoin: 'Dial-out participant joins',
  dialOutFailure: 'Busy / no answer reported as',
  transferDialOutEvents: 'dialout-* events for a transfer’s new leg',
  referWarnings: 'Warning during every refer',
  referRefusal: 'Refused REFER signalled by',
  ejectEndsLeg: 'Eject ends the phone leg',
  serverRejection: 'Server rejections are',
  transferTarget: 'Transfer target',
  webhookTiming: 'Webhooks arrive',
  transferPromise: 'Transfer/refer promise',
};

/**
 * The behaviours Daily does not document, one select each (the same switches as
 * `window.sandbox.setBehaviour`): the console must tell the truth under every combination.
 */
export function BehaviourControls({ sandbox }: { sandbox: SandboxDriver }) {
  const subscribe = useCallback((l: () => void) => sandbox.subscribe(l), [sandbox]);
  useSyncExternalStore(subscribe, () => sandbox.version);
  const current = sandbox.behaviour();
  const choices = sandbox.behaviourChoices();
  const { error, run } = useSandboxAction();
  const keys = Object.keys(choices) as (keyof Behaviour)[];
  return (
    <fieldset className="flex flex-col gap-2 rounded border border-violet-200 p-2">
      <legend className="px-1 text-sm font-medium">What Daily does not document</legend>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        {keys.map((key) => (
          <label key={key} className="flex flex-col text-sm">
            {LABELS[key]}
            <select
              className="rounded border border-slate-400 px-1 py-1.5"
              value={String(current[key])}
              onChange={(e) => {
                const raw = e.target.value;
                const value = raw === 'true' ? true : raw === 'false' ? false : raw;
                void run(() => sandbox.setBehaviour({ [key]: value } as Partial<Behaviour>));
              }}
            >
              {(choices[key] as readonly (string | boolean)[]).map((choice, i) => (
                <option key={String(choice)} value={String(choice)}>
                  {String(choice)}
                  {i === 0 ? ' (default)' : ''}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <InlineError message={error} />
    </fieldset>
  );
}
