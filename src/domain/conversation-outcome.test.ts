import { describe, expect, it } from 'vitest';
import { outcomeOfLegs, outcomeWords } from './conversation-outcome';

const leg = (state: string, ended_at: number | null = null, detail: string | null = null) => ({
  state,
  ended_at,
  detail,
});

describe('conversation outcome', () => {
  it('is live while any leg is, else the last leg to end decides', () => {
    expect(outcomeOfLegs([leg('transferred', 10), leg('connected')]).outcome).toBe('live');
    expect(outcomeOfLegs([leg('transferred', 10), leg('ended', 20)])).toEqual({
      outcome: 'ended',
      endedAt: 20,
      detail: null,
    });
    expect(outcomeOfLegs([leg('failed', 5, 'busy')])).toEqual({
      outcome: 'failed',
      endedAt: 5,
      detail: 'busy',
    });
    expect(outcomeOfLegs([]).outcome).toBe('live');
  });

  it("speaks the leg-action machine's words for a finished call, transfer and refer", () => {
    expect(outcomeWords('ended')).toBe('Call ended');
    expect(outcomeWords('referred')).toBe('Referred — Daily has left the call');
    expect(outcomeWords('transferred', { stage: 'initiated' })).toBe(
      'Transferred — connecting to the target',
    );
    expect(outcomeWords('transferred', { stage: 'completed' })).toBe(
      'Transferred — answered by the target; call completed',
    );
    expect(outcomeWords('failed', { detail: 'busy' })).toBe('Failed: busy');
    expect(outcomeWords('live')).toBe('In progress');
  });
});
