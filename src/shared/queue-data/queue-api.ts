/** The agent's requests to the queue engine, and the disposition codes a wrap-up may file. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../account-data';

export interface DispositionCode {
  code: string;
  label: string;
}

const post = (path: string, body: unknown = {}) => api(path, { method: 'POST', body });
const call = (id: string) => encodeURIComponent(id);

export const queueApi = {
  setStatus: (status: 'available' | 'break' | 'offline') => post('/api/queue/status', { status }),
  accept: (callId: string, room: string) =>
    post(`/api/queue/offers/${call(callId)}/accept`, { room }),
  decline: (callId: string) => post(`/api/queue/offers/${call(callId)}/decline`),
  wrapUp: (callId: string, disposition: string, note: string) =>
    post(`/api/queue/calls/${call(callId)}/wrap-up`, { disposition, note }),
};

export function useDispositions() {
  return useQuery({
    queryKey: ['queue', 'dispositions'],
    queryFn: async () =>
      (await api<{ dispositions: DispositionCode[] }>('/api/queue/dispositions')).dispositions,
    staleTime: 30_000,
    retry: false,
  });
}
