/**
 * Daily webhook signatures — an ASSUMPTION until checked on a real account (see README):
 * Daily's webhooks page says only that the webhook's `hmac` secret (base64) verifies the
 * signature; several independent public handlers verify as
 *
 *   key       = base64-decode(the webhook's `hmac` secret)
 *   message   = `${X-Webhook-Timestamp}.${raw request body}`
 *   signature = base64(HMAC-SHA256(key, message))               → header X-Webhook-Signature
 *
 * compared in constant time. Daily documents no replay window, no unit for the timestamp and
 * nothing on whether a retry is signed anew, so none of those is a reason to refuse: a retry
 * that keeps its first timestamp, and a timestamp in milliseconds, are accepted. Replays are
 * made harmless by the store instead (one row per envelope `id` and `type`). The one age
 * limit left is ours and far from any retry: a webhook older than the events this server keeps
 * (`maxAgeMs`, from RETENTION_DAYS) is refused, because its first copy may have been pruned
 * and storing it again would replay it. Pure: the clock is passed in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-webhook-signature';
export const TIMESTAMP_HEADER = 'x-webhook-timestamp';

/** Unix time, whole or fractional; seconds or milliseconds (told apart by size, below). */
const TIMESTAMP = /^\d{1,16}(\.\d{1,9})?$/;
/** Read as seconds, 1e11 is the year 5138; read as milliseconds, 1973: larger is milliseconds. */
const MS_FROM = 1e11;

export function signWebhook(key: Buffer, timestamp: string, rawBody: string): string {
  return createHmac('sha256', key).update(`${timestamp}.${rawBody}`).digest('base64');
}

/** A webhook timestamp header (Unix seconds or milliseconds) → ms; undefined when not one. */
export function timestampMs(header: string): number | undefined {
  const t = header.trim();
  if (!TIMESTAMP.test(t)) return undefined;
  const n = Number(t);
  return n >= MS_FROM ? n : n * 1000;
}

export type Verdict =
  | { ok: true }
  | { ok: false; reason: 'missing-headers' | 'bad-timestamp' | 'too-old' | 'bad-signature' };

export function verifyWebhook(input: {
  key: Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  nowMs: number;
  /** Older than this is refused (the store may no longer hold its first copy). */
  maxAgeMs: number;
}): Verdict {
  const { key, timestamp, signature, rawBody, nowMs, maxAgeMs } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing-headers' };
  const sentMs = timestampMs(timestamp);
  if (sentMs === undefined) return { ok: false, reason: 'bad-timestamp' };
  const expected = Buffer.from(signWebhook(key, timestamp.trim(), rawBody), 'base64');
  const given = Buffer.from(signature.trim(), 'base64');
  // Equal lengths first: timingSafeEqual throws otherwise (and length is not a secret).
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  // After the signature: only what Daily signed is judged on its age.
  if (nowMs - sentMs > maxAgeMs) return { ok: false, reason: 'too-old' };
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
