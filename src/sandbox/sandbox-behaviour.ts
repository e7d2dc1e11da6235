/**
 * What Daily does not document, made switchable. Each key is one behaviour the docs leave open;
 * its first value is the sandbox's default, the others are the plausible alternatives. Set with
 * `window.sandbox.setBehaviour({ … })` or `?behaviour=key:value,key:value` in the page URL.
 */
export interface SandboxBehaviour {
  /** When a transfer/refer/stopDialOut's leave events come relative to the SDK promise settling. */
  leaveTiming: 'after-resolve' | 'before-resolve';
  /** Which events a leg leaving the room produces (transfer, refer, hang-up by far end or agent). */
  leaveEvents: 'both' | 'participant-left-only' | 'stopped-only';
  /**
   * Who receives `dialin-*` / `dialout-*` events: every console, or only the console that started
   * the action. With 'initiator-only' this console gets no `dialin-*` events for dial-ins (nobody
   * here started them) and no `dialout-*` events for dial-outs started elsewhere; it still gets
   * them for its own transfers, refers, dial-outs, stops and ejects. Warnings reach everyone
   * (documented), and participant events always do.
   */
  telephonyEvents: 'everyone' | 'initiator-only';
  /** `startDialOut()` resolves with `{ session: { sessionId } }` or with `{}`. */
  dialOutSession: 'with-session' | 'without-session';
  /** When a dial-out's participant joins the room: when dialling starts, or only when answered. */
  dialOutJoin: 'at-dial' | 'at-answer';
  /** How busy / no-answer surface: `dialout-error` then the leg ends, or only the leg ending. */
  dialOutFailure: 'error-and-stopped' | 'stopped-only';
  /**
   * A `sipCallTransfer` to a phone number or an external SIP URI also emits `dialout-connected`,
   * `dialout-answered` (and later `dialout-stopped`) for a new session id: the new leg.
   */
  transferDialOutEvents: boolean;
  /** A warning (a codec fallback) arrives on the leg during every refer, before its outcome. */
  referWarnings: boolean;
  /** How a refused REFER surfaces: the invented warning `REFER_REJECTED`, or nothing at all. */
  referRefusal: 'warning' | 'silent';
  /** Whether eject ends the phone leg (`participant-left` + `*-stopped`) or only removes the participant. */
  ejectEndsLeg: boolean;
  /** Shape of server-side rejections: a string, an `Error`, or `{ errorMsg }`. */
  serverRejection: 'string' | 'error' | 'object';
  /**
   * What the target of a transfer does once Daily hands the caller over: answers
   * (`calltransfer.answered`, later `completed`), or is busy, does not answer or fails: the
   * webhook lifecycle then has no `answered` (`triggered`, `initiated`, `completed`).
   */
  transferTarget: 'answers' | 'busy' | 'no-answer' | 'fails';
  /**
   * When Daily's webhooks arrive relative to the SDK's events (they travel Daily → HTTPS →
   * store → stream): with them, after them (two transfer delays late), or long after (ten).
   */
  webhookTiming: 'with-events' | 'after' | 'long-after';
  /**
   * Whether a transfer's or refer's promise tells the truth, or rejects (as daily-js can on
   * transport trouble) although Daily carried the action out.
   */
  transferPromise: 'truthful' | 'rejects-after-acting';
}

/** Every key's possible values, the default first. */
export const BEHAVIOUR_CHOICES: {
  readonly [K in keyof SandboxBehaviour]: readonly SandboxBehaviour[K][];
} = {
  leaveTiming: ['after-resolve', 'before-resolve'],
  leaveEvents: ['both', 'participant-left-only', 'stopped-only'],
  telephonyEvents: ['everyone', 'initiator-only'],
  dialOutSession: ['with-session', 'without-session'],
  dialOutJoin: ['at-dial', 'at-answer'],
  dialOutFailure: ['error-and-stopped', 'stopped-only'],
  transferDialOutEvents: [false, true],
  referWarnings: [false, true],
  referRefusal: ['warning', 'silent'],
  ejectEndsLeg: [true, false],
  serverRejection: ['string', 'error', 'object'],
  transferTarget: ['answers', 'busy', 'no-answer', 'fails'],
  webhookTiming: ['with-events', 'after', 'long-after'],
  transferPromise: ['truthful', 'rejects-after-acting'],
};

export const BEHAVIOUR_KEYS = Object.keys(BEHAVIOUR_CHOICES) as (keyof SandboxBehaviour)[];

/** The sandbox's defaults: the documented behaviour where Daily's docs speak. */
export const DEFAULT_BEHAVIOUR: Readonly<SandboxBehaviour> = Object.freeze(
  Object.fromEntries(
    BEHAVIOUR_KEYS.map((k) => [k, BEHAVIOUR_CHOICES[k][0]]),
  ) as unknown as SandboxBehaviour,
);

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Checks a partial behaviour (unknown keys and values are errors, with what is allowed). */
export function checkBehaviour(partial: unknown): Result<Partial<SandboxBehaviour>> {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) {
    return {
      ok: false,
      error: 'setBehaviour(): expected an object such as { leaveTiming: "before-resolve" }',
    };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(partial)) {
    const choices = (BEHAVIOUR_CHOICES as Record<string, readonly unknown[]>)[key];
    if (!choices) {
      return {
        ok: false,
        error: `setBehaviour(): unknown key "${key}"; use one of ${BEHAVIOUR_KEYS.join(', ')}`,
      };
    }
    if (!choices.includes(value)) {
      return {
        ok: false,
        error: `setBehaviour(): ${key} must be one of ${choices.map(String).join(', ')}, got ${JSON.stringify(value)}`,
      };
    }
    out[key] = value;
  }
  return { ok: true, value: out as Partial<SandboxBehaviour> };
}

/** `leaveTiming:before-resolve,transferDialOutEvents:true` → a checked partial behaviour. */
export function parseBehaviour(query: string): Result<Partial<SandboxBehaviour>> {
  const partial: Record<string, unknown> = {};
  for (const pair of query
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, raw, extra] = pair.split(':');
    if (!key || raw === undefined || extra !== undefined) {
      return { ok: false, error: `behaviour: "${pair}" is not key:value` };
    }
    partial[key] = raw === 'true' ? true : raw === 'false' ? false : raw;
  }
  return checkBehaviour(partial);
}
