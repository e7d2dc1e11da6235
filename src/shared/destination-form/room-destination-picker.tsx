import { useMemo, useState } from 'react';
import { useRoom } from '@daily-co/daily-react';
import { matchingRooms, useRooms, useSignedInUser } from '../account-data';
import { Button } from '../../ui/button';
import { announce } from '../../ui/live-region';

/**
 * Signed in to the console's server: the domain's other rooms, searchable; picking one puts
 * its SIP address (Daily's `config.sip_uri.endpoint`) in the destination. Without the server
 * the list is not shown and the address is typed as before. The room left out is the one the
 * console has joined, or `exclude` (the supervisor's wall joins none: the call's own room).
 */
export function RoomDestinationPicker({
  onPick,
  exclude,
}: {
  onPick: (sipUri: string) => void;
  exclude?: string | undefined;
}) {
  const signedIn = !!useSignedInUser();
  const rooms = useRooms();
  const joined = useRoom()?.name;
  const here = exclude ?? joined;
  const [query, setQuery] = useState('');
  const others = useMemo(
    () => (rooms.data ?? []).filter((r) => r.name !== here),
    [rooms.data, here],
  );
  const shown = useMemo(() => matchingRooms(others, query, 30), [others, query]);
  if (!signedIn) return null; // no server (or not signed in): nothing to offer
  return (
    <fieldset className="flex flex-col gap-2 rounded border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium">Another room</legend>
      {rooms.isPending ? <p className="text-sm text-slate-700">Loading the rooms…</p> : null}
      {rooms.isError ? (
        <div role="alert" className="flex items-center gap-2 text-sm text-red-800">
          Couldn't load the rooms: {rooms.error.message}
          <Button size="sm" onClick={() => void rooms.refetch()}>
            Try again
          </Button>
        </div>
      ) : null}
      {rooms.data && others.length === 0 ? (
        <p className="text-sm">No other rooms on this domain.</p>
      ) : null}
      {others.length > 0 ? (
        <>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Find a room
            <input
              type="search"
              className="rounded border border-slate-400 px-2 py-1 font-normal"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
          <ul aria-label="Rooms" className="flex max-h-40 flex-col gap-1 overflow-y-auto">
            {shown.map((r) => (
              <li key={r.name} className="flex items-center gap-2 text-sm">
                <Button
                  size="sm"
                  disabled={!r.sipUri}
                  title={r.sipUri ? undefined : 'This room has no SIP dial-in address'}
                  onClick={() => {
                    if (!r.sipUri) return;
                    onPick(r.sipUri);
                    announce(`Destination set to room ${r.name}.`);
                  }}
                >
                  Room {r.name}
                </Button>
                <span className="truncate text-xs text-slate-600">
                  {r.sipUri ?? 'no SIP dial-in'}
                </span>
              </li>
            ))}
          </ul>
          {query && shown.length === 0 ? (
            <p className="text-sm">No room matches “{query}”.</p>
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}
