import { describe, expect, it } from 'vitest';
import { dialEventFromWebhook, parseWebhookData, transferInput } from './webhook-event';

const envelope = (type: string, payload: Record<string, unknown>) => ({
  version: '1.0.0',
  id: `id-${type}`,
  type,
  payload,
  event_ts: 1770005095.5,
});

describe('parseWebhookData', () => {
  it('reads a bare envelope, or one wrapped with room and seq by the server', () => {
    const e = envelope('calltransfer.answered', { room: 'support', session_id: 's' });
    expect(parseWebhookData(JSON.stringify(e))).toEqual({
      id: e.id,
      type: e.type,
      payload: e.payload,
      event_ts: e.event_ts,
      room: 'support',
    });
    expect(parseWebhookData(JSON.stringify({ envelope: e, room: 'sales', seq: 7 }))).toMatchObject({
      id: e.id,
      room: 'sales',
      seq: 7,
    });
  });

  it.each(['not json', '[]', '{}', '{"id":"x","type":"t"}', '{"id":1,"type":"t","payload":{}}'])(
    'refuses %s',
    (data) => {
      expect(parseWebhookData(data)).toBeUndefined();
    },
  );
});

describe('transferInput', () => {
  it('maps calltransfer.* to the machine, with is_sip_refer', () => {
    const e = parseWebhookData(
      JSON.stringify(
        envelope('calltransfer.initiated', { session_id: 's', is_sip_refer: true, room: 'r' }),
      ),
    )!;
    expect(transferInput(e)).toEqual({
      type: 'transfer-webhook',
      stage: 'initiated',
      sessionId: 's',
      refer: true,
    });
  });

  it('ignores unknown stages, other families and missing sessions', () => {
    const parse = (type: string, payload: Record<string, unknown>) =>
      parseWebhookData(JSON.stringify(envelope(type, payload)))!;
    expect(transferInput(parse('calltransfer.failed', { session_id: 's' }))).toBeUndefined();
    expect(transferInput(parse('dialin.connected', { session_id: 's' }))).toBeUndefined();
    expect(transferInput(parse('calltransfer.completed', {}))).toBeUndefined();
  });
});

describe('dialEventFromWebhook', () => {
  it('dialin.connected reads like the SDK event (number from sip_from)', () => {
    const e = parseWebhookData(
      JSON.stringify(
        envelope('dialin.connected', {
          session_id: 's',
          sip_from: '"Caller" <sip:+14155550100@pstn.example.com>;tag=1',
          display_name: 'Caller',
          room: 'r',
        }),
      ),
    )!;
    expect(dialEventFromWebhook(e)).toEqual({
      action: 'dialin-connected',
      fromWebhook: true,
      sessionId: 's',
      sipFrom: '"Caller" <sip:+14155550100@pstn.example.com>;tag=1',
      displayName: 'Caller',
    });
  });

  it('errors keep Daily’s text (whatever the field is called), or the type', () => {
    const parse = (payload: Record<string, unknown>) =>
      parseWebhookData(JSON.stringify(envelope('dialout.error', payload)))!;
    expect(dialEventFromWebhook(parse({ session_id: 's', error_msg: 'Busy' }))).toMatchObject({
      action: 'dialout-error',
      errorMsg: 'Busy',
    });
    expect(dialEventFromWebhook(parse({ user_id: 'u' }))).toMatchObject({
      action: 'dialout-error',
      userId: 'u',
      errorMsg: 'dialout.error',
    });
    expect(
      dialEventFromWebhook(parseWebhookData(JSON.stringify(envelope('recording.started', {})))!),
    ).toBeUndefined();
  });
});
