/**
 * Daily's pinless dial-in request to our `room_creation_api` (docs/daily-api.md, "Pinless
 * dial-in"): its body and its signature headers. Signed as Daily's webhooks are (HMAC-SHA256
 * over `${timestamp}.${raw body}` with the base64-decoded `hmac`, base64) — per public handlers
 * of it, an ASSUMPTION until checked on a real account — under its own header names.
 */
import { z } from 'zod';
import { signWebhook, verifyWebhook, type Verdict } from './signature';

export const PINLESS_SIGNATURE_HEADER = 'x-pinless-signature';
export const PINLESS_TIMESTAMP_HEADER = 'x-pinless-timestamp';

const id = z.string().trim().min(1).max(128);
const address = z.string().trim().min(1).max(256);

/** The fields we use; Daily may send more (`sipHeaders`…), which are ignored. */
export const pinlessRequest = z
  .object({ To: address, From: address, callId: id, callDomain: id })
  .passthrough();
export type PinlessRequest = z.infer<typeof pinlessRequest>;

/** Daily's test request when the config is created (`{ "test": … }` or only `To`). */
export function isPinlessTest(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return 'test' in v || (Object.keys(v).length === 1 && typeof v.To === 'string');
}

/** The headers Daily (and the sandbox, as Daily) puts on a room-creation request. */
export function pinlessHeaders(
  key: Buffer,
  rawBody: string,
  nowMs: number,
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    'content-type': 'application/json',
    [PINLESS_TIMESTAMP_HEADER]: timestamp,
    [PINLESS_SIGNATURE_HEADER]: signWebhook(key, timestamp, rawBody),
  };
}

/** How old a room-creation request may be (by its signed timestamp). */
const PINLESS_MAX_AGE_MS = 5 * 60_000;

/** Checks a room-creation request's signature and timestamp (read with `header`). */
export function verifyPinless(
  key: Buffer,
  header: (name: string) => string | undefined,
  rawBody: string,
  nowMs: number,
): Verdict {
  const [timestamp, signature] = [
    header(PINLESS_TIMESTAMP_HEADER),
    header(PINLESS_SIGNATURE_HEADER),
  ];
  // Daily waits on this request while the caller is on hold: a request minutes old is a replay,
  // not a retry (the webhooks' door has no such window; see signature.ts).
  return verifyWebhook({ key, timestamp, signature, rawBody, nowMs, maxAgeMs: PINLESS_MAX_AGE_MS });
}

/** The body as JSON, or undefined when it is not JSON. */
export function parseOrUndefined(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
