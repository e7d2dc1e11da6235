import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/account-data';
import type { DispositionCode } from '../../shared/queue-data';

export interface QueueConfig {
  id: number;
  name: string;
  numbers: string[];
  members: string[];
  wrapUpS: number;
  strategy: 'longest-idle' | 'ring-all';
}

export type QueueInput = Omit<QueueConfig, 'id'>;

const QUEUES = ['queue', 'admin', 'queues'];
const CODES = ['queue', 'dispositions'];

export function useQueueConfigs() {
  return useQuery({
    queryKey: QUEUES,
    queryFn: async () => (await api<{ queues: QueueConfig[] }>('/api/queue/admin/queues')).queues,
    retry: false,
  });
}

/** Creating, deleting queues and disposition codes; each refreshes what it changed. */
export function useQueueAdmin() {
  const client = useQueryClient();
  const after = (key: string[]) => ({
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
  return {
    addQueue: useMutation({
      mutationFn: (q: QueueInput) => api('/api/queue/admin/queues', { method: 'POST', body: q }),
      ...after(QUEUES),
    }),
    removeQueue: useMutation({
      mutationFn: (id: number) => api(`/api/queue/admin/queues/${id}`, { method: 'DELETE' }),
      ...after(QUEUES),
    }),
    putCode: useMutation({
      mutationFn: (d: DispositionCode) =>
        api(`/api/queue/admin/dispositions/${encodeURIComponent(d.code)}`, {
          method: 'PUT',
          body: { label: d.label },
        }),
      ...after(CODES),
    }),
    removeCode: useMutation({
      mutationFn: (code: string) =>
        api(`/api/queue/admin/dispositions/${encodeURIComponent(code)}`, { method: 'DELETE' }),
      ...after(CODES),
    }),
  };
}

/** A server message like "Numbers: …" belongs to the field it names. */
export function fieldOf(message: string, fields: readonly string[]): string {
  const head = message.split(':')[0]?.trim().toLowerCase() ?? '';
  return fields.find((f) => f.toLowerCase() === head) ?? 'form';
}
