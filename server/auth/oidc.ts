/**
 * Single sign-on with any OpenID Connect provider (openid-client): the authorization-code flow
 * with PKCE, state and nonce. The pending login (verifier, state, nonce) is kept in the store
 * under the SHA-256 of a random id the browser holds in a short-lived httpOnly cookie, so the
 * callback may reach any instance and a login can be finished once only. The provider's ID
 * token names the account (linked by `issuer#sub`, created at first sign-in) and, with
 * OIDC_ROLE_CLAIM, its role at every sign-in.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { OidcConfig } from '../config';
import type { Queryable } from '../store/database';
import { ROLES, USERNAME, type Account, type AccountStore, type Role } from './accounts';

const LOGIN_TTL_MS = 10 * 60_000;
const hash = (id: string) => createHash('sha256').update(id).digest('base64url');

export class SsoError extends Error {
  constructor(
    readonly reason: 'unavailable' | 'failed' | 'disabled',
    message: string,
  ) {
    super(message);
  }
}

/** The highest role named by the claim (a string or a list), else undefined. */
export function roleFromClaim(value: unknown): Role | undefined {
  const values = Array.isArray(value) ? value : [value];
  let best: Role | undefined;
  for (const v of values) {
    const role = ROLES.find((r) => r === v);
    if (role && (!best || ROLES.indexOf(role) > ROLES.indexOf(best))) best = role;
  }
  return best;
}

/** A username from the ID token's claims, within the console's username rule. */
export function usernameFrom(claims: Record<string, unknown>, sub: string): string {
  for (const raw of [
    claims.preferred_username,
    typeof claims.email === 'string' ? claims.email.split('@')[0] : undefined,
  ]) {
    if (typeof raw !== 'string') continue;
    const name = raw
      .toLowerCase()
      .replace(/[^a-z0-9._-]/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 60);
    if (USERNAME.test(name)) return name;
  }
  return `sso-${hash(sub)
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 12)}`;
}

export function createOidc(
  cfg: OidcConfig,
  db: Queryable,
  accounts: AccountStore,
  now: () => number = Date.now,
) {
  let discovered: Promise<client.Configuration> | undefined;
  const issuer = new URL(cfg.issuer);
  // Plain http only for a provider on this machine (tests, local development).
  const local =
    issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  const configuration = () => {
    discovered ??= client
      .discovery(
        issuer,
        cfg.clientId,
        cfg.clientSecret,
        undefined,
        local ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined; // try again next time
        throw error;
      });
    return discovered;
  };

  return {
    /** Where to send the browser, and the id for its cookie. */
    async start(redirectUri: string): Promise<{ url: string; loginId: string }> {
      let config: client.Configuration;
      try {
        config = await configuration();
      } catch {
        throw new SsoError('unavailable', 'the single-sign-on provider could not be reached');
      }
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const loginId = randomBytes(32).toString('base64url');
      await db.query('DELETE FROM oidc_logins WHERE created_at < $1', [now() - LOGIN_TTL_MS]);
      await db.query(
        'INSERT INTO oidc_logins (id_hash, verifier, state, nonce, created_at) VALUES ($1, $2, $3, $4, $5)',
        [hash(loginId), verifier, state, nonce, now()],
      );
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, loginId };
    },

    /** Finishes a login (once): the account it signs in, created or updated from the claims. */
    async finish(loginId: string, callbackUrl: URL): Promise<Account> {
      const rows = await db.query<{
        verifier: string;
        state: string;
        nonce: string;
        created_at: number | string;
      }>(
        'DELETE FROM oidc_logins WHERE id_hash = $1 RETURNING verifier, state, nonce, created_at',
        [hash(loginId)],
      );
      const login = rows[0];
      if (!login || now() - Number(login.created_at) > LOGIN_TTL_MS) {
        throw new SsoError(
          'failed',
          'no pending sign-in for this browser (expired or already used)',
        );
      }
      let claims: Record<string, unknown>;
      try {
        const config = await configuration();
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: login.verifier,
          expectedState: login.state,
          expectedNonce: login.nonce,
          idTokenExpected: true,
        });
        claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      } catch (error) {
        throw new SsoError(
          'failed',
          error instanceof Error ? error.message : 'the provider refused',
        );
      }
      const sub = typeof claims.sub === 'string' ? claims.sub : '';
      if (!sub) throw new SsoError('failed', 'the ID token has no subject');
      const subject = `${cfg.issuer}#${sub}`;
      const role =
        (cfg.roleClaim ? roleFromClaim(claims[cfg.roleClaim]) : undefined) ?? cfg.defaultRole;
      const displayName = String(
        claims.name ?? claims.preferred_username ?? claims.email ?? '',
      ).slice(0, 100);
      const existing = await accounts.findBySubject(subject);
      const account = existing
        ? await accounts.update(existing.username, {
            ...(cfg.roleClaim ? { role } : {}),
            ...(displayName ? { displayName } : {}),
          })
        : await (async () => {
            const username = usernameFrom(claims, sub);
            return accounts.createForSubject({
              subject,
              username,
              displayName: displayName || username,
              role,
            });
          })();
      if (!account) throw new SsoError('failed', 'the account went away');
      if (account.disabled) throw new SsoError('disabled', 'this account is disabled');
      return account;
    },
  };
}

export type Oidc = ReturnType<typeof createOidc>;
