/**
 * What a browser is told and what it may send: a strict Content-Security-Policy and no framing
 * on every answer, an Origin check on scheme and host, and JSON routes that read only bodies
 * declared as JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-support/harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ TRUST_PROXY: '1' });
}, 60_000);
afterAll(() => s?.close());

const post = (path: string, headers: Record<string, string>, body = '{}') =>
  fetch(`${s.url}${path}`, { method: 'POST', headers: { cookie: s.cookie, ...headers }, body });

describe('security headers', () => {
  it('the console and the API carry a strict CSP, no framing, nosniff and no referrer', async () => {
    for (const path of ['/', '/some/console/route', '/api/health', '/api/session']) {
      const res = await fetch(`${s.url}${path}`, { headers: { cookie: s.cookie } });
      const csp = res.headers.get('content-security-policy') ?? '';
      const directive = (name: string) =>
        csp
          .split(';')
          .map((d) => d.trim())
          .find((d) => d.startsWith(`${name} `));
      expect(directive('default-src'), path).toBe("default-src 'self'");
      expect(directive('script-src'), path).toMatch(
        /^script-src 'self'( https:\/\/c\.daily\.co)?$/,
      );
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
      expect(directive('object-src')).toBe("object-src 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      await res.body?.cancel();
    }
  });
});

describe('the Origin check compares scheme and host', () => {
  it('a page on the other scheme of our host is another origin', async () => {
    const host = new URL(s.url).host;
    const other = await post('/api/auth/signout', {
      'content-type': 'application/json',
      origin: `https://${host}`,
    });
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ error: 'Cross-site request refused' });
    // Behind the trusted proxy the console is https: its own http page is refused, https passes.
    const https = { 'content-type': 'application/json', 'x-forwarded-proto': 'https' };
    expect((await post('/api/auth/signout', { ...https, origin: `http://${host}` })).status).toBe(
      403,
    );
    expect((await post('/api/auth/signout', { ...https, origin: `https://${host}` })).status).toBe(
      200,
    );
  });
});

describe('JSON routes read only JSON', () => {
  it('text/plain, form and missing content types are refused with 415, before anything acts', async () => {
    const body = JSON.stringify({ username: 'demo-admin', password: 'whatever at all' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const res = await post('/api/auth/signin', type ? { 'content-type': type } : {}, body);
      expect(res.status, type).toBe(415);
      expect(await res.json()).toEqual({
        error: 'The body must be sent as Content-Type: application/json',
      });
    }
    const json = await post(
      '/api/auth/signin',
      { 'content-type': 'application/json; charset=utf-8' },
      body,
    );
    expect(json.status).toBe(401);
  });
});
