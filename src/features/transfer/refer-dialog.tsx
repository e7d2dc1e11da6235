import { callSdk } from '../../daily';
import { referCostNotice } from '../../domain/cost';
import { CostPreview } from '../../shared/destination-form';
import type { LegDialogProps } from '../../shared/leg-data';
import { HandOverDialog } from './hand-over-dialog';

const SIP_ONLY = ['sip'] as const;

/** sipRefer: the originating SIP system connects straight to the target and Daily leaves. */
export function ReferDialog(props: LegDialogProps) {
  const { sessionId } = props;
  return (
    <HandOverDialog
      {...props}
      method="refer"
      verb="Refer"
      description="Hand the call back to the system it came from, which connects it straight to the SIP address below. Refer needs a SIP caller: a phone (PSTN) caller is transferred instead."
      allow={SIP_ONLY}
      sipOnly
      request={({ destination }) => {
        if (destination.kind !== 'sip') return undefined;
        const toEndPoint = destination.uri;
        return {
          toEndPoint,
          invoke: (call) => callSdk(call, 'sipRefer', { sessionId, toEndPoint }),
        };
      }}
      cost={() => <CostPreview notice={referCostNotice()} />}
    />
  );
}
