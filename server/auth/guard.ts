/**
 * The session check every API route goes through, and the Origin check on every request that
 * changes state. Route handlers read the signed-in account with `c.get('account')`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config';
import { atLeast, hashSessionId, type Account, type AccountStore, type Role } from './accounts';
import type { StreamOwner } from './session-streams';

export type AppEnv = { Bindings: HttpBindings; Variables: { account: Account } };
export type AppContext = Context<AppEnv>;

export const SESSION_COOKIE = 'console_session';
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export interface GuardDeps {
  config: Config;
  accounts: AccountStore;
}

/** Whether the browser reached us over HTTPS (directly, or per the proxy when trusted). */
export function isHttps(c: Context, config: Config): boolean {
  if (config.publicOrigin) return config.publicOrigin.startsWith('https:');
  if (config.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') {
    return true;
  }
  return new URL(c.req.url).protocol === 'https:';
}

/**
 * The client's address for rate limits. Behind trusted proxies (TRUST_PROXY), the address the
 * nearest of them saw: each proxy appends to X-Forwarded-For, so with TRUST_PROXY_HOPS of them
 * it is that many entries from the right. The entries left of it are the client's own words.
 */
export function clientAddress(c: Context<AppEnv>, config: Config): string {
  if (config.trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const hop = hops[Math.max(0, hops.length - config.trustProxyHops)];
    if (hop) return hop;
  }
  return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Who opened a stream (the route ran behind `requireRole`), so ending the session ends it. */
export function streamOwner(c: Context): StreamOwner | undefined {
  const id = sessionIdOf(c);
  const account = c.get('account') as Account | undefined;
  return id && account ? { sessionHash: hashSessionId(id), accountId: account.id } : undefined;
}

export function setSessionCookie(c: Context, config: Config, id: string, maxAgeMs: number): void {
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    secure: isHttps(c, config),
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export function sessionIdOf(c: Context): string | undefined {
  const id = getCookie(c, SESSION_COOKIE);
  return id && SESSION_ID.test(id) ? id : undefined;
}

/**
 * The origin browsers load the console from: PUBLIC_ORIGIN, else the request's scheme (see
 * `isHttps`) and Host. Scheme and host both count: a page on http:// of our host is another
 * origin (a network attacker can write it) and may not act on the https:// console.
 */
export function ownOrigin(c: Context, config: Config): string {
  if (config.publicOrigin) return config.publicOrigin;
  const scheme = isHttps(c, config) ? 'https' : 'http';
  return new URL(`${scheme}://${c.req.header('host') ?? ''}`).origin;
}

/**
 * Refuses a state-changing request whose Origin is not ours (403). Browsers send Origin on
 * every cross-site POST, so a forged form or fetch from another site is refused here; requests
 * without Origin (curl, the CLI, tests) are not browser-driven and pass on to the session check.
 * The SameSite=Lax cookie is the second line.
 */
export function originCheck(config: Config): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const origin = c.req.header('origin');
    if (origin === undefined) return next();
    let ok = false;
    try {
      ok = new URL(origin).origin === ownOrigin(c, config);
    } catch {
      ok = false; // "null" and other non-URLs
    }
    if (!ok) return c.json({ error: 'Cross-site request refused' }, 403);
    return next();
  };
}

/**
 * The account signed in on this request, or why there is none in words for the agent. An
 * ended or unknown session's cookie is cleared on the way.
 */
export async function currentAccount(
  c: Context,
  deps: GuardDeps,
): Promise<{ ok: true; account: Account } | { ok: false; error: string }> {
  const id = sessionIdOf(c);
  if (!id) return { ok: false, error: 'Sign in first' };
  const found = await deps.accounts.lookupSession(id, {
    idleMs: deps.config.sessionIdleMs,
    maxMs: deps.config.sessionMaxMs,
  });
  if (found.ok) return { ok: true, account: found.account };
  clearSessionCookie(c);
  return {
    ok: false,
    error: found.reason === 'expired' ? 'Your session has ended; sign in again' : 'Sign in first',
  };
}

/** 401 without a live session, 403 below `role`; otherwise sets `account` and goes on. */
export function requireRole(role: Role, deps: GuardDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const current = await currentAccount(c, deps);
    if (!current.ok) return c.json({ error: current.error }, 401);
    if (!atLeast(current.account.role, role)) {
      return c.json({ error: `This needs the ${role} role` }, 403);
    }
    c.set('account', current.account);
    return next();
  };
}
