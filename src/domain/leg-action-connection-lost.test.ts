/**
 * `connection-lost`: the connection carrying Daily's answers and events went away while
 * actions were in flight. Whatever happened next was not observed, so they end as "outcome
 * unknown" — never as a timeout that blames the caller for staying, or as a failure.
 */
import { describe, expect, it } from 'vitest';
import {
  isTerminal,
  startAction,
  stepAction,
  type ActionInput,
  type ActionMethod,
  type LegAction,
} from './leg-action';
import {
  OUTCOME_UNKNOWN,
  offersRetry,
  offersTransferInstead,
  outcomeTone,
  phaseLabel,
} from './leg-action-words';

const S = 'leg-1';
const T0 = 1_000_000;
const lost: ActionInput = { type: 'connection-lost' };

function started(method: ActionMethod): LegAction {
  return startAction(
    { id: 'a1', method, sessionId: S, callerName: 'Alice', destination: '+14155550123' },
    T0,
  );
}

function run(action: LegAction, inputs: ActionInput[]): LegAction {
  return inputs.reduce((a, input, i) => stepAction(a, input, T0 + 10 * (i + 1)), action);
}

describe('connection-lost', () => {
  const inFlight: [string, ActionMethod, ActionInput[]][] = [
    ['a transfer just requested', 'transfer', []],
    [
      'a transfer Daily accepted (waiting for the caller to leave)',
      'transfer',
      [{ type: 'resolved' }],
    ],
    ['a refer waiting for the originating system', 'refer', [{ type: 'resolved' }]],
    [
      'a hang-up whose caller left before Daily answered',
      'hang-up',
      [{ type: 'participant-left', sessionId: S }],
    ],
    [
      'a dial-out that is ringing',
      'dial-out',
      [{ type: 'resolved' }, { type: 'dialout-connected', sessionId: S }],
    ],
  ];

  it.each(inFlight)('settles %s as outcome unknown', (_, method, before) => {
    const action = run(started(method), before);
    const after = stepAction(action, lost, T0 + 500);
    expect(after.phase).toBe('outcome-unknown');
    expect(isTerminal(after)).toBe(true);
    expect(after.endedAt).toBe(T0 + 500);
    expect(after.deadline).toBeUndefined();
    expect(phaseLabel(after)).toBe(OUTCOME_UNKNOWN);
    expect(phaseLabel(after)).toBe('Outcome unknown — connection lost');
    expect(outcomeTone(after)).toBe('warning');
    // It may have happened: no retry, no "transfer instead".
    expect(offersRetry(after)).toBe(false);
    expect(offersTransferInstead(after)).toBe(false);
  });

  it('is never reported as a timeout later, nor changed by a late rejection or event', () => {
    const unknown = stepAction(run(started('transfer'), [{ type: 'resolved' }]), lost, T0 + 50);
    const later = run(unknown, [
      { type: 'tick' },
      { type: 'rejected', reason: 'sipCallTransfer() was interrupted' },
      { type: 'participant-left', sessionId: S },
    ]);
    expect(later).toBe(unknown);
    expect(stepAction(unknown, { type: 'tick' }, T0 + 10_000_000)).toBe(unknown);
  });

  it('leaves finished actions and an answered (live) dial-out as they are', () => {
    const done = run(started('transfer'), [
      { type: 'resolved' },
      { type: 'participant-left', sessionId: S },
    ]);
    expect(done.phase).toBe('done');
    expect(stepAction(done, lost, T0 + 100)).toBe(done);
    const answered = run(started('dial-out'), [
      { type: 'resolved' },
      { type: 'dialout-answered', sessionId: S },
    ]);
    expect(answered.phase).toBe('answered');
    expect(stepAction(answered, lost, T0 + 100)).toBe(answered);
  });

  it("yields to Daily's own record: a later calltransfer webhook says it was done", () => {
    const unknown = stepAction(run(started('transfer'), [{ type: 'resolved' }]), lost, T0 + 50);
    const hook = (stage: 'triggered' | 'initiated'): ActionInput => ({
      type: 'transfer-webhook',
      stage,
      sessionId: S,
    });
    const triggered = stepAction(unknown, hook('triggered'), T0 + 60);
    expect(triggered.phase).toBe('outcome-unknown');
    const initiated = stepAction(triggered, hook('initiated'), T0 + 70);
    expect(initiated.phase).toBe('done');
    expect(phaseLabel(initiated)).toBe('Transferred — connecting to the target');
  });
});
