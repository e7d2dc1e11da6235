import { describe, expect, it } from 'vitest';
import { legStatus } from './leg-status-badge';

describe('legStatus of a dial-out (issue 15: ringback is audio)', () => {
  it('playable audio after dialout-connected still reads Ringing', () => {
    const s = legStatus({ present: true, audio: true, status: 'ringing' }, 'pstn-dial-out');
    expect(s.label).toBe('Ringing');
    expect(s.why).toMatch(/ringback/);
  });

  it('audio without any dial event reads Connected, never Answered', () => {
    expect(legStatus({ present: true, audio: true }, 'sip-dial-out').label).toBe('Connected');
  });

  it('only dialout-answered (SDK or webhook) reads Answered', () => {
    const s = legStatus({ present: true, audio: false, status: 'answered' }, 'pstn-dial-out');
    expect(s.label).toBe('Answered');
  });
});
