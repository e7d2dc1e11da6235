import { callSdk } from '../../daily';
import { transferCostNotice } from '../../domain/cost';
import { CostPreview } from '../../shared/destination-form';
import type { LegDialogProps } from '../../shared/leg-data';
import { HandOverDialog } from './hand-over-dialog';

const BOTH = ['pstn', 'sip'] as const;

/** sipCallTransfer: the caller leaves this room, Daily stays in the path, the far end moves. */
export function TransferDialog(props: LegDialogProps) {
  const { sessionId } = props;
  return (
    <HandOverDialog
      {...props}
      method="transfer"
      verb="Transfer"
      description="Move the caller to another Daily room, an external SIP address or a phone number. Daily stays in the call."
      allow={BOTH}
      request={({ destination, phone }) => {
        const toEndPoint = destination.kind === 'pstn' ? destination.e164 : destination.uri;
        const args = { sessionId, toEndPoint, ...(destination.kind === 'pstn' ? phone : {}) };
        return { toEndPoint, invoke: (call) => callSdk(call, 'sipCallTransfer', args) };
      }}
      cost={(legType, target) =>
        legType ? (
          <CostPreview notice={target ? transferCostNotice(legType, target.kind) : undefined} />
        ) : null
      }
    />
  );
}
