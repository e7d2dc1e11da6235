/** Validation of the Daily room URL an agent pastes to join a room. Pure and framework-free. */
import type { Parsed } from './telephony';

/** A Daily room address, normalised to `https://<domain>.daily.co/<room>`. */
export type RoomUrl = {
  /** The normalised URL, e.g. 'https://acme.daily.co/support-1'. */
  url: string;
  /** The Daily domain (sub-domain of daily.co), lowercased, e.g. 'acme'. */
  domain: string;
  /** The room name, case preserved, e.g. 'support-1'. */
  room: string;
};

const EXAMPLE = 'https://your-domain.daily.co/room-name';
const HOST = /^([a-z0-9-]+)\.daily\.co$/;
const ROOM_CHAR = /[A-Za-z0-9_-]/;
const MAX_ROOM_LENGTH = 128;

const fail = (error: string): Parsed<RoomUrl> => ({ ok: false, error });

/** Splits `rest` (after 'https://') into authority, path, query (no '?') and hash (no '#'). */
function splitUrl(rest: string): {
  authority: string;
  path: string;
  query?: string;
  hash?: string;
} {
  const hashAt = rest.indexOf('#');
  const beforeHash = hashAt === -1 ? rest : rest.slice(0, hashAt);
  const hash = hashAt === -1 ? undefined : rest.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const beforeQuery = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt === -1 ? undefined : beforeHash.slice(queryAt + 1);
  const slash = beforeQuery.indexOf('/');
  const authority = slash === -1 ? beforeQuery : beforeQuery.slice(0, slash);
  const path = slash === -1 ? '' : beforeQuery.slice(slash + 1);
  return {
    authority,
    path,
    ...(query === undefined ? {} : { query }),
    ...(hash === undefined ? {} : { hash }),
  };
}

/** True when a query string carries a meeting token (`t=`). */
function hasToken(query: string | undefined): boolean {
  return query !== undefined && new URLSearchParams(query).has('t');
}

/** Checks the room-name path (a single optional trailing slash is allowed). */
function checkRoom(path: string, domain: string): Parsed<string> {
  const room = path.endsWith('/') ? path.slice(0, -1) : path;
  if (room === '') {
    return { ok: false, error: `Add the room name: https://${domain}.daily.co/room-name` };
  }
  if (room.includes('/')) {
    return {
      ok: false,
      error: `Remove the extra parts after the room name — use https://${domain}.daily.co/${room.split('/', 1)[0]}`,
    };
  }
  for (const ch of room) {
    if (!ROOM_CHAR.test(ch)) {
      const shown = ch === ' ' ? 'a space' : `'${ch}'`;
      return {
        ok: false,
        error: `Room names can only contain letters, digits, - and _ (${shown} is not allowed)`,
      };
    }
  }
  if (room.length > MAX_ROOM_LENGTH) {
    return { ok: false, error: `Room names are at most ${MAX_ROOM_LENGTH} characters long` };
  }
  return { ok: true, value: room };
}

/**
 * Parses a Daily room URL: exactly `https://<domain>.daily.co/<room>` with an optional trailing
 * slash. The domain is lowercased; the room name keeps its case. A meeting token in the URL (`?t=`)
 * is refused so that it goes into the token field and never stays in the address; any other query
 * or fragment is refused too.
 */
export function parseRoomUrl(input: string): Parsed<RoomUrl> {
  const text = input.trim();
  if (text === '') return fail(`Enter the Daily room URL, e.g. ${EXAMPLE}`);
  if (/\s/.test(text)) return fail('The room URL cannot contain spaces');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (!scheme || scheme[1]?.toLowerCase() !== 'https') {
    return fail(`Use the https:// address of the room, e.g. ${EXAMPLE}`);
  }
  const { authority, path, query, hash } = splitUrl(text.slice(scheme[0].length));
  if (hasToken(query)) {
    return fail(
      'This URL contains a meeting token (t=…). Paste the token into the token field and ' +
        'use the URL without it',
    );
  }
  if (authority.includes('@')) return fail(`Remove the part before '@' — use ${EXAMPLE}`);
  const host = HOST.exec(authority.toLowerCase());
  if (!host?.[1]) {
    return fail(
      /:\d*$/.test(authority) && HOST.test(authority.toLowerCase().replace(/:\d*$/, ''))
        ? `Remove the port number — Daily room URLs look like ${EXAMPLE}`
        : `Daily room URLs look like ${EXAMPLE}`,
    );
  }
  const domain = host[1];
  const room = checkRoom(path, domain);
  if (!room.ok) return fail(room.error);
  if (query !== undefined || hash !== undefined) {
    return fail(
      `Remove the '${query !== undefined ? '?' : '#'}…' part — use https://${domain}.daily.co/${room.value}`,
    );
  }
  return {
    ok: true,
    value: { url: `https://${domain}.daily.co/${room.value}`, domain, room: room.value },
  };
}

/**
 * The `room` parameter of a page's query string (`location.search`, with or without '?'), or ''
 * when it is absent.
 */
export function roomUrlFromSearch(search: string): string {
  return new URLSearchParams(search).get('room') ?? '';
}
