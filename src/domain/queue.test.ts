import { describe, expect, it } from 'vitest';
import { callerDigits, callOfLeg, type BoardCall } from './queue';

describe('callerDigits', () => {
  it("reads a sip_from's URI only: digits in the display name or the tag do not count", () => {
    expect(callerDigits('"Traffic 000001" <sip:+14155000001@pstn.example>;tag=1c8ae25c1a')).toBe(
      '14155000001',
    );
    expect(callerDigits('+14155000001')).toBe('14155000001');
    expect(callerDigits('sip:+14155000001@carrier.example')).toBe('14155000001');
    expect(callerDigits('sip:bob@sip.example.com')).toBe('');
  });

  it('finds a routed queue call by its caller before the session id is known', () => {
    const call: BoardCall = {
      callId: 'c-1',
      from: '+14155000001',
      queue: 'Support',
      state: 'connected',
      arrivedAt: 0,
      handledBy: 'ann',
      room: 'support',
      sessionId: null,
      late: false,
    };
    const from = '"Caller 42" <sip:+14155000001@pstn.example>;tag=9';
    expect(callOfLeg([call], 'support', 's-1', from)).toBe(call);
    expect(callOfLeg([call], 'other', 's-1', from)).toBeUndefined();
  });
});
