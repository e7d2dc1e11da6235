import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIMEOUTS,
  TERMINAL_PHASES,
  isTerminal,
  matchesSession,
  nextDeadline,
  phaseLabel,
  startAction,
  stepAction,
  type ActionInput,
  type ActionMethod,
  type ActionPhase,
  type LegAction,
  type Timeouts,
} from './leg-action';

const T0 = 1_700_000_000_000;
const S = 'caller-session';
const OTHER = 'someone-else';

const ALL_PHASES: ActionPhase[] = [
  'requested',
  'accepted',
  'ringing',
  'answered',
  'caller-left',
  'done',
  'failed',
  'timed-out',
  'caller-hung-up',
];
const ALL_METHODS: ActionMethod[] = ['transfer', 'refer', 'dial-out', 'hang-up'];
const HANDOVER: ('transfer' | 'refer' | 'hang-up')[] = ['transfer', 'refer', 'hang-up'];

function start(method: ActionMethod, timeouts?: Timeouts): LegAction {
  return startAction(
    {
      id: `${method}-1`,
      method,
      sessionId: method === 'dial-out' ? undefined : S,
      legType: 'pstn-dial-in',
      callerName: 'Alice',
      destination: method === 'hang-up' ? '' : '+15551234567',
    },
    T0,
    timeouts,
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
/** dialin-error / dialout-error; pass `null` for a dialout-error that carries no sessionId. */
const error = (message: string, sessionId: string | null = S): ActionInput =>
  sessionId === null ? { type: 'error', message } : { type: 'error', sessionId, message };
const warning = (message: string, sessionId = S): ActionInput => ({
  type: 'warning',
  sessionId,
  message,
});
const connected = (sessionId = S): ActionInput => ({ type: 'dialout-connected', sessionId });
const answered = (sessionId = S): ActionInput => ({ type: 'dialout-answered', sessionId });
const tick: ActionInput = { type: 'tick' };

/** Every input kind, for the given session. */
function everyInput(sessionId: string): ActionInput[] {
  return [
    resolved(sessionId),
    resolved(),
    rejected('nope'),
    left(sessionId),
    stopped(sessionId),
    connected(sessionId),
    answered(sessionId),
    error('boom', sessionId),
    error('boom', null),
    warning('careful', sessionId),
    tick,
  ];
}

function phases(action: LegAction): ActionPhase[] {
  return action.history.map((h) => h.phase);
}

/** A dial-out whose promise resolved with session S at T0+100. */
function dialing(): LegAction {
  return stepAction(start('dial-out'), resolved(S), T0 + 100);
}

describe('startAction', () => {
  it('starts in requested with a request deadline and one history entry', () => {
    const a = start('transfer');
    expect(a).toEqual({
      id: 'transfer-1',
      method: 'transfer',
      sessionId: S,
      legType: 'pstn-dial-in',
      callerName: 'Alice',
      destination: '+15551234567',
      phase: 'requested',
      startedAt: T0,
      updatedAt: T0,
      deadline: T0 + DEFAULT_TIMEOUTS.request,
      history: [{ phase: 'requested', at: T0 }],
      sawLeft: false,
      sawStopped: false,
    });
    expect(isTerminal(a)).toBe(false);
  });

  it('leaves unknown optional fields out and honours custom timeouts', () => {
    const a = startAction(
      { id: 'x', method: 'dial-out', callerName: 'Bob', destination: 'sip:bob@example.com' },
      T0,
      { request: 1000, confirm: 2000, ring: 3000, answer: 4000 },
    );
    expect('sessionId' in a).toBe(false);
    expect('legType' in a).toBe(false);
    expect('endedAt' in a).toBe(false);
    expect('acceptedAt' in a).toBe(false);
    expect(a.deadline).toBe(T0 + 1000);
  });

  it('defaults are the documented bounds', () => {
    expect(DEFAULT_TIMEOUTS).toEqual({
      request: 15_000,
      confirm: 30_000,
      ring: 30_000,
      answer: 60_000,
    });
  });
});

describe('TERMINAL_PHASES / isTerminal / matchesSession', () => {
  it('lists exactly the four terminal phases', () => {
    expect([...TERMINAL_PHASES].sort()).toEqual(['caller-hung-up', 'done', 'failed', 'timed-out']);
    for (const phase of ALL_PHASES) {
      expect(isTerminal({ ...start('transfer'), phase })).toBe(TERMINAL_PHASES.has(phase));
    }
  });

  it('matches only a known, equal session id', () => {
    const a = start('transfer');
    expect(matchesSession(a, S)).toBe(true);
    expect(matchesSession(a, OTHER)).toBe(false);
    expect(matchesSession(a, undefined)).toBe(false);
    const d = start('dial-out');
    expect(matchesSession(d, S)).toBe(false);
    expect(matchesSession(d, undefined)).toBe(false);
  });
});

describe('nextDeadline', () => {
  it('is undefined for no actions', () => {
    expect(nextDeadline([])).toBeUndefined();
  });

  it('returns the earliest deadline of non-terminal actions', () => {
    const a = start('transfer'); // T0 + 15s
    const b = stepAction(start('refer'), resolved(), T0 + 1000); // T0 + 31s
    const failed = stepAction(start('transfer'), rejected('x'), T0 + 10);
    const stale = { ...failed, deadline: T0 }; // terminal: ignored even with a deadline
    expect(nextDeadline([b, a, stale])).toBe(T0 + 15_000);
    expect(nextDeadline(new Set([b]))).toBe(T0 + 31_000);
    expect(nextDeadline([failed, stale])).toBeUndefined();
  });

  it('ignores an answered dial-out (no deadline)', () => {
    const live = run(dialing(), [[answered(), 200]]);
    expect(live.deadline).toBeUndefined();
    expect(nextDeadline([live])).toBeUndefined();
  });
});

describe.each(HANDOVER)('%s: promise outcome', (method) => {
  it('requested + resolved → accepted with a confirm deadline', () => {
    const a = stepAction(start(method), resolved(), T0 + 500);
    expect(a.phase).toBe('accepted');
    expect(a.deadline).toBe(T0 + 500 + DEFAULT_TIMEOUTS.confirm);
    expect(a.acceptedAt).toBe(T0 + 500);
    expect(a.updatedAt).toBe(T0 + 500);
    expect(a.history).toEqual([
      { phase: 'requested', at: T0 },
      { phase: 'accepted', at: T0 + 500 },
    ]);
    expect(a.sessionId).toBe(S);
  });

  it('requested + rejected → failed with the SDK text, exactly', () => {
    const text = 'sipCallTransfer() requires a sessionId and toEndPoint';
    const a = stepAction(start(method), rejected(text), T0 + 40);
    expect(a.phase).toBe('failed');
    expect(a.reason).toBe(text);
    expect(a.endedAt).toBe(T0 + 40);
    expect(a.deadline).toBeUndefined();
    expect(phases(a)).toEqual(['requested', 'failed']);
  });

  it('an empty rejection text still gives words', () => {
    const a = stepAction(start(method), rejected(''), T0 + 40);
    expect(a.reason).toBe('Daily reported an error without a message');
  });

  it('a second resolved, or a rejected after resolved, is ignored', () => {
    const a = stepAction(start(method), resolved(), T0 + 500);
    expect(stepAction(a, resolved(), T0 + 600)).toBe(a);
    expect(stepAction(a, rejected('late'), T0 + 600)).toBe(a);
  });
});

describe('transfer/refer: caller hangs up before acceptance', () => {
  it.each([
    ['transfer', left(), 'The caller hung up before Daily accepted the transfer', 'sawLeft'],
    ['transfer', stopped(), 'The caller hung up before Daily accepted the transfer', 'sawStopped'],
    ['refer', left(), 'The caller hung up before Daily accepted the refer', 'sawLeft'],
    ['refer', stopped(), 'The caller hung up before Daily accepted the refer', 'sawStopped'],
  ] as const)('%s requested + %o → caller-hung-up', (method, input, reason, flag) => {
    const a = stepAction(start(method), input, T0 + 300);
    expect(a.phase).toBe('caller-hung-up');
    expect(a.reason).toBe(reason);
    expect(a[flag]).toBe(true);
    expect(a.endedAt).toBe(T0 + 300);
    expect(a.deadline).toBeUndefined();
    expect(isTerminal(a)).toBe(true);
    // The SDK settling afterwards changes nothing.
    expect(stepAction(a, resolved(), T0 + 400)).toBe(a);
    expect(stepAction(a, rejected('gone'), T0 + 400)).toBe(a);
    // Nor does the other leg-ended event.
    expect(stepAction(a, left(), T0 + 400)).toBe(a);
    expect(stepAction(a, stopped(), T0 + 400)).toBe(a);
  });
});

describe.each(['transfer', 'refer'] as const)('%s: confirmation', (method) => {
  const accepted = () => stepAction(start(method), resolved(), T0 + 500);

  it('participant-left then stopped → caller-left → done', () => {
    const mid = stepAction(accepted(), left(), T0 + 1000);
    expect(mid.phase).toBe('caller-left');
    expect(mid.sawLeft).toBe(true);
    expect(mid.sawStopped).toBe(false);
    expect(mid.deadline).toBe(T0 + 1000 + DEFAULT_TIMEOUTS.confirm);
    const end = stepAction(mid, stopped(), T0 + 1200);
    expect(end.phase).toBe('done');
    expect(end.sawStopped).toBe(true);
    expect(end.endedAt).toBe(T0 + 1200);
    expect(end.deadline).toBeUndefined();
    expect(end.reason).toBeUndefined();
    expect(end.history).toEqual([
      { phase: 'requested', at: T0 },
      { phase: 'accepted', at: T0 + 500 },
      { phase: 'caller-left', at: T0 + 1000 },
      { phase: 'done', at: T0 + 1200 },
    ]);
  });

  it('stopped then participant-left → caller-left → done', () => {
    const mid = stepAction(accepted(), stopped(), T0 + 1000);
    expect(mid.phase).toBe('caller-left');
    expect(mid.sawStopped).toBe(true);
    expect(mid.sawLeft).toBe(false);
    const end = stepAction(mid, left(), T0 + 1100);
    expect(end.phase).toBe('done');
    expect(end.sawLeft).toBe(true);
    expect(phases(end)).toEqual(['requested', 'accepted', 'caller-left', 'done']);
  });

  it('a repeated participant-left / stopped in caller-left is ignored', () => {
    const afterLeft = stepAction(accepted(), left(), T0 + 1000);
    expect(stepAction(afterLeft, left(), T0 + 1100)).toBe(afterLeft);
    const afterStop = stepAction(accepted(), stopped(), T0 + 1000);
    expect(stepAction(afterStop, stopped(), T0 + 1100)).toBe(afterStop);
  });

  it.each([
    ['requested', (a: LegAction) => a],
    ['accepted', (a: LegAction) => stepAction(a, resolved(), T0 + 500)],
    [
      'caller-left',
      (a: LegAction) =>
        run(a, [
          [resolved(), 500],
          [left(), 1000],
        ]),
    ],
  ] as const)('%s + error → failed with the message', (_phase, prepare) => {
    const a = stepAction(prepare(start(method)), error('SIP 503 Service Unavailable'), T0 + 2000);
    expect(a.phase).toBe('failed');
    expect(a.reason).toBe('SIP 503 Service Unavailable');
    expect(a.endedAt).toBe(T0 + 2000);
    expect(a.deadline).toBeUndefined();
  });

  it('ignores dialout-connected / dialout-answered on the caller session', () => {
    const a = accepted();
    expect(stepAction(a, connected(), T0 + 600)).toBe(a);
    expect(stepAction(a, answered(), T0 + 600)).toBe(a);
  });
});

describe('warnings', () => {
  it('refer: accepted + warning → failed (originator refused REFER)', () => {
    const a = run(start('refer'), [
      [resolved(), 500],
      [warning('REFER rejected by originator (603 Decline)'), 900],
    ]);
    expect(a.phase).toBe('failed');
    expect(a.reason).toBe('REFER rejected by originator (603 Decline)');
    expect(phaseLabel(a)).toBe('Refer failed: REFER rejected by originator (603 Decline)');
    expect(phases(a)).toEqual(['requested', 'accepted', 'failed']);
  });

  it.each([
    ['transfer accepted', 'transfer', [[resolved(), 500]]],
    [
      'transfer caller-left',
      'transfer',
      [
        [resolved(), 500],
        [left(), 700],
      ],
    ],
    ['transfer requested', 'transfer', []],
    ['refer requested', 'refer', []],
    [
      'refer caller-left',
      'refer',
      [
        [resolved(), 500],
        [stopped(), 700],
      ],
    ],
    ['hang-up accepted', 'hang-up', [[resolved(), 500]]],
  ] as [string, ActionMethod, [ActionInput, number][]][])(
    '%s + warning → note in history, phase unchanged',
    (_name, method, steps) => {
      const before = run(start(method), steps);
      const after = stepAction(before, warning('codec fallback to PCMU'), T0 + 800);
      expect(after).not.toBe(before);
      expect(after.phase).toBe(before.phase);
      expect(after.deadline).toBe(before.deadline);
      expect(after.updatedAt).toBe(T0 + 800);
      expect(after.history).toEqual([
        ...before.history,
        { phase: before.phase, at: T0 + 800, note: 'Warning: codec fallback to PCMU' },
      ]);
    },
  );
});

describe('hang-up', () => {
  it.each([
    ['requested + participant-left', [], left(), 'sawLeft'],
    ['requested + stopped', [], stopped(), 'sawStopped'],
    ['accepted + participant-left', [[resolved(), 200]], left(), 'sawLeft'],
    ['accepted + stopped', [[resolved(), 200]], stopped(), 'sawStopped'],
  ] as [string, [ActionInput, number][], ActionInput, 'sawLeft' | 'sawStopped'][])(
    '%s → done',
    (_name, steps, input, flag) => {
      const a = stepAction(run(start('hang-up'), steps), input, T0 + 500);
      expect(a.phase).toBe('done');
      expect(a[flag]).toBe(true);
      expect(a.endedAt).toBe(T0 + 500);
      expect(a.deadline).toBeUndefined();
      expect(phaseLabel(a)).toBe('Hung up');
      // The other event, and a late promise outcome, change nothing.
      expect(stepAction(a, left(), T0 + 600)).toBe(a);
      expect(stepAction(a, stopped(), T0 + 600)).toBe(a);
      expect(stepAction(a, resolved(), T0 + 600)).toBe(a);
    },
  );

  it('accepted + error → failed', () => {
    const a = run(start('hang-up'), [
      [resolved(), 200],
      [error('NOT_FOUND'), 300],
    ]);
    expect(a.phase).toBe('failed');
    expect(phaseLabel(a)).toBe('Hang-up failed: NOT_FOUND');
  });
});

describe('irrelevant inputs return the same object', () => {
  const others: ActionInput[] = [
    left(OTHER),
    stopped(OTHER),
    connected(OTHER),
    answered(OTHER),
    error('x', OTHER),
    warning('x', OTHER),
  ];

  it.each(HANDOVER)('%s ignores other sessions in every waiting phase', (method) => {
    const waiting = [
      start(method),
      stepAction(start(method), resolved(), T0 + 10),
      run(start(method), [
        [resolved(), 10],
        [left(), 20],
      ]),
    ].filter((a) => !isTerminal(a));
    for (const a of waiting)
      for (const input of others) expect(stepAction(a, input, T0 + 50)).toBe(a);
  });

  it.each(HANDOVER)('%s ignores an error without a session id', (method) => {
    const a = start(method);
    expect(stepAction(a, error('x', null), T0 + 50)).toBe(a);
  });

  it('dial-out ignores other sessions once its own is known', () => {
    for (const a of [
      dialing(),
      run(dialing(), [[connected(), 200]]),
      run(dialing(), [[answered(), 200]]),
    ]) {
      for (const input of others) expect(stepAction(a, input, T0 + 500)).toBe(a);
    }
  });

  it('dial-out without a session does not adopt one from events', () => {
    const a = start('dial-out');
    for (const input of [
      connected(),
      answered(),
      stopped(),
      left(),
      error('Busy here (486)', S),
      warning('w'),
    ]) {
      expect(stepAction(a, input, T0 + 50)).toBe(a);
    }
    // Still adoptable afterwards from the promise.
    expect(stepAction(a, resolved(S), T0 + 60).sessionId).toBe(S);
  });

  it('duplicate dial-out events in the same phase are ignored', () => {
    const ringing = run(dialing(), [[connected(), 200]]);
    expect(stepAction(ringing, connected(), T0 + 300)).toBe(ringing);
    const live = run(ringing, [[answered(), 300]]);
    expect(stepAction(live, answered(), T0 + 400)).toBe(live);
    expect(stepAction(live, connected(), T0 + 400)).toBe(live);
  });
});

describe('terminal actions ignore everything', () => {
  const terminals: [string, LegAction][] = [
    [
      'transfer done',
      run(start('transfer'), [
        [resolved(), 1],
        [left(), 2],
        [stopped(), 3],
      ]),
    ],
    ['transfer failed', run(start('transfer'), [[rejected('no'), 1]])],
    ['transfer timed-out', run(start('transfer'), [[tick, 15_000]])],
    ['transfer caller-hung-up', run(start('transfer'), [[left(), 1]])],
    [
      'refer failed',
      run(start('refer'), [
        [resolved(), 1],
        [warning('603'), 2],
      ]),
    ],
    ['hang-up done', run(start('hang-up'), [[stopped(), 1]])],
    [
      'dial-out done',
      run(dialing(), [
        [answered(), 200],
        [stopped(), 300],
      ]),
    ],
    ['dial-out failed', run(dialing(), [[error('Busy here (486)'), 200]])],
    ['dial-out timed-out', run(dialing(), [[tick, 100 + 30_000]])],
  ];

  it.each(terminals)('%s', (_name, a) => {
    expect(isTerminal(a)).toBe(true);
    expect(a.deadline).toBeUndefined();
    expect(a.endedAt).toBeDefined();
    const snapshot = structuredClone(a);
    for (const input of [...everyInput(S), ...everyInput(OTHER)]) {
      expect(stepAction(a, input, T0 + 10_000_000)).toBe(a);
    }
    expect(a).toEqual(snapshot);
  });
});

describe('inputs never mutate the action they are given', () => {
  it('returns fresh objects and leaves the previous one intact', () => {
    const a = start('transfer');
    const snapshot = structuredClone(a);
    const b = stepAction(a, resolved(), T0 + 1);
    const c = stepAction(b, warning('w'), T0 + 2);
    const d = stepAction(c, left(), T0 + 3);
    expect(a).toEqual(snapshot);
    expect(b.history).toHaveLength(2);
    expect(c.history).toHaveLength(3);
    expect(d.history).toHaveLength(4);
    expect(b.phase).toBe('accepted');
  });
});

describe('timeouts (transfer, refer, hang-up)', () => {
  const cases: [string, ActionMethod, [ActionInput, number][], number, string][] = [
    ['transfer requested', 'transfer', [], 15_000, 'Daily did not answer the request within 15s'],
    ['refer requested', 'refer', [], 15_000, 'Daily did not answer the request within 15s'],
    ['hang-up requested', 'hang-up', [], 15_000, 'Daily did not answer the request within 15s'],
    [
      'transfer accepted',
      'transfer',
      [[resolved(), 1000]],
      31_000,
      'No confirmation from Daily within 30s — the caller is still in this room',
    ],
    [
      'refer accepted',
      'refer',
      [[resolved(), 1000]],
      31_000,
      'No confirmation from Daily within 30s — the originating system may not accept REFER',
    ],
    [
      'hang-up accepted',
      'hang-up',
      [[resolved(), 1000]],
      31_000,
      'No confirmation from Daily within 30s — the caller may still be connected',
    ],
    [
      'transfer caller-left',
      'transfer',
      [
        [resolved(), 1000],
        [left(), 5000],
      ],
      35_000,
      "Daily never confirmed the end of the caller's leg within 30s",
    ],
    [
      'refer caller-left',
      'refer',
      [
        [resolved(), 1000],
        [stopped(), 5000],
      ],
      35_000,
      "Daily never confirmed the end of the caller's leg within 30s",
    ],
  ];

  it.each(cases)(
    '%s: deadline-1 does not time out, deadline does',
    (_n, method, steps, dt, reason) => {
      const a = run(start(method), steps);
      expect(a.deadline).toBe(T0 + dt);
      expect(stepAction(a, tick, T0 + dt - 1)).toBe(a);
      const out = stepAction(a, tick, T0 + dt);
      expect(out.phase).toBe('timed-out');
      expect(out.reason).toBe(reason);
      expect(out.endedAt).toBe(T0 + dt);
      expect(out.updatedAt).toBe(T0 + dt);
      expect(out.deadline).toBeUndefined();
      expect(out.history.at(-1)).toEqual({ phase: 'timed-out', at: T0 + dt });
      expect(phaseLabel(out)).toBe(`Timed out: ${reason}`);
      // Well past the deadline too.
      expect(stepAction(a, tick, T0 + dt + 99_999).phase).toBe('timed-out');
    },
  );

  it('quotes custom timeouts, including fractional seconds', () => {
    const t: Timeouts = { request: 1500, confirm: 2000, ring: 3000, answer: 4000 };
    const a = startAction(
      { id: 'x', method: 'transfer', sessionId: S, callerName: 'A', destination: '+1555' },
      T0,
      t,
    );
    expect(stepAction(a, tick, T0 + 1500, t).reason).toBe(
      'Daily did not answer the request within 1.5s',
    );
    const b = stepAction(a, resolved(), T0 + 100, t);
    expect(b.deadline).toBe(T0 + 2100);
    expect(stepAction(b, tick, T0 + 2100, t).reason).toBe(
      'No confirmation from Daily within 2s — the caller is still in this room',
    );
  });
});

describe('dial-out', () => {
  it('resolved adopts the session, stays requested, switches to the ring deadline', () => {
    const a = start('dial-out');
    expect(a.sessionId).toBeUndefined();
    const b = stepAction(a, resolved(S), T0 + 100);
    expect(b.phase).toBe('requested');
    expect(b.sessionId).toBe(S);
    expect(b.acceptedAt).toBe(T0 + 100);
    expect(b.updatedAt).toBe(T0 + 100);
    expect(b.deadline).toBe(T0 + 100 + DEFAULT_TIMEOUTS.ring);
    // No duplicate 'requested' entry: the original one is annotated.
    expect(b.history).toEqual([{ phase: 'requested', at: T0, note: 'accepted by Daily' }]);
    expect(phaseLabel(b)).toBe('Dialing…');
    expect(stepAction(b, resolved(OTHER), T0 + 200)).toBe(b);
    expect(stepAction(b, rejected('late'), T0 + 200)).toBe(b);
  });

  it('resolved without a session keeps the session unknown', () => {
    const b = stepAction(start('dial-out'), resolved(), T0 + 100);
    expect(b.sessionId).toBeUndefined();
    expect(b.deadline).toBe(T0 + 100 + DEFAULT_TIMEOUTS.ring);
    expect(stepAction(b, connected(), T0 + 200)).toBe(b);
  });

  it('rejected promise → failed with the SDK text', () => {
    const text = 'Invalid phone number, must be valid phone number as per E.164';
    const a = stepAction(start('dial-out'), rejected(text), T0 + 20);
    expect(a.phase).toBe('failed');
    expect(a.reason).toBe(text);
    expect(phaseLabel(a)).toBe(`Dial-out failed: ${text}`);
  });

  it('answered then ended: requested → ringing → answered → done', () => {
    const ringing = stepAction(dialing(), connected(), T0 + 2000);
    expect(ringing.phase).toBe('ringing');
    expect(ringing.deadline).toBe(T0 + 2000 + DEFAULT_TIMEOUTS.answer);
    expect(phaseLabel(ringing)).toBe('Ringing…');
    const live = stepAction(ringing, answered(), T0 + 9000);
    expect(live.phase).toBe('answered');
    expect(live.deadline).toBeUndefined();
    expect(isTerminal(live)).toBe(false);
    expect(phaseLabel(live)).toBe('Answered');
    expect(stepAction(live, tick, T0 + 10_000_000)).toBe(live);
    const ended = stepAction(live, stopped(), T0 + 60_000);
    expect(ended.phase).toBe('done');
    expect(ended.sawStopped).toBe(true);
    expect(ended.endedAt).toBe(T0 + 60_000);
    expect(phaseLabel(ended)).toBe('Call ended');
    expect(ended.history).toEqual([
      { phase: 'requested', at: T0, note: 'accepted by Daily' },
      { phase: 'ringing', at: T0 + 2000 },
      { phase: 'answered', at: T0 + 9000 },
      { phase: 'done', at: T0 + 60_000 },
    ]);
  });

  it('requested + dialout-answered skips ringing', () => {
    const live = stepAction(dialing(), answered(), T0 + 500);
    expect(live.phase).toBe('answered');
    expect(live.deadline).toBeUndefined();
    expect(phases(live)).toEqual(['requested', 'answered']);
  });

  it('busy: error after ringing → failed; the later stopped is ignored', () => {
    const busy = run(dialing(), [
      [connected(), 1000],
      [error('Busy here (486)'), 3000],
    ]);
    expect(busy.phase).toBe('failed');
    expect(busy.reason).toBe('Busy here (486)');
    expect(phaseLabel(busy)).toBe('Dial-out failed: Busy here (486)');
    expect(stepAction(busy, stopped(), T0 + 3100)).toBe(busy);
    expect(phases(busy)).toEqual(['requested', 'ringing', 'failed']);
  });

  it('no answer reported as an error → failed', () => {
    const a = run(dialing(), [
      [connected(), 1000],
      [error('Temporarily Unavailable (480)'), 40_000],
    ]);
    expect(a.phase).toBe('failed');
    expect(a.reason).toBe('Temporarily Unavailable (480)');
  });

  it('requested + error → failed', () => {
    const a = stepAction(dialing(), error('SDP negotiation failed'), T0 + 500);
    expect(a.phase).toBe('failed');
    expect(a.reason).toBe('SDP negotiation failed');
  });

  it('answered + error → failed', () => {
    const a = run(dialing(), [
      [answered(), 500],
      [error('Media timeout'), 9000],
    ]);
    expect(a.phase).toBe('failed');
    expect(a.reason).toBe('Media timeout');
    expect(phases(a)).toEqual(['requested', 'answered', 'failed']);
  });

  it.each([
    ['requested', [] as [ActionInput, number][]],
    ['ringing', [[connected(), 1000]] as [ActionInput, number][]],
  ])('%s + stopped → failed: the call ended before it was answered', (_phase, steps) => {
    const a = stepAction(run(dialing(), steps), stopped(), T0 + 5000);
    expect(a.phase).toBe('failed');
    expect(a.reason).toBe('The call ended before it was answered');
    expect(a.sawStopped).toBe(true);
    expect(a.endedAt).toBe(T0 + 5000);
  });

  it('participant-left alone is recorded but does not end the call', () => {
    const live = run(dialing(), [[answered(), 500]]);
    const afterLeft = stepAction(live, left(), T0 + 9000);
    expect(afterLeft).not.toBe(live);
    expect(afterLeft.phase).toBe('answered');
    expect(afterLeft.sawLeft).toBe(true);
    expect(afterLeft.updatedAt).toBe(T0 + 9000);
    expect(afterLeft.history).toEqual(live.history);
    expect(stepAction(afterLeft, left(), T0 + 9100)).toBe(afterLeft);
    const ended = stepAction(afterLeft, stopped(), T0 + 9200);
    expect(ended.phase).toBe('done');
    expect(ended.sawLeft && ended.sawStopped).toBe(true);
  });

  it('participant-left while ringing keeps ringing', () => {
    const ringing = run(dialing(), [[connected(), 500]]);
    const a = stepAction(ringing, left(), T0 + 600);
    expect(a.phase).toBe('ringing');
    expect(a.deadline).toBe(ringing.deadline);
  });

  it('a warning is noted without changing phase', () => {
    const ringing = run(dialing(), [[connected(), 500]]);
    const a = stepAction(ringing, warning('codec fallback'), T0 + 600);
    expect(a.phase).toBe('ringing');
    expect(a.history.at(-1)).toEqual({
      phase: 'ringing',
      at: T0 + 600,
      note: 'Warning: codec fallback',
    });
  });

  describe('pre-session error without a sessionId', () => {
    it('fails a dial-out whose promise is still pending', () => {
      const a = stepAction(start('dial-out'), error('Dial-out failed to start', null), T0 + 50);
      expect(a.phase).toBe('failed');
      expect(a.reason).toBe('Dial-out failed to start');
    });

    it('fails a dial-out resolved without a session', () => {
      const b = stepAction(start('dial-out'), resolved(), T0 + 50);
      const a = stepAction(b, error('No route to destination', null), T0 + 60);
      expect(a.phase).toBe('failed');
      expect(a.reason).toBe('No route to destination');
    });

    it('is ignored once the session is known or the call is ringing', () => {
      const known = dialing();
      expect(stepAction(known, error('x', null), T0 + 200)).toBe(known);
      const ringing = run(known, [[connected(), 300]]);
      expect(stepAction(ringing, error('x', null), T0 + 400)).toBe(ringing);
    });
  });

  describe('timeouts', () => {
    it('pending promise: request bound', () => {
      const a = start('dial-out');
      expect(stepAction(a, tick, T0 + 14_999)).toBe(a);
      const out = stepAction(a, tick, T0 + 15_000);
      expect(out.phase).toBe('timed-out');
      expect(out.reason).toBe('Daily did not answer the request within 15s');
    });

    it('dialing after the promise resolved: ring bound', () => {
      const a = dialing(); // resolved at T0 + 100
      expect(stepAction(a, tick, T0 + 100 + 29_999)).toBe(a);
      const out = stepAction(a, tick, T0 + 100 + 30_000);
      expect(out.phase).toBe('timed-out');
      expect(out.reason).toBe('Daily did not start the call within 30s');
      expect(phaseLabel(out)).toBe('Timed out: Daily did not start the call within 30s');
    });

    it('no answer: ringing past the answer bound', () => {
      const a = run(dialing(), [[connected(), 1000]]);
      const deadline = T0 + 1000 + 60_000;
      expect(stepAction(a, tick, deadline - 1)).toBe(a);
      const out = stepAction(a, tick, deadline);
      expect(out.phase).toBe('timed-out');
      expect(out.reason).toBe('No answer within 60s');
      expect(out.deadline).toBeUndefined();
      expect(phases(out)).toEqual(['requested', 'ringing', 'timed-out']);
    });
  });

  it('a session given at start is used without waiting for resolved', () => {
    const a = startAction(
      { id: 'd', method: 'dial-out', sessionId: S, callerName: 'C', destination: '+1555' },
      T0,
    );
    const ringing = stepAction(a, connected(), T0 + 10);
    expect(ringing.phase).toBe('ringing');
    // The promise can no longer change the phase.
    expect(stepAction(ringing, resolved(S), T0 + 20)).toBe(ringing);
    expect(stepAction(ringing, rejected('x'), T0 + 20)).toBe(ringing);
  });
});

describe('updatedAt and history', () => {
  it('updatedAt follows every change; history lists every phase in order', () => {
    const steps: [ActionInput, number][] = [
      [resolved(), 100],
      [warning('w'), 200],
      [stopped(), 300],
      [left(), 400],
    ];
    let a = start('transfer');
    for (const [input, dt] of steps) {
      a = stepAction(a, input, T0 + dt);
      expect(a.updatedAt).toBe(T0 + dt);
    }
    expect(a.history).toEqual([
      { phase: 'requested', at: T0 },
      { phase: 'accepted', at: T0 + 100 },
      { phase: 'accepted', at: T0 + 200, note: 'Warning: w' },
      { phase: 'caller-left', at: T0 + 300 },
      { phase: 'done', at: T0 + 400 },
    ]);
    expect(a.startedAt).toBe(T0);
  });
});

describe('phaseLabel', () => {
  const expected: Record<ActionMethod, Partial<Record<ActionPhase, string>>> = {
    transfer: {
      requested: 'Transfer requested…',
      accepted: 'Transfer accepted — moving caller…',
      'caller-left': 'Caller left this room',
      done: 'Transferred',
      failed: 'Transfer failed: R',
      'timed-out': 'Timed out: R',
      'caller-hung-up': 'Caller hung up during transfer',
    },
    refer: {
      requested: 'Refer requested…',
      accepted: 'Refer accepted — waiting for the originating system…',
      'caller-left': 'Caller left this room',
      done: 'Referred — Daily has left the call',
      failed: 'Refer failed: R',
      'timed-out': 'Timed out: R',
      'caller-hung-up': 'Caller hung up during refer',
    },
    'dial-out': {
      requested: 'Dialing…',
      ringing: 'Ringing…',
      answered: 'Answered',
      done: 'Call ended',
      failed: 'Dial-out failed: R',
      'timed-out': 'Timed out: R',
    },
    'hang-up': {
      requested: 'Hanging up…',
      accepted: 'Hanging up…',
      done: 'Hung up',
      failed: 'Hang-up failed: R',
      'timed-out': 'Timed out: R',
    },
  };

  const grid = ALL_METHODS.flatMap((method) => ALL_PHASES.map((phase) => [method, phase] as const));

  it.each(grid)('%s / %s gives words, never "undefined"', (method, phase) => {
    const base = start(method);
    const withReason = phaseLabel({ ...base, phase, reason: 'R' });
    const withoutReason = phaseLabel({ ...base, phase });
    for (const label of [withReason, withoutReason]) {
      expect(label.length).toBeGreaterThan(0);
      expect(label).not.toMatch(/undefined|null|NaN/);
    }
    const want = expected[method][phase];
    if (want !== undefined) expect(withReason).toBe(want);
  });

  it('labels real actions', () => {
    expect(phaseLabel(start('transfer'))).toBe('Transfer requested…');
    expect(phaseLabel(run(start('transfer'), [[left(), 5]]))).toBe(
      'Caller hung up during transfer',
    );
    expect(
      phaseLabel(
        run(start('refer'), [
          [resolved(), 1],
          [left(), 2],
          [stopped(), 3],
        ]),
      ),
    ).toBe('Referred — Daily has left the call');
    expect(phaseLabel(start('dial-out'))).toBe('Dialing…');
    expect(phaseLabel(start('hang-up'))).toBe('Hanging up…');
  });
});

describe('isInFlight', () => {
  it('is true for pending actions, false for terminal ones and live (answered) dial-outs', async () => {
    const { startAction, stepAction, isInFlight } = await import('./leg-action');
    const t = startAction(
      { id: 't', method: 'transfer', sessionId: 's', callerName: 'A', destination: '+1' },
      0,
    );
    expect(isInFlight(t)).toBe(true);
    expect(isInFlight(stepAction(t, { type: 'rejected', reason: 'x' }, 1))).toBe(false);
    let d = startAction({ id: 'd', method: 'dial-out', callerName: 'B', destination: '+1' }, 0);
    d = stepAction(d, { type: 'resolved', sessionId: 'x' }, 1);
    expect(isInFlight(d)).toBe(true);
    d = stepAction(d, { type: 'dialout-answered', sessionId: 'x' }, 2);
    expect(d.phase).toBe('answered');
    expect(isInFlight(d)).toBe(false);
  });
});
