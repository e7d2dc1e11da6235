import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, signedHeaders, verifyWebhook } from './signature';

const key = Buffer.from('0123456789abcdef0123456789abcdef');
const body = '{"id":"1","type":"dialin.connected","payload":{}}';
const now = 1_770_005_095_000;
const ts = String(now / 1000);

describe('webhook signatures', () => {
  it('is base64(HMAC-SHA256(key, `${timestamp}.${body}`))', () => {
    const expected = createHmac('sha256', key).update(`${ts}.${body}`).digest('base64');
    expect(signWebhook(key, ts, body)).toBe(expected);
    expect(signedHeaders(key, body, now)).toMatchObject({
      'x-webhook-timestamp': ts,
      'x-webhook-signature': expected,
    });
  });

  const verify = (o: Partial<Parameters<typeof verifyWebhook>[0]>) =>
    verifyWebhook({
      key,
      timestamp: ts,
      signature: signWebhook(key, ts, body),
      rawBody: body,
      nowMs: now,
      ...o,
    });

  it('accepts a good signature within five minutes either way', () => {
    expect(verify({})).toEqual({ ok: true });
    expect(verify({ nowMs: now + 299_000 })).toEqual({ ok: true });
    expect(verify({ nowMs: now - 299_000 })).toEqual({ ok: true });
  });

  it('refuses each kind of bad request with its reason', () => {
    expect(verify({ signature: undefined })).toEqual({ ok: false, reason: 'missing-headers' });
    expect(verify({ timestamp: undefined })).toEqual({ ok: false, reason: 'missing-headers' });
    expect(verify({ timestamp: '2026-11-24T10:00:00Z' })).toEqual({
      ok: false,
      reason: 'bad-timestamp',
    });
    expect(verify({ nowMs: now + 301_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(verify({ nowMs: now - 301_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(verify({ rawBody: body + ' ' })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verify({ key: Buffer.from('another key of sixteen+') })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verify({ signature: 'short' })).toEqual({ ok: false, reason: 'bad-signature' });
  });
});
