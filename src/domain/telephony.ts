/** The four participant types Daily gives SIP and PSTN legs. */
export const TELEPHONY_TYPES = [
  'sip-dial-in',
  'sip-dial-out',
  'pstn-dial-in',
  'pstn-dial-out',
] as const;
export type TelephonyType = (typeof TELEPHONY_TYPES)[number];

export function isTelephonyType(value: unknown): value is TelephonyType {
  return typeof value === 'string' && (TELEPHONY_TYPES as readonly string[]).includes(value);
}

export function isDialOutType(type: TelephonyType): boolean {
  return type === 'sip-dial-out' || type === 'pstn-dial-out';
}

export function isPstnType(type: TelephonyType): boolean {
  return type === 'pstn-dial-in' || type === 'pstn-dial-out';
}

/**
 * Why a phone (PSTN) caller has no Refer (sipRefer hands a SIP call back to the SIP system it
 * came from; a phone call has none), and what to do instead.
 */
export const REFER_NEEDS_SIP =
  'Refer needs a SIP caller: a phone (PSTN) call cannot be referred. Use Transfer instead.';

/** "PSTN · dial-in", "SIP · dial-out"; anything else is a web participant. */
export function legKindLabel(type: unknown): string {
  if (!isTelephonyType(type)) return 'Web';
  const direction = type.endsWith('dial-in') ? 'dial-in' : 'dial-out';
  return `${isPstnType(type) ? 'PSTN' : 'SIP'} · ${direction}`;
}

/** A result that carries either a value or a message meant for the agent. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** The sandbox room's name, as `room()` and the sandbox's webhooks report it. */
export const SANDBOX_ROOM_NAME = 'sandbox-room';

/** The sandbox room's name from a page's query (`?sandboxRoom=`), else {@link SANDBOX_ROOM_NAME}. */
export function sandboxRoomName(search: string): string {
  const room = new URLSearchParams(search).get('sandboxRoom')?.trim() ?? '';
  return /^[A-Za-z0-9_-]{1,64}$/.test(room) ? room : SANDBOX_ROOM_NAME;
}
