import { useId, useState } from 'react';
import type { SandboxDriver } from '../../daily';
import { BehaviourControls } from './behaviour-controls';
import { FarEndControls } from './far-end-controls';
import { PinlessCallerForm } from './pinless-caller-form';
import { ScenarioControls } from './scenario-controls';
import { SimulateCallForm } from './simulate-call-form';

/**
 * The sandbox's simulation controls (the same ones window.sandbox offers to tests). Collapsed
 * by default: it is a tool for trying the console, not part of an agent's work, and open it
 * would take half the screen's height and most of its tab stops.
 */
export function SandboxPanel({ sandbox }: { sandbox: SandboxDriver }) {
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <section
      aria-labelledby="sandbox-heading"
      className="flex flex-col gap-3 rounded-lg border border-violet-300 bg-violet-50 p-4"
    >
      <h2 id="sandbox-heading" className="text-base font-semibold">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((o) => !o)}
          className="flex w-full items-center gap-2 text-left max-sm:min-h-11"
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          Sandbox panel
        </button>
      </h2>
      <div id={bodyId} hidden={!open} className={open ? 'flex flex-col gap-3' : 'hidden'}>
        <p className="text-sm text-slate-700">
          Simulated room: nothing here reaches Daily. Tests drive the same controls through{' '}
          <code>window.sandbox</code>.
        </p>
        <SimulateCallForm sandbox={sandbox} kind="pstn" />
        <SimulateCallForm sandbox={sandbox} kind="sip" />
        {sandbox.shared ? <PinlessCallerForm /> : null}
        <FarEndControls sandbox={sandbox} />
        <ScenarioControls sandbox={sandbox} />
        <BehaviourControls sandbox={sandbox} />
      </div>
    </section>
  );
}
