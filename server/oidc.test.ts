/**
 * Single sign-on against a local OpenID Connect provider started by the test: the whole
 * authorization-code flow over HTTP (openid-client ↔ provider), roles from a claim, and every
 * way it can go wrong ending in no session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from './auth/password';
import { startOidcProvider, type TestOidcProvider } from './test-support/oidc-provider';
import { startTestServer, type TestServer } from './test-support/harness';

let idp: TestOidcProvider;
let s: TestServer;

const cookieValue = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);

/** Runs the browser's part: start → provider → callback. The callback's answer and cookies. */
async function signInThroughProvider(
  opts: { tamper?: (callback: URL) => void; cookie?: string } = {},
) {
  const start = await fetch(`${s.url}/api/auth/oidc/start`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const ssoCookie = cookieValue(start, 'console_sso');
  const atProvider = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const callback = new URL(atProvider.headers.get('location')!);
  opts.tamper?.(callback);
  const back = await fetch(callback, {
    redirect: 'manual',
    headers: { cookie: opts.cookie ?? ssoCookie ?? '' },
  });
  return { back, ssoCookie, callback, session: cookieValue(back, 'console_session') };
}

async function whoAmI(session: string | undefined) {
  const res = await fetch(`${s.url}/api/session`, { headers: { cookie: session ?? '' } });
  return res.ok
    ? ((await res.json()) as { user: { username: string; role: string; displayName: string } }).user
    : res.status;
}

beforeAll(async () => {
  idp = await startOidcProvider();
  s = await startTestServer({
    CONSOLE_MODE: 'real',
    DAILY_API_KEY: 'unused-here',
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_LABEL: 'Test IdP',
    OIDC_ROLE_CLAIM: 'console_role',
  });
});
afterAll(async () => {
  await s.close();
  await idp.close();
});

describe('single sign-on (OpenID Connect)', () => {
  it('is offered on the sign-in screen', async () => {
    const options = await (await fetch(`${s.url}/api/auth/options`)).json();
    expect(options).toMatchObject({
      singleSignOn: { label: 'Test IdP', start: '/api/auth/oidc/start' },
    });
  });

  it('signs in through the provider (PKCE, state, nonce); the role comes from the claim', async () => {
    idp.user = {
      sub: 'u-100',
      name: 'Sam Sso',
      preferred_username: 'Sam',
      console_role: 'supervisor',
    };
    const { back, session } = await signInThroughProvider();
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/');
    expect(await whoAmI(session)).toEqual(
      expect.objectContaining({ username: 'sam', role: 'supervisor', displayName: 'Sam Sso' }),
    );
    // Next time the claim says admin: same account, new role.
    idp.user = { ...idp.user, console_role: ['agent', 'admin'] };
    const again = await signInThroughProvider();
    expect(await whoAmI(again.session)).toEqual(
      expect.objectContaining({ username: 'sam', role: 'admin' }),
    );
    // No claim: the default role (agent).
    idp.user = { sub: 'u-101', preferred_username: 'nora' };
    const nora = await signInThroughProvider();
    expect(await whoAmI(nora.session)).toEqual(
      expect.objectContaining({ username: 'nora', role: 'agent' }),
    );
  });

  it('never takes over a local account that has the same name', async () => {
    await s.accounts.create({
      username: 'alice',
      displayName: 'Alice Local',
      role: 'admin',
      passwordHash: await hashPassword('a long enough passphrase'),
    });
    idp.user = { sub: 'u-200', preferred_username: 'alice', console_role: 'agent' };
    const { session } = await signInThroughProvider();
    expect(await whoAmI(session)).toEqual(
      expect.objectContaining({ username: 'alice-sso', role: 'agent' }),
    );
    expect((await s.accounts.find('alice'))!.role).toBe('admin');
  });

  it('a tampered state, a replayed login, a missing cookie or a refusing provider opens nothing', async () => {
    idp.user = { sub: 'u-300', preferred_username: 'tess' };
    const tampered = await signInThroughProvider({
      tamper: (u) => u.searchParams.set('state', 'forged'),
    });
    expect(tampered.back.headers.get('location')).toBe('/?sso=failed');
    expect(tampered.session).toBeUndefined();

    const ok = await signInThroughProvider();
    expect(ok.session).toBeDefined();
    const replay = await fetch(ok.callback, {
      redirect: 'manual',
      headers: { cookie: ok.ssoCookie! },
    });
    expect(replay.headers.get('location')).toBe('/?sso=failed');
    expect(cookieValue(replay, 'console_session')).toBeUndefined();

    const noCookie = await signInThroughProvider({ cookie: '' });
    expect(noCookie.back.headers.get('location')).toBe('/?sso=failed');

    idp.failNextToken = true;
    const refused = await signInThroughProvider();
    expect(refused.back.headers.get('location')).toBe('/?sso=failed');
    expect(refused.session).toBeUndefined();
    // The log says why, without a token or a code in it.
    const lines = s.logs.filter((l) => l.includes('single sign-on refused'));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.join('')).not.toMatch(/id_token|eyJ/);
  });

  it('a disabled account is refused', async () => {
    idp.user = { sub: 'u-400', preferred_username: 'dora' };
    await signInThroughProvider();
    await s.accounts.update('dora', { disabled: true });
    const { back, session } = await signInThroughProvider();
    expect(back.headers.get('location')).toBe('/?sso=disabled');
    expect(session).toBeUndefined();
  });

  it('a provider that cannot be reached is said, not crashed on', async () => {
    const gone = await startTestServer({
      CONSOLE_MODE: 'real',
      DAILY_API_KEY: 'unused-here',
      OIDC_ISSUER: 'http://127.0.0.1:9/',
      OIDC_CLIENT_ID: 'x',
      OIDC_CLIENT_SECRET: 'y',
    });
    try {
      const res = await fetch(`${gone.url}/api/auth/oidc/start`, { redirect: 'manual' });
      expect(res.headers.get('location')).toBe('/?sso=unavailable');
    } finally {
      await gone.close();
    }
    // A server of its own starts and stops: more than the default 5 s on a busy machine.
  }, 60_000);
});
