/**
 * The queues' migrations after the first (ids 60-69; the tables themselves are migration 30 in
 * `server/store/migrations.ts`).
 */
export const QUEUE_MIGRATIONS: { id: number; sql: string }[] = [
  {
    // The history shows each call's wrap-up (server/history/wrap-ups.ts): when it was filed,
    // and its list filters by disposition or by the agent who handled the call.
    id: 60,
    sql: `
ALTER TABLE queue_calls ADD COLUMN filed_at bigint;
CREATE INDEX queue_calls_disposition ON queue_calls (disposition) WHERE disposition IS NOT NULL;
CREATE INDEX queue_calls_handled_by ON queue_calls (handled_by) WHERE handled_by IS NOT NULL
`,
  },
];
