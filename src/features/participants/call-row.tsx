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

/** Row heights: a desktop row is two lines; a phone row three, with 44-px buttons. */
export const CALL_ROW_HEIGHT = 92;
export const PHONE_CALL_ROW_HEIGHT = 168;

interface CallRowProps {
  sessionId: string;
  top: number;
  height: number;
  index: number;
  total: number;
  /** The call the keyboard shortcuts act on: in the tab order, highlighted. */
  selected: boolean;
  /** The call that arrived last. */
  newest: boolean;
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

/**
 * One leg: name, kind, number or SIP URI, live timer, connection state, actions. The name and
 * the number shrink (truncated, the full text in the accessible name) before anything else, so
 * a long status never pushes the buttons out; on a phone the number gets a line of its own.
 */
export const CallRow = memo(function CallRow({
  sessionId,
  top,
  height,
  index,
  total,
  selected,
  newest,
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
      // The selected row is the list's one tab stop (a roving tabindex): shortcuts move it.
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- roving focus, as a feed's articles
      tabIndex={selected ? 0 : -1}
      data-session-id={sessionId}
      aria-current={selected ? 'true' : undefined}
      aria-setsize={total}
      aria-posinset={index + 1}
      aria-label={`${name}, ${legKindLabel(type)}${newest ? ', newest call' : ''}`}
      className={`absolute inset-x-0 flex min-w-0 flex-col justify-center gap-1 border-b border-slate-200 px-3 focus-visible:-outline-offset-4 ${selected ? 'border-l-4 border-l-blue-700 bg-blue-50' : ''}`}
      style={{ top, height }}
    >
      <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 sm:flex-nowrap">
        <span className="min-w-0 truncate font-medium max-sm:flex-1">
          {shownName}
          {local ? ' (you)' : ''}
        </span>
        {newest ? <Badge tone="info">Newest</Badge> : null}
        <span className="order-3 flex min-w-0 items-center gap-2 max-sm:basis-full sm:order-2">
          <Badge tone={phone ? 'info' : 'neutral'}>{legKindLabel(type)}</Badge>
          {info?.address ? <LegAddress address={info.address} /> : null}
          {phone ? <CallOwnerBadge sessionId={sessionId} address={info?.address} /> : null}
        </span>
        <span className="order-2 ml-auto flex shrink-0 items-center gap-2 sm:order-3">
          {phone ? <LegStatusBadge info={info} type={type} /> : null}
          <CallTimer since={since} />
        </span>
      </div>
      {phone && info?.status === 'ended' ? (
        <p className="truncate text-sm text-slate-600">
          The phone call ended; Daily still lists this participant, so there is nothing to act on.
        </p>
      ) : phone && RowActions ? (
        <RowActions sessionId={sessionId} />
      ) : null}
    </li>
  );
});
