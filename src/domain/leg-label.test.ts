import { describe, expect, it } from 'vitest';
import { formatAddressForReading, legLabel, type LegIdentity } from './leg-label';

const at = (h: number, m: number, s: number) => new Date(2026, 10, 24, h, m, s).getTime();

function leg(sessionId: string, ordinal: number, extra: Partial<LegIdentity> = {}): LegIdentity {
  return { sessionId, name: 'Caller', ordinal, ...extra };
}

describe('formatAddressForReading', () => {
  it.each([
    ['+442071838750', '+44 20 7183 8750'],
    ['+14155550100', '+1 415 555 0100'],
    ['sip:alice@example.com', 'sip:alice@example.com'],
    ['+999', '+999'],
    ['not a number', 'not a number'],
  ])('%s → %s', (input, want) => {
    expect(formatAddressForReading(input)).toBe(want);
  });
});

describe('legLabel', () => {
  it('a unique name is the label', () => {
    const a = leg('a', 1);
    expect(legLabel(a, [a])).toBe('Caller');
    expect(legLabel(a, [])).toBe('Caller');
  });

  it('identical names: the number when known and unique, formatted for reading', () => {
    const a = leg('a', 1, { address: '+442071838750' });
    const b = leg('b', 2, { address: 'sip:bob@example.com' });
    expect(legLabel(a, [a, b])).toBe('Caller (+44 20 7183 8750)');
    expect(legLabel(b, [a, b])).toBe('Caller (sip:bob@example.com)');
  });

  it('identical names without a number: ordinal and join time', () => {
    const a = leg('a', 1, { joinedAt: at(9, 5, 7) });
    const b = leg('b', 2, { joinedAt: at(9, 6, 0) });
    expect(legLabel(a, [a, b])).toBe('Caller #1, joined 09:05:07');
    expect(legLabel(b, [a, b])).toBe('Caller #2, joined 09:06:00');
    expect(legLabel(leg('c', 3), [a, leg('c', 3)])).toBe('Caller #3');
  });

  it('the same number twice falls back to the ordinal', () => {
    const a = leg('a', 1, { address: '+14155550100' });
    const b = leg('b', 2, { address: '+14155550100' });
    expect(legLabel(a, [a, b])).toBe('Caller #1');
  });
});
