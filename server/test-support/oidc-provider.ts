/**
 * Test support: a small OpenID Connect provider on 127.0.0.1 — discovery, JWKS, an authorize
 * endpoint that signs in its current user at once (no login page: the tests choose who signs
 * in), and a token endpoint that checks the client secret, the redirect URI, the code (one use)
 * and PKCE (S256), then returns an RS256 ID token. Enough for openid-client to run the whole
 * authorization-code flow against it over HTTP; not a provider for anything else.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface TestUser {
  sub: string;
  name?: string;
  preferred_username?: string;
  [claim: string]: unknown;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next authorization signs in as. */
  user: TestUser;
  /** Make the token endpoint refuse the next exchange. */
  failNextToken: boolean;
  tokenRequests: number;
  close(): Promise<void>;
}

export async function startOidcProvider(port = 0): Promise<TestOidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<
    string,
    { redirectUri: string; challenge: string; nonce?: string; user: TestUser; clientId: string }
  >();
  const state: TestOidcProvider = {
    issuer: '',
    clientId: 'console-test',
    clientSecret: randomBytes(16).toString('hex'),
    user: { sub: 'user-1', name: 'Sam Sso', preferred_username: 'sam' },
    failNextToken: false,
    tokenRequests: 0,
    close: async () => undefined,
  };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', state.issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer: state.issuer,
        authorization_endpoint: `${state.issuer}/authorize`,
        token_endpoint: `${state.issuer}/token`,
        jwks_uri: `${state.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        scopes_supported: ['openid', 'profile', 'email'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      if (
        q.get('client_id') !== state.clientId ||
        !/^http:\/\/127\.0\.0\.1:\d+\//.test(redirectUri)
      ) {
        return json(res, 400, { error: 'invalid_request' });
      }
      if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256') {
        return json(res, 400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        redirectUri,
        challenge: q.get('code_challenge') ?? '',
        ...(q.get('nonce') ? { nonce: q.get('nonce')! } : {}),
        user: state.user,
        clientId: state.clientId,
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      if (q.get('state')) back.searchParams.set('state', q.get('state')!);
      back.searchParams.set('iss', state.issuer);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        void (async () => {
          state.tokenRequests++;
          const form = new URLSearchParams(body);
          const basic = req.headers.authorization?.startsWith('Basic ')
            ? Buffer.from(req.headers.authorization.slice(6), 'base64')
                .toString()
                .split(':')
                .map(decodeURIComponent)
            : [form.get('client_id'), form.get('client_secret')];
          if (basic[0] !== state.clientId || basic[1] !== state.clientSecret) {
            return json(res, 401, { error: 'invalid_client' });
          }
          if (state.failNextToken) {
            state.failNextToken = false;
            return json(res, 400, {
              error: 'invalid_grant',
              error_description: 'refused for the test',
            });
          }
          const grant = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          const challenge = createHash('sha256').update(verifier).digest('base64url');
          if (
            !grant ||
            grant.redirectUri !== form.get('redirect_uri') ||
            grant.challenge !== challenge
          ) {
            return json(res, 400, { error: 'invalid_grant' });
          }
          const now = Math.floor(Date.now() / 1000);
          const idToken = await new SignJWT({
            ...grant.user,
            ...(grant.nonce ? { nonce: grant.nonce } : {}),
          })
            .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
            .setIssuer(state.issuer)
            .setAudience(grant.clientId)
            .setSubject(grant.user.sub)
            .setIssuedAt(now)
            .setExpirationTime(now + 300)
            .sign(privateKey);
          json(res, 200, {
            access_token: randomBytes(16).toString('hex'),
            token_type: 'Bearer',
            expires_in: 300,
            id_token: idToken,
          });
        })();
      });
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  state.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return state;
}
