import { describe, expect, it } from 'vitest';
import { actionInputFromEvent } from './action-input';

describe('actionInputFromEvent', () => {
  it.each([
    [
      { action: 'participant-left', participant: { session_id: 'a' } },
      { type: 'participant-left', sessionId: 'a' },
    ],
    [
      { action: 'dialin-stopped', sessionId: 'a' },
      { type: 'stopped', sessionId: 'a' },
    ],
    [
      { action: 'dialout-stopped', sessionId: 'b' },
      { type: 'stopped', sessionId: 'b' },
    ],
    [
      { action: 'dialout-connected', sessionId: 'b' },
      { type: 'dialout-connected', sessionId: 'b' },
    ],
    [
      { action: 'dialout-answered', sessionId: 'b' },
      { type: 'dialout-answered', sessionId: 'b' },
    ],
    [
      { action: 'dialout-error', errorMsg: 'Busy' },
      { type: 'error', message: 'Busy' },
    ],
    [
      { action: 'dialin-error', sessionId: 'a', errorMsg: 'x' },
      { type: 'error', sessionId: 'a', message: 'x' },
    ],
    [
      { action: 'dialin-warning', sessionId: 'a', errorMsg: 'REFER 603' },
      { type: 'warning', sessionId: 'a', message: 'REFER 603' },
    ],
  ])('%j', (ev, input) => {
    expect(actionInputFromEvent(ev)).toEqual(input);
  });

  it('ignores unrelated events and events without ids', () => {
    expect(actionInputFromEvent({ action: 'participant-joined' })).toBeUndefined();
    expect(actionInputFromEvent({ action: 'dialin-stopped' })).toBeUndefined();
    expect(actionInputFromEvent({ action: 'participant-left', participant: {} })).toBeUndefined();
  });
});
