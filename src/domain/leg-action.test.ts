import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIMEOUTS,
  TERMINAL_PHASES,
  isInFlight,
  isTerminal,
  matchesSession,
  maxPendingMs,
  nextDeadline,
  startAction,
  stepAction,
  type ActionInput,
  type ActionMethod,
  type HangUpVia,
  type LegAction,
  type Timeouts,
} from './leg-action';
import {
  offersRetry,
  offersTransferInstead,
  outcomeTone,
  phaseLabel,
  rowShowsOwnState,
} from './leg-action-words';

const T0 = 1_700_000_000_000;
const S = 'caller-session';

function start(method: ActionMethod, opts: { via?: HangUpVia; timeouts?: Timeouts } = {}) {
  return startAction(
    {
      id: `${method}-1`,
      method,
      ...(opts.via ? { via: opts.via } : {}),
      ...(method === 'dial-out' ? {} : { sessionId: S }),
      legType: 'pstn-dial-in',
      callerName: 'Alice',
      destination: method === 'hang-up' ? '' : '+15551234567',
    },
    T0,
    opts.timeouts,
  );
}

/** Applies inputs in order; each is [input, ms after T0]. */
function run(action: LegAction, steps: [ActionInput, number][], timeouts?: Timeouts): LegAction {
  return steps.reduce((a, [input, dt]) => stepAction(a, input, T0 + dt, timeouts), action);
}

const left = (sessionId = S): ActionInput => ({ type: 'participant-left', sessionId });
const stopped = (sessionId = S): ActionInput => ({ type: 'stopped', sessionId });
const resolved = (sessionId?: string): ActionInput =>
  sessionId === undefined ? { type: 'resolved' } : { type: 'resolved', sessionId };
const rejected = (reason: string): ActionInput => ({ type: 'rejected', reason });
const warning = (message: string, sessionId = S): ActionInput => ({
  type: 'warning',
  sessionId,
  message,
});
const tick: ActionInput = { type: 'tick' };
const hook = (stage: 'triggered' | 'initiated' | 'answered' | 'completed'): ActionInput => ({
  type: 'transfer-webhook',
  stage,
  sessionId: S,
});

describe('startAction', () => {
  it('starts in requested with a request deadline and one history entry', () => {
    const a = start('transfer');
    expect(a.phase).toBe('requested');
    expect(a.deadline).toBe(T0 + DEFAULT_TIMEOUTS.request);
    expect(a.history).toEqual([{ phase: 'requested', at: T0 }]);
    expect(a.target).toEqual({});
    expect(a.via).toBeUndefined();
  });

  it('a hang-up defaults to eject', () => {
    expect(start('hang-up').via).toBe('eject');
    expect(start('hang-up', { via: 'stop-dial-out' }).via).toBe('stop-dial-out');
  });

  it('the longest pending time covers request + the longest later bound', () => {
    expect(maxPendingMs()).toBe(15_000 + 90_000);
  });
});

describe('helpers', () => {
  it('lists exactly the terminal phases', () => {
    expect([...TERMINAL_PHASES].sort()).toEqual(
      ['caller-hung-up', 'done', 'failed', 'outcome-unknown', 'timed-out', 'unconfirmed'].sort(),
    );
  });

  it('matches only a known, equal session id', () => {
    expect(matchesSession(start('transfer'), S)).toBe(true);
    expect(matchesSession(start('transfer'), 'x')).toBe(false);
    expect(matchesSession(start('dial-out'), undefined)).toBe(false);
  });

  it('nextDeadline is the earliest deadline of pending actions', () => {
    const a = start('transfer');
    const b = stepAction(start('refer'), resolved(), T0 + 10);
    expect(nextDeadline([])).toBeUndefined();
    expect(nextDeadline([b, a])).toBe(a.deadline);
    expect(nextDeadline([stepAction(a, rejected('x'), T0 + 1)])).toBeUndefined();
  });

  it('an answered dial-out is not in flight; pending actions are', () => {
    let d = stepAction(start('dial-out'), resolved('x'), T0 + 1);
    expect(isInFlight(d)).toBe(true);
    d = stepAction(d, { type: 'dialout-answered', sessionId: 'x' }, T0 + 2);
    expect(d.phase).toBe('answered');
    expect(isInFlight(d)).toBe(false);
    expect(d.deadline).toBeUndefined();
  });
});

describe('transfer', () => {
  it('accepted, then either leave event → moved out of this room at once', () => {
    for (const ev of [left(), stopped()]) {
      const a = run(start('transfer'), [
        [resolved(), 10],
        [ev, 20],
      ]);
      expect(a.phase).toBe('done');
      expect(phaseLabel(a)).toBe('Moved out of this room');
      expect(a.endedAt).toBe(T0 + 20);
    }
  });

  it('leave events before the promise resolves → left-pending, then done on resolve', () => {
    let a = run(start('transfer'), [
      [left(), 10],
      [stopped(), 11],
    ]);
    expect(a.phase).toBe('left-pending');
    expect(phaseLabel(a)).toMatch(/^Caller left this room — waiting for Daily/);
    expect(a.deadline).toBe(T0 + DEFAULT_TIMEOUTS.request);
    a = stepAction(a, resolved(), T0 + 12);
    expect(a.phase).toBe('done');
  });

  it('left, then rejected → caller hung up, quoting Daily', () => {
    const a = run(start('transfer'), [
      [left(), 10],
      [rejected('no such session'), 20],
    ]);
    expect(a.phase).toBe('caller-hung-up');
    expect(phaseLabel(a)).toBe(
      'Caller hung up: the caller left before Daily accepted the transfer (Daily said: no such session)',
    );
  });

  it('left, and Daily never answers → not confirmed (never "hung up", never "transferred")', () => {
    const a = run(start('transfer'), [
      [left(), 10],
      [tick, DEFAULT_TIMEOUTS.request],
    ]);
    expect(a.phase).toBe('unconfirmed');
    expect(phaseLabel(a)).toBe(
      'Not confirmed: the caller left this room, but Daily did not answer the request within 15s',
    );
  });

  it('rejected → failed with the SDK text; empty text still gives words', () => {
    expect(phaseLabel(run(start('transfer'), [[rejected('Not allowed'), 5]]))).toBe(
      'Transfer failed: Not allowed',
    );
    expect(phaseLabel(run(start('transfer'), [[rejected('  '), 5]]))).toBe(
      'Transfer failed: Daily reported an error without a message',
    );
  });

  it('accepted but the caller never leaves → timed out, saying the caller is still here', () => {
    const a = run(start('transfer'), [
      [resolved(), 10],
      [tick, 10 + DEFAULT_TIMEOUTS.confirm],
    ]);
    expect(a.phase).toBe('timed-out');
    expect(phaseLabel(a)).toBe(
      'Timed out: Daily accepted the transfer, but the caller was still in this room within 30s',
    );
  });

  it('a warning is a note, never a failure', () => {
    const a = run(start('transfer'), [
      [resolved(), 10],
      [warning('Codec fallback to PCMU'), 20],
    ]);
    expect(a.phase).toBe('accepted');
    expect(a.warning).toBe('Codec fallback to PCMU');
    expect(a.history.at(-1)).toEqual({
      phase: 'accepted',
      at: T0 + 20,
      note: 'Warning: Codec fallback to PCMU',
    });
  });

  it('an error on the leg fails it with Daily’s text', () => {
    const a = run(start('transfer'), [
      [resolved(), 10],
      [{ type: 'error', sessionId: S, message: 'SDP negotiation failed' }, 20],
    ]);
    expect(phaseLabel(a)).toBe('Transfer failed: SDP negotiation failed');
  });

  it('ignores other sessions, duplicates and dial-out events', () => {
    const a = run(start('transfer'), [[resolved(), 10]]);
    expect(stepAction(a, left('other'), T0 + 20)).toBe(a);
    expect(stepAction(a, { type: 'dialout-answered', sessionId: S }, T0 + 20)).toBe(a);
    const done = stepAction(a, left(), T0 + 30);
    expect(stepAction(done, stopped(), T0 + 40)).toBe(done);
    expect(stepAction(done, tick, T0 + 10 ** 9)).toBe(done);
  });
});

describe('webhooks (calltransfer.*)', () => {
  it('triggered accepts, initiated moves, answered and completed annotate', () => {
    let a = run(start('transfer'), [[hook('triggered'), 5]]);
    expect(a.phase).toBe('accepted');
    a = stepAction(a, hook('initiated'), T0 + 6);
    expect(phaseLabel(a)).toBe('Transferred — connecting to the target');
    a = stepAction(a, hook('answered'), T0 + 7);
    expect(phaseLabel(a)).toBe('Transferred — answered by the target');
    a = stepAction(a, hook('completed'), T0 + 8);
    expect(phaseLabel(a)).toBe('Transferred — answered by the target; call completed');
    expect(a.target).toEqual({
      triggeredAt: T0 + 5,
      initiatedAt: T0 + 6,
      answeredAt: T0 + 7,
      completedAt: T0 + 8,
    });
    expect(stepAction(a, hook('completed'), T0 + 9)).toBe(a);
  });

  it('correct a transfer this console had timed out', () => {
    let a = run(start('transfer'), [
      [resolved(), 10],
      [tick, 10 + DEFAULT_TIMEOUTS.confirm],
    ]);
    expect(a.phase).toBe('timed-out');
    a = stepAction(a, hook('initiated'), T0 + 40_000);
    expect(a.phase).toBe('done');
  });

  it('correct a "hung up" caller Daily handed over; leave another leg or a refer alone', () => {
    // Issue 15: a rejected promise is not final (daily-js can reject after Daily acted).
    const hung = run(start('transfer'), [
      [left(), 1],
      [rejected('gone'), 2],
    ]);
    expect(hung.phase).toBe('caller-hung-up');
    expect(stepAction(hung, hook('answered'), T0 + 3).phase).toBe('done');
    const t = start('transfer');
    expect(stepAction(t, { ...hook('initiated'), sessionId: 'other' } as ActionInput, T0)).toBe(t);
    const r = start('refer');
    expect(stepAction(r, { ...hook('initiated'), refer: false } as ActionInput, T0)).toBe(r);
    expect(stepAction(start('hang-up'), hook('initiated'), T0).phase).toBe('requested');
  });

  it('a refer confirmed by webhook says Daily left the call', () => {
    const a = run(start('refer'), [[{ ...hook('initiated'), refer: true } as ActionInput, 5]]);
    expect(phaseLabel(a)).toBe('Referred — Daily has left the call');
  });
});

describe('refer', () => {
  it('accepted reads as waiting for the originating system, and warnings do not fail it', () => {
    const a = run(start('refer'), [
      [resolved(), 10],
      [warning('SIP REFER rejected by the originating system (603 Decline)'), 20],
    ]);
    // Issue 15: a warning offers "Transfer instead" at once, and says the refer may complete.
    expect(phaseLabel(a)).toBe(
      'Refer still pending after a warning from Daily — it may yet complete; you can transfer instead',
    );
    expect(a.phase).toBe('accepted');
    expect(offersTransferInstead(a)).toBe(true);
    expect(phaseLabel(run(start('refer'), [[resolved(), 10]]))).toBe(
      'Refer requested — waiting for the originating system…',
    );
  });

  it('no word within the bound → not confirmed, caller still here, transfer offered', () => {
    const a = run(start('refer'), [
      [resolved(), 10],
      [tick, 10 + DEFAULT_TIMEOUTS.confirm],
    ]);
    expect(a.phase).toBe('unconfirmed');
    expect(phaseLabel(a)).toBe(
      'Not confirmed: no word from the originating system within 30s — the caller is still in this room (it may not accept REFER)',
    );
    expect(offersTransferInstead(a)).toBe(true);
    expect(outcomeTone(a)).toBe('warning');
  });

  it('the caller leaving → referred; a failed refer of a caller who left offers nothing', () => {
    const a = run(start('refer'), [
      [resolved(), 10],
      [stopped(), 20],
    ]);
    expect(phaseLabel(a)).toBe('Referred — the caller left this room');
    expect(offersTransferInstead(a)).toBe(false);
    expect(offersTransferInstead(run(start('refer'), [[rejected('x'), 1]]))).toBe(true);
  });
});

describe('hang-up', () => {
  it('stopped (the phone leg ended) → hung up, by either method', () => {
    for (const via of ['eject', 'stop-dial-out'] as const) {
      const a = run(start('hang-up', { via }), [
        [resolved(), 1],
        [stopped(), 2],
      ]);
      expect(phaseLabel(a)).toBe('Hung up');
    }
  });

  it('eject: participant-left alone is "removed from this room", not "hung up"', () => {
    let a = run(start('hang-up', { via: 'eject' }), [
      [resolved(), 1],
      [left(), 2],
    ]);
    expect(a.phase).toBe('left-room');
    expect(phaseLabel(a)).toBe(
      'Removed from this room — waiting for Daily to confirm the line closed…',
    );
    a = stepAction(a, tick, T0 + 2 + DEFAULT_TIMEOUTS.confirm);
    expect(a.phase).toBe('unconfirmed');
    expect(phaseLabel(a)).toBe(
      'Not confirmed: removed from this room; Daily did not confirm within 30s that the phone line closed',
    );
  });

  it('eject: left-room then stopped → hung up', () => {
    const a = run(start('hang-up', { via: 'eject' }), [
      [resolved(), 1],
      [left(), 2],
      [stopped(), 3],
    ]);
    expect(a.phase).toBe('done');
  });

  it('stopDialOut accepted + participant-left → hung up (Daily stopped that dial-out)', () => {
    const a = run(start('hang-up', { via: 'stop-dial-out' }), [
      [resolved(), 1],
      [left(), 2],
    ]);
    expect(a.phase).toBe('done');
  });

  it('the leg ended before Daily answered, then Daily refused → caller already hung up', () => {
    const a = run(start('hang-up', { via: 'stop-dial-out' }), [
      [left(), 1],
      [rejected('NOT_FOUND'), 2],
    ]);
    expect(phaseLabel(a)).toBe('Caller already hung up');
  });
});

describe('dial-out', () => {
  const id = 'dial-out-1';

  it('resolved with a session: dialing → ringing → answered → call ended', () => {
    let a = run(start('dial-out'), [[resolved('x'), 5]]);
    expect(a.sessionId).toBe('x');
    expect(a.deadline).toBe(T0 + 5 + DEFAULT_TIMEOUTS.ring);
    a = run(a, [[{ type: 'dialout-connected', sessionId: 'x' }, 6]]);
    expect(phaseLabel(a)).toBe('Ringing…');
    expect(a.deadline).toBe(T0 + 6 + DEFAULT_TIMEOUTS.answer);
    a = run(a, [[{ type: 'dialout-answered', sessionId: 'x' }, 7]]);
    expect(phaseLabel(a)).toBe('Answered');
    a = run(a, [[stopped('x'), 8]]);
    expect(phaseLabel(a)).toBe('Call ended');
  });

  it('resolved without a session: events carrying its id as userId name the leg', () => {
    let a = run(start('dial-out'), [[resolved(), 5]]);
    expect(a.sessionId).toBeUndefined();
    a = stepAction(a, { type: 'dialout-connected', sessionId: 'x', userId: id }, T0 + 6);
    expect(a.sessionId).toBe('x');
    expect(a.phase).toBe('ringing');
    expect(stepAction(a, { type: 'dialout-answered', sessionId: 'y', userId: 'other' }, T0)).toBe(
      a,
    );
  });

  // Issue 15: ringback is audio, so playable audio never answers (the old rule said it did).
  it('participant-joined with our userId adopts the leg; playable audio is only noted', () => {
    let a = run(start('dial-out'), [[resolved(), 5]]);
    a = stepAction(a, { type: 'participant-joined', sessionId: 'x', userId: id }, T0 + 6);
    expect(a.sessionId).toBe('x');
    expect(a.phase).toBe('requested');
    a = stepAction(a, { type: 'audio-playable', sessionId: 'x' }, T0 + 7);
    expect(a.phase).toBe('requested');
    expect(a.sawAudio).toBe(true);
    expect(a.history.at(-1)?.note).toBe('audio is playable (ringback or the call; not an answer)');
    expect(stepAction(a, { type: 'audio-playable', sessionId: 'x' }, T0 + 8)).toBe(a);
    a = stepAction(a, { type: 'dialout-answered', sessionId: 'x' }, T0 + 9);
    expect(phaseLabel(a)).toBe('Answered');
  });

  it('ringback: connected, audio playable, then the call ends → failed, never answered', () => {
    const a = run(start('dial-out'), [
      [resolved('x'), 5],
      [{ type: 'participant-joined', sessionId: 'x', userId: id, playable: true }, 6],
      [{ type: 'dialout-connected', sessionId: 'x' }, 7],
      [{ type: 'audio-playable', sessionId: 'x' }, 8],
      [left('x'), 9],
    ]);
    expect(a.history.map((h) => h.phase)).not.toContain('answered');
    expect(phaseLabel(a)).toBe('Dial-out failed: the call ended before it was answered');
  });

  it('ended before answer → failed; answered then left the room → "Left this room"', () => {
    expect(
      phaseLabel(
        run(start('dial-out'), [
          [resolved('x'), 5],
          [stopped('x'), 6],
        ]),
      ),
    ).toBe('Dial-out failed: the call ended before it was answered');
    expect(
      phaseLabel(
        run(start('dial-out'), [
          [resolved('x'), 5],
          [{ type: 'dialout-answered', sessionId: 'x' }, 6],
          [left('x'), 7],
        ]),
      ),
    ).toBe('Left this room');
  });

  it('a sessionless error reaches only a dial-out still waiting for its session', () => {
    const err: ActionInput = { type: 'error', message: 'start failed' };
    expect(phaseLabel(run(start('dial-out'), [[err, 5]]))).toBe('Dial-out failed: start failed');
    const known = run(start('dial-out'), [[resolved('x'), 5]]);
    expect(stepAction(known, err, T0 + 6)).toBe(known);
    expect(stepAction(start('transfer'), err, T0 + 6).phase).toBe('requested');
  });

  it('timeouts: request, start, answer', () => {
    expect(phaseLabel(run(start('dial-out'), [[tick, DEFAULT_TIMEOUTS.request]]))).toBe(
      'Timed out: Daily did not answer the request within 15s',
    );
    expect(
      phaseLabel(
        run(start('dial-out'), [
          [resolved(), 1],
          [tick, 1 + DEFAULT_TIMEOUTS.ring],
        ]),
      ),
    ).toBe('Timed out: Daily did not start the call within 30s');
    expect(
      phaseLabel(
        run(start('dial-out'), [
          [resolved('x'), 1],
          [{ type: 'dialout-connected', sessionId: 'x' }, 2],
          [tick, 2 + DEFAULT_TIMEOUTS.answer],
        ]),
      ),
    ).toBe('Timed out: no answer within 60s — the phone may still be ringing');
  });
});

describe('labels and tones', () => {
  it('every method × phase has words, never "undefined"', () => {
    const phases = [
      'requested',
      'left-pending',
      'accepted',
      'ringing',
      'answered',
      'left-room',
      ...TERMINAL_PHASES,
    ] as const;
    for (const method of ['transfer', 'refer', 'dial-out', 'hang-up'] as const) {
      for (const phase of phases) {
        const label = phaseLabel({ ...start(method), phase });
        expect(label.length).toBeGreaterThan(0);
        expect(label).not.toMatch(/undefined|null|NaN/);
      }
    }
  });

  it('tones: success, danger, warning (honest unknowns), info (pending)', () => {
    const done = run(start('transfer'), [
      [resolved(), 1],
      [left(), 2],
    ]);
    expect(outcomeTone(done)).toBe('success');
    expect(outcomeTone(run(start('transfer'), [[rejected('x'), 1]]))).toBe('danger');
    expect(outcomeTone(start('transfer'))).toBe('info');
    expect(isTerminal(done)).toBe(true);
  });

  it('inputs never mutate the action they are given', () => {
    const a = start('transfer');
    const copy = structuredClone(a);
    run(a, [
      [resolved(), 1],
      [warning('w'), 2],
      [left(), 3],
    ]);
    expect(a).toEqual(copy);
  });
});

describe('what a row offers after an action', () => {
  it('Retry: a transfer or refer that failed or timed out while the caller is still here', () => {
    expect(offersRetry(run(start('transfer'), [[rejected('403'), 1]]))).toBe(true);
    expect(offersRetry(run(start('refer'), [[rejected('x'), 1]]))).toBe(true);
    expect(offersRetry(run(start('transfer'), [[tick, DEFAULT_TIMEOUTS.request]]))).toBe(true);
    // Still going, done, "not confirmed" (it may yet have happened) or the caller gone: no.
    expect(offersRetry(start('transfer'))).toBe(false);
    const moved = run(start('transfer'), [
      [resolved(), 10],
      [left(), 20],
      [stopped(), 30],
    ]);
    expect(offersRetry(moved)).toBe(false);
    const unconfirmed = run(start('refer'), [
      [resolved(), 10],
      [tick, 10 + DEFAULT_TIMEOUTS.confirm],
    ]);
    expect(unconfirmed.phase).toBe('unconfirmed');
    expect(offersRetry(unconfirmed)).toBe(false);
    expect(offersRetry(run(start('hang-up'), [[rejected('x'), 1]]))).toBe(false);
    expect(offersRetry(run(start('dial-out'), [[rejected('x'), 1]]))).toBe(false);
  });

  it("a dial-out in progress leaves its state to the row's own badge; its failure is shown", () => {
    expect(rowShowsOwnState(start('dial-out'))).toBe(true);
    expect(rowShowsOwnState(run(start('dial-out'), [[rejected('busy'), 1]]))).toBe(false);
    expect(rowShowsOwnState(start('transfer'))).toBe(false);
  });
});
