import type { DailyCall } from '@daily-co/daily-js';
import { describe, expect, it } from 'vitest';
import { callSdk, onSdkCall, sdkErrorMessage, type SdkCallRecord } from './sdk-call';

describe('callSdk', () => {
  it('logs a copy of the arguments taken before daily-js adds its own keys', async () => {
    const call = {
      sipCallTransfer(o: Record<string, unknown>) {
        o.useSipRefer = false; // what daily-js 0.92.2 does to the object it is given
        return Promise.resolve();
      },
    } as unknown as DailyCall;
    const seen: SdkCallRecord[] = [];
    const off = onSdkCall((r) => seen.push(r));
    const args = { sessionId: 's', toEndPoint: '+14155550100' };
    await callSdk(call, 'sipCallTransfer', args);
    off();
    expect(args).toHaveProperty('useSipRefer', false);
    expect(seen.map((r) => r.outcome)).toEqual(['requested', 'resolved']);
    for (const r of seen) expect(r.args).toEqual({ sessionId: 's', toEndPoint: '+14155550100' });
  });

  it('reports a rejection with the SDK reason, whatever its shape', async () => {
    const call = {
      sipRefer: () => Promise.reject('not allowed'),
    } as unknown as DailyCall;
    const seen: SdkCallRecord[] = [];
    const off = onSdkCall((r) => seen.push(r));
    await expect(callSdk(call, 'sipRefer', { sessionId: 's', toEndPoint: 'sip:a@b' })).rejects.toBe(
      'not allowed',
    );
    off();
    expect(seen.at(-1)).toMatchObject({ outcome: 'rejected', error: 'not allowed' });
    expect(sdkErrorMessage({ errorMsg: 'x' })).toBe('x');
    expect(sdkErrorMessage({ error: { msg: 'y' } })).toBe('y');
    expect(sdkErrorMessage(undefined)).toBe('Daily rejected the request without a reason');
  });
});
