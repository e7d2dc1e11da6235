import { memo, useMemo } from 'react';
import { startedByLabel } from '../../domain/console-action';
import { formatMoney, type Rates } from '../../domain/cost-meter';
import { cleanDisplayName } from '../../domain/identity';
import { formatAddressForReading } from '../../domain/leg-label';
import {
  stuckReason,
  transferInFlight,
  transferWords,
  type StuckBounds,
  type WallTransfer,
} from '../../domain/wall';
import { roomLabel } from '../../domain/wall-view';
import { Badge } from '../../ui/badge';
import { useNow } from '../../ui/use-now';
import { wallLegCost } from './wall-cost';
import { wallStore } from './wall-store';

const SHOWN = 100;
const COLUMNS = ['Caller', 'Room', 'Destination', 'Started by', 'Lifecycle', 'State', 'Cost'];
const STAGES = [
  ['triggered_at', 'Triggered'],
  ['initiated_at', 'Initiated'],
  ['answered_at', 'Answered'],
  ['completed_at', 'Completed'],
] as const;
const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const lastAt = (t: WallTransfer) =>
  Math.max(t.triggered_at ?? 0, t.initiated_at ?? 0, t.answered_at ?? 0, t.completed_at ?? 0);

function Lifecycle({ t }: { t: WallTransfer }) {
  const stages = t.refer ? STAGES.slice(0, 2) : STAGES;
  return (
    <ol aria-label="Lifecycle" className="flex flex-wrap gap-x-2 text-xs">
      {stages.map(([key, label]) => {
        const at = t[key];
        return (
          <li key={key} className={at === null ? 'text-slate-500' : 'font-medium'}>
            {at === null ? `${label}: not yet` : `${label} ${clock.format(at)}`}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * Every transfer and refer the wall knows, the ones still under way first: the caller, the
 * destination, who started it, each stage Daily reported with its time, the state in the
 * console's words, a flag when it is stuck past its bound, and what the call has cost. Drawn
 * again when a transfer changed (`version`) or each second, not on every leg's event.
 */
export const WallTransfers = memo(function WallTransfers({
  rates,
  world,
  version,
  bounds,
}: {
  rates: Rates | undefined;
  world: string | undefined;
  version: number;
  bounds: StuckBounds;
}) {
  const now = useNow();
  const all = useMemo(() => {
    void version;
    return wallStore
      .allTransfers()
      .filter((t) => !world || (t.room ?? '').endsWith(`.${world}`))
      .sort(
        (a, b) =>
          Number(transferInFlight(b)) - Number(transferInFlight(a)) || lastAt(b) - lastAt(a),
      );
  }, [version, world]);
  const inFlight = all.filter(transferInFlight).length;
  return (
    <section aria-labelledby="wall-transfers-heading" className="flex flex-col gap-2">
      <h2 id="wall-transfers-heading" className="text-base font-semibold">
        Transfers ({inFlight} in flight, {all.length - inFlight} finished)
      </h2>
      <div
        className="max-h-80 overflow-auto rounded border border-slate-300 bg-white"
        tabIndex={0}
        role="region"
        aria-label="Transfers list"
      >
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              {COLUMNS.map((c) => (
                <th key={c} scope="col" className="px-2 py-1">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {all.slice(0, SHOWN).map((t) => {
              const leg = wallStore.leg(t.session_id);
              const actor = wallStore.actor(t.session_id);
              const method = t.refer ? 'refer' : 'transfer';
              const stuck = stuckReason(t, now, bounds);
              const cost = leg
                ? wallLegCost(leg, wallStore.transfersOf(t.session_id), rates, now)
                : undefined;
              return (
                <tr
                  key={`${t.session_id}:${t.to_endpoint}`}
                  className="border-b border-slate-100 align-top"
                >
                  <td className="px-2 py-1">{cleanDisplayName(leg?.display_name, 'Caller')}</td>
                  <td className="px-2 py-1">{roomLabel(t.room ?? '', world)}</td>
                  <td className="px-2 py-1 font-mono">
                    {t.refer ? 'Refer' : 'Transfer'} → {formatAddressForReading(t.to_endpoint)}
                  </td>
                  <td className="px-2 py-1">
                    {startedByLabel(actor?.method === method ? actor : undefined)}
                  </td>
                  <td className="px-2 py-1">
                    <Lifecycle t={t} />
                  </td>
                  <td className="px-2 py-1">
                    <Badge tone={stuck ? 'danger' : transferInFlight(t) ? 'info' : 'success'}>
                      {transferWords(t)}
                    </Badge>
                    {stuck ? <p className="text-xs font-medium text-red-800">{stuck}</p> : null}
                  </td>
                  <td className="px-2 py-1 font-mono tabular-nums">
                    {rates && cost ? formatMoney(cost.amount, rates.currency) : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {all.length === 0 ? <p className="p-2 text-sm text-slate-700">No transfers yet.</p> : null}
        {all.length > SHOWN ? (
          <p className="p-2 text-sm text-slate-700">
            Showing the first {SHOWN} of {all.length}.
          </p>
        ) : null}
      </div>
    </section>
  );
});
