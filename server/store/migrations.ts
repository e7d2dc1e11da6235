/**
 * The schema, as ordered migrations run at start (each once, recorded in schema_migrations,
 * under an advisory lock so two instances starting together do not race).
 */
import type { Database, Queryable } from './database';
import { HISTORY_MIGRATIONS } from '../history/schema';
import { QUEUE_MIGRATIONS } from '../queue/schema';

const MIGRATIONS: { id: number; sql: string }[] = [
  {
    id: 1,
    sql: `
CREATE TABLE events (
  seq         bigserial PRIMARY KEY,
  id          text NOT NULL UNIQUE,
  type        text NOT NULL,
  room        text,
  session_id  text,
  received_at bigint NOT NULL,
  envelope    jsonb NOT NULL,
  changes     jsonb NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX events_room_seq ON events (room, seq);
CREATE INDEX events_received_at ON events (received_at);
CREATE TABLE legs (
  session_id   text PRIMARY KEY,
  room         text,
  direction    text,
  network      text,
  from_addr    text,
  to_addr      text,
  display_name text,
  started_at   bigint,
  ended_at     bigint,
  state        text NOT NULL,
  detail       text,
  last_seq     bigint NOT NULL
);
CREATE INDEX legs_room ON legs (room);
CREATE TABLE transfers (
  session_id    text NOT NULL,
  to_endpoint   text NOT NULL,
  room          text,
  from_endpoint text,
  refer         boolean NOT NULL,
  triggered_at  bigint,
  initiated_at  bigint,
  answered_at   bigint,
  completed_at  bigint,
  outcome       text NOT NULL,
  last_seq      bigint NOT NULL,
  PRIMARY KEY (session_id, to_endpoint)
);
CREATE INDEX transfers_room ON transfers (room);
`,
  },
  {
    id: 2,
    sql: `
CREATE TABLE accounts (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  role          text NOT NULL,
  password_hash text,
  demo          boolean NOT NULL DEFAULT false,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    bigint NOT NULL
);
CREATE TABLE sessions (
  id_hash      text PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at   bigint NOT NULL,
  last_seen_at bigint NOT NULL,
  expires_at   bigint NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
`,
  },
  {
    id: 3,
    sql: `
ALTER TABLE accounts ADD COLUMN oidc_subject text UNIQUE;
CREATE TABLE oidc_logins (
  id_hash     text PRIMARY KEY,
  verifier    text NOT NULL,
  state       text NOT NULL,
  nonce       text NOT NULL,
  created_at  bigint NOT NULL
);
`,
  },
  {
    // Daily's own examples reuse an envelope id across event types: an event is one (id, type).
    // Every stored row stays valid (unique on id is unique on id and type); the SQL default
    // name of the old constraint is the same on Postgres and PGlite.
    id: 4,
    sql: `
ALTER TABLE events DROP CONSTRAINT events_id_key;
ALTER TABLE events ADD CONSTRAINT events_id_type_key UNIQUE (id, type);
`,
  },
  {
    // The supervisor wall's opening read (server/store/wall-queries.ts): live legs, and legs
    // that ended lately, across every room.
    id: 10,
    sql: `
CREATE INDEX legs_live ON legs (last_seq) WHERE ended_at IS NULL;
CREATE INDEX legs_ended_at ON legs (ended_at);
`,
  },
  ...HISTORY_MIGRATIONS,
  {
    // Queues (issue 18): numbers feed queues, members take their calls, the calls themselves.
    id: 30,
    sql: `
CREATE TABLE queues (
  id         bigserial PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  wrap_up_s  integer NOT NULL,
  strategy   text NOT NULL,
  created_at bigint NOT NULL
);
CREATE TABLE queue_numbers (
  number   text PRIMARY KEY,
  queue_id bigint NOT NULL REFERENCES queues (id) ON DELETE CASCADE
);
CREATE TABLE queue_members (
  queue_id bigint NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
  username text NOT NULL,
  PRIMARY KEY (queue_id, username)
);
CREATE TABLE dispositions (
  code  text PRIMARY KEY,
  label text NOT NULL
);
CREATE TABLE agent_status (
  username   text PRIMARY KEY,
  status     text NOT NULL,
  since      bigint NOT NULL,
  idle_since bigint NOT NULL,
  wrap_until bigint
);
CREATE TABLE queue_calls (
  call_id     text PRIMARY KEY,
  call_domain text NOT NULL,
  from_addr   text NOT NULL,
  to_addr     text NOT NULL,
  queue_id    bigint,
  queue_name  text NOT NULL,
  arrived_at  bigint NOT NULL,
  state       text NOT NULL,
  handled_by  text,
  room        text,
  session_id  text,
  accepted_at bigint,
  ended_at    bigint,
  late        boolean NOT NULL DEFAULT false,
  disposition text,
  note        text
);
CREATE INDEX queue_calls_state ON queue_calls (state, arrived_at);
CREATE INDEX queue_calls_session ON queue_calls (session_id);
`,
  },
  ...QUEUE_MIGRATIONS,
];

/** Applies what is missing; `upTo` stops early (tests: a store as an older build left it). */
export async function migrate(db: Database, upTo = Infinity): Promise<number[]> {
  return db.transaction(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(4242001)');
    await q.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, applied_at bigint NOT NULL)',
    );
    const done = new Set(
      (await q.query<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => Number(r.id)),
    );
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id) || m.id > upTo) continue;
      for (const statement of m.sql.split(';').map((s) => s.trim())) {
        if (statement) await q.query(statement);
      }
      await q.query('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [
        m.id,
        Date.now(),
      ]);
      applied.push(m.id);
    }
    return applied;
  });
}

/** The migrations this build knows that the database has not recorded (all, before the first). */
export async function pendingMigrations(db: Queryable): Promise<number[]> {
  const rows = await db
    .query<{ id: number }>('SELECT id FROM schema_migrations')
    .catch(() => [] as { id: number }[]);
  const done = new Set(rows.map((r) => Number(r.id)));
  return MIGRATIONS.map((m) => m.id).filter((id) => !done.has(id));
}
