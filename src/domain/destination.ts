/**
 * Validation and normalisation of the things an agent types when dialling, transferring or
 * referring a call: phone numbers, SIP URIs, extensions, DTMF tones, display names and caller IDs.
 *
 * Pure and framework-free. Every message is meant to be shown to a support agent as-is.
 *
 * Metadata flavour: 'libphonenumber-js/min' (the smallest bundled metadata, ~80 kB). It parses
 * national formats such as '(415) 555-0100' for a default region and its `isValid()` rejects numbers
 * of the wrong length for the country, which is all this console needs. '/max' only adds
 * per-number-type digit patterns (~65 kB more) that Daily does not require.
 */
import { parsePhoneNumberWithError, validatePhoneNumberLength } from 'libphonenumber-js/min';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/min';
import { isControlOrBidi } from './identity';
import type { Parsed } from './telephony';

/** A public telephone number, normalised to E.164. */
export type PhoneDestination = { kind: 'pstn'; e164: string; display: string };

/** A `sip:` URI, normalised (lowercase scheme and host, `X-` header prefixes). */
export type SipDestination = {
  kind: 'sip';
  uri: string;
  user: string;
  host: string;
  isDailyRoom: boolean;
};

/** Anything the console can dial, transfer or refer to. */
export type Destination = PhoneDestination | SipDestination;

/** The kinds of destination a field accepts. */
export type DestinationKind = Destination['kind'];

/** Options for {@link parseDestination}. */
export type ParseDestinationOptions = {
  /** Region used for numbers typed without '+' and a country code. Default 'US'. */
  defaultRegion?: CountryCode;
  /** Which kinds of destination this field accepts. Default: both. */
  allow?: ReadonlyArray<DestinationKind>;
};

const MAX_DESTINATION_LENGTH = 256;
const MAX_KEYPAD_LENGTH = 20;
const MAX_WAIT_SECONDS = 60;
const DISPLAY_NAME_LIMIT = 200;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** `U+00E5` for a character. */
function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Describes one character for a message: `'<'`, `a space`, `'å' (U+00E5)`. */
function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === ' ') return 'a space';
  if (ch === '\t') return 'a tab';
  if (ch === '\n' || ch === '\r') return 'a line break';
  const hex = codePointLabel(ch);
  if (isControlOrBidi(code)) return `an invisible control character (${hex})`;
  if (/\s/u.test(ch)) return `an unusual space character (${hex})`;
  if (/\p{Cf}/u.test(ch)) return `an invisible formatting character (${hex})`;
  if (code > 0x7e) return `'${ch}' (${hex})`;
  return `'${ch}'`;
}

/** Capitalised form of {@link describeChar} for the start of a sentence. */
function describeCharAtStart(ch: string): string {
  const text = describeChar(ch);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The first character of `text` (whole code point) that fails `allowed`, if any. */
function firstBadChar(text: string, allowed: RegExp): string | undefined {
  for (const ch of text) if (!allowed.test(ch)) return ch;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// parseDestination
// ---------------------------------------------------------------------------------------------

/** "a phone number or a SIP address (sip:…)" etc., for the kinds a field accepts. */
function acceptedKinds(allow: ReadonlyArray<DestinationKind>): string {
  const pstn = allow.includes('pstn');
  const sip = allow.includes('sip');
  if (pstn && sip) return 'a phone number or a SIP address (sip:…)';
  if (sip) return 'a SIP address (sip:…)';
  return 'a phone number';
}

/**
 * Parses what an agent typed as a transfer, refer or dial-out target.
 *
 * - `sip:` URIs (scheme case-insensitive) are checked and normalised; `sips:` is refused because
 *   Daily refuses it. Query parameters become SIP headers in Daily and must be named `X-…`.
 * - Anything else is a phone number: digits, spaces, `( ) - .` and a leading `+`; numbers without
 *   `+` are read in `defaultRegion`. Vanity letters are not translated.
 */
export function parseDestination(
  input: string,
  opts: ParseDestinationOptions = {},
): Parsed<Destination> {
  const allow = opts.allow ?? ['pstn', 'sip'];
  const region = opts.defaultRegion ?? 'US';
  const text = input.trim();

  if (allow.length === 0) return fail('This field does not accept any destination');
  if (text === '') {
    return fail(
      allow.length === 2
        ? 'Enter a phone number or a SIP address'
        : `Enter ${acceptedKinds(allow)}`,
    );
  }
  if (text.length > MAX_DESTINATION_LENGTH) {
    return fail(
      `That is too long for a destination (${text.length} characters; at most ${MAX_DESTINATION_LENGTH})`,
    );
  }
  if (/^sips:/i.test(text)) {
    return fail('Daily does not accept sips: URIs — use sip: instead');
  }
  if (/^sip:/i.test(text)) {
    if (!allow.includes('sip')) {
      return fail(`Only ${acceptedKinds(allow)} can be used here, not a SIP address`);
    }
    return parseSipUri(text);
  }
  return parseNonSip(text, allow, region);
}

/** Input without a `sip:` scheme: a SIP address missing its scheme, another URI, or a number. */
function parseNonSip(
  text: string,
  allow: ReadonlyArray<DestinationKind>,
  region: CountryCode,
): Parsed<Destination> {
  const sipAllowed = allow.includes('sip');
  if (text.includes('@')) {
    if (!sipAllowed) {
      return fail(`Only ${acceptedKinds(allow)} can be used here, not a SIP address`);
    }
    const inner = /<\s*(sips?:[^<>\s"]+)\s*>/i.exec(text)?.[1];
    if (inner) return fail(`Enter only the address inside <…>: ${inner}`);
    return /^[A-Za-z0-9._~!$&'()*+,=;%-]+@[A-Za-z0-9.:[\]-]+$/.test(text)
      ? fail(`SIP addresses start with sip: — try sip:${text}`)
      : fail('SIP addresses start with sip: (for example sip:alice@example.com)');
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
  if (scheme && /[a-z]/i.test(scheme)) {
    return fail(
      `'${scheme}:' addresses are not supported — enter ${acceptedKinds(allow)}` +
        (scheme.toLowerCase() === 'tel' && allow.includes('pstn') ? ' without tel:' : ''),
    );
  }
  if (!allow.includes('pstn')) {
    return fail(
      'Only SIP addresses (sip:…) are accepted here — SIP REFER cannot send a call to a phone number',
    );
  }
  return parsePhone(text, region, sipAllowed);
}

/** Country or region name, e.g. 'the United States', 'Germany'. */
function regionName(region: CountryCode): string {
  let name: string = region;
  try {
    name = new Intl.DisplayNames(['en'], { type: 'region' }).of(region) ?? region;
  } catch {
    // Intl without region names: fall back to the code.
  }
  return NEEDS_THE.has(region) ? `the ${name}` : name;
}

/** Regions whose English name takes 'the' ("too short for the United States"). */
// prettier-ignore
const NEEDS_THE: ReadonlySet<string> = new Set([
  'US', 'GB', 'NL', 'PH', 'AE', 'DO', 'CF', 'BS', 'GM', 'KY', 'VG', 'VI', 'MV', 'MH', 'SB', 'TC',
  'FK', 'FO', 'CK', 'KM', 'VA',
]);

/** "the United States" for national input, "Germany" or "country code +1" for international input. */
function numberRegion(text: string, region: CountryCode, number: PhoneNumber | undefined): string {
  if (!text.startsWith('+')) return regionName(region);
  if (number?.country) return regionName(number.country);
  const code =
    number?.countryCallingCode ?? /^\+(\d{1,3})/.exec(text.replace(/[\s().-]/g, ''))?.[1];
  return code ? `country code +${code}` : 'that country';
}

const PHONE_CHAR = /[0-9 +().-]/;

/** Explains why a phone number contains an unusable character. */
function phoneCharError(text: string, bad: string, sipAllowed: boolean): string {
  if (/^[\uFF10-\uFF19\uFF0B]$/.test(bad)) {
    return `${describeCharAtStart(bad)} is a full-width character — type the number with regular digits 0–9`;
  }
  if (
    /(?:ext\.?|x|#)\s*\d+$/i.test(text) &&
    /\d/.test(text.replace(/(?:ext\.?|x|#)\s*\d+$/i, ''))
  ) {
    return 'Put the extension in the Extension field, not in the phone number';
  }
  if (/[a-z]/i.test(bad)) {
    return (
      `Phone numbers can only contain digits, spaces, +, (, ), - and . — ${describeChar(bad)} is not ` +
      'allowed (enter vanity numbers such as 1-800-FLOWERS as digits)' +
      (sipAllowed ? '. For a SIP address, start with sip:' : '')
    );
  }
  return `Phone numbers can only contain digits, spaces, +, (, ), - and . — ${describeChar(bad)} is not allowed`;
}

/** Parses a phone number in national or international format to E.164. */
function parsePhone(text: string, region: CountryCode, sipAllowed: boolean): Parsed<Destination> {
  const bad = firstBadChar(text, PHONE_CHAR);
  if (bad !== undefined) return fail(phoneCharError(text, bad, sipAllowed));
  if (text.indexOf('+', 1) !== -1) {
    return fail("'+' can only appear at the start of a phone number");
  }
  if (!/\d/.test(text)) return fail('Enter the digits of the phone number');

  let number: PhoneNumber | undefined;
  try {
    number = parsePhoneNumberWithError(text, region);
  } catch {
    number = undefined;
  }
  const where = numberRegion(text, region, number);
  switch (validatePhoneNumberLength(text, region)) {
    case 'TOO_SHORT':
      return fail(`Phone number is too short for ${where}`);
    case 'TOO_LONG':
      return fail(`Phone number is too long for ${where}`);
    case 'INVALID_LENGTH':
      return fail(`Phone number has the wrong number of digits for ${where}`);
    case 'INVALID_COUNTRY':
      return fail(
        text.startsWith('+')
          ? 'The digits after + do not start with a known country code'
          : 'Start the number with + and the country code',
      );
    case 'NOT_A_NUMBER':
      return fail('Enter the digits of the phone number');
    default:
      break;
  }
  if (!number || !number.isValid()) {
    return fail(`That is not a valid phone number for ${where} — check the digits`);
  }
  return ok({ kind: 'pstn', e164: number.number, display: number.formatInternational() });
}

// ---------------------------------------------------------------------------------------------
// SIP URIs
// ---------------------------------------------------------------------------------------------

/** Characters that may appear anywhere in a SIP URI we accept (printable ASCII minus a few). */
const SIP_CHAR = /[A-Za-z0-9\-_.!~*'()%;/?:@&=+$,[\]#]/;
const SIP_USER_CHAR = /[A-Za-z0-9._~!$&'()*+,=;%-]/;
const PARAM_NAME = /^[A-Za-z0-9._~!*'%+-]+$/;
const PARAM_VALUE = /^[A-Za-z0-9._~!*'()%[\]/:&+$-]+$/;
const HEADER_NAME = /^[A-Za-z0-9._~!*'%+-]+$/;
const HEADER_VALUE = /^[A-Za-z0-9._~!*'()%[\]/?:+$-]*$/;
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Message for a character that can never appear in a SIP address. */
function sipCharError(bad: string): string {
  if (/\s/u.test(bad)) return `${describeCharAtStart(bad)} is not allowed in a SIP address`;
  if (bad === '<' || bad === '>') {
    return `${describeCharAtStart(bad)} is not allowed in a SIP address — enter only sip:user@host`;
  }
  if (bad === '"') return `Quotes (") are not allowed in a SIP address`;
  if ((bad.codePointAt(0) ?? 0) > 0x7e) {
    return `${describeCharAtStart(bad)} is not allowed in a SIP address — use plain ASCII letters`;
  }
  return `${describeCharAtStart(bad)} is not allowed in a SIP address`;
}

/** Every '%' must start a two-digit hex escape. */
function hasBadEscape(text: string): boolean {
  return /%(?![0-9A-Fa-f]{2})/.test(text);
}

/** Parses `sip:user@host[:port][;params][?headers]`. `text` starts with a case-insensitive `sip:`. */
function parseSipUri(text: string): Parsed<Destination> {
  const rest = text.slice(4);
  const bad = firstBadChar(rest, SIP_CHAR);
  if (bad !== undefined) return fail(sipCharError(bad));
  if (rest.includes('#')) return fail("'#' is not allowed in a SIP address — write it as %23");
  if (hasBadEscape(rest)) {
    return fail("'%' in a SIP address must be followed by two hex digits (e.g. %40)");
  }

  const q = rest.indexOf('?');
  const main = q === -1 ? rest : rest.slice(0, q);
  const headers = q === -1 ? undefined : parseSipHeaders(rest.slice(q + 1));
  if (headers && !headers.ok) return headers;

  const at = main.lastIndexOf('@');
  if (at === -1) return fail('A SIP address needs a user and a host: sip:user@host');
  const user = main.slice(0, at);
  const hostPart = main.slice(at + 1);
  const userResult = checkSipUser(user);
  if (!userResult.ok) return userResult;

  const semi = hostPart.indexOf(';');
  const hostport = semi === -1 ? hostPart : hostPart.slice(0, semi);
  const params = semi === -1 ? '' : hostPart.slice(semi);
  const hp = parseHostPort(hostport);
  if (!hp.ok) return hp;
  const paramsResult = checkSipParams(params);
  if (!paramsResult.ok) return paramsResult;

  const { host, port } = hp.value;
  const uri = `sip:${user}@${host}${port === undefined ? '' : `:${port}`}${params}${
    headers ? `?${headers.value}` : ''
  }`;
  return ok({ kind: 'sip', uri, user, host, isDailyRoom: host.endsWith('.daily.co') });
}

/** Checks the user part of a SIP URI. */
function checkSipUser(user: string): Parsed<string> {
  if (user === '') return fail('The SIP address is missing the user before @ (sip:user@host)');
  if (user.includes('@')) return fail("A SIP address can only contain one '@'");
  if (user.includes(':')) {
    return fail(
      "':' is not allowed in the SIP user — passwords in SIP addresses are not supported",
    );
  }
  const bad = firstBadChar(user, SIP_USER_CHAR);
  if (bad !== undefined) return fail(`${describeCharAtStart(bad)} is not allowed in the SIP user`);
  return ok(user);
}

/** Parses `host[:port]` (DNS name, IPv4 or [IPv6]); the host is lowercased. */
function parseHostPort(hostport: string): Parsed<{ host: string; port: number | undefined }> {
  if (hostport === '') return fail('The SIP address is missing the host after @ (sip:user@host)');
  let host: string;
  let portText: string | undefined;
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close === -1) return fail("The IPv6 address is missing its closing ']'");
    host = hostport.slice(0, close + 1);
    const after = hostport.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) {
      return fail(`Unexpected '${after}' after the IPv6 address`);
    }
    portText = after === '' ? undefined : after.slice(1);
    if (!isIpv6(host.slice(1, -1))) return fail(`${host} is not a valid IPv6 address`);
  } else {
    const colon = hostport.indexOf(':');
    host = colon === -1 ? hostport : hostport.slice(0, colon);
    portText = colon === -1 ? undefined : hostport.slice(colon + 1);
    const hostResult = checkHostName(host);
    if (!hostResult.ok) return hostResult;
  }
  const port = parsePort(portText);
  if (!port.ok) return port;
  return ok({ host: host.toLowerCase(), port: port.value });
}

/** Port text after ':' — undefined when there was no ':'. */
function parsePort(portText: string | undefined): Parsed<number | undefined> {
  if (portText === undefined) return ok(undefined);
  if (portText === '') return fail("The SIP address has ':' but no port number after it");
  if (!/^\d{1,5}$/.test(portText)) return fail(`SIP port '${portText}' must be a number`);
  const port = Number(portText);
  if (port < 1 || port > 65535) return fail(`SIP port ${portText} must be between 1 and 65535`);
  return ok(port);
}

/** A DNS name with at least two labels, or a dotted IPv4 address. */
function checkHostName(host: string): Parsed<string> {
  if (host === '') return fail('The SIP address is missing the host after @ (sip:user@host)');
  if (host.length > 253) return fail('The SIP host name is too long');
  const labels = host.split('.');
  if (labels.every((l) => /^\d+$/.test(l))) {
    return isIpv4(host) ? ok(host) : fail(`${host} is not a valid IPv4 address`);
  }
  const badLabel = labels.find((l) => !DNS_LABEL.test(l));
  if (badLabel !== undefined) {
    return fail(
      badLabel === ''
        ? `SIP host '${host}' has an empty part between dots`
        : `SIP host '${host}' is not a valid domain name ('${badLabel}' is not allowed)`,
    );
  }
  if (labels.length < 2) {
    return fail(`SIP host '${host}' is not a full domain name (for example sip.example.com)`);
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) {
    return fail(`SIP host '${host}' is neither a domain name nor an IPv4 address`);
  }
  return ok(host);
}

function isIpv4(host: string): boolean {
  const parts = host.split('.');
  return (
    parts.length === 4 &&
    parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && (p === '0' || !p.startsWith('0')))
  );
}

function isIpv6(addr: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(addr) || !addr.includes(':')) return false;
  try {
    return new URL(`http://[${addr}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

/** Checks `;name[=value]` parameters after the host. */
function checkSipParams(params: string): Parsed<string> {
  if (params === '') return ok(params);
  for (const param of params.slice(1).split(';')) {
    if (param === '') {
      return fail("The SIP address has an empty parameter (';;' or a trailing ';')");
    }
    const eq = param.indexOf('=');
    const name = eq === -1 ? param : param.slice(0, eq);
    const value = eq === -1 ? undefined : param.slice(eq + 1);
    if (!PARAM_NAME.test(name)) return fail(`SIP parameter '${param}' has an invalid name`);
    if (value !== undefined && !PARAM_VALUE.test(value)) {
      return fail(`SIP parameter '${name}' has an invalid value`);
    }
  }
  return ok(params);
}

/** Checks `X-Name=value&X-Other=v` headers; returns them with the `X-` prefix uppercased. */
function parseSipHeaders(query: string): Parsed<string> {
  if (query === '') return fail("The SIP address ends with '?' but has no headers after it");
  const out: string[] = [];
  for (const header of query.split('&')) {
    if (header === '') return fail("The SIP headers have an empty entry ('&&' or a trailing '&')");
    const eq = header.indexOf('=');
    if (eq === -1) return fail(`SIP header '${header}' needs a value: ${header}=value`);
    const name = header.slice(0, eq);
    const value = header.slice(eq + 1);
    if (name === '') return fail(`SIP header '${header}' is missing its name`);
    if (!/^x-/i.test(name)) {
      return fail(`SIP header '${name}' must start with X- (Daily only passes custom X- headers)`);
    }
    if (name.length === 2 || !HEADER_NAME.test(name)) {
      return fail(`SIP header name '${name}' is not valid`);
    }
    if (!HEADER_VALUE.test(value)) {
      return fail(`SIP header '${name}' has a value with characters that must be %-encoded`);
    }
    out.push(`X-${name.slice(2)}=${value}`);
  }
  return ok(out.join('&'));
}

// ---------------------------------------------------------------------------------------------
// Extension, wait time, DTMF
// ---------------------------------------------------------------------------------------------

const KEYPAD_CHAR = /[0-9A-Da-d*#]/;

/** Message for a character that is not a keypad key, for the given field. */
function keypadCharError(bad: string, what: string): string {
  if (bad === ',' || bad === 'W' || bad === 'P' || bad === 'w' || bad === 'p') {
    return `Pauses (${describeChar(bad)}) are not supported in ${what} — use the wait time instead`;
  }
  return `${describeCharAtStart(bad)} is not a keypad key — ${what} can only use 0–9, *, # and A–D`;
}

/**
 * Validates the extension dialled after a PSTN call connects (Daily `extension`). Blank means none.
 * Accepts 1–20 keypad characters `[0-9A-D*#]`; lowercase a–d are uppercased.
 */
export function validateExtension(input: string): Parsed<string | undefined> {
  const text = input.trim();
  if (text === '') return ok(undefined);
  const bad = firstBadChar(text, KEYPAD_CHAR);
  if (bad !== undefined) return fail(keypadCharError(bad, 'an extension'));
  if (text.length > MAX_KEYPAD_LENGTH) {
    return fail(
      `An extension can have at most ${MAX_KEYPAD_LENGTH} digits (this one has ${text.length})`,
    );
  }
  return ok(text.toUpperCase());
}

/**
 * Validates Daily's `waitBeforeExtensionDialSec`: blank means none; otherwise a whole number of
 * seconds from 0 to 60, and only together with an extension.
 */
export function validateWaitSeconds(
  input: string,
  hasExtension: boolean,
): Parsed<number | undefined> {
  const text = input.trim();
  if (text === '') return ok(undefined);
  if (!hasExtension) {
    return fail('Wait time only applies with an extension — add one or clear this');
  }
  if (/^-\s*\d/.test(text)) return fail('Wait time cannot be negative');
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return seconds > MAX_WAIT_SECONDS
      ? fail(`Wait time can be at most ${MAX_WAIT_SECONDS} seconds`)
      : ok(seconds);
  }
  if (/^\d*[.,]\d+$|^\d+[.,]$/.test(text)) {
    return fail('Wait time must be a whole number of seconds');
  }
  return fail(`Wait time must be a whole number of seconds from 0 to ${MAX_WAIT_SECONDS}`);
}

/**
 * Validates DTMF tones for `sendDTMF`: whitespace is removed, then 1–20 of `[0-9A-D*#]`
 * (lowercase a–d are uppercased).
 */
export function validateDtmfTones(input: string): Parsed<string> {
  const text = input.replace(/\s+/g, '');
  if (text === '') return fail('Enter at least one tone (0–9, *, # or A–D)');
  const bad = firstBadChar(text, KEYPAD_CHAR);
  if (bad !== undefined) return fail(keypadCharError(bad, 'tones'));
  if (text.length > MAX_KEYPAD_LENGTH) {
    return fail(`Send at most ${MAX_KEYPAD_LENGTH} tones at a time (this has ${text.length})`);
  }
  return ok(text.toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// Display name, caller ID
// ---------------------------------------------------------------------------------------------

/**
 * Validates the display name given to a dial-out leg. Blank means none. Daily requires fewer than
 * 200 characters (counted as JavaScript string length, like the SDK).
 */
export function validateDisplayName(input: string): Parsed<string | undefined> {
  const text = input.trim();
  if (text === '') return ok(undefined);
  const bad = Array.from(text).find((ch) => isControlOrBidi(ch.codePointAt(0) ?? 0));
  if (bad !== undefined) {
    const code = codePointLabel(bad);
    return fail(
      (bad.codePointAt(0) ?? 0) > 0x9f
        ? `The display name contains a text-direction control character (${code}) — retype it`
        : `The display name contains an invisible control character (${code}) — retype it on one line`,
    );
  }
  if (text.length >= DISPLAY_NAME_LIMIT) {
    return fail(
      `Display name must be shorter than ${DISPLAY_NAME_LIMIT} characters (it has ${text.length})`,
    );
  }
  return ok(text);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates the caller ID for a PSTN dial-out or transfer. Daily's `callerId` is the id (a UUID) of
 * a phone number purchased on the domain, not the number itself. Blank means Daily's default.
 * Returns the UUID lowercased.
 */
export function validateCallerId(input: string): Parsed<string | undefined> {
  const text = input.trim();
  if (text === '') return ok(undefined);
  if (UUID.test(text)) return ok(text.toLowerCase());
  if (/^\+?[\d\s().-]+$/.test(text) && /\d{3}/.test(text.replace(/\D/g, ''))) {
    return fail(
      'Caller ID is the id of a purchased phone number (a UUID like ' +
        '3b0e5c8a-1f2d-4c6b-9a7e-0d1f2a3b4c5d), not the phone number itself',
    );
  }
  return fail(
    'Caller ID must be the id of a purchased phone number — a UUID like ' +
      '3b0e5c8a-1f2d-4c6b-9a7e-0d1f2a3b4c5d',
  );
}
