import { describe, expect, it } from 'vitest';
import {
  parseDestination,
  validateCallerId,
  validateExtension,
  validateWaitSeconds,
} from './destination';
import { checkDestination, firstDestinationError } from './destination-check';

const BOTH = ['pstn', 'sip'] as const;
const CALLER_ID = '3B0E5C8A-1F2D-4C6B-9A7E-000000000001';
const PHONE = { destination: '+14155550100', region: 'US', allow: BOTH } as const;

/** The message a field validator gives, so these tests follow its words, not a copy of them. */
function errorOf(parsed: { ok: true } | { ok: false; error: string }): string {
  if (parsed.ok) throw new Error('expected a problem');
  return parsed.error;
}

describe('checkDestination', () => {
  it('turns a national number and its phone options into Daily arguments', () => {
    const checked = checkDestination({
      destination: '(415) 555-0100',
      region: 'US',
      allow: BOTH,
      callerId: ` ${CALLER_ID} `,
      extension: '12#a',
      wait: '5',
    });
    expect(checked).toMatchObject({
      ok: true,
      destination: { kind: 'pstn', e164: '+14155550100' },
      phone: {
        callerId: CALLER_ID.toLowerCase(),
        extension: '12#A',
        waitBeforeExtensionDialSec: 5,
      },
    });
    expect(checked.ok && checked.args).toEqual({
      toEndPoint: '+14155550100',
      callerId: CALLER_ID.toLowerCase(),
      extension: '12#A',
      waitBeforeExtensionDialSec: 5,
    });
  });

  it('reads national numbers in the given region', () => {
    const checked = checkDestination({ destination: '020 7946 0958', region: 'GB', allow: BOTH });
    expect(checked.ok && checked.args).toEqual({ toEndPoint: '+442079460958' });
  });

  it('leaves blank phone options out', () => {
    const checked = checkDestination({ ...PHONE, callerId: '', extension: ' ', wait: '' });
    expect(checked).toMatchObject({ ok: true, phone: {} });
    expect(checked.ok && checked.args).toEqual({ toEndPoint: '+14155550100' });
  });

  it('ignores the phone-only fields for a SIP address (the dialog hides them)', () => {
    const checked = checkDestination({
      destination: 'SIP:desk@PBX.example.com',
      region: 'US',
      allow: ['sip'],
      callerId: 'not a uuid',
      extension: 'x',
      wait: '-1',
    });
    expect(checked).toMatchObject({ ok: true, destination: { kind: 'sip' }, phone: {} });
    expect(checked.ok && checked.args).toEqual({ toEndPoint: 'sip:desk@pbx.example.com' });
  });

  it('reports only the destination when it does not parse', () => {
    const input = { destination: '+1415', region: 'US' as const, allow: BOTH };
    expect(checkDestination({ ...input, extension: 'x' })).toEqual({
      ok: false,
      errors: { destination: errorOf(parseDestination('+1415', { allow: BOTH })) },
    });
  });

  it('refuses a kind the field does not accept', () => {
    const checked = checkDestination({ destination: '+14155550100', region: 'US', allow: ['sip'] });
    expect(checked).toEqual({
      ok: false,
      errors: { destination: errorOf(parseDestination('+14155550100', { allow: ['sip'] })) },
    });
  });

  it("reports every phone option's problem at once, in the validators' words", () => {
    const checked = checkDestination({
      ...PHONE,
      callerId: '+14155550100',
      extension: '12,3',
      wait: '5',
    });
    expect(checked).toEqual({
      ok: false,
      errors: {
        callerId: errorOf(validateCallerId('+14155550100')),
        extension: errorOf(validateExtension('12,3')),
        wait: errorOf(validateWaitSeconds('5', false)),
      },
    });
  });

  it('refuses a wait without an extension, and one over the limit', () => {
    expect(checkDestination({ ...PHONE, wait: '3' })).toEqual({
      ok: false,
      errors: { wait: errorOf(validateWaitSeconds('3', false)) },
    });
    expect(checkDestination({ ...PHONE, extension: '1', wait: '61' })).toEqual({
      ok: false,
      errors: { wait: errorOf(validateWaitSeconds('61', true)) },
    });
  });
});

describe('firstDestinationError', () => {
  it('names the first field in form order', () => {
    expect(firstDestinationError({ wait: 'w', extension: 'x', callerId: 'c' })).toEqual({
      error: 'c',
      field: 'callerId',
    });
    expect(firstDestinationError({ wait: 'w', extension: 'x' })).toEqual({
      error: 'x',
      field: 'extension',
    });
    expect(firstDestinationError({ wait: 'w' })).toEqual({ error: 'w', field: 'wait' });
    expect(firstDestinationError({})).toBeUndefined();
  });
});
