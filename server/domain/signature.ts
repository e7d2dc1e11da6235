/**
 * Daily webhook signatures — an ASSUMPTION until checked on a real account (see README):
 * Daily's own text was not retrievable here; several independent public handlers verify as
 *
 *   key       = base64-decode(the webhook's `hmac` secret)
 *   message   = `${X-Webhook-Timestamp}.${raw request body}`   (timestamp in Unix seconds)
 *   signature = base64(HMAC-SHA256(key, message))               → header X-Webhook-Signature
 *
 * compared in constant time. We add a replay window: a timestamp more than five minutes from
 * the server clock is refused. Pure: the clock is passed in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-webhook-signature';
export const TIMESTAMP_HEADER = 'x-webhook-timestamp';
export const TOLERANCE_S = 300;

export function signWebhook(key: Buffer, timestamp: string, rawBody: string): string {
  return createHmac('sha256', key).update(`${timestamp}.${rawBody}`).digest('base64');
}

export type Verdict =
  | { ok: true }
  | { ok: false; reason: 'missing-headers' | 'bad-timestamp' | 'stale' | 'bad-signature' };

export function verifyWebhook(input: {
  key: Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  nowMs: number;
}): Verdict {
  const { key, timestamp, signature, rawBody, nowMs } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing-headers' };
  if (!/^\d{1,12}$/.test(timestamp.trim())) return { ok: false, reason: 'bad-timestamp' };
  const seconds = Number(timestamp.trim());
  if (Math.abs(nowMs / 1000 - seconds) > TOLERANCE_S) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signWebhook(key, timestamp.trim(), rawBody), 'base64');
  let given: Buffer;
  try {
    given = Buffer.from(signature.trim(), 'base64');
  } catch {
    return { ok: false, reason: 'bad-signature' };
  }
  // Equal lengths first: timingSafeEqual throws otherwise (and length is not a secret).
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  return { ok: true };
}

/** The headers a sender (Daily, or the sandbox relay) puts on a signed webhook. */
export function signedHeaders(key: Buffer, rawBody: string, nowMs: number): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    'content-type': 'application/json',
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: signWebhook(key, timestamp, rawBody),
  };
}
