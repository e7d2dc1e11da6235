import { memo, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { formatMoney } from '../../domain/cost-meter';
import { worldFromSearch } from '../../domain/sandbox-world';
import { STUCK_BOUNDS } from '../../domain/wall';
import type { WallView } from '../../domain/wall-index';
import { DEFAULT_FILTER, type WallFilter } from '../../domain/wall-view';
import { useSignOut, type User } from '../../shared/account-data';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { useNow } from '../../ui/use-now';
import { useChurnSummary } from './use-churn-summary';
import { useWallPulse } from './use-wall-pulse';
import { WallActionDialog, type WallActing } from './wall-action-dialog';
import { costOf } from './wall-cost';
import { WallFilters } from './wall-filters';
import { WallGrid } from './wall-grid';
import { connectWall, wallStatus, wallStore } from './wall-store';
import { WallTransfers } from './wall-transfers';

const STATUS_WORDS = {
  loading: 'Loading…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  failed: 'Offline',
} as const;

/** `?stuckMs=` shortens the stuck bounds (tests); the console's bounds otherwise. */
function stuckBounds(search: string) {
  const ms = Number(new URLSearchParams(search).get('stuckMs'));
  return Number.isInteger(ms) && ms >= 1_000 ? { initiate: ms, ring: ms } : STUCK_BOUNDS;
}

/**
 * The meter over every leg shown, once a second (and when the rates or the filter change), not
 * on every frame of events: summing 5,000 legs 60 times a second was a frame's budget by itself.
 */
const TotalCost = memo(function TotalCost({
  view,
  filter,
  rates,
}: {
  view: WallView;
  filter: WallFilter;
  rates: Parameters<typeof costOf>[1];
}) {
  const now = useNow();
  // The view as it was at the last tick (or when the filter, the rates or emptiness changed).
  const [sample, setSample] = useState({ view, filter, rates, now });
  if (
    sample.now !== now ||
    sample.filter !== filter ||
    sample.rates !== rates ||
    !sample.view.legs !== !view.legs
  ) {
    setSample({ view, filter, rates, now });
  }
  const total = useMemo(
    () =>
      costOf(
        sample.view.items.flatMap((i) => (i.type === 'room' ? i.sessionIds : [])),
        sample.rates,
        sample.now,
      ),
    [sample],
  );
  if (!rates) return null;
  return (
    <p className="text-sm">
      Total cost so far:{' '}
      <strong className="font-mono">{formatMoney(total.amount, rates.currency)}</strong>
      {rates.example ? (
        <span className="ml-2 text-xs text-amber-900">
          (example rates from the rates file — not your contract)
        </span>
      ) : null}
    </p>
  );
});

/**
 * The supervisor's wall: every live SIP/PSTN leg across all rooms, from the server's stream and
 * projections (it joins no Daily room), grouped by room, filtered and sorted; transfers as they
 * happen; the cost meter; and hang up / transfer / refer on any leg.
 */
export function WallPage({ user }: { user: User }) {
  const search = window.location.search;
  const world = useMemo(() => worldFromSearch(search), [search]);
  const bounds = useMemo(() => stuckBounds(search), [search]);
  const [filter, setFilter] = useState<WallFilter>({
    ...DEFAULT_FILTER,
    ...(world ? { world } : {}),
  });
  const [acting, setActing] = useState<WallActing>();
  useEffect(() => connectWall(), []);
  useChurnSummary();
  const version = useSyncExternalStore(wallStore.subscribe, wallStore.getVersion);
  const status = useSyncExternalStore(wallStatus.subscribe, wallStatus.get);
  const pulse = useWallPulse();
  const rates = pulse.data?.rates;
  useEffect(() => wallStore.noteHandledBy(pulse.data?.handledBy), [pulse.data?.handledBy]);
  const view = useMemo(() => {
    void version;
    return wallStore.view(filter);
  }, [version, filter]);
  const signOut = useSignOut();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-300 bg-white px-4 py-2">
        <h1 className="text-lg font-semibold">Supervisor wall</h1>
        <Badge tone={status.status === 'live' ? 'success' : 'warning'}>
          {STATUS_WORDS[status.status]}
        </Badge>
        {world ? <span className="text-sm">Sandbox world {world}</span> : null}
        <nav aria-label="Pages" className="flex gap-3 text-sm">
          <a className="text-blue-800 underline" href={`/history${search}`}>
            History
          </a>
          <a className="text-blue-800 underline" href={`/${search}`}>
            Agent console
          </a>
        </nav>
        <span className="ml-auto text-sm">
          Signed in as <strong>{user.displayName}</strong> ({user.role})
        </span>
        <Button size="sm" onClick={() => signOut.mutate()}>
          Sign out
        </Button>
      </header>
      <main className="flex flex-col gap-4 p-4">
        {status.error && status.status === 'failed' ? (
          <p role="alert" className="text-sm text-red-800">
            Couldn't load the wall: {status.error}. Trying again…
          </p>
        ) : null}
        <WallFilters filter={filter} onChange={setFilter} />
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <p>
            {view.legs} call{view.legs === 1 ? '' : 's'} in {view.rooms} room
            {view.rooms === 1 ? '' : 's'}
          </p>
          <TotalCost view={view} filter={filter} rates={rates} />
          {pulse.data?.problem ? <p className="text-amber-900">{pulse.data.problem}</p> : null}
        </div>
        <WallGrid
          items={view.items}
          rates={rates}
          presence={pulse.data?.presence ?? {}}
          sort={filter.sort}
          onSort={(sort) => setFilter((f) => ({ ...f, sort }))}
          onAct={setActing}
        />
        <WallTransfers
          rates={rates}
          world={world}
          version={wallStore.transferVersion()}
          bounds={bounds}
        />
      </main>
      {acting ? <WallActionDialog acting={acting} onClose={() => setActing(undefined)} /> : null}
    </div>
  );
}
