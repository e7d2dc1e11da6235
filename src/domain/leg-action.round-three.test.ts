/**
 * Issue 15 ("Truth, round three"): each rule the review found saying something the console
 * cannot know, as the agent would read it. Each test failed before the fix.
 */
import { describe, expect, it } from 'vitest';
import { ActionBook } from './action-book';
import {
  DEFAULT_TIMEOUTS,
  isInFlight,
  mayStartOver,
  startAction,
  stepAction,
  type ActionInput,
  type ActionMethod,
  type LegAction,
} from './leg-action';
import { offersTransferInstead, phaseLabel } from './leg-action-words';
import { webhookTimeMs, type WebhookEnvelope } from './webhook-event';

const T0 = 1_700_000_000_000;
const S = 'caller';

const left: ActionInput = { type: 'participant-left', sessionId: S };
const stopped: ActionInput = { type: 'stopped', sessionId: S };
const hook = (stage: 'triggered' | 'initiated' | 'answered' | 'completed'): ActionInput => ({
  type: 'transfer-webhook',
  stage,
  sessionId: S,
});
const rejected: ActionInput = {
  type: 'rejected',
  reason: 'sipCallTransfer() was interrupted: the network connection was interrupted',
};

function begin(method: ActionMethod, observed = false): LegAction {
  return startAction(
    {
      id: `${method}-1`,
      method,
      ...(method === 'dial-out' ? {} : { sessionId: S }),
      callerName: 'Ann',
      destination: 'sip:desk@example.com',
      ...(observed ? { observed } : {}),
    },
    T0,
  );
}

function run(action: LegAction, inputs: ActionInput[], step = 100): LegAction {
  return inputs.reduce((a, input, i) => stepAction(a, input, T0 + step * (i + 1)), action);
}

describe('a rejected promise is not final: later evidence of the hand-over overrides it', () => {
  it('calltransfer.initiated after the rejection → moved', () => {
    const a = run(begin('transfer'), [rejected, hook('initiated')]);
    expect(a.phase).toBe('done');
    expect(phaseLabel(a)).toBe('Transferred — connecting to the target');
  });

  it('Daily accepted (calltransfer.triggered), then the caller left → moved, in either order', () => {
    for (const order of [
      [rejected, hook('triggered'), left],
      [rejected, left, hook('triggered')],
      [left, rejected, hook('triggered')],
      [hook('triggered'), rejected, stopped],
    ]) {
      expect(run(begin('transfer'), order).phase, JSON.stringify(order)).toBe('done');
    }
  });

  it('Daily accepted but the caller is still here → not confirmed, never "failed"', () => {
    const a = run(begin('refer'), [rejected, hook('triggered')]);
    expect(a.phase).toBe('unconfirmed');
    expect(phaseLabel(a)).toBe(
      'Not confirmed: Daily accepted the refer after all (calltransfer.triggered), but the caller is still in this room',
    );
  });

  it('a leave after a time-out of an accepted transfer → moved', () => {
    const accepted = run(begin('transfer'), [{ type: 'resolved' }]);
    const timedOut = stepAction(accepted, { type: 'tick' }, T0 + 100 + DEFAULT_TIMEOUTS.confirm);
    expect(timedOut.phase).toBe('timed-out');
    expect(stepAction(timedOut, left, timedOut.updatedAt + 1).phase).toBe('done');
  });

  it('a rejection with no sign of Daily acting stays failed; an error event is final', () => {
    expect(run(begin('transfer'), [rejected, left]).phase).toBe('failed');
    const errored = run(begin('transfer'), [{ type: 'error', sessionId: S, message: 'boom' }]);
    expect(stepAction(errored, hook('initiated'), T0 + 500).phase).toBe('failed');
  });
});

describe('completed is not answered', () => {
  it('only calltransfer.completed reads "call ended"', () => {
    const a = run(begin('transfer'), [{ type: 'resolved' }, left, hook('completed')]);
    expect(phaseLabel(a)).toBe('Transferred — call ended');
    expect(phaseLabel(a)).not.toMatch(/answered/);
    const both = run(a, [hook('answered')]);
    expect(phaseLabel(both)).toBe('Transferred — answered by the target; call completed');
  });
});

describe('observed actions (started elsewhere)', () => {
  const init = {
    id: 'observed-caller',
    method: 'transfer' as const,
    sessionId: S,
    callerName: 'Ann',
    destination: 'sip:desk@example.com',
    observed: true,
  };

  it('take the leave events that came before their first webhook', () => {
    const book = new ActionBook();
    book.dispatch(left, T0 + 10);
    book.dispatch(stopped, T0 + 20);
    book.start(init, T0 + 30);
    expect(book.get(init.id)?.phase).toBe('left-pending');
    book.dispatch(hook('triggered'), T0 + 40);
    expect(phaseLabel(book.get(init.id)!)).toBe('Moved out of this room');
  });

  it('never say "timed out" (this console did not make the request)', () => {
    const a = run(begin('transfer', true), [hook('triggered')]);
    const after = stepAction(a, { type: 'tick' }, T0 + 100 + DEFAULT_TIMEOUTS.confirm);
    expect(after.phase).toBe('unconfirmed');
  });

  it('replayed to a late joiner past its bound: finished, with its real start time', () => {
    const book = new ActionBook();
    const happened = T0 - 5 * 60_000;
    book.start({ ...init, method: 'refer' }, happened);
    book.dispatch({ ...hook('triggered'), refer: true } as ActionInput, happened);
    book.dispatch({ type: 'tick' }, T0);
    const a = book.get(init.id)!;
    expect(isInFlight(a)).toBe(false);
    expect(a.phase).toBe('unconfirmed');
    expect(a.startedAt).toBe(happened);
  });
});

describe('an agent can always end a call', () => {
  it('no pending transfer or refer holds a hang-up back; a hang-up waits only for a hang-up', () => {
    for (const method of ['transfer', 'refer', 'dial-out'] as const) {
      expect(mayStartOver(begin(method), 'hang-up')).toBe(true);
      expect(mayStartOver(begin(method), 'transfer')).toBe(false);
    }
    expect(mayStartOver(begin('hang-up'), 'hang-up')).toBe(false);
    expect(mayStartOver(undefined, 'refer')).toBe(true);
  });

  it('a warning during a pending refer offers a transfer at once; "no word" never beside it', () => {
    const warned = run(begin('refer'), [
      { type: 'resolved' },
      { type: 'warning', sessionId: S, message: 'SIP REFER rejected (603 Decline)' },
    ]);
    expect(isInFlight(warned)).toBe(true);
    expect(offersTransferInstead(warned)).toBe(true);
    expect(mayStartOver(warned, 'transfer')).toBe(true);
    expect(mayStartOver(warned, 'refer')).toBe(false);
    expect(phaseLabel(warned)).toMatch(/may yet complete/);
    const later = stepAction(warned, { type: 'tick' }, T0 + 200 + DEFAULT_TIMEOUTS.confirm);
    expect(phaseLabel(later)).not.toMatch(/no word/);
  });
});

describe('webhookTimeMs', () => {
  const env = (event_ts?: number, timestamp?: unknown): WebhookEnvelope => ({
    id: 'x',
    type: 'calltransfer.triggered',
    payload: timestamp === undefined ? {} : { timestamp },
    ...(event_ts === undefined ? {} : { event_ts }),
  });
  it("reads Daily's seconds (and milliseconds), never later than now", () => {
    expect(webhookTimeMs(env(1_700_000_000.5), T0 + 10_000)).toBe(1_700_000_000_500);
    expect(webhookTimeMs(env(1_700_000_000_250), T0 + 10_000)).toBe(1_700_000_000_250);
    expect(webhookTimeMs(env(undefined, '1700000001'), T0 + 10_000)).toBe(1_700_000_001_000);
    expect(webhookTimeMs(env(1_800_000_000), T0)).toBe(T0);
    expect(webhookTimeMs(env(), T0)).toBe(T0);
  });
});

describe('an action replaced by another on its leg', () => {
  it("a refer the agent replaced with a transfer never takes the transfer's leave as its own", () => {
    const book = new ActionBook();
    const leg = { sessionId: S, callerName: 'Ann', destination: 'sip:desk@example.com' };
    book.start({ id: 'r', method: 'refer', ...leg }, T0);
    book.send('r', { type: 'resolved' }, T0 + 10);
    book.dispatch({ type: 'warning', sessionId: S, message: 'REFER rejected' }, T0 + 20);
    book.start({ id: 't', method: 'transfer', ...leg }, T0 + 30);
    expect(book.get('r')?.phase).toBe('unconfirmed');
    book.send('t', { type: 'resolved' }, T0 + 40);
    book.dispatch(left, T0 + 50);
    book.dispatch({ ...hook('triggered'), refer: false } as ActionInput, T0 + 60);
    book.dispatch(hook('completed'), T0 + 70);
    expect(book.get('t')?.phase).toBe('done');
    expect(book.get('r')?.phase).toBe('unconfirmed');
    expect(phaseLabel(book.get('r')!)).toMatch(/the agent started a transfer/);
  });

  it('a hang-up during a pending transfer: the transfer is not "moved"', () => {
    const book = new ActionBook();
    const leg = { sessionId: S, callerName: 'Ann', destination: '' };
    book.start({ id: 't', method: 'transfer', ...leg }, T0);
    book.start({ id: 'h', method: 'hang-up', via: 'eject', ...leg }, T0 + 10);
    book.send('h', { type: 'resolved' }, T0 + 20);
    book.dispatch(stopped, T0 + 30);
    expect(book.get('h')?.phase).toBe('done');
    expect(phaseLabel(book.get('t')!)).toMatch(/^Not confirmed: the agent hung up/);
  });
});
