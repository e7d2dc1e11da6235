import { useRef, useState, type FormEvent } from 'react';
import { useDaily } from '@daily-co/daily-react';
import { referCostNotice } from '../../domain/cost';
import { Dialog } from '../../ui/dialog';
import { DialogActions } from '../../ui/dialog-actions';
import { focusFirstInvalid } from '../../ui/focus-invalid';
import { callSdk, runAction } from '../leg-actions';
import { CostPreview } from './cost-preview';
import { DestinationFields } from './destination-fields';
import { useDestinationForm } from './use-destination-form';
import { useLeg } from './use-leg';
import type { LegDialogProps } from './transfer-dialog';

const SIP_ONLY = ['sip'] as const;

/** sipRefer: the originating SIP system connects straight to the target and Daily leaves. */
export function ReferDialog({ sessionId, initialDestination, onClose }: LegDialogProps) {
  const call = useDaily();
  const leg = useLeg(sessionId);
  const form = useDestinationForm({ allow: SIP_ONLY, initial: initialDestination });
  const [submitted, setSubmitted] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (submitted || !call) return;
    const values = form.validate();
    if (!values || values.destination.kind !== 'sip') return focusFirstInvalid(formRef.current);
    setSubmitted(true);
    const toEndPoint = values.destination.uri;
    runAction({
      call,
      method: 'refer',
      sessionId,
      ...(leg.type ? { legType: leg.type } : {}),
      callerName: leg.name,
      destination: toEndPoint,
      invoke: (c) => callSdk(c, 'sipRefer', { sessionId, toEndPoint }).then(() => undefined),
    });
    onClose();
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Refer ${leg.name}`}
      description="Hand the call back to the system it came from, which connects it straight to the SIP address below. Refer needs a SIP caller: a phone (PSTN) caller is transferred instead."
    >
      <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-4">
        <DestinationFields form={form} phoneOptions={false} sipOnly roomPicker />
        <CostPreview notice={referCostNotice()} />
        <DialogActions submitLabel="Refer" submitted={submitted} />
      </form>
    </Dialog>
  );
}
