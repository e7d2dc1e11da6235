import { describe, expect, it } from 'vitest';
import { callMatches, rankedFirst } from './call-search';

describe('callMatches', () => {
  const bob = { name: 'Bob Stone', address: '+442079460958' };
  it('matches any part of the name, in any case', () => {
    expect(callMatches('stone', bob)).toBe(true);
    expect(callMatches('  BOB ', bob)).toBe(true);
    expect(callMatches('alice', bob)).toBe(false);
  });
  it('matches a number by its digits, however it is spaced', () => {
    expect(callMatches('7946 0958', bob)).toBe(true);
    expect(callMatches('(020) 7946-0958', { address: '+442079460958' })).toBe(true);
    expect(callMatches('0958', bob)).toBe(true);
    expect(callMatches('1234', bob)).toBe(false);
  });
  it('matches SIP addresses as text, and everything when empty', () => {
    expect(callMatches('pbx.example', { address: 'sip:desk@pbx.example.com' })).toBe(true);
    expect(callMatches('', {})).toBe(true);
  });
});

describe('rankedFirst', () => {
  it('puts lower ranks first and keeps the order within a rank', () => {
    const mine = new Set(['c', 'e']);
    expect(rankedFirst(['a', 'b', 'c', 'd', 'e'], (id) => (mine.has(id) ? 0 : 1))).toEqual([
      'c',
      'e',
      'a',
      'b',
      'd',
    ]);
  });
});
