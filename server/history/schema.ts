/**
 * The history's tables (migration ids 20-29). Conversations are indexed from the events table
 * by `indexer.ts`; they are kept for HISTORY_RETENTION_DAYS, apart from the raw events (whose
 * own retention is RETENTION_DAYS), so a timeline outlives the events it was built from.
 *
 * Indexes serve the list's one order (newest first, keyset on `started_at, id`) and its
 * filters: each room, number and agent of a conversation is also a row of `history_facets`,
 * indexed in that same order under its value, so a page filtered by any of them is one range
 * of one index, however few conversations match.
 */
export const HISTORY_MIGRATIONS: { id: number; sql: string }[] = [
  {
    id: 20,
    sql: `
CREATE TABLE history_conversations (
  id          text PRIMARY KEY,
  started_at  bigint NOT NULL,
  last_at     bigint NOT NULL,
  ended_at    bigint,
  caller      text,
  caller_name text,
  direction   text,
  network     text,
  rooms       text[] NOT NULL,
  numbers     text[] NOT NULL,
  agents      text[] NOT NULL,
  outcome     text NOT NULL,
  detail      text,
  stage       text,
  legs        integer NOT NULL,
  transfers   integer NOT NULL,
  steps       integer NOT NULL
);
CREATE INDEX history_conversations_started ON history_conversations (started_at DESC, id DESC);
CREATE INDEX history_conversations_outcome ON history_conversations (outcome, started_at DESC, id DESC);
CREATE INDEX history_conversations_last ON history_conversations (last_at);
CREATE TABLE history_facets (
  kind            text NOT NULL,
  value           text NOT NULL,
  started_at      bigint NOT NULL,
  conversation_id text NOT NULL,
  PRIMARY KEY (kind, value, conversation_id)
);
CREATE INDEX history_facets_page ON history_facets (kind, value, started_at DESC, conversation_id DESC);
CREATE INDEX history_facets_conversation ON history_facets (conversation_id);
CREATE TABLE history_legs (
  session_id      text PRIMARY KEY,
  conversation_id text NOT NULL,
  leg             jsonb NOT NULL
);
CREATE INDEX history_legs_conversation ON history_legs (conversation_id);
CREATE TABLE history_steps (
  conversation_id text NOT NULL,
  seq             bigint NOT NULL,
  at              bigint NOT NULL,
  received_at     bigint NOT NULL,
  type            text NOT NULL,
  session_id      text NOT NULL,
  room            text,
  detail          jsonb NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
CREATE TABLE history_handoffs (
  conversation_id text NOT NULL,
  session_id      text NOT NULL,
  caller_key      text NOT NULL,
  from_room       text,
  to_endpoint     text NOT NULL,
  initiated_at    bigint NOT NULL,
  PRIMARY KEY (session_id, to_endpoint)
);
CREATE INDEX history_handoffs_caller ON history_handoffs (caller_key, initiated_at);
CREATE TABLE history_presence (
  id           bigserial PRIMARY KEY,
  username     text NOT NULL,
  room         text NOT NULL,
  from_at      bigint NOT NULL,
  to_at        bigint
);
CREATE INDEX history_presence_room ON history_presence (room, from_at);
CREATE TABLE history_cursor (
  id  integer PRIMARY KEY,
  seq bigint NOT NULL
);
INSERT INTO history_cursor (id, seq) VALUES (1, 0)
`,
  },
];
