import { useRef, useState, type FormEvent } from 'react';
import type { ConsoleActionMethod } from '../../domain/console-action';
import { referCostNotice, transferCostNotice } from '../../domain/cost';
import { CostPreview, DestinationFields, useDestinationForm } from '../../shared/destination-form';
import { Dialog } from '../../ui/dialog';
import { DialogActions } from '../../ui/dialog-actions';
import { focusFirstInvalid } from '../../ui/focus-invalid';
import { sendWallAction } from './wall-requests';
import { wallStore } from './wall-store';
import { worldFromSearch } from '../../domain/sandbox-world';
import { wallLegType } from '../../domain/wall';
import { roomLabel } from '../../domain/wall-view';

/** Which leg the supervisor is acting on, and how. */
export interface WallActing {
  sessionId: string;
  room: string;
  name: string;
  method: ConsoleActionMethod;
}

const BOTH = ['pstn', 'sip'] as const;
const SIP = ['sip'] as const;

const TEXT: Record<ConsoleActionMethod, { verb: string; description: string }> = {
  'hang-up': {
    verb: 'Hang up',
    description:
      'Ends this call for the caller. Every console in the room shows that you ended it.',
  },
  transfer: {
    verb: 'Transfer',
    description:
      'Move the caller to another Daily room, an external SIP address or a phone number. Daily stays in the call. The room sees that you did it.',
  },
  refer: {
    verb: 'Refer',
    description:
      'Hand the call back to the originating SIP system (SIP REFER). The room sees that you did it.',
  },
};

/**
 * Hang up, transfer or refer any leg from the wall, through the server's REST routes: the
 * agent's destination form and its checks (the server runs the same check again), the cost of
 * what is about to happen, and the server's answer — a refusal keeps the dialog open and says
 * why; an accepted request closes it and the row follows the call's progress.
 */
export function WallActionDialog({ acting, onClose }: { acting: WallActing; onClose: () => void }) {
  const { method } = acting;
  const handOver = method !== 'hang-up';
  const form = useDestinationForm({ allow: method === 'refer' ? SIP : BOTH });
  const formRef = useRef<HTMLFormElement>(null);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string>();
  const type = wallLegType(wallStore.leg(acting.sessionId) ?? ({} as never));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    let body: Record<string, unknown> = {};
    if (handOver) {
      const values = form.validate();
      if (!values) return focusFirstInvalid(formRef.current);
      const d = values.destination;
      body = d.kind === 'pstn' ? { destination: d.e164, ...values.phone } : { destination: d.uri };
    }
    setSending(true);
    setProblem(undefined);
    const refused = await sendWallAction(acting, method, body);
    setSending(false);
    if (!refused) return onClose();
    setProblem(refused.error);
  };
  const { verb, description } = TEXT[method];
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`${verb} ${acting.name}`}
      description={description}
    >
      <form
        ref={formRef}
        onSubmit={(e) => void submit(e)}
        noValidate
        className="flex flex-col gap-4"
      >
        {handOver ? (
          <>
            <DestinationFields
              form={form}
              phoneOptions={method === 'transfer'}
              sipOnly={method === 'refer'}
              roomPicker
              callRoom={roomLabel(acting.room, worldFromSearch(window.location.search))}
            />
            {method === 'refer' ? (
              <CostPreview notice={referCostNotice()} />
            ) : type ? (
              <CostPreview
                notice={form.target ? transferCostNotice(type, form.target.kind) : undefined}
              />
            ) : null}
          </>
        ) : null}
        {problem ? (
          <p role="alert" className="text-sm text-red-800">
            {problem}
          </p>
        ) : null}
        <DialogActions
          submitLabel={sending ? `${verb}…` : verb}
          submitted={sending}
          variant={method === 'hang-up' ? 'danger' : 'primary'}
        />
      </form>
    </Dialog>
  );
}
