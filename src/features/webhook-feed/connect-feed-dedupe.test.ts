/**
 * The console's side of the stream: each stored event reaches the console once, where an event
 * is an envelope id *and* type (Daily's examples reuse ids across types).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebhookEnvelope } from '../../domain/webhook-event';
import { connectFeed } from './connect-feed';

/** The EventSource `connectFeed` opens: a test delivers its `webhook` messages by hand. */
class FakeSource {
  static last: FakeSource | undefined;
  static readonly CLOSED = 2;
  readonly readyState = 1;
  private listener: ((msg: MessageEvent<string>) => void) | undefined;
  constructor(readonly url: string) {
    FakeSource.last = this;
  }
  addEventListener(_type: string, listener: (msg: MessageEvent<string>) => void) {
    this.listener = listener;
  }
  close() {}
  deliver(seq: number, envelope: Record<string, unknown>) {
    this.listener?.({ data: JSON.stringify(envelope), lastEventId: String(seq) } as never);
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('connectFeed', () => {
  it('applies two events that share an id but not a type; a repeat of either once', () => {
    vi.stubGlobal('EventSource', FakeSource);
    const got: WebhookEnvelope[] = [];
    const stop = connectFeed('support', (e) => got.push(e));
    const payload = { room: 'support', session_id: 'leg-1', to_endpoint: '+14155550111' };
    const triggered = { id: '3602-call-transfer', type: 'calltransfer.triggered', payload };
    const initiated = { ...triggered, type: 'calltransfer.initiated' };
    FakeSource.last!.deliver(1, triggered);
    FakeSource.last!.deliver(2, initiated);
    FakeSource.last!.deliver(1, triggered);
    FakeSource.last!.deliver(2, initiated);
    expect(got.map((e) => e.type)).toEqual(['calltransfer.triggered', 'calltransfer.initiated']);
    stop();
  });
});
