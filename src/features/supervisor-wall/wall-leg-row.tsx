import { memo } from 'react';
import { actorPhrase } from '../../domain/console-action';
import { formatMoney, type Rates } from '../../domain/cost-meter';
import { formatDuration } from '../../domain/identity';
import {
  wallAddress,
  wallKindLabel,
  wallLegNetwork,
  wallStateText,
  type WallStateKey,
} from '../../domain/wall';
import type { WallRow } from '../../domain/wall-view';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { useNow } from '../../ui/use-now';
import { wallLegCost } from './wall-cost';
import { requestWords, useWallRequest } from './wall-requests';
import { wallStore } from './wall-store';
import type { WallActing } from './wall-action-dialog';

export const WALL_ROW_HEIGHT = 56;
/** The grid's columns (header and rows share it). */
export const WALL_COLUMNS =
  'grid grid-cols-[minmax(9rem,1.4fr)_7rem_minmax(9rem,1.2fr)_5rem_minmax(10rem,1.6fr)_5.5rem_minmax(13rem,1fr)]';

const TONE: Record<WallStateKey, 'neutral' | 'info' | 'success' | 'warning' | 'danger'> = {
  connecting: 'neutral',
  ringing: 'info',
  connected: 'success',
  transferring: 'warning',
  'target-answered': 'success',
  ended: 'neutral',
  failed: 'danger',
};

interface Props {
  row: WallRow;
  /** The queue agent who accepted the call ("Handled by …"), when a queue offered it. */
  handledBy: string | undefined;
  roomLabel: string;
  rates: Rates | undefined;
  rowIndex: number;
  top: number;
  active: boolean;
  onAct: (acting: WallActing) => void;
}

/**
 * One leg: caller (and the queue agent handling it), kind, address, live duration, state (and
 * who acted), cost, actions.
 */
export const WallLegRow = memo(function WallLegRow(props: Props) {
  const { row, rates, active, onAct } = props;
  const now = useNow();
  const { leg, transfer, state } = row;
  const request = useWallRequest(leg.session_id);
  const actor = wallStore.actor(leg.session_id);
  const end = state === 'ended' || state === 'failed' ? (leg.ended_at ?? now) : now;
  const cost = wallLegCost(leg, wallStore.transfersOf(leg.session_id), rates, now);
  const live = state !== 'ended' && state !== 'failed' && leg.ended_at === null;
  const acting = { sessionId: leg.session_id, room: leg.room ?? '', name: row.name };
  const pstn = wallLegNetwork(leg) === 'pstn';
  return (
    <div
      role="row"
      aria-rowindex={props.rowIndex}
      aria-label={`${row.name}, ${wallKindLabel(leg)}, in ${props.roomLabel}`}
      tabIndex={active ? 0 : -1}
      data-row={props.rowIndex}
      className={`${WALL_COLUMNS} absolute inset-x-0 items-center gap-2 border-b border-slate-200 px-3 text-sm focus:outline-2 focus:outline-blue-700`}
      style={{ top: props.top, height: WALL_ROW_HEIGHT }}
    >
      <span role="gridcell" className="truncate font-medium">
        {row.name}
        {/* A second line only when a queue agent has it: no extra element in every row. */}
        {props.handledBy ? (
          <span className="block truncate text-xs font-normal text-slate-700">
            Handled by {props.handledBy}
          </span>
        ) : null}
      </span>
      <span role="gridcell">{wallKindLabel(leg)}</span>
      <span role="gridcell" className="truncate font-mono">
        {wallAddress(leg)}
      </span>
      <span role="gridcell" className="font-mono tabular-nums">
        {formatDuration(end - row.since)}
      </span>
      <span role="gridcell" className="flex min-w-0 flex-col">
        <span className="truncate">
          <Badge tone={TONE[state]}>{wallStateText(state, transfer)}</Badge>
        </span>
        <span className="truncate text-xs text-slate-700">
          {request ? requestWords(request) : actor ? actorPhrase(actor) : (leg.detail ?? '')}
        </span>
      </span>
      <span role="gridcell" className="font-mono tabular-nums">
        {rates ? formatMoney(cost.amount, rates.currency) : '—'}
      </span>
      <span role="gridcell" className="flex gap-1">
        {live ? (
          <>
            <Button
              size="sm"
              variant="danger"
              aria-label={`Hang up ${row.name}`}
              onClick={() => onAct({ ...acting, method: 'hang-up' })}
            >
              Hang up
            </Button>
            <Button
              size="sm"
              aria-label={`Transfer ${row.name}`}
              onClick={() => onAct({ ...acting, method: 'transfer' })}
            >
              Transfer
            </Button>
            <Button
              size="sm"
              aria-label={`Refer ${row.name}`}
              disabled={pstn}
              title={pstn ? 'A phone (PSTN) call cannot be referred' : undefined}
              onClick={() => onAct({ ...acting, method: 'refer' })}
            >
              Refer
            </Button>
          </>
        ) : null}
      </span>
    </div>
  );
});
