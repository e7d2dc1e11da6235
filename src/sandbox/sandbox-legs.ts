import type { DailyParticipant } from '@daily-co/daily-js';
import type { TelephonyType } from '../domain/telephony';
import type { SandboxEventInit } from './sandbox-events';
import { createParticipant } from './sandbox-participants';
import { randomId, randomTag } from './sandbox-util';

import { SANDBOX_ROOM_NAME } from '../domain/telephony';

/** The sandbox room's name, as `room()` and the sandbox's webhooks report it. */
export { SANDBOX_ROOM_NAME };
/** A sandbox room's SIP dial-in endpoint, in the shape Daily gives rooms. */
export function sipEndpointFor(room: string): string {
  return `sip:${room}@sandbox.sip.daily.co`;
}
/** The default room's SIP dial-in endpoint (`dialin-ready`, `dialin-connected.sipEndpoint`). */
export const SANDBOX_SIP_ENDPOINT = sipEndpointFor(SANDBOX_ROOM_NAME);
/** Where simulated PSTN callers' numbers appear in `sipFrom`. */
const PSTN_GATEWAY_HOST = 'pstn.sandbox.daily.co';
/** The number PSTN dial-outs appear to come from (a fictional 555-01xx number). */
export const SANDBOX_ORIGIN_NUMBER = '+12025550100';
/** The SIP address SIP dial-outs come from. */
const SANDBOX_SIP_ORIGIN = 'sip:sandbox-room.0@sandbox.sip.daily.co';

/**
 * Everything the sandbox knows about one SIP/PSTN leg in the room. Its `sessionId` is the
 * participant's `session_id`, as in Daily.
 */
export interface PhoneLeg {
  readonly sessionId: string;
  readonly type: TelephonyType;
  readonly name: string;
  /** Dial-in: the caller's number or SIP URI. Dial-out: the destination. */
  readonly address: string;
  /** Daily's provider string: `'daily'` for SIP dial-in, `'signalwire'` (the SDK default) else. */
  readonly provider: string;
  readonly sipCallId: string;
  readonly userId?: string;
  /** Dial-in only: the SIP From header. */
  readonly sipFrom?: string;
  /** Dial-in only: the room endpoint that was called. */
  readonly sipEndpoint?: string;
  /** Dial-out only. */
  readonly origin?: string;
  /** Dial-out only, as passed to startDialOut. */
  readonly callerId?: string;
  /** Whether the far end accepts a SIP REFER (see `SandboxCall.setReferSupport`). */
  referSupported: boolean;
  /** `participant-joined` has been emitted: the participant is in `participants()`. */
  inRoom: boolean;
  /** A hang-up, stop or eject is under way: the leg takes no more requests. */
  ending: boolean;
  /** Media flows: the participant's audio track is playable. */
  audioPlayable: boolean;
  /**
   * This console started the leg (its own dial-out) or acted on it (transfer, refer, stop,
   * eject, DTMF): it receives the leg's dial events even when `telephonyEvents` is
   * 'initiator-only'.
   */
  initiatedHere: boolean;
  /** A transfer/refer is in flight (for webhooks: triggered → initiated). */
  transfer?: { toEndPoint: string; refer: boolean };
}

export function isDialIn(leg: PhoneLeg): boolean {
  return leg.type === 'pstn-dial-in' || leg.type === 'sip-dial-in';
}

/** `sip:alice@example.com;transport=tls` → `alice`. */
export function sipUserPart(uri: string): string {
  const rest = uri.replace(/^sips?:/, '');
  const at = rest.indexOf('@');
  const user = at >= 0 ? rest.slice(0, at) : rest.split(/[;?]/)[0];
  return user || uri;
}

/** A SIP quoted-string display name. */
function quoted(name: string): string {
  return `"${name.replace(/["\\]/g, '\\$&')}"`;
}

/** Options of a simulated dial-in (`window.sandbox.dialIn`). */
export interface DialInInit {
  kind: 'pstn' | 'sip';
  from: string;
  /**
   * The caller's SIP URI carries `x-daily_display_name=<name>`: the participant gets this name.
   * Without it the leg takes the room's dial-in display name (so callers share one name).
   */
  name?: string;
}

/**
 * A dial-in leg. PSTN callers arrive through the PSTN gateway, so their From header is
 * `"<name>" <sip:<number>@pstn.sandbox.daily.co>;tag=…`; SIP callers keep their own URI:
 * `"<name>" <sip:user@host>;tag=…` (without the display name when none is given).
 */
export function createDialInLeg(
  init: DialInInit,
  roomDisplayName = 'Caller',
  sessionId = randomId(),
  sipEndpoint = SANDBOX_SIP_ENDPOINT,
): PhoneLeg {
  const pstn = init.kind === 'pstn';
  const name = init.name ?? roomDisplayName;
  const tag = randomTag();
  const sipFrom = pstn
    ? `${init.name ? `${quoted(init.name)} ` : ''}<sip:${init.from}@${PSTN_GATEWAY_HOST}>;tag=${tag}`
    : `${init.name ? `${quoted(init.name)} ` : ''}<${init.from}>;tag=${tag}`;
  return {
    sessionId,
    type: pstn ? 'pstn-dial-in' : 'sip-dial-in',
    name,
    address: init.from,
    provider: pstn ? 'signalwire' : 'daily',
    sipCallId: randomId(),
    sipFrom,
    sipEndpoint,
    referSupported: !pstn,
    inRoom: false,
    ending: false,
    audioPlayable: false,
    initiatedHere: false,
  };
}

/** The startDialOut options the sandbox uses (already validated). */
export interface DialOutInit {
  sipUri?: string;
  phoneNumber?: string;
  displayName?: string;
  userId?: string;
  callerId?: string;
  provider?: string;
}

/**
 * A dial-out leg. Its participant is named `displayName`, else the phone number, else the SIP
 * URI's user part (Daily's documented defaults).
 */
export function createDialOutLeg(
  init: DialOutInit,
  initiatedHere = true,
  sessionId = randomId(),
): PhoneLeg {
  const sip = Boolean(init.sipUri);
  const destination = init.sipUri ?? init.phoneNumber ?? '';
  return {
    sessionId,
    type: sip ? 'sip-dial-out' : 'pstn-dial-out',
    name: init.displayName || (sip ? sipUserPart(destination) : destination),
    address: destination,
    provider: init.provider ?? 'signalwire',
    sipCallId: randomId(),
    ...(init.userId ? { userId: init.userId } : {}),
    ...(init.callerId ? { callerId: init.callerId } : {}),
    origin: sip ? SANDBOX_SIP_ORIGIN : SANDBOX_ORIGIN_NUMBER,
    referSupported: sip,
    inRoom: false,
    ending: false,
    audioPlayable: false,
    initiatedHere,
  };
}

/** The fields of `dialin-connected` (also valid for `dialin-stopped`). */
export function dialInDetails(leg: PhoneLeg): SandboxEventInit<'dialin-connected'> {
  return {
    sessionId: leg.sessionId,
    ...(leg.userId ? { userId: leg.userId } : {}),
    ...(leg.sipFrom ? { sipFrom: leg.sipFrom } : {}),
    ...(leg.sipEndpoint ? { sipEndpoint: leg.sipEndpoint } : {}),
    provider: leg.provider,
    sipCallId: leg.sipCallId,
  };
}

/** The fields of `dialout-connected` (also valid for `-answered` and `-stopped`). */
export function dialOutDetails(leg: PhoneLeg): SandboxEventInit<'dialout-connected'> {
  return {
    sessionId: leg.sessionId,
    ...(leg.userId ? { userId: leg.userId } : {}),
    ...(leg.origin ? { origin: leg.origin } : {}),
    destination: leg.address,
    ...(leg.callerId ? { callerId: leg.callerId } : {}),
    provider: leg.provider,
    sipCallId: leg.sipCallId,
  };
}

/** The fields of `dialout-error` for a leg that had a session. */
export function dialOutErrorDetails(
  leg: PhoneLeg,
  errorMsg: string,
): SandboxEventInit<'dialout-error'> {
  return {
    errorMsg,
    sessionId: leg.sessionId,
    ...(leg.userId ? { userId: leg.userId } : {}),
    details: { destination: leg.address },
    provider: leg.provider,
    sipCallId: leg.sipCallId,
  };
}

/** The participant object of a leg, built when it enters the room. */
export function legParticipant(leg: PhoneLeg, joinedAt: Date): DailyParticipant {
  return createParticipant({
    sessionId: leg.sessionId,
    userName: leg.name,
    ...(leg.userId ? { userId: leg.userId } : {}),
    participantType: leg.type,
    joinedAt,
    audioPlayable: leg.audioPlayable,
  });
}
