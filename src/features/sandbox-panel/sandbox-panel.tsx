import type { SandboxDriver } from '../../daily';
import { BehaviourControls } from './behaviour-controls';
import { FarEndControls } from './far-end-controls';
import { PinlessCallerForm } from './pinless-caller-form';
import { ScenarioControls } from './scenario-controls';
import { SimulateCallForm } from './simulate-call-form';

/** The sandbox's simulation controls (the same ones window.sandbox offers to tests). */
export function SandboxPanel({ sandbox }: { sandbox: SandboxDriver }) {
  return (
    <section
      aria-labelledby="sandbox-heading"
      className="flex flex-col gap-3 rounded-lg border border-violet-300 bg-violet-50 p-4"
    >
      <h2 id="sandbox-heading" className="text-base font-semibold">
        Sandbox panel
      </h2>
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
    </section>
  );
}
