/**
 * The history's server API (`/api/history/*`, supervisors and admins) as the page uses it: one
 * page of conversations for a filter, a conversation's timeline, and the export links (the
 * browser downloads them itself, with its session cookie).
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/account-data';
import type { ConversationOutcome, ConversationRecord } from '../../domain/conversation-outcome';
import type { WrapUpRecord } from '../../domain/queue';

export interface HistoryFilter {
  from?: string;
  to?: string;
  room?: string;
  number?: string;
  agent?: string;
  outcome?: ConversationOutcome;
  /** A queue call's disposition code. */
  disposition?: string;
  /** The agent who took the queue call. */
  handledBy?: string;
}

/** A conversation, with its queue wrap-up when it was a queue call. */
export type Conversation = ConversationRecord & { wrap_up?: WrapUpRecord | null };

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
