import { describe, expect, it } from 'vitest';
import type { Envelope } from './envelope';
import {
  networkOf,
  projectLeg,
  projectTransfer,
  type LegRow,
  type TransferRow,
} from './projection';

const env = (type: string, payload: Record<string, unknown> = {}): Envelope => ({
  id: type,
  type,
  payload: { room: 'r', session_id: 's1', ...payload },
});

function legs(...types: [string, Record<string, unknown>?][]): LegRow | null {
  let row: LegRow | null = null;
  types.forEach(([t, p], i) => (row = projectLeg(row, env(t, p), 1000 * (i + 1))));
  return row;
}

describe('leg projection', () => {
  it('dial-in: number from sip_from, connected then ended', () => {
    const row = legs(
      ['dialin.connected', { sip_from: 'sip:+14155550100@pstn.example', display_name: 'Caller' }],
      ['dialin.stopped'],
    );
    expect(row).toMatchObject({
      direction: 'dial-in',
      network: 'pstn',
      from_addr: 'sip:+14155550100@pstn.example',
      display_name: 'Caller',
      started_at: 1000,
      ended_at: 2000,
      state: 'ended',
    });
  });

  it('dial-out: ringing, answered, failed with Daily’s text', () => {
    expect(legs(['dialout.connected', { destination: 'sip:bob@x.com' }])).toMatchObject({
      direction: 'dial-out',
      network: 'sip',
      state: 'ringing',
    });
    expect(
      legs(['dialout.connected', { destination: '+442071838750' }], ['dialout.answered']),
    ).toMatchObject({ state: 'answered', network: 'pstn' });
    expect(
      legs(
        ['dialout.connected'],
        ['dialout.error', { error_msg: 'Busy here' }],
        ['dialout.stopped'],
      ),
    ).toMatchObject({ state: 'failed', detail: 'Busy here' });
  });

  it('a transfer or refer moves the leg out, and a late stop does not undo it', () => {
    expect(
      legs(
        ['dialin.connected'],
        ['calltransfer.initiated', { is_sip_refer: false }],
        ['dialin.stopped'],
      ),
    ).toMatchObject({ state: 'transferred', ended_at: 2000 });
    expect(
      legs(['dialin.connected'], ['calltransfer.initiated', { is_sip_refer: true }]),
    ).toMatchObject({ state: 'referred' });
  });

  it('ignores events without a session id or of other families', () => {
    expect(projectLeg(null, { id: 'x', type: 'dialin.ready', payload: {} }, 1)).toBeNull();
    expect(projectLeg(null, env('recording.started'), 1)).toBeNull();
    expect(networkOf('sip:alice@example.com')).toBe('sip');
    expect(networkOf('+14155550100')).toBe('pstn');
    expect(networkOf(null)).toBeNull();
  });
});

describe('transfer projection', () => {
  it('follows triggered → initiated → answered → completed, never backwards', () => {
    let row: TransferRow | null = null;
    const order = ['triggered', 'initiated', 'completed', 'answered'];
    order.forEach((stage, i) => {
      row = projectTransfer(
        row,
        env(`calltransfer.${stage}`, { to_endpoint: '+14155550111', is_sip_refer: false }),
        (i + 1) * 1000,
      );
    });
    expect(row).toMatchObject({
      outcome: 'completed',
      refer: false,
      triggered_at: 1000,
      initiated_at: 2000,
      completed_at: 3000,
      answered_at: 4000,
    });
  });
});
