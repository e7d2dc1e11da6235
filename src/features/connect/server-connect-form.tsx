import { useMemo, useState, type FormEvent } from 'react';
import {
  ApiError,
  fetchMeetingToken,
  useRoomCounts,
  useRooms,
  type RoomSummary,
  type User,
} from '../../shared/account-data';
import { Button } from '../../ui/button';
import type { Connection } from './use-connection';
import { RoomPicker } from './room-picker';
import { lastRoomOf, rememberRoom } from './last-room';

/**
 * Signed in: pick one of the domain's rooms; the server mints a meeting token for this user
 * (owner, short-lived) and the console joins with it. The token is held only for the join call.
 */
export function ServerConnectForm({
  connection,
  user,
  mode,
  preferredRoom,
}: {
  connection: Connection;
  user: User;
  mode: 'sandbox' | 'real';
  preferredRoom?: string | undefined;
}) {
  const rooms = useRooms();
  // Not while the join failed: the server may be what is gone.
  const counts = useRoomCounts(connection.phase !== 'failed');
  const [picked, setPicked] = useState<string>();
  const [error, setError] = useState<string>();
  const [fetching, setFetching] = useState(false);
  const joining = connection.phase === 'joining' || fetching;
  // A room named in the address (?sandboxRoom=) is offered too, e.g. a test's own room.
  const list = useMemo<RoomSummary[] | undefined>(() => {
    if (!rooms.data) return undefined;
    if (!preferredRoom || rooms.data.some((r) => r.name === preferredRoom)) return rooms.data;
    const first = rooms.data[0];
    return [
      {
        name: preferredRoom,
        url: first
          ? first.url.replace(/[^/]+$/, preferredRoom)
          : `https://sandbox.daily.co/${preferredRoom}`,
        dialIn: true,
        dialOut: true,
      },
      ...rooms.data,
    ];
  }, [rooms.data, preferredRoom]);
  // The room named in the address, else the one this agent joined last, else the first.
  const [last] = useState(() => lastRoomOf(user.username));
  const offered = [preferredRoom, last].find((name) => list?.some((r) => r.name === name));
  const room = picked ?? offered ?? list?.[0]?.name ?? '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const target = list?.find((r) => r.name === room);
    if (!target) return setError('Pick a room');
    setError(undefined);
    setFetching(true);
    try {
      const { token, userName } = await fetchMeetingToken(target.name);
      rememberRoom(user.username, target.name);
      connection.connect({
        mode,
        roomUrl: target.url,
        token,
        userName,
        roomName: target.name,
        freshToken: async () => (await fetchMeetingToken(target.name)).token,
      });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not get a meeting token');
    } finally {
      setFetching(false);
    }
  }

  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      className="flex flex-col gap-4 rounded-lg bg-white p-5 shadow"
    >
      <RoomPicker
        rooms={list}
        loading={rooms.isPending}
        loadError={rooms.error?.message}
        onRetry={() => void rooms.refetch()}
        value={room}
        onChange={setPicked}
        error={error}
        disabled={joining}
        counts={counts.data}
      />
      <p className="text-sm text-slate-700">
        You join as <strong>{user.displayName}</strong>
        {mode === 'sandbox' ? ' in the simulated Daily (sandbox).' : '.'} The server gets the
        meeting token: nothing to paste.
      </p>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={joining || !list?.length}>
          {joining ? 'Joining…' : 'Join'}
        </Button>
      </div>
    </form>
  );
}
