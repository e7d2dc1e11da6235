/**
 * Daily's webhook envelope (spec §5): `{ version, type, id, payload, event_ts }`. Checked with
 * zod at the door; an unknown `type` is kept as-is (Daily adds types), a malformed envelope is
 * refused. `payload.timestamp` may be a string or a number (Daily's examples show strings).
 */
import { z } from 'zod';

const text = (max: number) => z.string().min(1).max(max);

/**
 * How deep a payload may nest. Daily's payloads are a few levels deep; a much deeper one makes
 * Postgres refuse the whole insert ("stack depth limit exceeded"), failing every webhook
 * committed in the same batch: it is refused alone, before it is stored.
 */
export const MAX_PAYLOAD_DEPTH = 32;

/** Whether `value` nests deeper than `max` levels of arrays or objects (iterative: no stack). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

export const envelopeSchema = z.object({
  version: z.string().max(32).optional(),
  type: text(128).regex(/^[a-z0-9_.-]+$/i, 'type must be a dotted event name'),
  id: text(256),
  payload: z
    .record(z.string(), z.unknown())
    .refine(
      (p) => !nestedDeeperThan(p, MAX_PAYLOAD_DEPTH),
      `nested deeper than ${MAX_PAYLOAD_DEPTH} levels`,
    ),
  event_ts: z.union([z.number().finite(), z.string().max(64)]).optional(),
});

export type Envelope = z.infer<typeof envelopeSchema>;

/** Daily's verification request when a webhook is created: a `{ "test": … }` body. */
export function isVerificationPing(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    'test' in value &&
    !('type' in value) &&
    !('id' in value)
  );
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 && v.length <= 256 ? v : undefined;

/** Room and session id, for filtering and indexing (either may be absent). */
export function envelopeKeys(e: Envelope): { room?: string; sessionId?: string } {
  const room = str(e.payload.room);
  const sessionId = str(e.payload.session_id);
  return { ...(room ? { room } : {}), ...(sessionId ? { sessionId } : {}) };
}

/** `payload.timestamp` (string or number, seconds) → milliseconds; else `event_ts`; else now. */
export function envelopeTimeMs(e: Envelope, nowMs: number): number {
  const candidates = [e.payload.timestamp, e.event_ts];
  for (const c of candidates) {
    const n = typeof c === 'string' ? Number(c) : c;
    if (typeof n === 'number' && Number.isFinite(n) && n > 0) {
      return n > 1e12 ? Math.round(n) : Math.round(n * 1000);
    }
  }
  return nowMs;
}
