import { describe, expect, it } from 'vitest';
import { compactPayload, kindOfAction, normaliseDailyEvent } from './event-normalise';

describe('normaliseDailyEvent', () => {
  it('names the participant and keeps its session id', () => {
    const entry = normaliseDailyEvent({
      action: 'participant-joined',
      callClientId: 'c1',
      participant: { session_id: 's1', user_name: '<b>Eve</b>', tracks: { audio: {} } },
    });
    expect(entry).toMatchObject({
      kind: 'participant',
      sessionId: 's1',
      summary: '<b>Eve</b> joined',
    });
    expect(entry.payload).toEqual({
      action: 'participant-joined',
      participant: expect.not.objectContaining({ tracks: expect.anything() }),
    });
  });

  it('classifies dial errors as errors and includes errorMsg', () => {
    const entry = normaliseDailyEvent({
      action: 'dialout-error',
      sessionId: 'd1',
      errorMsg: 'Busy here (486)',
    });
    expect(entry.kind).toBe('error');
    expect(entry.summary).toBe('dialout-error: Busy here (486)');
    expect(entry.sessionId).toBe('d1');
  });

  it.each([
    ['participant-left', 'participant'],
    ['dialin-stopped', 'dialin'],
    ['dialin-error', 'error'],
    ['dialout-answered', 'dialout'],
    ['nonfatal-error', 'error'],
    ['network-connection', 'network'],
    ['joined-meeting', 'meeting'],
  ])('%s is %s', (action, kind) => {
    expect(kindOfAction(action)).toBe(kind);
  });

  it('summarises participant maps by count', () => {
    expect(
      compactPayload({ action: 'joined-meeting', participants: { local: {}, a: {} } }),
    ).toEqual({
      action: 'joined-meeting',
      participants: { count: 2 },
    });
  });
});

describe('inbound DTMF', () => {
  it('is logged with its tone', () => {
    const entry = normaliseDailyEvent({ action: 'dtmf-event', tone: '5', sessionId: 's9' });
    expect(entry).toMatchObject({ kind: 'dialin', sessionId: 's9', summary: 'DTMF received: 5' });
  });
});
