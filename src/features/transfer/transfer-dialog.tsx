import { useRef, useState, type FormEvent } from 'react';
import { useDaily } from '@daily-co/daily-react';
import { transferCostNotice } from '../../domain/cost';
import { Dialog } from '../../ui/dialog';
import { DialogActions } from '../../ui/dialog-actions';
import { focusFirstInvalid } from '../../ui/focus-invalid';
import { callSdk, runAction } from '../leg-actions';
import { CostPreview } from './cost-preview';
import { DestinationFields } from './destination-fields';
import { useDestinationForm } from './use-destination-form';
import { useLeg } from './use-leg';

const BOTH = ['pstn', 'sip'] as const;

export interface LegDialogProps {
  sessionId: string;
  initialDestination?: string | undefined;
  onClose: () => void;
}

/** sipCallTransfer: the caller leaves this room, Daily stays in the path, the far end moves. */
export function TransferDialog({ sessionId, initialDestination, onClose }: LegDialogProps) {
  const call = useDaily();
  const leg = useLeg(sessionId);
  const form = useDestinationForm({ allow: BOTH, initial: initialDestination });
  const [submitted, setSubmitted] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const target = form.preview?.ok ? form.preview.value : undefined;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (submitted || !call) return;
    const values = form.validate();
    if (!values) return focusFirstInvalid(formRef.current);
    setSubmitted(true);
    const toEndPoint =
      values.destination.kind === 'pstn' ? values.destination.e164 : values.destination.uri;
    const args = {
      sessionId,
      toEndPoint,
      ...(values.destination.kind === 'pstn' ? values.phone : {}),
    };
    runAction({
      call,
      method: 'transfer',
      sessionId,
      ...(leg.type ? { legType: leg.type } : {}),
      callerName: leg.name,
      destination: toEndPoint,
      invoke: (c) => callSdk(c, 'sipCallTransfer', args).then(() => undefined),
    });
    onClose();
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Transfer ${leg.name}`}
      description="Move the caller to another Daily room, an external SIP address or a phone number. Daily stays in the call."
    >
      <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-4">
        <DestinationFields form={form} phoneOptions roomPicker />
        {leg.type ? (
          <CostPreview notice={target ? transferCostNotice(leg.type, target.kind) : undefined} />
        ) : null}
        <DialogActions submitLabel="Transfer" submitted={submitted} />
      </form>
    </Dialog>
  );
}
