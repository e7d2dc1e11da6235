import { useQuery } from '@tanstack/react-query';
import { worldFromSearch } from '../../domain/sandbox-world';
import { api } from './api';
import { useSignedInUser } from './session';

/** What is live in a room now; `agents` is null where the server cannot know (real mode). */
export interface RoomCount {
  name: string;
  callers: number;
  agents: number | null;
}

/** How often the connect screen refreshes its counts while it is showing. */
const REFRESH_MS = 5_000;

/**
 * Live counts per room (`GET /api/room-counts`), refreshed every few seconds while a screen
 * uses them and `enabled`; the sandbox's world is the one in the page's address, as the
 * console joins. A failed request stops the refresh (the server is away: the screen says so
 * elsewhere, and a request a second would only fill the browser's console with errors).
 */
export function useRoomCounts(enabled = true) {
  const user = useSignedInUser();
  const world = worldFromSearch(window.location.search);
  return useQuery({
    queryKey: ['room-counts', world ?? ''],
    queryFn: async () => {
      const query = world ? `?world=${encodeURIComponent(world)}` : '';
      const body = await api<{ rooms: RoomCount[] }>(`/api/room-counts${query}`);
      return new Map(body.rooms.map((r) => [r.name, r]));
    },
    enabled: !!user && enabled,
    refetchInterval: (query) => (query.state.status === 'error' ? false : REFRESH_MS),
    retry: false,
  });
}
