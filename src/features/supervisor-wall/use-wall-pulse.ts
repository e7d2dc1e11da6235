import { useQuery } from '@tanstack/react-query';
import type { Rates } from '../../domain/cost-meter';
import { api } from '../../shared/account-data';

export interface WallPulse {
  now: number;
  rates?: Rates & { note?: string };
  loadedAt?: number;
  problem?: string;
  presence: Record<string, string[]>;
  /** Session id → the queue agent who accepted the call. */
  handledBy?: Record<string, string>;
}

/** How often the wall asks again for rates and presence (an edited rates file shows within it). */
export const PULSE_MS = 3_000;

/** The cost meter's rates (re-read by the server when its file changes) and who is where. */
export function useWallPulse() {
  return useQuery({
    queryKey: ['wall-pulse'],
    queryFn: () => api<WallPulse>('/api/wall/pulse'),
    refetchInterval: PULSE_MS,
  });
}
