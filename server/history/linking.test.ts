import { describe, expect, it } from 'vitest';
import { ConversationLinker, LINK_WINDOW_MS, callerKey } from './linking';

let seq = 0;
const event = (type: string, payload: Record<string, unknown>, atMs: number) => ({
  seq: ++seq,
  received_at: atMs,
  envelope: { type, id: `e${seq}`, payload: { timestamp: atMs / 1000, ...payload } },
});
const transfer = (session_id: string, room: string, is_sip_refer = false) => ({
  room,
  session_id,
  to_endpoint: 'sip:sales@sandbox.sip.daily.co',
  from_endpoint: '+14155550100',
  is_sip_refer,
});

describe('callerKey', () => {
  it('reads numbers in any formatting and SIP addresses as one key', () => {
    expect(callerKey('+1 (415) 555-0100')).toBe('14155550100');
    expect(callerKey('sip:+14155550100@carrier.example;user=phone')).toBe('14155550100');
    expect(callerKey('"Bob" <sip:Bob@SIP.example.com>')).toBe('sip:bob@sip.example.com');
    expect(callerKey('')).toBeUndefined();
  });
});

describe('ConversationLinker', () => {
  const arrive = (linker: ConversationLinker, id: string, room: string, at: number) =>
    linker.apply(
      event('dialin.connected', { room, session_id: id, sip_from: 'sip:+14155550100@x' }, at),
    );

  it('links an arrival in another room to the transfer that sent the caller, once', () => {
    const l = new ConversationLinker();
    arrive(l, 'a', 'front', 0);
    l.apply(event('calltransfer.initiated', transfer('a', 'front'), 1_000));
    arrive(l, 'b', 'sales', 2_000);
    arrive(l, 'c', 'sales', 3_000); // the same caller again: the transfer is used up
    expect(l.legs.get('b')?.conversation_id).toBe('a');
    expect(l.legs.get('c')?.conversation_id).toBe('c');
    expect(l.conversations.get('a')).toMatchObject({ rooms: ['front', 'sales'], legs: 2 });
  });

  it('does not link a refer, an arrival in the same room, or one after the window', () => {
    const l = new ConversationLinker();
    arrive(l, 'r', 'front', 0);
    l.apply(event('calltransfer.initiated', transfer('r', 'front', true), 1_000));
    arrive(l, 'r2', 'sales', 2_000);
    expect(l.legs.get('r2')?.conversation_id).toBe('r2');
    arrive(l, 't', 'front', 10_000);
    l.apply(event('calltransfer.initiated', transfer('t', 'front'), 11_000));
    arrive(l, 't2', 'front', 12_000);
    arrive(l, 't3', 'sales', 11_000 + LINK_WINDOW_MS + 1);
    expect(l.legs.get('t2')?.conversation_id).toBe('t2');
    expect(l.legs.get('t3')?.conversation_id).toBe('t3');
  });
});
