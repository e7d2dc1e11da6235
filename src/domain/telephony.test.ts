import { describe, expect, it } from 'vitest';
import { isDialOutType, isPstnType, isTelephonyType, legKindLabel } from './telephony';

describe('telephony leg types', () => {
  it.each([
    ['pstn-dial-in', 'PSTN · dial-in', true, false],
    ['pstn-dial-out', 'PSTN · dial-out', true, true],
    ['sip-dial-in', 'SIP · dial-in', false, false],
    ['sip-dial-out', 'SIP · dial-out', false, true],
  ] as const)('%s', (type, label, pstn, out) => {
    expect(isTelephonyType(type)).toBe(true);
    expect(legKindLabel(type)).toBe(label);
    expect(isPstnType(type)).toBe(pstn);
    expect(isDialOutType(type)).toBe(out);
  });

  it.each([undefined, 'remote-media-player', 'unknown', '', 42])('%s is a web participant', (t) => {
    expect(isTelephonyType(t)).toBe(false);
    expect(legKindLabel(t)).toBe('Web');
  });
});
