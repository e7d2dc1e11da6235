/**
 * The queues' settings (read by `loadConfig`): the pinless dial-in HMAC secret Daily signs its
 * room-creation requests with, and the queue timings.
 *
 *   DAILY_PINLESS_HMAC        the base64 `hmac` of the domain's pinless_dialin config; unset in
 *                             real mode: room-creation requests are refused (503). Sandbox mode
 *                             generates one for its simulated numbers.
 *   QUEUE_OFFER_TIMEOUT_S     how long an offer rings before it moves on (20)
 *   QUEUE_WAIT_ALERT_S        a call waiting longer is reported (60)
 *   QUEUE_MAX_WAIT_S          a call waiting longer is given up (300)
 */
import { randomBytes } from 'node:crypto';
import type { QueueTimings } from './engine';

type Env = Record<string, string | undefined>;
/** `config.ts`'s reader: (env, name, fallback, min, max, errors) → the value, or the fallback. */
type IntegerReader = (
  env: Env,
  name: string,
  ...bounds: [number, number, number, string[]]
) => number;

export interface QueueConfig {
  pinlessSecret?: Buffer;
  queueTimings: QueueTimings;
}

export function queueConfig(
  env: Env,
  mode: 'sandbox' | 'real',
  errors: string[],
  integer: IntegerReader,
  decodeSecret: (raw: string) => Buffer | undefined,
): QueueConfig {
  const offer = integer(env, 'QUEUE_OFFER_TIMEOUT_S', 20, 1, 600, errors);
  const alert = integer(env, 'QUEUE_WAIT_ALERT_S', 60, 1, 3_600, errors);
  const max = integer(env, 'QUEUE_MAX_WAIT_S', 300, 1, 3_600, errors);
  const raw = env.DAILY_PINLESS_HMAC?.trim();
  let pinlessSecret: Buffer | undefined;
  if (raw) {
    pinlessSecret = decodeSecret(raw);
    if (!pinlessSecret) {
      errors.push(
        'DAILY_PINLESS_HMAC must be the base64 "hmac" of the pinless_dialin config (at least 16 bytes)',
      );
    }
  } else if (mode === 'sandbox') {
    pinlessSecret = randomBytes(32);
  }
  return {
    ...(pinlessSecret ? { pinlessSecret } : {}),
    queueTimings: {
      offerTimeoutMs: offer * 1000,
      waitAlertMs: alert * 1000,
      maxWaitMs: max * 1000,
    },
  };
}
