import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, signedHeaders, timestampMs, verifyWebhook } from './signature';

const key = Buffer.from('0123456789abcdef0123456789abcdef');
const body = '{"id":"1","type":"dialin.connected","payload":{}}';
const now = 1_770_005_095_000;
const ts = String(now / 1000);
const DAY = 86_400_000;
const maxAgeMs = 30 * DAY - 3_600_000;

describe('webhook signatures', () => {
  it('is base64(HMAC-SHA256(key, `${timestamp}.${body}`))', () => {
    const expected = createHmac('sha256', key).update(`${ts}.${body}`).digest('base64');
    expect(signWebhook(key, ts, body)).toBe(expected);
    expect(signedHeaders(key, body, now)).toMatchObject({
      'x-webhook-timestamp': ts,
      'x-webhook-signature': expected,
    });
  });

  const verify = (o: Partial<Parameters<typeof verifyWebhook>[0]>) => {
    const timestamp =
      o.timestamp === undefined && 'timestamp' in o ? undefined : (o.timestamp ?? ts);
    return verifyWebhook({
      key,
      timestamp,
      signature: timestamp ? signWebhook(key, timestamp, body) : 'x',
      rawBody: body,
      nowMs: now,
      maxAgeMs,
      ...o,
    });
  };

  it("accepts Daily's retries: the first timestamp minutes or hours later, or a clock ahead", () => {
    expect(verify({})).toEqual({ ok: true });
    for (const later of [301_000, 10 * 60_000, 3 * 3_600_000, 29 * DAY]) {
      expect(verify({ nowMs: now + later })).toEqual({ ok: true });
    }
    expect(verify({ nowMs: now - 3_600_000 })).toEqual({ ok: true });
  });

  it('accepts a timestamp in seconds, fractional seconds or milliseconds (13 digits)', () => {
    for (const t of [String(now / 1000), `${now / 1000}.25`, String(now)]) {
      expect(verify({ timestamp: t })).toEqual({ ok: true });
      expect(timestampMs(t)).toBeCloseTo(now, -3);
    }
  });

  it('refuses a webhook older than the store keeps (its first copy may be pruned)', () => {
    expect(verify({ nowMs: now + maxAgeMs + 1 })).toEqual({ ok: false, reason: 'too-old' });
    expect(verify({ timestamp: String(now), nowMs: now + maxAgeMs + 1 })).toEqual({
      ok: false,
      reason: 'too-old',
    });
  });

  it('refuses each kind of bad request with its reason', () => {
    expect(verify({ signature: undefined })).toEqual({ ok: false, reason: 'missing-headers' });
    expect(verify({ timestamp: undefined })).toEqual({ ok: false, reason: 'missing-headers' });
    expect(verify({ timestamp: '2026-11-24T10:00:00Z' })).toEqual({
      ok: false,
      reason: 'bad-timestamp',
    });
    expect(verify({ timestamp: '1'.repeat(17) })).toEqual({ ok: false, reason: 'bad-timestamp' });
    expect(verify({ rawBody: body + ' ' })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verify({ key: Buffer.from('another key of sixteen+') })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verify({ signature: 'short' })).toEqual({ ok: false, reason: 'bad-signature' });
    // An old request with a forged signature is refused for its signature, not its age.
    expect(verify({ signature: 'short', nowMs: now + 40 * DAY })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });
});
