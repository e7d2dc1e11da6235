/**
 * Proof by exhaustion: for every action and every "truth" about what really happened, every
 * ordering and every omission of the events Daily could deliver to this console (the docs
 * promise neither), the machine never says something false, and always ends within its bound.
 *
 * Each truth lists the events it may produce. An event is either required (at least one of a
 * group must arrive — e.g. a caller who leaves produces participant-left or *-stopped, maybe
 * both) or optional. Every subset allowed and every permutation of it is replayed, with the SDK
 * promise's outcome at every position, then again with random timings, warnings and ticks
 * (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActionBook } from './action-book';
import {
  DEFAULT_TIMEOUTS,
  isInFlight,
  isTerminal,
  maxPendingMs,
  startAction,
  stepAction,
  type ActionInput,
  type ActionMethod,
  type ActionPhase,
  type HangUpVia,
  type LegAction,
} from './leg-action';
import { phaseLabel } from './leg-action-words';

const S = 'leg-1';
const ID = 'action-1';
const T0 = 1_000_000;

type Verdict = (phases: ActionPhase[], final: LegAction) => string | undefined;

interface Truth {
  name: string;
  method: ActionMethod;
  via?: HangUpVia;
  /** The promise's outcome (undefined: never settles). */
  outcome?: ActionInput;
  /** Groups of events; at least `min` of each group arrive (any subset ≥ min, any order). */
  groups: { events: ActionInput[]; min: number }[];
  verdict: Verdict;
  /**
   * Started elsewhere: this console starts following it at the first `calltransfer.*` webhook
   * (as the webhook feed does), after whatever SDK events came before it.
   */
  observed?: boolean;
  /** Only the final outcome is judged (a rejection is shown until Daily's record corrects it). */
  finalOnly?: boolean;
}

const left: ActionInput = { type: 'participant-left', sessionId: S };
const stopped: ActionInput = { type: 'stopped', sessionId: S };
const resolved: ActionInput = { type: 'resolved' };
const rejected: ActionInput = { type: 'rejected', reason: 'not found' };
const warning: ActionInput = { type: 'warning', sessionId: S, message: 'Codec fallback' };

const FAILURES: ActionPhase[] = ['failed', 'timed-out', 'caller-hung-up', 'unconfirmed'];

/** Never one of `bad`; ends in one of `end`. */
function never(bad: ActionPhase[], end: ActionPhase[]): Verdict {
  return (phases, final) => {
    const hit = phases.find((p) => bad.includes(p));
    if (hit) return `entered ${hit}`;
    if (!end.includes(final.phase)) return `ended in ${final.phase}, expected ${end.join('|')}`;
    return undefined;
  };
}

function dialOutEvents(sessionId: string, withUser: boolean) {
  const u = withUser ? { userId: ID } : {};
  return {
    joined: { type: 'participant-joined', sessionId, ...u } as ActionInput,
    connected: { type: 'dialout-connected', sessionId, ...u } as ActionInput,
    answered: { type: 'dialout-answered', sessionId, ...u } as ActionInput,
    playable: { type: 'audio-playable', sessionId } as ActionInput,
    stopped: { type: 'stopped', sessionId, ...u } as ActionInput,
    left: { type: 'participant-left', sessionId } as ActionInput,
    error: { type: 'error', sessionId, ...u, message: 'Busy here (486)' } as ActionInput,
  };
}

const TRUTHS: Truth[] = [];

for (const method of ['transfer', 'refer'] as const) {
  TRUTHS.push(
    {
      name: `${method} succeeds: Daily accepts and the caller leaves (either event, any order)`,
      method,
      outcome: resolved,
      groups: [
        { events: [left, stopped], min: 1 },
        { events: [warning], min: 0 },
      ],
      verdict: never(FAILURES, ['done']),
    },
    {
      name: `${method}: the caller hangs up and Daily refuses the request`,
      method,
      outcome: rejected,
      groups: [
        { events: [left, stopped], min: 1 },
        { events: [warning], min: 0 },
      ],
      verdict: never(['done'], ['caller-hung-up', 'failed']),
    },
    {
      name: `${method}: Daily refuses and the caller stays`,
      method,
      outcome: rejected,
      groups: [{ events: [warning], min: 0 }],
      verdict: never(['done', 'caller-hung-up'], ['failed']),
    },
    {
      name: `${method}: accepted, but nothing moves the caller (refused silently or with a warning)`,
      method,
      outcome: resolved,
      groups: [{ events: [warning], min: 0 }],
      verdict: never(
        ['done', 'caller-hung-up', 'failed'],
        [method === 'refer' ? 'unconfirmed' : 'timed-out'],
      ),
    },
    {
      name: `${method}: the caller hangs up and Daily never answers`,
      method,
      groups: [{ events: [left, stopped], min: 1 }],
      verdict: never(['done'], ['unconfirmed']),
    },
  );
}

const hook = (stage: 'triggered' | 'initiated' | 'answered' | 'completed'): ActionInput => ({
  type: 'transfer-webhook',
  stage,
  sessionId: S,
  refer: false,
});
/** A transfer whose promise rejected although Daily carried it out: it must end done. */
function actedDespiteRejection(how: string, groups: Truth['groups']): Truth {
  return {
    name: `transfer: the promise rejects, but Daily carried it out (${how})`,
    method: 'transfer',
    outcome: rejected,
    groups,
    verdict: never([], ['done']),
    finalOnly: true,
  };
}

/**
 * Daily accepted and carried it out: the first webhook (`initiated`) arrives, the others and
 * either leave event may; never reported failed, timed out or hung up.
 */
function carriedOut(name: string, [first, ...more]: ActionInput[]): Truth {
  const refer = first?.type === 'transfer-webhook' && first.refer === true;
  return {
    name,
    method: refer ? 'refer' : 'transfer',
    outcome: resolved,
    groups: [
      { events: [first!], min: 1 },
      { events: [...more, left, stopped], min: 0 },
    ],
    verdict: never(FAILURES, ['done']),
  };
}

const referHook = (stage: 'triggered' | 'initiated'): ActionInput => ({
  type: 'transfer-webhook',
  stage,
  sessionId: S,
  refer: true,
});

TRUTHS.push(
  {
    name: "transfer succeeds; Daily's webhooks arrive in any order, SDK leave events or not",
    method: 'transfer',
    outcome: resolved,
    groups: [
      { events: [hook('initiated'), hook('answered'), hook('completed')], min: 1 },
      { events: [hook('triggered'), left, stopped], min: 0 },
    ],
    verdict: never(FAILURES, ['done']),
  },
  // (`stopped` behaves as `left` here, which the previous truth proves: left out for time.)
  actedDespiteRejection('webhooks, leaves, any order', [
    { events: [hook('initiated'), hook('answered'), hook('completed')], min: 1 },
    { events: [hook('triggered'), left], min: 0 },
  ]),
  actedDespiteRejection('Daily accepted (triggered) and the caller left', [
    { events: [hook('triggered')], min: 1 },
    { events: [left, stopped], min: 1 },
  ]),
  carriedOut('transfer to a target that is busy, does not answer or fails (no `answered`)', [
    hook('initiated'),
    hook('completed'),
    hook('triggered'),
  ]),
  carriedOut('refer carried out: webhooks (is_sip_refer) and leaves in any order', [
    referHook('initiated'),
    referHook('triggered'),
  ]),
  {
    name: 'observed transfer (started elsewhere): webhooks after, before or between the leaves',
    method: 'transfer',
    observed: true,
    groups: [
      { events: [hook('triggered'), hook('initiated'), hook('completed')], min: 1 },
      { events: [left, stopped], min: 1 },
    ],
    verdict: never(['timed-out', 'failed', 'caller-hung-up'], ['done']),
  },
  {
    name: 'observed refer the far end refuses: only triggered, the caller stays',
    method: 'refer',
    observed: true,
    groups: [
      { events: [referHook('triggered')], min: 1 },
      { events: [warning], min: 0 },
    ],
    verdict: never(['done', 'timed-out', 'failed', 'caller-hung-up'], ['unconfirmed']),
  },
  {
    name: 'hang-up by stopDialOut: the line closes (either event, any order)',
    method: 'hang-up',
    via: 'stop-dial-out',
    outcome: resolved,
    groups: [{ events: [left, stopped], min: 1 }],
    verdict: never(['failed', 'timed-out', 'caller-hung-up'], ['done']),
  },
  {
    name: 'hang-up by eject: removed and the line closes',
    method: 'hang-up',
    via: 'eject',
    outcome: resolved,
    groups: [
      { events: [stopped], min: 1 },
      { events: [left], min: 0 },
    ],
    verdict: never(FAILURES, ['done']),
  },
  {
    name: 'hang-up by eject: removed from the room, but the phone leg is never said to stop',
    method: 'hang-up',
    via: 'eject',
    outcome: resolved,
    groups: [{ events: [left], min: 1 }],
    verdict: never(['done', 'failed'], ['unconfirmed']),
  },
  {
    name: 'hang-up refused by Daily; the caller stays',
    method: 'hang-up',
    via: 'eject',
    outcome: rejected,
    groups: [],
    verdict: never(['done'], ['failed']),
  },
);

for (const withSession of [true, false]) {
  for (const withUser of [true, false]) {
    // Without the session from the promise, the console can only know the leg by its userId.
    if (!withSession && !withUser) continue;
    const e = dialOutEvents(S, withUser);
    const outcome: ActionInput = withSession ? { type: 'resolved', sessionId: S } : resolved;
    const how = `${withSession ? 'with' : 'without'} session, events ${withUser ? 'with' : 'without'} userId`;
    TRUTHS.push(
      {
        name: `dial-out answered (${how})`,
        method: 'dial-out',
        outcome,
        groups: [
          { events: [e.answered], min: 1 },
          { events: [e.playable, e.joined, e.connected], min: withSession ? 0 : 1 },
        ],
        verdict: never(FAILURES, ['answered']),
      },
      {
        // Ringback is audio: playable audio from dialout-connected on, and nobody answers.
        name: `dial-out rings with ringback audio, unanswered (${how})`,
        method: 'dial-out',
        outcome,
        groups: [
          { events: [e.playable], min: 1 },
          { events: [e.stopped, e.error], min: 1 },
          { events: withSession ? [e.connected] : [e.connected, e.joined], min: 0 },
        ],
        verdict: never(['answered', 'done'], ['failed']),
      },
      {
        name: `dial-out answered, then the far end hangs up (${how})`,
        method: 'dial-out',
        outcome,
        groups: [
          { events: [e.answered], min: 1 },
          { events: [e.connected, e.joined], min: 0 },
          { events: [e.stopped, e.left], min: 1 },
        ],
        // Ordering matters here: the hang-up can only follow the answer, so replay only
        // sequences where it does (checked in the verdict's precondition below).
        verdict: (phases, final) =>
          phases.includes('failed')
            ? 'entered failed'
            : final.phase === 'done'
              ? undefined
              : final.phase,
      },
      {
        name: `dial-out busy / no answer (${how})`,
        method: 'dial-out',
        outcome,
        groups: [
          { events: [e.stopped, e.left, e.error], min: 1 },
          { events: [e.connected, e.joined], min: 0 },
        ],
        verdict: never(['answered', 'done'], ['failed']),
      },
    );
  }
}

TRUTHS.push({
  name: 'dial-out that never starts: resolves without a session, then a sessionless error',
  method: 'dial-out',
  outcome: resolved,
  groups: [{ events: [{ type: 'error', userId: ID, message: 'start failed' }], min: 1 }],
  verdict: never(['answered', 'done'], ['failed']),
});

function subsets<T>(items: T[], min: number): T[][] {
  const out: T[][] = [];
  for (let mask = 0; mask < 1 << items.length; mask++) {
    const pick = items.filter((_, i) => mask & (1 << i));
    if (pick.length >= min) out.push(pick);
  }
  return out;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}

/** Every event sequence a truth allows, with the promise outcome at every position. */
function sequences(truth: Truth): ActionInput[][] {
  let chosen: ActionInput[][] = [[]];
  for (const group of truth.groups) {
    chosen = chosen.flatMap((prefix) =>
      subsets(group.events, group.min).map((s) => [...prefix, ...s]),
    );
  }
  const out: ActionInput[][] = [];
  for (const events of chosen) {
    for (const order of permutations(events)) {
      if (!truth.outcome) {
        out.push(order);
        continue;
      }
      for (let at = 0; at <= order.length; at++) {
        out.push([...order.slice(0, at), truth.outcome, ...order.slice(at)]);
      }
    }
  }
  return out;
}

/**
 * Causality the real world guarantees: a participant leaves only after it joined, and a dial-out
 * is answered before it is hung up.
 */
function plausible(truth: Truth, seq: ActionInput[]): boolean {
  if (truth.method !== 'dial-out') return true;
  const first = (type: ActionInput['type']) => seq.findIndex((i) => i.type === type);
  const leftAt = first('participant-left');
  if (leftAt >= 0 && !(first('participant-joined') >= 0 && first('participant-joined') < leftAt)) {
    return false;
  }
  if (!truth.name.startsWith('dial-out answered, then')) return true;
  const endAt = seq.findIndex((i) => i.type === 'stopped' || i.type === 'participant-left');
  return first('dialout-answered') < endAt;
}

function init(truth: Truth) {
  return {
    id: ID,
    method: truth.method,
    ...(truth.via ? { via: truth.via } : {}),
    ...(truth.method === 'dial-out' ? {} : { sessionId: S }),
    callerName: 'Caller',
    destination: truth.method === 'hang-up' ? '' : 'sip:target@example.com',
  };
}

function begin(truth: Truth): LegAction {
  return startAction(init(truth), T0);
}

/**
 * Replays inputs at the given times through the console's action book (promise outcomes go to
 * the action, events to every action), then waits out every bound; returns every phase seen.
 */
function replay(truth: Truth, steps: { input: ActionInput; at: number }[], lateBy = 0) {
  const book = new ActionBook();
  const phases: ActionPhase[] = [];
  const labels: string[] = [];
  const current = () => book.get(ID);
  const see = () => {
    const a = current();
    if (!a) return;
    phases.push(a.phase);
    labels.push(phaseLabel(a));
  };
  if (!truth.observed) book.start(init(truth), T0);
  see();
  for (const { input, at } of steps) {
    if (truth.observed && !current() && input.type === 'transfer-webhook') {
      book.start({ ...init(truth), observed: true }, at);
    }
    if (input.type === 'resolved' || input.type === 'rejected') book.send(ID, input, at);
    else book.dispatch(input, at);
    // A console that joined `lateBy` later hears everything at once, then checks the bounds.
    if (!lateBy) book.dispatch({ type: 'tick' }, at);
    see();
  }
  if (lateBy) {
    book.dispatch({ type: 'tick' }, T0 + lateBy);
    see();
    expect(isInFlight(current()!), 'in flight past its bound for a late joiner').toBe(false);
  }
  book.dispatch({ type: 'tick' }, T0 + 10 * maxPendingMs(DEFAULT_TIMEOUTS));
  see();
  return { action: current()!, phases, labels };
}

/** A signal that the far end answered: `dialout-answered`, or `calltransfer.answered`. */
function answerSignal(seq: ActionInput[]): boolean {
  return seq.some(
    (i) =>
      i.type === 'dialout-answered' || (i.type === 'transfer-webhook' && i.stage === 'answered'),
  );
}

describe.each(TRUTHS)('$name', (truth) => {
  const all = sequences(truth).filter((s) => plausible(truth, s));

  it(`every ordering and omission (${all.length} sequences) tells the truth and ends`, () => {
    expect(all.length).toBeGreaterThan(0);
    for (const seq of all) {
      // One event every 100 ms: all well within the bounds.
      const { action, phases, labels } = replay(
        truth,
        seq.map((input, i) => ({ input, at: T0 + 100 * (i + 1) })),
      );
      const problem = truth.verdict(truth.finalOnly ? [action.phase] : phases, action);
      expect(problem, `${JSON.stringify(seq.map((s) => s.type))} → ${phases.join(' → ')}`).toBe(
        undefined,
      );
      // Every action ends: terminal, or a live (answered) dial-out, which has no bound.
      expect(isTerminal(action) || action.phase === 'answered').toBe(true);
      for (const label of labels) expect(label).not.toMatch(/undefined|null|NaN/);
      // "Answered" is never claimed without an answer signal.
      if (!answerSignal(seq)) {
        expect(phases).not.toContain('answered');
        for (const label of labels) expect(label).not.toMatch(/^Answered|answered by/);
      }
      // A transfer or refer is never described as "transferred" unless Daily's webhooks say so.
      const webhooks = seq.some((i) => i.type === 'transfer-webhook');
      if (truth.method === 'transfer' && action.phase === 'done' && !webhooks) {
        expect(phaseLabel(action)).toBe('Moved out of this room');
      }
    }
  });

  it('a console joining minutes later replays it finished, never in flight', () => {
    // Every third sequence: the orderings differ only in time, which a late joiner never sees.
    for (const seq of all.filter((_, i) => i % 3 === 0)) {
      const at = T0 - 5 * 60_000;
      const { action, phases } = replay(
        truth,
        seq.map((input, i) => ({ input, at: at + 100 * (i + 1) })),
        maxPendingMs(DEFAULT_TIMEOUTS) + 5 * 60_000,
      );
      // Nothing false in what it ends with; "answered" never without an answer signal.
      if (truth.verdict([action.phase], action) !== undefined) {
        // Replayed at once, a give-up is "not confirmed" (the bound passed before it joined).
        expect(['unconfirmed', 'timed-out'], phases.join(' → ')).toContain(action.phase);
      }
      if (!answerSignal(seq)) expect(phases).not.toContain('answered');
    }
  });

  it('random timings within the bounds, with duplicates, strays and ticks, agree', () => {
    const stray: ActionInput[] = [
      { type: 'participant-left', sessionId: 'someone-else' },
      { type: 'stopped', sessionId: 'someone-else' },
      { type: 'dialout-answered', sessionId: 'someone-else', userId: 'another-action' },
      { type: 'error', sessionId: 'someone-else', message: 'x' },
      { type: 'tick' },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.array(fc.constantFrom(...stray), { maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 4 }),
        // At most 16 steps of at most 0.9 s: within the shortest bound (the 15 s request bound).
        fc.array(fc.integer({ min: 1, max: 900 }), { minLength: 16, maxLength: 16 }),
        (seq, strays, dupAt, gaps) => {
          const inputs = [...seq];
          // Duplicates of events already in the sequence, and stray events for other legs.
          for (const i of dupAt) if (seq[i % seq.length]) inputs.push(seq[i % seq.length]!);
          inputs.push(...strays);
          let at = T0;
          const steps = inputs.map((input, i) => ({ input, at: (at += gaps[i % gaps.length]!) }));
          // Duplicates and strays go last, but the truth's own order is kept: the verdict holds.
          const { action, phases } = replay(truth, steps);
          expect(truth.verdict(truth.finalOnly ? [action.phase] : phases, action)).toBe(undefined);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('bounds', () => {
  it.each(['transfer', 'refer', 'hang-up', 'dial-out'] as const)(
    '%s with no answer and no event ends by its bound',
    (method) => {
      let action = begin({ name: '', method, groups: [], verdict: () => undefined });
      action = stepAction(action, { type: 'tick' }, T0 + DEFAULT_TIMEOUTS.request);
      expect(action.phase).toBe('timed-out');
    },
  );

  it('every accepted action ends within maxPendingMs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TRUTHS),
        fc.integer({ min: 0, max: DEFAULT_TIMEOUTS.request - 1 }),
        (truth, acceptAfter) => {
          let action = begin(truth);
          if (truth.outcome) action = stepAction(action, truth.outcome, T0 + acceptAfter);
          action = stepAction(action, { type: 'tick' }, T0 + maxPendingMs());
          expect(isTerminal(action)).toBe(true);
        },
      ),
    );
  });
});
