import { describe, expect, it } from 'vitest';
import { parseRoomUrl, roomUrlFromSearch } from './room-url';

describe('parseRoomUrl', () => {
  it.each([
    ['https://acme.daily.co/support-1', 'https://acme.daily.co/support-1', 'acme', 'support-1'],
    ['  https://acme.daily.co/support-1  ', 'https://acme.daily.co/support-1', 'acme', 'support-1'],
    ['https://acme.daily.co/support-1/', 'https://acme.daily.co/support-1', 'acme', 'support-1'],
    ['HTTPS://ACME.Daily.CO/Room_A', 'https://acme.daily.co/Room_A', 'acme', 'Room_A'],
    ['https://my-team-2.daily.co/x', 'https://my-team-2.daily.co/x', 'my-team-2', 'x'],
    [
      `https://acme.daily.co/${'r'.repeat(128)}`,
      `https://acme.daily.co/${'r'.repeat(128)}`,
      'acme',
      'r'.repeat(128),
    ],
  ])('%s is accepted', (input, url, domain, room) => {
    expect(parseRoomUrl(input)).toEqual({ ok: true, value: { url, domain, room } });
  });

  it.each([
    ['', 'Enter the Daily room URL'],
    ['   ', 'Enter the Daily room URL'],
    ['http://acme.daily.co/room', 'Use the https:// address'],
    ['acme.daily.co/room', 'Use the https:// address'],
    ['ftp://acme.daily.co/room', 'Use the https:// address'],
    ['javascript:alert(1)', 'Use the https:// address'],
    [
      'https://example.com/room',
      'Daily room URLs look like https://your-domain.daily.co/room-name',
    ],
    ['https://daily.co/room', 'Daily room URLs look like https://your-domain.daily.co/room-name'],
    ['https://acme.daily.co.evil.com/room', 'Daily room URLs look like'],
    ['https://a.b.daily.co/room', 'Daily room URLs look like'],
    ['https://acme_x.daily.co/room', 'Daily room URLs look like'],
    ['https://evil.com\\@acme.daily.co/room', "Remove the part before '@'"],
    ['https://user:pw@acme.daily.co/room', "Remove the part before '@'"],
    ['https://acme.daily.co:8443/room', 'Remove the port number'],
    ['https://acme.daily.co', 'Add the room name: https://acme.daily.co/room-name'],
    ['https://acme.daily.co/', 'Add the room name'],
    [
      'https://acme.daily.co/room/extra',
      'Remove the extra parts after the room name — use https://acme.daily.co/room',
    ],
    ['https://acme.daily.co/room//', 'Remove the extra parts'],
    ['https://acme.daily.co/room.name', "('.' is not allowed)"],
    ['https://acme.daily.co/r%C3%A9', "('%' is not allowed)"],
    ['https://acme.daily.co/ré', "('é' is not allowed)"],
    ['https://acme.daily.co/a b', 'cannot contain spaces'],
    [`https://acme.daily.co/${'r'.repeat(129)}`, 'at most 128 characters'],
    ['https://acme.daily.co/room?t=eyJhbGciOi.abc.def', 'Paste the token into the token field'],
    ['https://acme.daily.co/room?lang=en&t=secret', 'Paste the token into the token field'],
    ['https://example.com/x?t=secret', 'Paste the token into the token field'],
    ['https://acme.daily.co/room?lang=en', "Remove the '?…' part — use https://acme.daily.co/room"],
    ['https://acme.daily.co/room#section', "Remove the '#…' part"],
    ['https://acme.daily.co/room?', "Remove the '?…' part"],
  ])('%s is rejected', (input, message) => {
    const r = parseRoomUrl(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it('never echoes a meeting token back in its message', () => {
    const r = parseRoomUrl('https://acme.daily.co/room?t=super-secret-token');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).not.toContain('super-secret-token');
  });
});

describe('roomUrlFromSearch', () => {
  it.each([
    ['?room=https%3A%2F%2Facme.daily.co%2Fsupport', 'https://acme.daily.co/support'],
    ['room=https://acme.daily.co/support', 'https://acme.daily.co/support'],
    ['?debug=1&room=abc', 'abc'],
    ['?debug=1', ''],
    ['', ''],
    ['?room=', ''],
  ])('%j → %j', (search, room) => {
    expect(roomUrlFromSearch(search)).toBe(room);
  });
});
