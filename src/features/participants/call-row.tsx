import { memo, useState, type ComponentType } from 'react';
import { useParticipantProperty } from '@daily-co/daily-react';
import { cleanDisplayName, formatDuration } from '../../domain/identity';
import { formatAddressForReading } from '../../domain/leg-label';
import { isTelephonyType, legKindLabel } from '../../domain/telephony';
import { Badge } from '../../ui/badge';
import { useNow } from '../../ui/use-now';
import { useLegInfo, useLegLabel } from '../../shared/leg-data';
import { CallOwnerBadge } from './call-owner-badge';
import { LegAddress } from './leg-address';
import { LegStatusBadge } from './leg-status-badge';

export const CALL_ROW_HEIGHT = 92;

interface CallRowProps {
  sessionId: string;
  top: number;
  index: number;
  total: number;
  RowActions?: ComponentType<{ sessionId: string }> | undefined;
}

function CallTimer({ since }: { since: number }) {
  const now = useNow();
  return (
    <span role="timer" className="font-mono text-sm tabular-nums" aria-label="Call duration">
      {formatDuration(now - since)}
    </span>
  );
}

/** One leg: name, kind, number or SIP URI, live timer, connection state, actions. */
export const CallRow = memo(function CallRow({
  sessionId,
  top,
  index,
  total,
  RowActions,
}: CallRowProps) {
  const [userName, type, joinedAt, local] = useParticipantProperty(sessionId, [
    'user_name',
    'participantType',
    'joined_at',
    'local',
  ]);
  const info = useLegInfo(sessionId);
  // A dial-out without a display name is named after its number: shown for reading.
  const plain = formatAddressForReading(
    cleanDisplayName(userName, isTelephonyType(type) ? 'Unknown caller' : 'Guest'),
  );
  // Phone legs may share a name (a room's dial-in display name): the label tells them apart.
  const label = useLegLabel(sessionId, plain);
  const name = isTelephonyType(type) ? label : plain;
  // The number is shown beside the name anyway: do not repeat it in the visible name.
  const shownName =
    info?.address && name.includes(formatAddressForReading(info.address)) ? plain : name;
  const [seenAt] = useState(() => Date.now());
  const since = joinedAt ? new Date(joinedAt).getTime() : seenAt;
  const phone = isTelephonyType(type);
  return (
    <li
      aria-setsize={total}
      aria-posinset={index + 1}
      aria-label={`${name}, ${legKindLabel(type)}`}
      className="absolute inset-x-0 flex flex-col justify-center gap-1 border-b border-slate-200 px-3"
      style={{ top, height: CALL_ROW_HEIGHT }}
    >
      <div className="flex items-center gap-2">
        <span className="truncate font-medium">
          {shownName}
          {local ? ' (you)' : ''}
        </span>
        <Badge tone={phone ? 'info' : 'neutral'}>{legKindLabel(type)}</Badge>
        {info?.address ? <LegAddress address={info.address} /> : null}
        {phone ? <CallOwnerBadge sessionId={sessionId} address={info?.address} /> : null}
        <span className="ml-auto flex items-center gap-2">
          {phone ? <LegStatusBadge info={info} type={type} /> : null}
          <CallTimer since={since} />
        </span>
      </div>
      {phone && info?.status === 'ended' ? (
        <p className="text-sm text-slate-600">
          The phone call ended; Daily still lists this participant, so there is nothing to act on.
        </p>
      ) : phone && RowActions ? (
        <RowActions sessionId={sessionId} />
      ) : null}
    </li>
  );
});
