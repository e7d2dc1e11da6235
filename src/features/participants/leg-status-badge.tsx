import { isDialOutType, type TelephonyType } from '../../domain/telephony';
import { Badge } from '../../ui/badge';
import type { LegInfo } from './leg-info-store';

const LABELS: Record<LegInfo['status'], string> = {
  connecting: 'Connecting',
  connected: 'Connected',
  ringing: 'Ringing',
  answered: 'Answered',
  ended: 'Ended',
  failed: 'Failed',
};

const TONES = {
  connecting: 'warning',
  connected: 'success',
  ringing: 'warning',
  answered: 'success',
  ended: 'neutral',
  failed: 'danger',
} as const;

/** The leg's connection state, from dialin-/dialout- events. */
export function LegStatusBadge({ info, type }: { info: LegInfo | undefined; type: TelephonyType }) {
  // A dial-in leg we saw join before its dialin-connected is still being set up.
  const status = info?.status ?? (isDialOutType(type) ? 'connecting' : 'connected');
  return (
    <span title={info?.detail}>
      <Badge tone={TONES[status]}>{LABELS[status]}</Badge>
    </span>
  );
}
