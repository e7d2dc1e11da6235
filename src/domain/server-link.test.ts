import { describe, expect, it } from 'vitest';
import {
  attemptFailed,
  attemptScheduled,
  attemptStarted,
  backoffDelay,
  backoffFromSearch,
  DEFAULT_BACKOFF,
  LINK_LIVE,
  linkLost,
  linkWords,
  type Backoff,
} from './server-link';

const noJitter: Backoff = { ...DEFAULT_BACKOFF, jitter: 0 };

describe('backoffDelay', () => {
  it('doubles from the first wait and stops at the cap', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => backoffDelay(n, noJitter));
    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('spreads each wait by at most the jitter, both ways', () => {
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0)).toBe(800);
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 1)).toBe(1_200);
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0.5)).toBe(1_000);
    expect(backoffDelay(50, DEFAULT_BACKOFF, () => 1)).toBe(36_000);
  });

  it('treats attempts below 1 (and fractions) as the first', () => {
    expect(backoffDelay(0, noJitter)).toBe(500);
    expect(backoffDelay(-3, noJitter)).toBe(500);
    expect(backoffDelay(2.7, noJitter)).toBe(1_000);
  });
});

describe('backoffFromSearch', () => {
  it('gives a fixed wait without jitter for ?reconnectMs=', () => {
    const b = backoffFromSearch('?sandboxRoom=x&reconnectMs=250');
    expect(b).toEqual({ firstMs: 250, maxMs: 250, factor: 1, jitter: 0 });
    expect([1, 5, 20].map((n) => backoffDelay(n, b))).toEqual([250, 250, 250]);
  });

  it('ignores a missing, zero, negative or non-numeric value and caps a huge one', () => {
    for (const search of ['', '?reconnectMs=0', '?reconnectMs=-5', '?reconnectMs=soon']) {
      expect(backoffFromSearch(search)).toBeUndefined();
    }
    expect(backoffFromSearch('?reconnectMs=1e9')?.firstMs).toBe(DEFAULT_BACKOFF.maxMs);
  });
});

describe('the link while reconnecting', () => {
  it('counts attempts, knows when the next is and why the last failed', () => {
    let link = linkLost(1_000);
    expect(link).toEqual({ status: 'reconnecting', since: 1_000, attempts: 0 });
    link = attemptScheduled(link, 1_500);
    expect(link).toMatchObject({ attempts: 0, nextAttemptAt: 1_500 });
    link = attemptStarted(link);
    expect(link).toEqual({ status: 'reconnecting', since: 1_000, attempts: 1 });
    link = attemptFailed(link, 'Failed to fetch');
    expect(link).toMatchObject({ attempts: 1, error: 'Failed to fetch' });
  });

  it('leaves a live link alone', () => {
    expect(attemptScheduled(LINK_LIVE, 5)).toBe(LINK_LIVE);
    expect(attemptStarted(LINK_LIVE)).toBe(LINK_LIVE);
    expect(attemptFailed(LINK_LIVE, 'x')).toBe(LINK_LIVE);
  });
});

describe('linkWords', () => {
  const since = new Date(2026, 0, 2, 9, 5, 7).getTime();

  it('says nothing while live', () => {
    expect(linkWords(LINK_LIVE, since)).toBeUndefined();
  });

  it("names the server and the simulated Daily, when the calls were last seen and what's next", () => {
    const link = attemptScheduled(attemptStarted(linkLost(since)), since + 4_200);
    const words = linkWords(link, since + 200)!;
    expect(words.title).toBe("Can't reach the console's server — nor the simulated Daily it hosts");
    expect(words.detail).toContain('as last seen at 09:05:07');
    expect(words.detail).toContain('outcome unknown');
    expect(words.next).toBe('Next attempt in 4 s (1 attempt so far).');
    expect(linkWords(link, since + 4_100)!.next).toBe('Next attempt in 1 s (1 attempt so far).');
    // Overdue (the attempt is about to start): never "in 0 s" or a negative count.
    expect(linkWords(link, since + 9_000)!.next).toBe('Next attempt in 1 s (1 attempt so far).');
  });

  it('says when an attempt is under way, and counts attempts in words', () => {
    const three = { status: 'reconnecting' as const, since, attempts: 3 };
    expect(linkWords(three, since)!.next).toBe('Reconnecting now…');
    expect(linkWords({ ...three, nextAttemptAt: since + 30_000 }, since)!.next).toBe(
      'Next attempt in 30 s (3 attempts so far).',
    );
  });
});
