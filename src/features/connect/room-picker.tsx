import { useId, useMemo, useState } from 'react';
import { matchingRooms, type RoomCount, type RoomSummary } from '../../shared/account-data';
import { Button } from '../../ui/button';

export interface RoomPickerProps {
  rooms: RoomSummary[] | undefined;
  loading: boolean;
  loadError?: string | undefined;
  onRetry: () => void;
  value: string;
  onChange: (room: string) => void;
  error?: string | undefined;
  disabled?: boolean;
  /** What is live in each room now (absent: not known yet, or no server). */
  counts?: ReadonlyMap<string, RoomCount> | undefined;
}

function setUp(r: RoomSummary): string {
  const parts = [
    r.sipUri ? `SIP dial-in ${r.sipUri}` : 'no SIP dial-in',
    r.dialOut ? 'dial-out on' : 'dial-out off',
  ];
  return parts.join(' · ');
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "2 callers · 1 agent" (agents only where the server can count them). */
function liveWords(count: RoomCount | undefined): string {
  if (!count) return 'No callers';
  const callers = count.callers === 0 ? 'No callers' : plural(count.callers, 'caller');
  return count.agents === null ? callers : `${callers} · ${plural(count.agents, 'agent')}`;
}

/**
 * The domain's rooms as radio buttons, each with what is live in it now (callers, and agents
 * where the server can count them), and a search box once there are more than a few.
 */
export function RoomPicker({
  rooms,
  loading,
  loadError,
  onRetry,
  value,
  onChange,
  error,
  disabled,
  counts,
}: RoomPickerProps) {
  const [query, setQuery] = useState('');
  const errorId = useId();
  const shown = useMemo(() => matchingRooms(rooms ?? [], query, 50), [rooms, query]);
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1 font-medium">Room</legend>
      {loading ? <p className="text-sm text-slate-700">Loading the rooms…</p> : null}
      {loadError ? (
        <div role="alert" className="flex flex-col gap-2 text-sm text-red-800">
          <p>Couldn't load the rooms: {loadError}</p>
          <div>
            <Button size="sm" onClick={onRetry}>
              Try again
            </Button>
          </div>
        </div>
      ) : null}
      {rooms && rooms.length === 0 ? (
        <p className="text-sm">This domain has no rooms yet.</p>
      ) : null}
      {rooms && rooms.length > 6 ? (
        <label className="flex flex-col gap-1 text-sm font-medium">
          Find a room
          <input
            type="search"
            className="rounded border border-slate-400 px-2 py-1.5 font-normal"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
      ) : null}
      {shown.map((r) => (
        <label key={r.name} className="flex items-start gap-2">
          <input
            type="radio"
            name="room"
            value={r.name}
            checked={value === r.name}
            onChange={() => onChange(r.name)}
            disabled={disabled}
            className="mt-1"
          />
          <span>
            {r.name}
            {counts ? (
              <span className="block text-sm text-slate-800" data-testid="room-live">
                {liveWords(counts.get(r.name))}
              </span>
            ) : null}
            <span className="block text-xs text-slate-600">{setUp(r)}</span>
          </span>
        </label>
      ))}
      {rooms && query && shown.length === 0 ? (
        <p className="text-sm">No room matches “{query}”.</p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
