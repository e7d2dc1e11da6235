/**
 * Sign-in, sign-out, the current session, demo accounts (sandbox mode) and account
 * administration (admins). Every failure of sign-in gets the same words, whatever went wrong.
 */
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import {
  ROLES,
  USERNAME,
  USERNAME_RULE,
  type Account,
  type AccountStore,
  type Role,
} from '../auth/accounts';
import {
  clearSessionCookie,
  clientAddress,
  currentAccount,
  isHttps,
  requireRole,
  sessionIdOf,
  setSessionCookie,
  type AppContext,
  type AppEnv,
} from '../auth/guard';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import { AttemptLimiter, FailureBackoff } from '../auth/rate-limit';
import { SsoError, type Oidc } from '../auth/oidc';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config';
import type { Logger } from '../log';
import { jsonBody } from './read-json';

export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role }[] = [
  { username: 'demo-agent', displayName: 'Demo Agent', role: 'agent' },
  { username: 'demo-supervisor', displayName: 'Demo Supervisor', role: 'supervisor' },
  { username: 'demo-admin', displayName: 'Demo Admin', role: 'admin' },
];

const WRONG = 'Wrong username or password';
const TOO_MANY = 'Too many sign-in attempts. Wait a little and try again.';

export function publicAccount(a: Account) {
  return {
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    demo: a.demo,
    disabled: a.disabled,
  };
}

const signIn = z.object({
  username: z.string().max(64),
  password: z.string().max(256),
});
const displayName = z
  .string()
  .trim()
  .min(1, 'Display name: required')
  .max(100, 'Display name: at most 100 characters');
const role = z.enum(ROLES, { message: `Role: one of ${ROLES.join(', ')}` });
const password = z.string().superRefine((p, ctx) => {
  const problem = passwordProblem(p);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const newAccount = z.object({
  username: z.string().regex(USERNAME, USERNAME_RULE),
  displayName: displayName.optional(),
  role,
  password,
});
/** `:username` in the admin paths: 400 with the rule before anything else is read. */
const usernameParam = validator('param', (p, c) => {
  const username = p.username ?? '';
  return USERNAME.test(username) ? { username } : c.json({ error: USERNAME_RULE }, 400);
});
const accountChange = z
  .object({
    role: role.optional(),
    password: password.optional(),
    disabled: z.boolean().optional(),
    displayName: displayName.optional(),
  })
  .strict();

export interface AuthDeps {
  config: Config;
  accounts: AccountStore;
  log: Logger;
  now?: () => number;
  oidc?: Oidc;
}

/** Where `app.ts` mounts these routes; the single sign-on paths are spelled out in full. */
export const AUTH_MOUNT = '/api';
const SSO_COOKIE = 'console_sso';
const SSO_ROUTE = '/auth/oidc';
const SSO_PATH = `${AUTH_MOUNT}${SSO_ROUTE}`;

/** `/api/auth/*`, `/api/session` and `/api/admin/accounts*`, mounted at {@link AUTH_MOUNT}. */
export function authRoutes(deps: AuthDeps): Hono<AppEnv> {
  const { config, accounts, log } = deps;
  const times = { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs };
  const perAccountAndAddress = new FailureBackoff(5, 60_000, 15 * 60_000, 10_000, deps.now);
  const perAddress = new AttemptLimiter(30, 10 * 60_000, 10_000, deps.now);
  const app = new Hono<AppEnv>();
  // Each demo sign-in stores a session: bounded per address like any other sign-in.
  const demoPerAddress = new AttemptLimiter(60, 60_000, 10_000, deps.now);

  async function startSession(c: AppContext, account: Account) {
    const session = await accounts.startSession(account.id, times);
    setSessionCookie(c, config, session.id, times.maxMs);
    c.header('cache-control', 'no-store');
    log.info({ user: account.username, role: account.role }, 'signed in');
    return c.json({ user: publicAccount(account), mode: config.mode });
  }

  app.get('/auth/options', (c) =>
    c.json({
      mode: config.mode,
      demo: config.mode === 'sandbox' ? DEMO_ACCOUNTS : [],
      singleSignOn: config.oidc ? { label: config.oidc.label, start: `${SSO_PATH}/start` } : false,
    }),
  );

  app.post('/auth/signin', jsonBody(signIn), async (c) => {
    const body = c.req.valid('json');
    const username = body.username.trim().toLowerCase();
    const address = clientAddress(c, config);
    const pair = JSON.stringify([username, address]);
    const byAddress = perAddress.hit(address);
    const byPair = perAccountAndAddress.check(pair);
    const limited = !byAddress.allowed ? byAddress : !byPair.allowed ? byPair : undefined;
    if (limited && !limited.allowed) {
      // The typed name may be a password typed in the wrong field: only at debug.
      log.warn({ address }, 'sign-in rate-limited');
      log.debug({ user: username, address }, 'sign-in rate-limited');
      c.header('retry-after', String(limited.retryAfterS));
      return c.json({ error: TOO_MANY }, 429);
    }
    const account = USERNAME.test(username) ? await accounts.find(username) : undefined;
    // The same work whether or not the account exists: no timing tells which.
    const matches = await verifyPassword(body.password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !account.passwordHash || !matches || account.disabled) {
      perAccountAndAddress.fail(pair);
      log.info({ address }, 'sign-in refused');
      log.debug({ user: username, address }, 'sign-in refused');
      return c.json({ error: WRONG }, 401);
    }
    perAccountAndAddress.clear(pair);
    return startSession(c, account);
  });

  if (deps.oidc && config.oidc) {
    const oidc = deps.oidc;
    const callbackUrl = (c: AppContext) => {
      const origin =
        config.publicOrigin ??
        `${isHttps(c, config) ? 'https' : 'http'}://${c.req.header('host') ?? ''}`;
      return `${origin}${SSO_PATH}/callback`;
    };
    // Plain GETs the browser navigates to: the provider's redirect comes back here.
    app.get(`${SSO_ROUTE}/start`, async (c) => {
      try {
        const { url, loginId } = await oidc.start(callbackUrl(c));
        setCookie(c, SSO_COOKIE, loginId, {
          httpOnly: true,
          secure: isHttps(c, config),
          sameSite: 'Lax',
          path: SSO_PATH,
          maxAge: 600,
        });
        return c.redirect(url, 302);
      } catch (error) {
        log.warn(
          { reason: error instanceof Error ? error.message : 'unknown' },
          'single sign-on unavailable',
        );
        return c.redirect('/?sso=unavailable', 302);
      }
    });
    app.get(`${SSO_ROUTE}/callback`, async (c) => {
      const loginId = getCookie(c, SSO_COOKIE);
      deleteCookie(c, SSO_COOKIE, { path: SSO_PATH });
      const here = new URL(callbackUrl(c));
      here.search = new URL(c.req.url).search;
      try {
        if (!loginId || !/^[A-Za-z0-9_-]{43}$/.test(loginId)) {
          throw new SsoError('failed', 'no sign-in was started in this browser');
        }
        const account = await oidc.finish(loginId, here);
        const session = await accounts.startSession(account.id, times);
        setSessionCookie(c, config, session.id, times.maxMs);
        log.info(
          { user: account.username, role: account.role },
          'signed in through single sign-on',
        );
        return c.redirect('/', 302);
      } catch (error) {
        const reason = error instanceof SsoError ? error.reason : 'failed';
        log.warn(
          { reason, detail: error instanceof Error ? error.message : '' },
          'single sign-on refused',
        );
        return c.redirect(`/?sso=${reason}`, 302);
      }
    });
  }

  // Sandbox mode only; elsewhere the path is /api's 404, as it was before the body is read.
  if (config.mode === 'sandbox') {
    app.post(
      '/auth/demo',
      async (c, next) => {
        const limited = demoPerAddress.hit(clientAddress(c, config));
        if (limited.allowed) return next();
        c.header('retry-after', String(limited.retryAfterS));
        return c.json({ error: TOO_MANY }, 429);
      },
      jsonBody(z.object({ role })),
      async (c) => {
        const demo = DEMO_ACCOUNTS.find((d) => d.role === c.req.valid('json').role)!;
        const account = await accounts.find(demo.username);
        if (!account || account.disabled)
          return c.json({ error: 'That demo account is disabled' }, 403);
        return startSession(c, account);
      },
    );
  }

  app.post('/auth/signout', async (c) => {
    const id = sessionIdOf(c);
    if (id) await accounts.endSession(id);
    clearSessionCookie(c);
    return c.json({ signedOut: true });
  });

  app.get('/session', requireRole('agent', deps), (c) => {
    c.header('cache-control', 'no-store');
    return c.json({ user: publicAccount(c.get('account')), mode: config.mode });
  });

  // The console's first question on load. Nobody signed in is an answer, not an error (a 401
  // here would be logged by the browser on every signed-out load): 200 either way.
  app.get('/auth/whoami', async (c) => {
    c.header('cache-control', 'no-store');
    const current = await currentAccount(c, deps);
    if (!current.ok) return c.json({ signedIn: false, reason: current.error });
    return c.json({ signedIn: true, user: publicAccount(current.account), mode: config.mode });
  });

  // ------------------------------------------------------------------ administration
  const admin = requireRole('admin', deps);
  app.get('/admin/accounts', admin, async (c) =>
    c.json({ accounts: (await accounts.list()).map(publicAccount) }),
  );

  app.post('/admin/accounts', admin, jsonBody(newAccount), async (c) => {
    const body = c.req.valid('json');
    const { username, role: r, password: p } = body;
    const created = await accounts.create({
      username,
      displayName: body.displayName ?? username,
      role: r,
      passwordHash: await hashPassword(p),
    });
    if (!created) return c.json({ error: `Username "${username}" is taken` }, 409);
    log.info({ by: c.get('account').username, user: username, role: r }, 'account created');
    return c.json({ account: publicAccount(created) }, 201);
  });

  app.patch(
    '/admin/accounts/:username',
    admin,
    usernameParam,
    jsonBody(accountChange),
    async (c) => {
      const { username } = c.req.valid('param');
      const body = c.req.valid('json');
      const me = c.get('account');
      if (username === me.username && ((body.role && body.role !== 'admin') || body.disabled)) {
        return c.json({ error: 'You cannot demote or disable your own account' }, 400);
      }
      const { password: p, ...rest } = body;
      const updated = await accounts.update(username, {
        ...rest,
        ...(p ? { passwordHash: await hashPassword(p) } : {}),
      });
      if (!updated) return c.json({ error: 'No such account' }, 404);
      // A new role, a new password or a disabled account: its old sessions end.
      if (body.role || p || body.disabled) await accounts.endAllSessions(updated.id);
      log.info({ by: me.username, user: username, change: Object.keys(body) }, 'account changed');
      return c.json({ account: publicAccount(updated) });
    },
  );

  app.post('/admin/accounts/:username/signout', admin, usernameParam, async (c) => {
    const { username } = c.req.valid('param');
    const account = await accounts.find(username);
    if (!account) return c.json({ error: 'No such account' }, 404);
    const ended = await accounts.endAllSessions(account.id);
    log.info({ by: c.get('account').username, user: username, ended }, 'signed out everywhere');
    return c.json({ ended });
  });

  app.delete('/admin/accounts/:username', admin, usernameParam, async (c) => {
    const { username } = c.req.valid('param');
    if (username === c.get('account').username) {
      return c.json({ error: 'You cannot delete your own account' }, 400);
    }
    if (!(await accounts.remove(username))) return c.json({ error: 'No such account' }, 404);
    log.info({ by: c.get('account').username, user: username }, 'account deleted');
    return c.json({ deleted: username });
  });
  return app;
}

/** Sandbox mode: the demo accounts exist (no password: one-click sign-in only). */
export async function ensureDemoAccounts(accounts: AccountStore): Promise<void> {
  for (const d of DEMO_ACCOUNTS) {
    await accounts.create({ ...d, passwordHash: null, demo: true });
  }
}
