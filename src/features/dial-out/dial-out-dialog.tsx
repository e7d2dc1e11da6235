import { useState } from 'react';
import { dialOutCostNotice } from '../../domain/cost';
import { validateDisplayName } from '../../domain/destination';
import { Dialog } from '../../ui/dialog';
import { DialogActions } from '../../ui/dialog-actions';
import { Field } from '../../ui/field';
import { callSdk } from '../../daily';
import { runAction, useActionForm } from '../../shared/action-engine';
import { CostPreview, DestinationFields, useDestinationForm } from '../../shared/destination-form';
import { legInfo } from '../../shared/leg-data';

const BOTH = ['pstn', 'sip'] as const;

/** startDialOut: bring a new phone or SIP party into this room. */
export function DialOutDialog({ onClose }: { onClose: () => void }) {
  const form = useDestinationForm({ allow: BOTH });
  const [displayName, setDisplayName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const { formRef, submitted, unavailable, onSubmit } = useActionForm(onClose);

  const submit = onSubmit((call) => {
    const name = validateDisplayName(displayName);
    setNameError(name.ok ? undefined : name.error);
    const values = form.validate();
    if (!values || !name.ok) return false;
    const id = crypto.randomUUID();
    const d = values.destination;
    const destination = d.kind === 'pstn' ? d.e164 : d.uri;
    const common = { userId: id, ...(name.value ? { displayName: name.value } : {}) };
    const args =
      d.kind === 'pstn'
        ? { phoneNumber: d.e164, ...common, ...values.phone }
        : { sipUri: d.uri, ...common };
    runAction({
      call,
      id,
      method: 'dial-out',
      callerName: name.value ?? destination,
      destination,
      invoke: async (c) => {
        const result = (await callSdk(c, 'startDialOut', args)) as
          { session?: { sessionId?: string } } | undefined;
        const sessionId = result?.session?.sessionId;
        if (sessionId) legInfo.noteDestination(sessionId, destination);
        return sessionId;
      },
    });
    return true;
  });

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title="Dial out"
      description="Call a phone number or SIP address and bring them into this room."
    >
      <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-4">
        <DestinationFields form={form} phoneOptions />
        <Field
          label="Display name (optional)"
          name="displayName"
          autoComplete="off"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={nameError}
          hint="What the room sees for this call; fewer than 200 characters."
        />
        <CostPreview notice={form.target ? dialOutCostNotice(form.target.kind) : undefined} />
        <DialogActions submitLabel="Call" submitted={submitted} unavailable={unavailable} />
      </form>
    </Dialog>
  );
}
