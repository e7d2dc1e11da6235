import type { ReactNode } from 'react';
import type { DailyCall } from '@daily-co/daily-js';
import type { Destination } from '../../domain/destination';
import type { TelephonyType } from '../../domain/telephony';
import { runAction, useActionForm } from '../../shared/action-engine';
import {
  DestinationFields,
  useDestinationForm,
  type DestinationFormValues,
} from '../../shared/destination-form';
import { useLeg, type LegDialogProps } from '../../shared/leg-data';
import { Dialog } from '../../ui/dialog';
import { DialogActions } from '../../ui/dialog-actions';

/** What a valid form sends: the address the caller goes to and the SDK call that does it. */
export interface HandOverRequest {
  toEndPoint: string;
  invoke: (call: DailyCall) => Promise<unknown>;
}

export interface HandOverDialogProps extends LegDialogProps {
  method: 'transfer' | 'refer';
  /** The verb on the title and the submit button ("Transfer", "Refer"). */
  verb: string;
  description: string;
  allow: ReadonlyArray<Destination['kind']>;
  /** A refer only goes to SIP addresses: the fields say so and offer no phone options. */
  sipOnly?: boolean;
  /** The request for valid values, or undefined when they do not fit (the form stays open). */
  request: (values: DestinationFormValues) => HandOverRequest | undefined;
  /** What it costs, for the leg's type (when known) and the destination typed so far. */
  cost: (legType: TelephonyType | undefined, target: Destination | undefined) => ReactNode;
}

/**
 * What transfer and refer share: the leg's name, a destination form, its cost, one submit that
 * starts the action (a double click submits once) and closes the dialog.
 */
export function HandOverDialog(props: HandOverDialogProps) {
  const { sessionId, initialDestination, onClose, method, verb, sipOnly = false } = props;
  const leg = useLeg(sessionId);
  const form = useDestinationForm({ allow: props.allow, initial: initialDestination });
  const { formRef, submitted, unavailable, onSubmit } = useActionForm(onClose);

  const submit = onSubmit((call) => {
    const values = form.validate();
    const request = values ? props.request(values) : undefined;
    if (!request) return false;
    runAction({
      call,
      method,
      sessionId,
      ...(leg.type ? { legType: leg.type } : {}),
      callerName: leg.name,
      destination: request.toEndPoint,
      invoke: (c) => request.invoke(c).then(() => undefined),
    });
    return true;
  });

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`${verb} ${leg.name}`}
      description={props.description}
    >
      <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-4">
        <DestinationFields form={form} phoneOptions={!sipOnly} sipOnly={sipOnly} roomPicker />
        {props.cost(leg.type, form.target)}
        <DialogActions submitLabel={verb} submitted={submitted} unavailable={unavailable} />
      </form>
    </Dialog>
  );
}
