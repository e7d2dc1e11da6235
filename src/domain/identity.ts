/**
 * Who is on a call leg and for how long: caller addresses from SIP From headers, call durations,
 * and safe display names. Pure and framework-free.
 */

/**
 * True for characters that must never reach the UI in a name: C0 controls (U+0000–U+001F), DEL and
 * C1 controls (U+007F–U+009F), and bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069)
 * that can make text display in a misleading order.
 */
export function isControlOrBidi(codePoint: number): boolean {
  return (
    codePoint <= 0x1f ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  );
}

/** Returns the `<…>` part of a name-addr, skipping a quoted display name; or the whole value. */
function uriOfNameAddr(value: string): string | undefined {
  let i = 0;
  if (value.startsWith('"')) {
    i = 1;
    while (i < value.length && value[i] !== '"') i += value[i] === '\\' ? 2 : 1;
    if (i >= value.length) return undefined;
    i += 1;
  }
  const open = value.indexOf('<', i);
  if (open === -1) return value.slice(i).trim();
  const close = value.indexOf('>', open);
  return close === -1 ? undefined : value.slice(open + 1, close).trim();
}

/** Percent-decodes, keeping the raw text when the escapes are broken. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const PHONE = /^\+\d+$/;

/** `tel:+1-415-555-0100;ext=1` → '+14155550100'. */
function telAddress(rest: string): string | undefined {
  const number = decode(rest.split(';', 1)[0] ?? '').replace(/[\s().-]/g, '');
  return /^\+?\d+$/.test(number) ? number : undefined;
}

/** `user@host:port;params?headers` (after `sip:`) → '+1…' for phone users, else `sip:user@host`. */
function sipAddress(rest: string): string | undefined {
  const main = rest.split('?', 1)[0] ?? '';
  const at = main.lastIndexOf('@');
  // The user part may carry its own ';' parameters (e.g. '+14155550100;npdi'): drop them too.
  const user = at === -1 ? '' : (main.slice(0, at).split(';', 1)[0] ?? '');
  const hostport = (at === -1 ? main : main.slice(at + 1)).split(';', 1)[0] ?? '';
  const host = hostport.startsWith('[')
    ? hostport.slice(0, hostport.indexOf(']') + 1)
    : hostport.split(':', 1)[0];
  if (!host) return undefined;
  const lower = host.toLowerCase();
  if (PHONE.test(decode(user))) return decode(user);
  return user ? `sip:${user}@${lower}` : `sip:${lower}`;
}

/**
 * Extracts the caller's address from a SIP From header value or URI (e.g. Daily's
 * `dialin-connected.sipFrom`). A user part of '+' and digits is returned as that phone number;
 * other SIP users as `sip:user@host` (no port, parameters or headers); `tel:` URIs as the number.
 *
 * @example addressFromSipFrom('"Alice" <sip:+14155550100@carrier.example.com>;tag=abc') // '+14155550100'
 */
export function addressFromSipFrom(sipFrom: string | undefined): string | undefined {
  if (typeof sipFrom !== 'string') return undefined;
  const value = sipFrom.trim();
  if (value === '') return undefined;
  const uri = uriOfNameAddr(value);
  if (
    !uri ||
    /[<>"]/.test(uri) ||
    Array.from(uri).some((c) => isControlOrBidi(c.codePointAt(0) ?? 0))
  ) {
    return undefined;
  }
  const number = uri.split(';', 1)[0]?.replace(/[\s().-]/g, '') ?? '';
  if (/^\+?\d+$/.test(number)) return number;
  if (/\s/.test(uri)) return undefined;
  const scheme = /^(sips?|tel):/i.exec(uri)?.[1]?.toLowerCase();
  const rest = scheme ? uri.slice(scheme.length + 1) : uri;
  if (scheme === 'tel') return telAddress(rest);
  if (scheme || rest.includes('@')) return sipAddress(rest);
  return undefined;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Formats an elapsed time for a call timer: 'm:ss' under an hour, 'h:mm:ss' from an hour.
 * Negative, NaN or infinite values show as '0:00'.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0:00';
  const total = Math.floor(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours}:${pad2(minutes)}:${pad2(seconds)}` : `${minutes}:${pad2(seconds)}`;
}

const MAX_NAME_CHARS = 80;

/**
 * Makes a participant/caller name safe and tidy for display: removes control and bidi-override
 * characters, collapses whitespace, and caps it at 80 characters with '…'. Returns `fallback` for
 * non-strings and for names that end up empty. It does not HTML-escape: React renders text safely,
 * so markup stays visible as literal text.
 */
export function cleanDisplayName(name: unknown, fallback: string): string {
  if (typeof name !== 'string') return fallback;
  const chars = Array.from(name.replace(/\s+/g, ' ')).filter(
    (c) => !isControlOrBidi(c.codePointAt(0) ?? 0),
  );
  const text = chars.join('').replace(/\s+/g, ' ').trim();
  if (text === '') return fallback;
  const points = Array.from(text);
  if (points.length <= MAX_NAME_CHARS) return text;
  return `${points
    .slice(0, MAX_NAME_CHARS - 1)
    .join('')
    .trimEnd()}…`;
}
