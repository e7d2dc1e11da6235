import { memo, useState, type ComponentType } from 'react';
import { useParticipantProperty } from '@daily-co/daily-react';
import { cleanDisplayName, formatDuration } from '../../domain/identity';
import { isTelephonyType, legKindLabel } from '../../domain/telephony';
import { Badge } from '../../ui/badge';
import { useNow } from '../../ui/use-now';
import { useLegInfo } from './use-leg-info';
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
  const name = cleanDisplayName(userName, isTelephonyType(type) ? 'Unknown caller' : 'Guest');
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
          {name}
          {local ? ' (you)' : ''}
        </span>
        <Badge tone={phone ? 'info' : 'neutral'}>{legKindLabel(type)}</Badge>
        {info?.address ? <span className="truncate font-mono text-sm">{info.address}</span> : null}
        <span className="ml-auto flex items-center gap-2">
          {phone ? <LegStatusBadge info={info} type={type} /> : null}
          <CallTimer since={since} />
        </span>
      </div>
      {phone && RowActions ? <RowActions sessionId={sessionId} /> : null}
    </li>
  );
});
