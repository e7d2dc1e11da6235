import { useState } from 'react';
import { useDaily } from '@daily-co/daily-react';
import { isDialOutType } from '../../domain/telephony';
import { Dialog } from '../../ui/dialog';
import { DialogActions } from '../../ui/dialog-actions';
import { callSdk } from '../../daily';
import { runAction, useLinkUnavailable } from '../../shared/action-engine';
import { useLeg, type LegDialogProps } from '../../shared/leg-data';

/** Confirms, then ends the leg: stopDialOut for dial-outs, eject for dial-ins. */
export function HangUpDialog({ sessionId, onClose }: LegDialogProps) {
  const call = useDaily();
  const leg = useLeg(sessionId);
  const [submitted, setSubmitted] = useState(false);
  const unavailable = useLinkUnavailable();
  const dialOut = leg.type ? isDialOutType(leg.type) : false;

  function confirm() {
    if (submitted || unavailable || !call) return;
    setSubmitted(true);
    runAction({
      call,
      method: 'hang-up',
      via: dialOut ? 'stop-dial-out' : 'eject',
      sessionId,
      ...(leg.type ? { legType: leg.type } : {}),
      callerName: leg.name,
      destination: '',
      invoke: (c) =>
        (dialOut
          ? callSdk(c, 'stopDialOut', { sessionId })
          : callSdk(c, 'eject', { sessionId })
        ).then(() => undefined),
    });
    onClose();
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Hang up ${leg.name}?`}
      description={
        dialOut
          ? 'This ends the call Daily placed to them (stopDialOut). It cannot be undone.'
          : 'This removes the caller from the room, which ends their phone call. It cannot be undone.'
      }
    >
      <DialogActions
        submitLabel="Hang up"
        variant="danger"
        submitted={submitted}
        unavailable={unavailable}
        onSubmit={confirm}
      />
    </Dialog>
  );
}
