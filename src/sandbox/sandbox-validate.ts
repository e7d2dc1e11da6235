/**
 * Argument validators that reproduce daily-js 0.92.2's client-side checks for the telephony
 * methods, with the SDK's exact error strings (typos included: they are what an app sees).
 *
 * Each validator returns the error message, or `undefined` when the arguments pass, so the
 * rules are unit-testable without a call object. The order of the checks follows the shipped
 * bundle, because the first failing rule decides the message. Strings that daily-js does not
 * produce itself are marked `// not verbatim daily-js`.
 *
 * Sources: `dist/daily-esm.js` of @daily-co/daily-js 0.92.2 (validators `Ic`, `lc`, the inline
 * checks of `startDialOut` and `sendDTMF`, and the `dc` join guard); `daily-sip-spec.md` §2.1.
 */

type Bag = Record<string, unknown>;

function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null;
}

/** V8's message when daily-js dereferences a missing options object. */
function missingObjectMessage(value: unknown, key: string): string {
  return `Cannot read properties of ${value === null ? 'null' : 'undefined'} (reading '${key}')`;
}

/** daily-js's join guard: `"<method>() only supported after join."` (the `dc()` helper). */
export function notJoinedMessage(method: string): string {
  return `${method}() only supported after join.`;
}

/**
 * The extension rules daily-js shares between `startDialOut` and `sipCallTransfer` (the `lc()`
 * helper). Note the SDK only looks at truthy values: `waitBeforeExtensionDialSec: 0` is skipped
 * and negative numbers pass.
 */
export function validateExtensionOptions(options: Bag): string | undefined {
  const { extension, waitBeforeExtensionDialSec: wait } = options;
  if (extension) {
    if (typeof extension !== 'string') return 'Error starting dial out: extension must be a string';
    if (extension.length > 20) {
      return 'Error starting dial out: extension length must be less than or equal to 20';
    }
  }
  if (wait) {
    if (typeof wait !== 'number') {
      return 'Error starting dial out: waitBeforeExtensionDialSec must be a number';
    }
    if (wait > 60) {
      return 'Error starting dial out: waitBeforeExtensionDialSec must be less than or equal to 60';
    }
    if (!extension) {
      return 'Error starting dial out: waitBeforeExtensionDialSec requires a phoneNumber and extension';
    }
  }
  return undefined;
}

/**
 * `sipCallTransfer()` / `sipRefer()` (the `Ic()` helper, plus `lc()` for sipCallTransfer only).
 * The key is `toEndPoint` with a capital P; `toEndpoint` fails the first check.
 */
export function validateTransferOptions(
  options: unknown,
  method: 'sipCallTransfer' | 'sipRefer',
): string | undefined {
  if (!isBag(options)) {
    return method === 'sipCallTransfer'
      ? 'sipCallTransfer() requires a sessionId and toEndPoint'
      : 'sessionId and toEndPoint are mandatory parameter';
  }
  const { sessionId, toEndPoint, callerId } = options;
  if (!sessionId || !toEndPoint) return `${method}() requires a sessionId and toEndPoint`;
  if (typeof sessionId !== 'string' || typeof toEndPoint !== 'string') {
    return 'Invalid paramater: sessionId and toEndPoint must be of type string';
  }
  if (method === 'sipRefer' && !toEndPoint.startsWith('sip:')) {
    return '"toEndPoint" must be a "sip" address';
  }
  if (!toEndPoint.startsWith('sip:') && !toEndPoint.startsWith('+')) {
    return `toEndPoint: ${toEndPoint} must starts with either "sip:" or "+"`;
  }
  if (callerId && typeof callerId !== 'string') return 'callerId must be of type string';
  if (callerId && !toEndPoint.startsWith('+')) {
    return 'callerId is only valid when transferring to a PSTN number';
  }
  return method === 'sipCallTransfer' ? validateExtensionOptions(options) : undefined;
}

const DIAL_OUT = 'Error starting dial out: ';
const AUDIO_CODECS: readonly unknown[] = ['OPUS', 'PCMU', 'PCMA', 'G722'];
const VIDEO_CODECS: readonly unknown[] = ['H264', 'VP8'];
const VIDEO_LIMITS = [
  ['width', 1280, ''],
  ['height', 720, ''],
  ['fps', 30, ''],
  ['videoBitrate', 1000, ' kbps'],
] as const;

function validateCodecList(
  list: unknown,
  kind: 'audio' | 'video',
  allowed: readonly unknown[],
  allowedText: string,
): string | undefined {
  if (!list) return undefined;
  if (!Array.isArray(list)) return `${DIAL_OUT}${kind} codec must be an array`;
  if (list.length === 0) return `${DIAL_OUT}${kind} codec array specified but empty`;
  for (const codec of list as unknown[]) {
    if (typeof codec !== 'string') return `${DIAL_OUT}${kind} codec must be a string`;
    if (!allowed.includes(codec)) return `${DIAL_OUT}${kind} codec must be ${allowedText}`;
  }
  return undefined;
}

function validateSipVideo(options: Bag): string | undefined {
  if (options.video && typeof options.video !== 'boolean') {
    return `${DIAL_OUT}video must be a boolean value`;
  }
  const settings = options.videoSettings;
  if (settings === undefined) return undefined;
  if (!isBag(settings)) return `${DIAL_OUT}videoSettings must be an object`;
  if (!options.video) return `${DIAL_OUT}videoSettings provided but video is not enabled`;
  for (const [key, max, unit] of VIDEO_LIMITS) {
    const value = settings[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || (value as number) <= 0) {
      return `${DIAL_OUT}videoSettings.${key} must be a positive integer`;
    }
    if ((value as number) > max) {
      return `${DIAL_OUT}videoSettings.${key} must be less than or equal to ${max}${unit}`;
    }
  }
  return undefined;
}

function validateCodecs(codecs: unknown, withVideo: boolean): string | undefined {
  if (!isBag(codecs)) return undefined;
  const audio = validateCodecList(
    codecs.audio,
    'audio',
    AUDIO_CODECS,
    'one of OPUS, PCMU, PCMA, G722',
  );
  if (audio || !withVideo) return audio;
  return validateCodecList(codecs.video, 'video', VIDEO_CODECS, 'H264 or VP8');
}

/**
 * `startDialOut()`: exactly one of `sipUri` / `phoneNumber`; `sip:` URIs (so `sips:` fails);
 * phone numbers `/^\+\d{1,}$/` (no spaces or dashes); `callerId` only for phone numbers;
 * `displayName` shorter than 200; `userId` at most 36; the extension rules; `provider` only with
 * `sipUri`; `permissions.canReceive` as daily-js's JSON validator checks it.
 */
export function validateStartDialOutOptions(options: unknown): string | undefined {
  if (!isBag(options)) return missingObjectMessage(options, 'sipUri');
  const { sipUri, phoneNumber, callerId, displayName, userId, provider } = options;
  if (!sipUri && !phoneNumber)
    return `${DIAL_OUT}either a sip uri or phone number must be provided`;
  if (sipUri && phoneNumber)
    return `${DIAL_OUT}only one of sip uri or phone number must be provided`;
  if (sipUri) {
    if (typeof sipUri !== 'string') return `${DIAL_OUT}sipUri must be a string`;
    if (!sipUri.startsWith('sip:')) return `${DIAL_OUT}Invalid SIP URI, must start with 'sip:'`;
    const video = validateSipVideo(options);
    if (video) return video;
    const codecs = validateCodecs(options.codecs, true);
    if (codecs) return codecs;
  }
  if (phoneNumber) {
    if (typeof phoneNumber !== 'string') return `${DIAL_OUT}phoneNumber must be a string`;
    if (!/^\+\d{1,}$/.test(phoneNumber)) {
      return `${DIAL_OUT}Invalid phone number, must be valid phone number as per E.164`;
    }
    const codecs = validateCodecs(options.codecs, false);
    if (codecs) return codecs;
  }
  if (callerId) {
    if (typeof callerId !== 'string') return `${DIAL_OUT}callerId must be a string`;
    if (sipUri) return `${DIAL_OUT}callerId not allowed with sipUri`;
  }
  if (displayName) {
    if (typeof displayName !== 'string') return `${DIAL_OUT}displayName must be a string`;
    if (displayName.length >= 200) return `${DIAL_OUT}displayName length must be less than 200`;
  }
  if (userId) {
    if (typeof userId !== 'string') return `${DIAL_OUT}userId must be a string`;
    if (userId.length > 36) return `${DIAL_OUT}userId length must be less than or equal to 36`;
  }
  const extension = validateExtensionOptions(options);
  if (extension) return extension;
  const permissions = options.permissions;
  if (isBag(permissions) && permissions.canReceive) {
    const canReceive = validateCanReceive(permissions.canReceive);
    if (canReceive) return canReceive;
  }
  if (provider) {
    if (provider !== 'daily' && provider !== 'signalwire') {
      return `Error: provider can be set only to 'daily' or 'signalwire', got: ${String(provider)}`;
    }
    if (phoneNumber) return `${DIAL_OUT}provider valid only for sipUri, not phoneNumber`;
  }
  return undefined;
}

/**
 * `stopDialOut()`: daily-js 0.92.2 performs no client-side argument checks (the server answers
 * NOT_FOUND); the sandbox still refuses a missing or non-string `sessionId`.
 */
export function validateStopDialOutOptions(options: unknown): string | undefined {
  if (!isBag(options) || typeof options.sessionId !== 'string' || !options.sessionId) {
    return 'stopDialOut() requires a sessionId of type string'; // not verbatim daily-js
  }
  return undefined;
}

/** Anything that is not a DTMF character daily-js accepts. */
const NOT_DTMF = /[^0-9A-D*#]/g;

/**
 * `sendDTMF()`: `sessionId` and `tones` required strings; at most 20 tones from `[0-9A-D*#]`;
 * `method` one of sip-info / telephone-event / auto; `digitDurationMs` an integer 50–2000.
 */
export function validateSendDtmfOptions(options: unknown): string | undefined {
  if (!isBag(options)) return missingObjectMessage(options, 'sessionId');
  const { sessionId, tones, method, digitDurationMs } = options;
  if (!sessionId || !tones) return 'sessionId and tones are mandatory parameter';
  if (typeof sessionId !== 'string' || typeof tones !== 'string') {
    return 'sessionId and tones should be of string type';
  }
  if (tones.length > 20) return 'tones string must be upto 20 characters';
  const bad = tones.match(NOT_DTMF);
  if (bad?.[0]) return `${bad[0]} is not valid DTMF tone`;
  if (method && !['sip-info', 'telephone-event', 'auto'].includes(method as string)) {
    return "method must be one of 'sip-info', 'telephone-event', or 'auto'";
  }
  if (digitDurationMs !== undefined) {
    if (typeof digitDurationMs !== 'number') return 'digitDurationMs must be a number';
    if (!Number.isFinite(digitDurationMs) || !Number.isInteger(digitDurationMs)) {
      return 'digitDurationMs must be a finite integer number';
    }
    if (digitDurationMs < 50 || digitDurationMs > 2000) {
      return 'digitDurationMs must be between 50ms and 2000ms';
    }
  }
  return undefined;
}

/** The keys daily-js's `updateParticipant()` recognises; anything else throws synchronously. */
const PARTICIPANT_UPDATE_KEYS = new Set([
  'setAudio',
  'setVideo',
  'setScreenShare',
  'setSubscribedTracks',
  'eject',
  'updatePermissions',
  'styles',
]);

/** `updateParticipant()`: `"unrecognized updateParticipant property <key>"`. */
export function validateParticipantUpdates(updates: unknown): string | undefined {
  if (!isBag(updates)) return undefined;
  for (const key in updates) {
    if (!PARTICIPANT_UPDATE_KEYS.has(key)) return `unrecognized updateParticipant property ${key}`;
  }
  return undefined;
}

/** E.164 as the console requires it (stricter than the SDK's `/^\+\d+$/`). */
export const E164 = /^\+[1-9]\d{1,14}$/;
/** `sip:user@host…` — a user part, an `@`, and a host. */
export const SIP_ADDRESS = /^sip:[^@\s:;]+@[^@\s;]+/;

/**
 * `window.sandbox.dialIn()` (a simulation control, not a daily-js method): a PSTN caller needs
 * an E.164 number, a SIP caller a `sip:user@host` address.
 */
export function validateDialInOptions(options: unknown): string | undefined {
  if (!isBag(options)) return 'dialIn() needs { kind, from }'; // not verbatim daily-js
  const { kind, from, name } = options;
  if (kind !== 'pstn' && kind !== 'sip') return 'dialIn(): kind must be "pstn" or "sip"';
  if (typeof from !== 'string') return 'dialIn(): from must be a string';
  if (kind === 'pstn' && !E164.test(from)) {
    return `dialIn(): ${from} is not an E.164 phone number (like +14155550123)`;
  }
  if (kind === 'sip' && !SIP_ADDRESS.test(from)) {
    return `dialIn(): ${from} is not a SIP address (like sip:alice@sip.example.com)`;
  }
  if (name !== undefined && typeof name !== 'string') return 'dialIn(): name must be a string';
  return undefined;
}

/** Delays and latencies of the simulation: non-negative finite numbers of milliseconds. */
export function validateDelay(name: string, ms: unknown): string | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    return `${name} must be a non-negative finite number of milliseconds, got ${String(ms)}`;
  }
  return undefined;
}

const MEDIA_TYPES = ['video', 'audio', 'screenVideo', 'screenAudio', 'customVideo', 'customAudio'];
const BOOLEAN_MEDIA = ['video', 'audio', 'screenVideo', 'screenAudio'];

/** One media-permission object, as daily-js 0.92.2 validates it (`base` needs every type). */
function validateMediaPermissions(value: unknown, base: boolean): string | undefined {
  if (typeof value === 'boolean') return undefined;
  if (typeof value !== 'object') return 'invalid (non-object, non-boolean) value in canReceive';
  const bag = (value ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(bag)) {
    if (!MEDIA_TYPES.includes(key)) return `invalid media type '${key}' in canReceive`;
    const v = bag[key];
    if (BOOLEAN_MEDIA.includes(key)) {
      if (typeof v !== 'boolean') {
        return `invalid (non-boolean) value for media type '${key}' in canReceive`;
      }
      continue;
    }
    if (typeof v !== 'object') {
      return `invalid (non-object) value for media type '${key}' in canReceive`;
    }
    const entries = (v ?? {}) as Record<string, unknown>;
    for (const entry of Object.values(entries)) {
      if (typeof entry !== 'boolean') {
        return `invalid (non-boolean) value for entry within '${key}' in canReceive`;
      }
    }
    if (base && entries['*'] === undefined) {
      return `canReceive "base" permission must specify "*" as an entry within '${key}'`;
    }
  }
  if (base && Object.keys(bag).length !== MEDIA_TYPES.length) {
    return `canReceive "base" permission must specify all media types: ${MEDIA_TYPES.join(', ')} (or be set to a boolean shorthand)`;
  }
  return undefined;
}

/** `permissions.canReceive` of `startDialOut()`, with daily-js 0.92.2's messages. */
export function validateCanReceive(canReceive: unknown): string | undefined {
  if (typeof canReceive !== 'object') return 'canReceive must be an object';
  const bag = (canReceive ?? {}) as Record<string, unknown>;
  const keys = ['base', 'byUserId', 'byParticipantId'];
  for (const key of Object.keys(bag)) {
    if (!keys.includes(key)) return `canReceive can only contain keys (${keys.join(', ')})`;
    if (key === 'base') {
      const base = validateMediaPermissions(bag.base, true);
      if (base) return base;
      continue;
    }
    if (typeof bag[key] !== 'object') {
      return `invalid (non-object) value for field '${key}' in canReceive`;
    }
    for (const v of Object.values((bag[key] ?? {}) as Record<string, unknown>)) {
      const inner = validateMediaPermissions(v, false);
      if (inner) return inner;
    }
  }
  return undefined;
}
