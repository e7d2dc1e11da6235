import { memo } from 'react';
import { formatMoney, type Rates } from '../../domain/cost-meter';
import { useNow } from '../../ui/use-now';
import { costOf } from './wall-cost';

export const WALL_ROOM_HEIGHT = 36;

interface Props {
  room: string;
  label: string;
  count: number;
  sessionIds: string[];
  agents: string[];
  rates: Rates | undefined;
  rowIndex: number;
  top: number;
  active: boolean;
}

/** A room's header row: its name, how many calls, who is in it, what its calls cost so far. */
export const WallRoomRow = memo(function WallRoomRow(props: Props) {
  const now = useNow();
  const cost = costOf(props.sessionIds, props.rates, now);
  const agents = props.agents.length ? props.agents.join(', ') : 'no agent';
  return (
    <div
      role="row"
      aria-rowindex={props.rowIndex}
      tabIndex={props.active ? 0 : -1}
      data-row={props.rowIndex}
      className="absolute inset-x-0 flex items-center border-b border-slate-300 bg-slate-100 px-3 text-sm focus:outline-2 focus:outline-blue-700"
      style={{ top: props.top, height: WALL_ROOM_HEIGHT }}
    >
      <span role="gridcell" aria-colspan={7} className="flex w-full flex-wrap items-center gap-x-3">
        <strong>{props.label}</strong>
        <span>
          {props.count} call{props.count === 1 ? '' : 's'}
        </span>
        <span className="truncate text-slate-700">Agents: {agents}</span>
        {props.rates ? (
          <span className="ml-auto font-mono tabular-nums">
            Room cost {formatMoney(cost.amount, props.rates.currency)}
          </span>
        ) : null}
      </span>
    </div>
  );
});
