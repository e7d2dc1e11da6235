import { useQuery } from '@tanstack/react-query';
import { api, type PhoneNumber, type RoomSummary } from './api';
import { useSignedInUser } from './session';

/** The domain's rooms, from the server (which asks Daily with its key). Only when signed in. */
export function useRooms() {
  const user = useSignedInUser();
  return useQuery({
    queryKey: ['daily', 'rooms'],
    queryFn: async () => (await api<{ rooms: RoomSummary[] }>('/api/daily/rooms')).rooms,
    enabled: !!user,
    staleTime: 60_000,
    retry: false,
  });
}

/** The domain's purchased numbers (every page), for the caller-ID picker. Only when signed in. */
export function usePhoneNumbers() {
  const user = useSignedInUser();
  return useQuery({
    queryKey: ['daily', 'phone-numbers'],
    queryFn: async () =>
      (await api<{ numbers: PhoneNumber[] }>('/api/daily/phone-numbers')).numbers,
    enabled: !!user,
    staleTime: 60_000,
    retry: false,
  });
}

/** The rooms whose name contains `query` (any case), at most `limit` of them. */
export function matchingRooms(rooms: readonly RoomSummary[], query: string, limit: number) {
  const q = query.trim().toLowerCase();
  return (q ? rooms.filter((r) => r.name.toLowerCase().includes(q)) : rooms).slice(0, limit);
}

/** A meeting token for `room`, minted by the server for the signed-in user; never stored. */
export function fetchMeetingToken(room: string) {
  return api<{ token: string; userName: string }>(`/api/rooms/${encodeURIComponent(room)}/token`, {
    method: 'POST',
    body: {},
  });
}
