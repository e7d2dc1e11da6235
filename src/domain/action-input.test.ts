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

describe('actionInputFromEvent: correlation and media', () => {
  it('carries the userId Daily echoes from startDialOut', () => {
    expect(
      actionInputFromEvent({ action: 'dialout-connected', sessionId: 'b', userId: 'act-1' }),
    ).toEqual({ type: 'dialout-connected', sessionId: 'b', userId: 'act-1' });
    expect(
      actionInputFromEvent({ action: 'dialout-error', userId: 'act-1', errorMsg: 'start failed' }),
    ).toEqual({ type: 'error', userId: 'act-1', message: 'start failed' });
    expect(actionInputFromEvent({ action: 'dialout-warning', userId: 'act-1' })).toEqual({
      type: 'warning',
      userId: 'act-1',
      message: 'dialout-warning',
    });
  });

  it('maps participant-joined (with user_id and playable audio) and playable updates', () => {
    const participant = {
      session_id: 'p',
      user_id: 'act-1',
      tracks: { audio: { state: 'playable' } },
    };
    expect(actionInputFromEvent({ action: 'participant-joined', participant })).toEqual({
      type: 'participant-joined',
      sessionId: 'p',
      userId: 'act-1',
      playable: true,
    });
    expect(actionInputFromEvent({ action: 'participant-updated', participant })).toEqual({
      type: 'audio-playable',
      sessionId: 'p',
    });
    const loading = { session_id: 'p', tracks: { audio: { state: 'loading' } } };
    expect(
      actionInputFromEvent({ action: 'participant-updated', participant: loading }),
    ).toBeUndefined();
  });
});
