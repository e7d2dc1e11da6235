import { describe, expect, it } from 'vitest';
import {
  notJoinedMessage,
  validateDelay,
  validateDialInOptions,
  validateExtensionOptions,
  validateParticipantUpdates,
  validateSendDtmfOptions,
  validateStartDialOutOptions,
  validateStopDialOutOptions,
  validateTransferOptions,
} from './sandbox-validate';

const SESSION = '2f0d5c3e-0000-4000-8000-000000000001';

describe('validateTransferOptions', () => {
  it('accepts SIP and PSTN targets', () => {
    expect(
      validateTransferOptions({ sessionId: SESSION, toEndPoint: 'sip:a@b.c' }, 'sipCallTransfer'),
    ).toBeUndefined();
    expect(
      validateTransferOptions(
        {
          sessionId: SESSION,
          toEndPoint: '+14155550100',
          callerId: 'x',
          extension: '12',
          waitBeforeExtensionDialSec: 5,
        },
        'sipCallTransfer',
      ),
    ).toBeUndefined();
    expect(
      validateTransferOptions({ sessionId: SESSION, toEndPoint: 'sip:a@b.c' }, 'sipRefer'),
    ).toBeUndefined();
  });

  it('reports a missing options object with each method’s own wording', () => {
    expect(validateTransferOptions(undefined, 'sipCallTransfer')).toBe(
      'sipCallTransfer() requires a sessionId and toEndPoint',
    );
    expect(validateTransferOptions(undefined, 'sipRefer')).toBe(
      'sessionId and toEndPoint are mandatory parameter',
    );
  });

  it('treats the toEndpoint spelling as a missing toEndPoint', () => {
    const options = { sessionId: SESSION, toEndpoint: 'sip:a@b.c' };
    expect(validateTransferOptions(options, 'sipCallTransfer')).toBe(
      'sipCallTransfer() requires a sessionId and toEndPoint',
    );
    expect(validateTransferOptions(options, 'sipRefer')).toBe(
      'sipRefer() requires a sessionId and toEndPoint',
    );
  });

  it('keeps daily-js’s typo for non-string arguments', () => {
    expect(validateTransferOptions({ sessionId: 42, toEndPoint: 'sip:a@b.c' }, 'sipRefer')).toBe(
      'Invalid paramater: sessionId and toEndPoint must be of type string',
    );
  });

  it('requires sip: for sipRefer (sips: included) and sip:/+ for transfers', () => {
    expect(
      validateTransferOptions({ sessionId: SESSION, toEndPoint: '+14155550100' }, 'sipRefer'),
    ).toBe('"toEndPoint" must be a "sip" address');
    expect(
      validateTransferOptions({ sessionId: SESSION, toEndPoint: 'sips:a@b.c' }, 'sipRefer'),
    ).toBe('"toEndPoint" must be a "sip" address');
    expect(
      validateTransferOptions({ sessionId: SESSION, toEndPoint: 'sips:a@b.c' }, 'sipCallTransfer'),
    ).toBe('toEndPoint: sips:a@b.c must starts with either "sip:" or "+"');
    expect(
      validateTransferOptions({ sessionId: SESSION, toEndPoint: '14155550100' }, 'sipCallTransfer'),
    ).toBe('toEndPoint: 14155550100 must starts with either "sip:" or "+"');
  });

  it('allows callerId only for PSTN targets', () => {
    expect(
      validateTransferOptions(
        { sessionId: SESSION, toEndPoint: 'sip:a@b.c', callerId: 'id' },
        'sipCallTransfer',
      ),
    ).toBe('callerId is only valid when transferring to a PSTN number');
    expect(
      validateTransferOptions(
        { sessionId: SESSION, toEndPoint: '+1415', callerId: 7 },
        'sipCallTransfer',
      ),
    ).toBe('callerId must be of type string');
  });

  it('runs the extension rules for sipCallTransfer only', () => {
    const long = { sessionId: SESSION, toEndPoint: '+14155550100', extension: '1'.repeat(21) };
    expect(validateTransferOptions(long, 'sipCallTransfer')).toBe(
      'Error starting dial out: extension length must be less than or equal to 20',
    );
    const waitOnly = {
      sessionId: SESSION,
      toEndPoint: '+14155550100',
      waitBeforeExtensionDialSec: 5,
    };
    expect(validateTransferOptions(waitOnly, 'sipCallTransfer')).toBe(
      'Error starting dial out: waitBeforeExtensionDialSec requires a phoneNumber and extension',
    );
  });
});

describe('validateExtensionOptions', () => {
  it('reproduces every extension message', () => {
    expect(validateExtensionOptions({ extension: 12 })).toBe(
      'Error starting dial out: extension must be a string',
    );
    expect(validateExtensionOptions({ extension: '1'.repeat(20) })).toBeUndefined();
    expect(validateExtensionOptions({ extension: '1', waitBeforeExtensionDialSec: '5' })).toBe(
      'Error starting dial out: waitBeforeExtensionDialSec must be a number',
    );
    expect(validateExtensionOptions({ extension: '1', waitBeforeExtensionDialSec: 61 })).toBe(
      'Error starting dial out: waitBeforeExtensionDialSec must be less than or equal to 60',
    );
    expect(
      validateExtensionOptions({ extension: '1', waitBeforeExtensionDialSec: 60 }),
    ).toBeUndefined();
  });

  it('skips a zero wait and lets negatives through, like daily-js', () => {
    expect(validateExtensionOptions({ waitBeforeExtensionDialSec: 0 })).toBeUndefined();
    expect(
      validateExtensionOptions({ extension: '1', waitBeforeExtensionDialSec: -3 }),
    ).toBeUndefined();
  });
});

describe('validateStartDialOutOptions', () => {
  it('accepts a phone number or a SIP URI', () => {
    expect(
      validateStartDialOutOptions({ phoneNumber: '+14155550100', callerId: 'id' }),
    ).toBeUndefined();
    expect(validateStartDialOutOptions({ sipUri: 'sip:a@b.c', provider: 'daily' })).toBeUndefined();
  });

  it('requires exactly one of sipUri and phoneNumber', () => {
    expect(validateStartDialOutOptions({})).toBe(
      'Error starting dial out: either a sip uri or phone number must be provided',
    );
    expect(validateStartDialOutOptions({ sipUri: 'sip:a@b.c', phoneNumber: '+1415' })).toBe(
      'Error starting dial out: only one of sip uri or phone number must be provided',
    );
  });

  it('checks the SIP URI and phone number formats', () => {
    expect(validateStartDialOutOptions({ sipUri: 'sips:a@b.c' })).toBe(
      "Error starting dial out: Invalid SIP URI, must start with 'sip:'",
    );
    expect(validateStartDialOutOptions({ phoneNumber: '+1 415 555 0100' })).toBe(
      'Error starting dial out: Invalid phone number, must be valid phone number as per E.164',
    );
    expect(validateStartDialOutOptions({ phoneNumber: '14155550100' })).toBe(
      'Error starting dial out: Invalid phone number, must be valid phone number as per E.164',
    );
    expect(validateStartDialOutOptions({ sipUri: 7 })).toBe(
      'Error starting dial out: sipUri must be a string',
    );
  });

  it('checks callerId, displayName, userId, extension and provider', () => {
    expect(validateStartDialOutOptions({ sipUri: 'sip:a@b.c', callerId: 'id' })).toBe(
      'Error starting dial out: callerId not allowed with sipUri',
    );
    expect(
      validateStartDialOutOptions({ phoneNumber: '+1415', displayName: 'x'.repeat(200) }),
    ).toBe('Error starting dial out: displayName length must be less than 200');
    expect(
      validateStartDialOutOptions({ phoneNumber: '+1415', displayName: 'x'.repeat(199) }),
    ).toBeUndefined();
    expect(validateStartDialOutOptions({ phoneNumber: '+1415', userId: 'u'.repeat(37) })).toBe(
      'Error starting dial out: userId length must be less than or equal to 36',
    );
    expect(validateStartDialOutOptions({ phoneNumber: '+1415', extension: '1'.repeat(21) })).toBe(
      'Error starting dial out: extension length must be less than or equal to 20',
    );
    expect(
      validateStartDialOutOptions({
        phoneNumber: '+1415',
        waitBeforeExtensionDialSec: 61,
        extension: '1',
      }),
    ).toBe('Error starting dial out: waitBeforeExtensionDialSec must be less than or equal to 60');
    expect(validateStartDialOutOptions({ phoneNumber: '+1415', provider: 'daily' })).toBe(
      'Error starting dial out: provider valid only for sipUri, not phoneNumber',
    );
    expect(validateStartDialOutOptions({ sipUri: 'sip:a@b.c', provider: 'twilio' })).toBe(
      "Error: provider can be set only to 'daily' or 'signalwire', got: twilio",
    );
  });

  it('checks video settings and codecs for SIP targets', () => {
    expect(
      validateStartDialOutOptions({ sipUri: 'sip:a@b.c', videoSettings: { width: 640 } }),
    ).toBe('Error starting dial out: videoSettings provided but video is not enabled');
    expect(
      validateStartDialOutOptions({
        sipUri: 'sip:a@b.c',
        video: true,
        videoSettings: { width: 1281 },
      }),
    ).toBe('Error starting dial out: videoSettings.width must be less than or equal to 1280');
    expect(
      validateStartDialOutOptions({
        sipUri: 'sip:a@b.c',
        video: true,
        videoSettings: { videoBitrate: 1001 },
      }),
    ).toBe(
      'Error starting dial out: videoSettings.videoBitrate must be less than or equal to 1000 kbps',
    );
    expect(
      validateStartDialOutOptions({
        sipUri: 'sip:a@b.c',
        video: true,
        videoSettings: { fps: 1.5 },
      }),
    ).toBe('Error starting dial out: videoSettings.fps must be a positive integer');
    expect(validateStartDialOutOptions({ sipUri: 'sip:a@b.c', codecs: { audio: [] } })).toBe(
      'Error starting dial out: audio codec array specified but empty',
    );
    expect(validateStartDialOutOptions({ sipUri: 'sip:a@b.c', codecs: { video: ['AV1'] } })).toBe(
      'Error starting dial out: video codec must be H264 or VP8',
    );
    expect(validateStartDialOutOptions({ phoneNumber: '+1415', codecs: { audio: ['MP3'] } })).toBe(
      'Error starting dial out: audio codec must be one of OPUS, PCMU, PCMA, G722',
    );
  });

  it('fails like daily-js on a missing options object', () => {
    expect(validateStartDialOutOptions(undefined)).toBe(
      "Cannot read properties of undefined (reading 'sipUri')",
    );
  });
});

describe('validateSendDtmfOptions', () => {
  it('accepts valid tones', () => {
    expect(
      validateSendDtmfOptions({ sessionId: SESSION, tones: '0123456789ABCD*#' }),
    ).toBeUndefined();
    expect(
      validateSendDtmfOptions({
        sessionId: SESSION,
        tones: '1',
        method: 'sip-info',
        digitDurationMs: 50,
      }),
    ).toBeUndefined();
    expect(
      validateSendDtmfOptions({ sessionId: SESSION, tones: '1', digitDurationMs: 2000 }),
    ).toBeUndefined();
  });

  it('reproduces every DTMF message', () => {
    expect(validateSendDtmfOptions({ sessionId: SESSION })).toBe(
      'sessionId and tones are mandatory parameter',
    );
    expect(validateSendDtmfOptions({ sessionId: SESSION, tones: 1 })).toBe(
      'sessionId and tones should be of string type',
    );
    expect(validateSendDtmfOptions({ sessionId: SESSION, tones: '1'.repeat(21) })).toBe(
      'tones string must be upto 20 characters',
    );
    expect(validateSendDtmfOptions({ sessionId: SESSION, tones: '12e4' })).toBe(
      'e is not valid DTMF tone',
    );
    expect(validateSendDtmfOptions({ sessionId: SESSION, tones: '1', method: 'rfc2833' })).toBe(
      "method must be one of 'sip-info', 'telephone-event', or 'auto'",
    );
    expect(validateSendDtmfOptions({ sessionId: SESSION, tones: '1', digitDurationMs: '60' })).toBe(
      'digitDurationMs must be a number',
    );
    expect(validateSendDtmfOptions({ sessionId: SESSION, tones: '1', digitDurationMs: 60.5 })).toBe(
      'digitDurationMs must be a finite integer number',
    );
    expect(validateSendDtmfOptions({ sessionId: SESSION, tones: '1', digitDurationMs: 49 })).toBe(
      'digitDurationMs must be between 50ms and 2000ms',
    );
    expect(validateSendDtmfOptions({ sessionId: SESSION, tones: '1', digitDurationMs: 2001 })).toBe(
      'digitDurationMs must be between 50ms and 2000ms',
    );
  });
});

describe('the other validators', () => {
  it('stopDialOut needs a string sessionId', () => {
    expect(validateStopDialOutOptions({ sessionId: SESSION })).toBeUndefined();
    expect(validateStopDialOutOptions({})).toBe(
      'stopDialOut() requires a sessionId of type string',
    );
  });

  it('updateParticipant rejects unknown keys', () => {
    expect(validateParticipantUpdates({ eject: true })).toBeUndefined();
    expect(validateParticipantUpdates({ kick: true })).toBe(
      'unrecognized updateParticipant property kick',
    );
  });

  it('the join guard names the method', () => {
    expect(notJoinedMessage('sendDTMF')).toBe('sendDTMF() only supported after join.');
  });

  it('dial-in needs E.164 for PSTN and sip:user@host for SIP', () => {
    expect(validateDialInOptions({ kind: 'pstn', from: '+14155550100' })).toBeUndefined();
    expect(
      validateDialInOptions({ kind: 'sip', from: 'sip:carol@sip.example.com' }),
    ).toBeUndefined();
    expect(validateDialInOptions({ kind: 'pstn', from: '555-CALL' })).toMatch(/not an E\.164/);
    expect(validateDialInOptions({ kind: 'pstn', from: '+0415' })).toMatch(/not an E\.164/);
    expect(validateDialInOptions({ kind: 'sip', from: 'carol@sip.example.com' })).toMatch(
      /not a SIP/,
    );
    expect(validateDialInOptions({ kind: 'sip', from: 'sip:sip.example.com' })).toMatch(
      /not a SIP/,
    );
    expect(validateDialInOptions({ kind: 'fax', from: '+1415' })).toMatch(/kind/);
  });

  it('delays are non-negative finite numbers', () => {
    expect(validateDelay('latencyMs', 0)).toBeUndefined();
    expect(validateDelay('latencyMs', -1)).toMatch(/latencyMs/);
    expect(validateDelay('latencyMs', Number.POSITIVE_INFINITY)).toMatch(/latencyMs/);
    expect(validateDelay('latencyMs', '5')).toMatch(/latencyMs/);
  });
});

describe('permissions.canReceive on startDialOut (daily-js 0.92.2 messages)', () => {
  const dial = (canReceive: unknown) =>
    validateStartDialOutOptions({ phoneNumber: '+14155550100', permissions: { canReceive } });
  it('accepts boolean shorthands and complete objects', () => {
    expect(dial({ base: false })).toBeUndefined();
    expect(dial({ byUserId: { bot: { audio: true } } })).toBeUndefined();
    expect(
      dial({
        base: {
          video: false,
          audio: true,
          screenVideo: false,
          screenAudio: false,
          customVideo: { '*': false },
          customAudio: { '*': false },
        },
      }),
    ).toBeUndefined();
  });
  it('rejects what daily-js rejects, with its words', () => {
    expect(dial('all')).toBe('canReceive must be an object');
    expect(dial({ everyone: true })).toBe(
      'canReceive can only contain keys (base, byUserId, byParticipantId)',
    );
    expect(dial({ base: { audio: true } })).toMatch(/"base" permission must specify all media/);
    expect(dial({ byUserId: { bot: { audio: 'yes' } } })).toBe(
      "invalid (non-boolean) value for media type 'audio' in canReceive",
    );
    expect(dial({ byUserId: { bot: { smell: true } } })).toBe(
      "invalid media type 'smell' in canReceive",
    );
    expect(dial({ byParticipantId: 3 })).toBe(
      "invalid (non-object) value for field 'byParticipantId' in canReceive",
    );
  });
});
