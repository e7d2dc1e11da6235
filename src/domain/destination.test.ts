import { describe, expect, it } from 'vitest';
import type { ParseDestinationOptions } from './destination';
import {
  parseDestination,
  validateCallerId,
  validateDisplayName,
  validateDtmfTones,
  validateExtension,
  validateWaitSeconds,
} from './destination';

type Row = [
  input: string,
  expected: { value: string } | { error: string },
  opts?: ParseDestinationOptions,
];

const GB: ParseDestinationOptions = { defaultRegion: 'GB' };
const SIP_ONLY: ParseDestinationOptions = { allow: ['sip'] };
const PSTN_ONLY: ParseDestinationOptions = { allow: ['pstn'] };

const rows: Row[] = [
  // E.164
  ['+14155550100', { value: '+14155550100' }],
  ['+442079460958', { value: '+442079460958' }],
  ['+4930123456', { value: '+4930123456' }],
  ['+1 (415) 555-0100', { value: '+14155550100' }],
  ['+44 20 7946 0958', { value: '+442079460958' }, GB],
  // National formats with the default region
  ['(415) 555-0100', { value: '+14155550100' }],
  ['415.555.0100', { value: '+14155550100' }],
  ['415 555 0100', { value: '+14155550100' }],
  ['  415-555-0100  ', { value: '+14155550100' }],
  ['1 415 555 0100', { value: '+14155550100' }],
  ['011 44 20 7946 0958', { value: '+442079460958' }],
  ['020 7946 0958', { value: '+442079460958' }, GB],
  // Bad phone numbers
  ['+1 415 555 01', { error: 'Phone number is too short for country code +1' }],
  ['12', { error: 'Phone number is too short for the United States' }],
  ['020 79', { error: 'Phone number is too short for the United Kingdom' }, GB],
  ['020 7946', { error: 'not a valid phone number for the United Kingdom' }, GB],
  ['+49 30 1', { error: 'Phone number is too short for Germany' }],
  ['+1 415 555 01000', { error: 'Phone number is too long for country code +1' }],
  ['+1 555 555 0100', { error: 'not a valid phone number' }],
  ['+999 1234', { error: 'The digits after + do not start with a known country code' }],
  ['415+555 0100', { error: "'+' can only appear at the start" }],
  ['()-', { error: 'Enter the digits of the phone number' }],
  // Letters
  ['abc', { error: "Phone numbers can only contain digits, spaces, +, (, ), - and . — 'a'" }],
  [
    '1-800-FLOWERS',
    { error: "Phone numbers can only contain digits, spaces, +, (, ), - and . — 'F'" },
  ],
  ['415 555 0100 ext 12', { error: 'Put the extension in the Extension field' }],
  ['415 555 0100#12', { error: 'Put the extension in the Extension field' }],
  ['tel:+14155550100', { error: "'tel:' addresses are not supported" }],
  // Empty, spaces only, over-long
  ['', { error: 'Enter a phone number or a SIP address' }],
  ['   ', { error: 'Enter a phone number or a SIP address' }],
  ['', { error: 'Enter a SIP address (sip:…)' }, SIP_ONLY],
  ['5'.repeat(300), { error: 'too long for a destination (300 characters; at most 256)' }],
  [`sip:${'a'.repeat(290)}@example.com`, { error: 'too long for a destination' }],
  // Unicode
  ['+１４１５５５５０１００', { error: 'full-width character' }],
  ['sip:ålice@x.com', { error: "'å' (U+00E5) is not allowed in a SIP address" }],
  ['sip:alice@exämple.com', { error: "'ä' (U+00E4) is not allowed" }],
  ['+1 415 555 0100\u200b', { error: 'an invisible formatting character (U+200B) is not allowed' }],
  // sips:
  ['sips:alice@example.com', { error: 'Daily does not accept sips: URIs — use sip:' }],
  ['SIPS:alice@example.com', { error: 'Daily does not accept sips: URIs' }],
  // SIP URIs
  ['sip:alice@sip.example.com', { value: 'sip:alice@sip.example.com' }],
  ['SIP:alice@Sip.Example.COM', { value: 'sip:alice@sip.example.com' }],
  ['sip:alice@sip.example.com;transport=tcp', { value: 'sip:alice@sip.example.com;transport=tcp' }],
  [
    'sip:alice@example.com:5061;transport=tls;lr',
    { value: 'sip:alice@example.com:5061;transport=tls;lr' },
  ],
  ['sip:bob@192.0.2.10:5060', { value: 'sip:bob@192.0.2.10:5060' }],
  ['sip:bob@[2001:db8::1]:5060', { value: 'sip:bob@[2001:db8::1]:5060' }],
  [
    'sip:+14155550100@carrier.example.com;user=phone',
    { value: 'sip:+14155550100@carrier.example.com;user=phone' },
  ],
  ["sip:o'brien.x-1_~%41@example.com", { value: "sip:o'brien.x-1_~%41@example.com" }],
  [
    'sip:agent@example.com?X-Queue=billing&X-Ticket=42',
    { value: 'sip:agent@example.com?X-Queue=billing&X-Ticket=42' },
  ],
  ['sip:agent@example.com?x-queue=billing', { value: 'sip:agent@example.com?X-queue=billing' }],
  ['sip:room-b@example.sip.daily.co', { value: 'sip:room-b@example.sip.daily.co' }],
  // Bad SIP URIs
  ['sip:alice@example.com?Subject=hi', { error: "SIP header 'Subject' must start with X-" }],
  [
    'sip:a@example.com?X-A=1&Priority=urgent',
    { error: "SIP header 'Priority' must start with X-" },
  ],
  ['sip:a@example.com?X-Token', { error: "SIP header 'X-Token' needs a value" }],
  ['sip:a@example.com?', { error: 'no headers after it' }],
  ['sip:a@example.com?X-A=b@c', { error: "SIP header 'X-A' has a value" }],
  ['sip:alice@example.com:0', { error: 'SIP port 0 must be between 1 and 65535' }],
  ['sip:alice@example.com:65536', { error: 'SIP port 65536 must be between 1 and 65535' }],
  ['sip:alice@example.com:', { error: "has ':' but no port number" }],
  ['sip:alice@example.com:http', { error: "SIP port 'http' must be a number" }],
  ['sip:alice@300.1.2.3', { error: '300.1.2.3 is not a valid IPv4 address' }],
  ['sip:alice@[zz::1]', { error: '[zz::1] is not a valid IPv6 address' }],
  ['sip:alice@[2001:db8::1', { error: "missing its closing ']'" }],
  ['sip:alice@[2001:db8::g]', { error: 'not a valid IPv6 address' }],
  ['sip:@example.com', { error: 'missing the user before @' }],
  ['sip:alice@', { error: 'missing the host after @' }],
  ['sip:example.com', { error: 'needs a user and a host' }],
  ['sip:alice@pbx', { error: "SIP host 'pbx' is not a full domain name" }],
  ['sip:alice@exa_mple.com', { error: "'exa_mple' is not allowed" }],
  ['sip:alice@example..com', { error: 'empty part between dots' }],
  ['sip:alice:secret@example.com', { error: 'passwords in SIP addresses are not supported' }],
  ['sip:alice@example.com;;lr', { error: 'empty parameter' }],
  ['sip:%zz@example.com', { error: 'two hex digits' }],
  ['sip:a@example.com#frag', { error: "'#' is not allowed in a SIP address" }],
  // Markup, quotes, spaces
  ['<img src=x onerror=alert(1)>', { error: "'<' is not allowed" }],
  ['sip:a@b.com<script>', { error: "'<' is not allowed in a SIP address" }],
  ['sip:"alice"@example.com', { error: 'Quotes (") are not allowed in a SIP address' }],
  ['"Alice" <sip:alice@example.com>', { error: 'Enter only the address inside <…>: sip:alice@' }],
  ['alice smith@example.com', { error: 'SIP addresses start with sip: (for example' }],
  ['sip:alice smith@example.com', { error: 'A space is not allowed in a SIP address' }],
  ['sip:alice@example.com\tx', { error: 'A tab is not allowed in a SIP address' }],
  // SIP address without the scheme
  ['alice@example.com', { error: 'SIP addresses start with sip: — try sip:alice@example.com' }],
  // allow-restrictions
  ['+14155550100', { error: 'Only SIP addresses (sip:…) are accepted here' }, SIP_ONLY],
  ['(415) 555-0100', { error: 'Only SIP addresses (sip:…) are accepted here' }, SIP_ONLY],
  ['sip:alice@example.com', { value: 'sip:alice@example.com' }, SIP_ONLY],
  [
    'sip:alice@example.com',
    { error: 'Only a phone number can be used here, not a SIP address' },
    PSTN_ONLY,
  ],
  ['alice@example.com', { error: 'Only a phone number can be used here' }, PSTN_ONLY],
  ['+14155550100', { value: '+14155550100' }, PSTN_ONLY],
  ['', { error: 'Enter a phone number' }, PSTN_ONLY],
  ['+14155550100', { error: 'does not accept any destination' }, { allow: [] }],
];

const label = (input: string) =>
  input.length > 48 ? `${input.slice(0, 24)}… (${input.length} chars)` : JSON.stringify(input);

describe('parseDestination', () => {
  it('has a large table', () => {
    expect(rows.length).toBeGreaterThanOrEqual(45);
  });

  it.each(rows.map((row) => [label(row[0]), ...row] as const))(
    '%s',
    (_name, input, expected, opts) => {
      const result = parseDestination(input, opts);
      if ('value' in expected) {
        expect(result).toMatchObject({ ok: true });
        if (!result.ok) return;
        const v = result.value;
        expect(v.kind === 'pstn' ? v.e164 : v.uri).toBe(expected.value);
      } else {
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error).toContain(expected.error);
        expect(result.error).not.toMatch(/invalid input/i);
      }
    },
  );

  it('returns the international display format for phone numbers', () => {
    expect(parseDestination('(415) 555-0100')).toEqual({
      ok: true,
      value: { kind: 'pstn', e164: '+14155550100', display: '+1 415 555 0100' },
    });
    expect(parseDestination('020 7946 0958', GB)).toEqual({
      ok: true,
      value: { kind: 'pstn', e164: '+442079460958', display: '+44 20 7946 0958' },
    });
  });

  it('splits SIP URIs into user and host and recognises Daily room addresses', () => {
    expect(parseDestination('sip:room-b@example.sip.daily.co')).toEqual({
      ok: true,
      value: {
        kind: 'sip',
        uri: 'sip:room-b@example.sip.daily.co',
        user: 'room-b',
        host: 'example.sip.daily.co',
        isDailyRoom: true,
      },
    });
    expect(parseDestination('sip:Bob@PBX.Example.com:5060;transport=udp')).toEqual({
      ok: true,
      value: {
        kind: 'sip',
        uri: 'sip:Bob@pbx.example.com:5060;transport=udp',
        user: 'Bob',
        host: 'pbx.example.com',
        isDailyRoom: false,
      },
    });
  });

  it('does not treat look-alike hosts as Daily rooms', () => {
    const r = parseDestination('sip:x@daily.co.evil.example');
    expect(r.ok && r.value.kind === 'sip' && r.value.isDailyRoom).toBe(false);
    const r2 = parseDestination('sip:x@notdaily.co');
    expect(r2.ok && r2.value.kind === 'sip' && r2.value.isDailyRoom).toBe(false);
  });

  it('produces values that pass the stricter E.164 rule from the spec', () => {
    for (const input of ['+14155550100', '(415) 555-0100', '011 44 20 7946 0958']) {
      const r = parseDestination(input);
      expect(r.ok && r.value.kind === 'pstn' && /^\+[1-9]\d{1,14}$/.test(r.value.e164)).toBe(true);
    }
  });
});

describe('validateExtension', () => {
  it.each([
    ['', undefined],
    ['   ', undefined],
    ['123', '123'],
    [' 42 ', '42'],
    ['*9#', '*9#'],
    ['abcd', 'ABCD'],
    ['1a2B', '1A2B'],
    ['1'.repeat(20), '1'.repeat(20)],
  ])('%j → %j', (input, value) => {
    expect(validateExtension(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['1'.repeat(21), 'at most 20'],
    ['12e4', "'e' is not a keypad key"],
    ['12 34', 'A space is not a keypad key'],
    ['1,2', 'Pauses'],
    ['12w3', 'Pauses'],
    ['+1', "'+' is not a keypad key"],
  ])('%j is rejected (%s)', (input, message) => {
    const r = validateExtension(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});

describe('validateWaitSeconds', () => {
  it.each([
    ['', true, undefined],
    ['', false, undefined],
    ['0', true, 0],
    [' 5 ', true, 5],
    ['60', true, 60],
    ['07', true, 7],
  ])('%j (extension: %s) → %j', (input, hasExtension, value) => {
    expect(validateWaitSeconds(input, hasExtension)).toEqual({ ok: true, value });
  });

  it.each([
    ['61', true, 'at most 60 seconds'],
    ['-1', true, 'cannot be negative'],
    ['1.5', true, 'whole number of seconds'],
    ['1,5', true, 'whole number of seconds'],
    ['abc', true, 'whole number of seconds from 0 to 60'],
    ['1e1', true, 'whole number of seconds from 0 to 60'],
    ['5', false, 'Wait time only applies with an extension'],
    ['0', false, 'Wait time only applies with an extension'],
  ])('%j (extension: %s) is rejected', (input, hasExtension, message) => {
    const r = validateWaitSeconds(input, hasExtension);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});

describe('validateDtmfTones', () => {
  it.each([
    ['1', '1'],
    ['123#', '123#'],
    ['1 2 3', '123'],
    ['abcd*#', 'ABCD*#'],
    ['1'.repeat(20), '1'.repeat(20)],
    [' 12345 67890 12345 67890 ', '12345678901234567890'],
  ])('%j → %j', (input, value) => {
    expect(validateDtmfTones(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'Enter at least one tone'],
    ['   ', 'Enter at least one tone'],
    ['1'.repeat(21), 'Send at most 20 tones at a time'],
    ['12E', "'E' is not a keypad key"],
    ['1-2', "'-' is not a keypad key"],
    ['٣', "'٣' (U+0663) is not a keypad key"],
  ])('%j is rejected', (input, message) => {
    const r = validateDtmfTones(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});

describe('validateDisplayName', () => {
  it.each([
    ['', undefined],
    ['   ', undefined],
    ['  Alice Agent ', 'Alice Agent'],
    ['<b>Alice</b>', '<b>Alice</b>'],
    ['Zoë 李', 'Zoë 李'],
    ['a'.repeat(199), 'a'.repeat(199)],
  ])('%j → %j', (input, value) => {
    expect(validateDisplayName(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['a'.repeat(200), 'shorter than 200 characters (it has 200)'],
    ['Alice\nSmith', 'control character (U+000A)'],
    ['Alice\u0000', 'control character (U+0000)'],
    ['Alice\u202Eevil', 'text-direction control character (U+202E)'],
    ['x\u2066y', 'U+2066'],
  ])('%j is rejected', (input, message) => {
    const r = validateDisplayName(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});

describe('validateCallerId', () => {
  it.each([
    ['', undefined],
    ['  ', undefined],
    ['3b0e5c8a-1f2d-4c6b-9a7e-0d1f2a3b4c5d', '3b0e5c8a-1f2d-4c6b-9a7e-0d1f2a3b4c5d'],
    [' 3B0E5C8A-1F2D-4C6B-9A7E-0D1F2A3B4C5D ', '3b0e5c8a-1f2d-4c6b-9a7e-0d1f2a3b4c5d'],
  ])('%j → %j', (input, value) => {
    expect(validateCallerId(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['+14155550100', 'not the phone number itself'],
    ['(415) 555-0100', 'not the phone number itself'],
    ['my-number', 'must be the id of a purchased phone number'],
    ['3b0e5c8a-1f2d-4c6b-9a7e-0d1f2a3b4c5', 'must be the id of a purchased phone number'],
    ['3b0e5c8a1f2d4c6b9a7e0d1f2a3b4c5d', 'a UUID like'],
  ])('%j is rejected', (input, message) => {
    const r = validateCallerId(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});
