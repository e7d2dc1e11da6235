import { describe, expect, it } from 'vitest';
import { addressFromSipFrom, cleanDisplayName, formatDuration, isControlOrBidi } from './identity';

describe('addressFromSipFrom', () => {
  it.each([
    ['"Alice" <sip:+14155550100@carrier.example.com>;tag=abc', '+14155550100'],
    ['sip:+14155550100@1.2.3.4:5060', '+14155550100'],
    ['<sip:ivr@sip.example.com>', 'sip:ivr@sip.example.com'],
    ['sip:alice@sip.example.com;transport=tcp', 'sip:alice@sip.example.com'],
    ['+14155550100', '+14155550100'],
    ['tel:+14155550100', '+14155550100'],
    ['tel:+1-415-555-0100;ext=12', '+14155550100'],
    ['<tel:+14155550100>;tag=1', '+14155550100'],
    ['Alice <sip:alice@Example.COM:5061;transport=tls>;tag=9', 'sip:alice@example.com'],
    ['"Smith, <Bob>" <sip:bob@pbx.example.com>', 'sip:bob@pbx.example.com'],
    ['"Quote \\" inside" <sip:q@example.com>', 'sip:q@example.com'],
    ['SIP:+442079460958@carrier.example.com', '+442079460958'],
    ['sips:secure@example.com', 'sip:secure@example.com'],
    ['sip:+14155550100;npdi@carrier.example.com;user=phone', '+14155550100'],
    ['sip:%2B14155550100@carrier.example.com', '+14155550100'],
    ['sip:alice@example.com?X-Foo=bar', 'sip:alice@example.com'],
    ['sip:4155550100@carrier.example.com', 'sip:4155550100@carrier.example.com'],
    ['sip:anonymous@anonymous.invalid', 'sip:anonymous@anonymous.invalid'],
    ['sip:bob@[2001:db8::1]:5060', 'sip:bob@[2001:db8::1]'],
    ['sip:pbx.example.com', 'sip:pbx.example.com'],
    ['alice@example.com', 'sip:alice@example.com'],
    ['  +1 (415) 555-0100 ', '+14155550100'],
  ])('%j → %j', (input, address) => {
    expect(addressFromSipFrom(input)).toBe(address);
  });

  it.each([
    [undefined],
    [''],
    ['   '],
    ['anonymous'],
    ['"Alice"'],
    ['<sip:alice@example.com'],
    ['sip:'],
    ['sip:alice@'],
    ['<sip:a lice@example.com>'],
    ['sip:alice@example.com\u202E'],
  ])('%j → undefined', (input) => {
    expect(addressFromSipFrom(input)).toBeUndefined();
  });

  it('ignores non-string values that slip through untyped events', () => {
    expect(addressFromSipFrom(42 as unknown as string)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [5_000, '0:05'],
    [62_000, '1:02'],
    [59 * 60_000 + 59_999, '59:59'],
    [3_600_000, '1:00:00'],
    [10 * 3_600_000 + 3 * 60_000 + 7_000, '10:03:07'],
    [100 * 3_600_000, '100:00:00'],
    [-1, '0:00'],
    [-60_000, '0:00'],
    [Number.NaN, '0:00'],
    [Number.POSITIVE_INFINITY, '0:00'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('cleanDisplayName', () => {
  it.each([
    ['Alice', 'Alice'],
    ['  Alice   Smith  ', 'Alice Smith'],
    ['Alice\nSmith', 'Alice Smith'],
    ['Ali\u0000ce\u0007', 'Alice'],
    ['Al\u007Fice', 'Alice'],
    ['\u202Egnp.exe', 'gnp.exe'],
    ['a\u202Ab\u202Bc\u202Cd\u202De', 'abcde'],
    ['x\u2066y\u2067z\u2068w\u2069', 'xyzw'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['&lt;b&gt;', '&lt;b&gt;'],
    ['Zoë 李 👩‍💼', 'Zoë 李 👩‍💼'],
    ['a'.repeat(80), 'a'.repeat(80)],
    ['a'.repeat(81), `${'a'.repeat(79)}…`],
  ])('%j → %j', (name, text) => {
    expect(cleanDisplayName(name, 'Caller')).toBe(text);
  });

  it.each([[undefined], [null], [42], [{}], [''], ['   '], ['\u0000\u202E'], ['\t\n']])(
    '%j → fallback',
    (name) => {
      expect(cleanDisplayName(name, 'Unknown caller')).toBe('Unknown caller');
    },
  );

  it('caps at 80 characters without splitting a surrogate pair', () => {
    const out = cleanDisplayName('😀'.repeat(100), 'x');
    expect(Array.from(out)).toHaveLength(80);
    expect(out.endsWith('😀…')).toBe(true);
  });

  it('does not leave a space before the ellipsis', () => {
    expect(cleanDisplayName(`${'a'.repeat(78)} bcd`, 'x')).toBe(`${'a'.repeat(78)}…`);
  });
});

describe('isControlOrBidi', () => {
  it.each([
    [0x00, true],
    [0x1f, true],
    [0x20, false],
    [0x7e, false],
    [0x7f, true],
    [0x9f, true],
    [0xa0, false],
    [0x202a, true],
    [0x202e, true],
    [0x202f, false],
    [0x2066, true],
    [0x2069, true],
    [0x206a, false],
  ])('U+%s → %s', (code, expected) => {
    expect(isControlOrBidi(code)).toBe(expected);
  });
});
