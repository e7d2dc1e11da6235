import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectFeed } from './connect-feed';
import { feedStatus } from './webhook-feed-store';

/** A stand-in for the browser's EventSource: the test opens and breaks it. */
class FakeSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static made: FakeSource[] = [];
  readyState = FakeSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSource.made.push(this);
  }
  addEventListener() {}
  close() {
    this.readyState = FakeSource.CLOSED;
  }
  open() {
    this.readyState = FakeSource.OPEN;
    this.onopen?.();
  }
  /** The server is gone: the browser gives up on this source (CLOSED) or retries (CONNECTING). */
  fail(state: number) {
    this.readyState = state;
    this.onerror?.();
  }
}

describe('connectFeed', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSource.made = [];
    vi.stubGlobal('EventSource', FakeSource);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('is offline while it never was live (no server), and keeps trying', () => {
    const stop = connectFeed('support', () => undefined);
    FakeSource.made[0]!.fail(FakeSource.CLOSED);
    expect(feedStatus.get().status).toBe('offline');
    vi.advanceTimersByTime(1_000);
    expect(FakeSource.made).toHaveLength(2);
    stop();
    expect(feedStatus.get().status).toBe('off');
  });

  it('says "reconnecting" once it was live and the server goes, and "live" when it is back', () => {
    const stop = connectFeed('support', () => undefined);
    FakeSource.made[0]!.open();
    expect(feedStatus.get().status).toBe('live');
    // The browser retries by itself first...
    FakeSource.made[0]!.fail(FakeSource.CONNECTING);
    expect(feedStatus.get().status).toBe('reconnecting');
    // ...then gives up; this code goes on with growing waits.
    FakeSource.made[0]!.fail(FakeSource.CLOSED);
    expect(feedStatus.get().status).toBe('reconnecting');
    vi.advanceTimersByTime(1_000);
    FakeSource.made[1]!.fail(FakeSource.CLOSED);
    expect(feedStatus.get().status).toBe('reconnecting');
    vi.advanceTimersByTime(1_999);
    expect(FakeSource.made).toHaveLength(2);
    vi.advanceTimersByTime(1);
    FakeSource.made[2]!.open();
    expect(feedStatus.get().status).toBe('live');
    stop();
  });
});
