/**
 * The queue's wrap-ups in the history: a conversation that was a queue call carries the call's
 * disposition, note and the agent who handled it (`wrap_up`), and the list filters by either.
 *
 * Read, never indexed: the wrap-up is filed after the call's webhooks (often before the indexer
 * has seen them), and it lives in `queue_calls`, which stays the one place it is written. The
 * call is found through its leg: `queue_calls.session_id` is the `session_id` of the caller's
 * dial-in in the agent's room, and `history_legs` says which conversation that leg belongs to
 * (a transfer later joins the same conversation, so the wrap-up stays with it).
 */
import type { WrapUpRecord } from '../../src/domain/queue';
import type { Queryable } from '../store/database';

export type { WrapUpRecord } from '../../src/domain/queue';

/** The filters this adds to the history's (`HistoryFilter`). */
export interface WrapUpFilter {
  /** A disposition code, exactly. */
  disposition?: string;
  /** The username of the agent who took the queue call. */
  handledBy?: string;
}

/** The calls of a conversation, by conversation id (`history_legs` joins the two). */
const CALLS = `queue_calls qc JOIN history_legs hl ON hl.session_id = qc.session_id`;

/**
 * The page query's terms for these filters, each an `IN` over the (few) queue calls with that
 * value: `p` adds a parameter and returns its placeholder.
 */
export function wrapUpTerms(filter: WrapUpFilter, p: (v: unknown) => string): string[] {
  const terms: string[] = [];
  if (filter.disposition) {
    terms.push(
      `c.id IN (SELECT hl.conversation_id FROM ${CALLS} WHERE qc.disposition = ${p(filter.disposition)})`,
    );
  }
  if (filter.handledBy) {
    terms.push(
      `c.id IN (SELECT hl.conversation_id FROM ${CALLS} WHERE qc.handled_by = ${p(filter.handledBy)})`,
    );
  }
  return terms;
}

/** Each conversation with its wrap-up (null: not a queue call); one read for the lot. */
export async function withWrapUps<T extends { id: string }>(
  db: Queryable,
  conversations: T[],
): Promise<(T & { wrap_up: WrapUpRecord | null })[]> {
  if (!conversations.length) return [];
  const rows = await db.query<Record<string, unknown>>(
    `SELECT hl.conversation_id, qc.queue_name, qc.handled_by, qc.disposition, d.label, qc.note,
            qc.filed_at
       FROM ${CALLS} LEFT JOIN dispositions d ON d.code = qc.disposition
      WHERE hl.conversation_id = ANY($1::text[])
      ORDER BY qc.arrived_at`,
    [conversations.map((c) => c.id)],
  );
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const byId = new Map<string, WrapUpRecord>();
  // The latest call of a conversation wins (a caller sent back to a queue is a second call).
  for (const r of rows) {
    byId.set(String(r.conversation_id), {
      queue: String(r.queue_name),
      handled_by: text(r.handled_by),
      disposition: text(r.disposition),
      disposition_label: text(r.label),
      note: text(r.note),
      filed_at: r.filed_at === null || r.filed_at === undefined ? null : Number(r.filed_at),
    });
  }
  return conversations.map((c) => ({ ...c, wrap_up: byId.get(c.id) ?? null }));
}
