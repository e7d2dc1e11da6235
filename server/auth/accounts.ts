/**
 * Accounts and server-side sessions, in the same store as the events (PGlite or Postgres).
 * A session id is 32 random bytes handed to the browser once, in an httpOnly cookie; the
 * store keeps only its SHA-256, so a leaked database does not hand out live sessions. A
 * session ends at its absolute expiry, after `idleMs` without a request, at sign-out, or when
 * an admin signs the account out everywhere. Ending sessions here also ends the event streams
 * they opened (`streams`), so no route has to remember to.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../store/database';
import { SessionStreams } from './session-streams';

export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
const RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

/** Whether `role` may do what `needed` may (admin ⊃ supervisor ⊃ agent). */
export function atLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const USERNAME_RULE =
  'Username: 2–64 of lower-case letters, digits, ".", "_" or "-", starting with a letter or digit';

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  demo: boolean;
  disabled: boolean;
  createdAt: number;
}

interface AccountRow {
  id: number | string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  demo: boolean;
  disabled: boolean;
  created_at: number | string;
}

function toAccount(r: AccountRow): Account {
  return {
    id: Number(r.id),
    username: r.username,
    displayName: r.display_name,
    role: (ROLES as readonly string[]).includes(r.role) ? (r.role as Role) : 'agent',
    demo: r.demo,
    disabled: r.disabled,
    createdAt: Number(r.created_at),
  };
}

const COLUMNS = 'id, username, display_name, role, password_hash, demo, disabled, created_at';
/** The same columns from the `a` alias (the session lookup, run on every API request). */
const ACCOUNT_COLUMNS = COLUMNS.split(', ')
  .map((c) => `a.${c}`)
  .join(', ');

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export interface SessionTimes {
  idleMs: number;
  maxMs: number;
}

export type SessionLookup =
  | { ok: true; account: Account; expiresAt: number }
  | { ok: false; reason: 'unknown' | 'expired' | 'disabled' };

export function createAccountStore(
  db: Queryable,
  now: () => number = Date.now,
  streams = new SessionStreams(),
) {
  return {
    /** The open event streams of each session and account. */
    streams,
    async find(username: string): Promise<(Account & { passwordHash: string | null }) | undefined> {
      const rows = await db.query<AccountRow>(
        `SELECT ${COLUMNS} FROM accounts WHERE username = $1`,
        [username],
      );
      const r = rows[0];
      return r ? { ...toAccount(r), passwordHash: r.password_hash } : undefined;
    },
    /** The account linked to an OpenID Connect subject (`issuer#sub`). */
    async findBySubject(subject: string): Promise<Account | undefined> {
      const rows = await db.query<AccountRow>(
        `SELECT ${COLUMNS} FROM accounts WHERE oidc_subject = $1`,
        [subject],
      );
      return rows[0] ? toAccount(rows[0]) : undefined;
    },
    /**
     * A new account for a single-sign-on subject. Never links to an existing account by name:
     * when the wished username is taken, a suffix is added (no takeover by choosing a name).
     */
    async createForSubject(a: {
      subject: string;
      username: string;
      displayName: string;
      role: Role;
    }): Promise<Account> {
      for (let i = 0; i < 50; i++) {
        const suffix = i === 0 ? '' : i === 1 ? '-sso' : `-sso${i}`;
        const username = `${a.username.slice(0, 64 - suffix.length)}${suffix}`;
        const rows = await db.query<AccountRow>(
          `INSERT INTO accounts (username, display_name, role, password_hash, oidc_subject, created_at)
           VALUES ($1, $2, $3, NULL, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING ${COLUMNS}`,
          [username, a.displayName, a.role, a.subject, now()],
        );
        if (rows[0]) return toAccount(rows[0]);
      }
      throw new Error('no free username for this single-sign-on account');
    },
    async list(): Promise<Account[]> {
      const rows = await db.query<AccountRow>(`SELECT ${COLUMNS} FROM accounts ORDER BY username`);
      return rows.map(toAccount);
    },
    /** Creates an account; undefined when the username is taken. */
    async create(a: {
      username: string;
      displayName: string;
      role: Role;
      passwordHash: string | null;
      demo?: boolean;
    }): Promise<Account | undefined> {
      const rows = await db.query<AccountRow>(
        `INSERT INTO accounts (username, display_name, role, password_hash, demo, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING RETURNING ${COLUMNS}`,
        [a.username, a.displayName, a.role, a.passwordHash, a.demo ?? false, now()],
      );
      return rows[0] ? toAccount(rows[0]) : undefined;
    },
    async update(
      username: string,
      change: { role?: Role; passwordHash?: string; disabled?: boolean; displayName?: string },
    ): Promise<Account | undefined> {
      const sets: string[] = [];
      const params: unknown[] = [username];
      const add = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (change.role) add('role', change.role);
      if (change.passwordHash) add('password_hash', change.passwordHash);
      if (change.disabled !== undefined) add('disabled', change.disabled);
      if (change.displayName) add('display_name', change.displayName);
      if (!sets.length) return (await this.find(username)) ?? undefined;
      const rows = await db.query<AccountRow>(
        `UPDATE accounts SET ${sets.join(', ')} WHERE username = $1 RETURNING ${COLUMNS}`,
        params,
      );
      const updated = rows[0] ? toAccount(rows[0]) : undefined;
      // What a stream was authorised for no longer holds.
      if (updated && (change.role || change.passwordHash || change.disabled)) {
        streams.endAccount(updated.id);
      }
      return updated;
    },
    async remove(username: string): Promise<boolean> {
      const rows = await db.query<{ id: number | string }>(
        'DELETE FROM accounts WHERE username = $1 RETURNING id',
        [username],
      );
      for (const r of rows) streams.endAccount(Number(r.id));
      return rows.length > 0;
    },
    async countActiveAdmins(): Promise<number> {
      const rows = await db.query<{ n: number | string }>(
        "SELECT count(*) AS n FROM accounts WHERE role = 'admin' AND NOT disabled AND NOT demo",
      );
      return Number(rows[0]?.n ?? 0);
    },

    /** A new session for the account; the returned id goes into the cookie and nowhere else. */
    async startSession(
      accountId: number,
      times: SessionTimes,
    ): Promise<{ id: string; expiresAt: number }> {
      const id = randomBytes(32).toString('base64url');
      const at = now();
      const expiresAt = at + times.maxMs;
      await db.query(
        'INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)',
        [hashSessionId(id), accountId, at, expiresAt],
      );
      return { id, expiresAt };
    },
    /** The session's account if it is live; refreshes its idle timer (at most once a minute). */
    async lookupSession(id: string, times: SessionTimes): Promise<SessionLookup> {
      const rows = await db.query<
        AccountRow & { last_seen_at: number | string; expires_at: number | string; id_hash: string }
      >(
        `SELECT s.id_hash, s.last_seen_at, s.expires_at, ${ACCOUNT_COLUMNS}
         FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id_hash = $1`,
        [hashSessionId(id)],
      );
      const r = rows[0];
      if (!r) return { ok: false, reason: 'unknown' };
      const at = now();
      const lastSeen = Number(r.last_seen_at);
      const expiresAt = Number(r.expires_at);
      if (at >= expiresAt || at - lastSeen >= times.idleMs) {
        await db.query('DELETE FROM sessions WHERE id_hash = $1', [r.id_hash]);
        return { ok: false, reason: 'expired' };
      }
      if (r.disabled) return { ok: false, reason: 'disabled' };
      if (at - lastSeen > 60_000) {
        await db.query('UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1', [r.id_hash, at]);
      }
      return { ok: true, account: toAccount(r), expiresAt };
    },
    async endSession(id: string): Promise<void> {
      await db.query('DELETE FROM sessions WHERE id_hash = $1', [hashSessionId(id)]);
      streams.endSession(hashSessionId(id));
    },
    /** Signs the account out everywhere; the number of sessions ended. */
    async endAllSessions(accountId: number): Promise<number> {
      const rows = await db.query('DELETE FROM sessions WHERE account_id = $1 RETURNING id_hash', [
        accountId,
      ]);
      streams.endAccount(accountId);
      return rows.length;
    },
    async pruneSessions(idleMs: number): Promise<number> {
      const at = now();
      const rows = await db.query(
        'DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2 RETURNING id_hash',
        [at, at - idleMs],
      );
      return rows.length;
    },
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;
