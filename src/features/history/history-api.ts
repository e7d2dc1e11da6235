/**
 * The history's server API (`/api/history/*`, supervisors and admins) as the page uses it: one
 * page of conversations for a filter, a conversation's timeline, and the export links (the
 * browser downloads them itself, with its session cookie).
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/account-data';
import type { ConversationOutcome, TransferStage } from '../../domain/conversation-outcome';

export interface HistoryFilter {
  from?: string;
  to?: string;
  room?: string;
  number?: string;
  agent?: string;
  outcome?: ConversationOutcome;
}

export interface Conversation {
  id: string;
  started_at: number;
  last_at: number;
  ended_at: number | null;
  caller: string | null;
  caller_name: string | null;
  direction: string | null;
  network: string | null;
  rooms: string[];
  agents: string[];
  outcome: ConversationOutcome;
  detail: string | null;
  stage: TransferStage | null;
  legs: number;
  transfers: number;
}

export interface Step {
  seq: number;
  at: number;
  type: string;
  session_id: string;
  room: string | null;
  detail: Record<string, string | boolean>;
}

/** The query string of a filter (blank fields left out), plus extra parameters. */
export function filterQuery(filter: HistoryFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) {
    if (typeof v === 'string' && v.trim()) params.set(k, v.trim());
  }
  return params.toString();
}

export const PAGE_SIZE = 25;

export function useConversations(filter: HistoryFilter, after: string | undefined) {
  return useQuery({
    queryKey: ['history', 'list', filter, after ?? ''],
    queryFn: () =>
      api<{ conversations: Conversation[]; next: string | null }>(
        `/api/history/conversations?${filterQuery(filter, {
          limit: String(PAGE_SIZE),
          ...(after ? { after } : {}),
        })}`,
      ),
    retry: false,
  });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: ['history', 'detail', id],
    queryFn: () =>
      api<{ conversation: Conversation; steps: Step[] }>(
        `/api/history/conversations/${encodeURIComponent(id)}`,
      ),
    retry: false,
  });
}
