import {
  DEFAULT_TIMEOUTS,
  isInFlight,
  nextDeadline,
  phaseLabel,
  startAction,
  stepAction,
  type ActionInput,
  type LegAction,
} from '../../domain/leg-action';
import { actionInputFromEvent } from '../../domain/action-input';
import { announce } from '../../ui/live-region';

const actions = new Map<string, LegAction>();
// Daily may report a dial-out's first events before startDialOut() resolves with its session id;
// keep the last few so they can be replayed to the action once the id is known.
const early: ActionInput[] = [];
const EARLY_LIMIT = 50;
const listeners = new Set<() => void>();
let version = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let timeouts = DEFAULT_TIMEOUTS;

function changed(before: LegAction | undefined, after: LegAction) {
  if (before?.phase !== after.phase) announce(`${after.callerName}: ${phaseLabel(after)}`);
}

function notify() {
  version++;
  for (const l of [...listeners]) l();
  schedule();
}

// Every pending phase has a deadline; one timer fires at the earliest and ticks the machine.
function schedule() {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const due = nextDeadline(actions.values());
  if (due === undefined) return;
  timer = setTimeout(() => actionStore.dispatch({ type: 'tick' }), Math.max(0, due - Date.now()));
}

export const actionStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getVersion: () => version,
  get: (id: string) => actions.get(id),
  all: (): LegAction[] => [...actions.values()],
  /** The action still in flight on a leg, if any (one at a time per leg). */
  activeFor(sessionId: string): LegAction | undefined {
    for (const a of actions.values()) if (a.sessionId === sessionId && isInFlight(a)) return a;
    return undefined;
  },
  /** The newest action on a leg, terminal or not. */
  latestFor(sessionId: string): LegAction | undefined {
    let latest: LegAction | undefined;
    for (const a of actions.values()) if (a.sessionId === sessionId) latest = a;
    return latest;
  },
  start(init: Parameters<typeof startAction>[0]): LegAction {
    const action = startAction(init, Date.now(), timeouts);
    actions.set(action.id, action);
    changed(undefined, action);
    notify();
    return action;
  },
  /** Feeds one input to one action (SDK promise outcomes). */
  send(id: string, input: ActionInput): void {
    const before = actions.get(id);
    if (!before) return;
    const after = stepAction(before, input, Date.now(), timeouts);
    if (after === before) return;
    actions.set(id, after);
    changed(before, after);
    notify();
    if (input.type === 'resolved' && input.sessionId && after.method === 'dial-out') {
      for (const e of early.filter((x) => 'sessionId' in x && x.sessionId === input.sessionId)) {
        actionStore.send(id, e);
      }
    }
  },
  /** Feeds one input to every action (events, ticks); each decides whether it applies. */
  dispatch(input: ActionInput): void {
    const now = Date.now();
    let any = false;
    for (const [id, before] of actions) {
      const after = stepAction(before, input, now, timeouts);
      if (after === before) continue;
      actions.set(id, after);
      changed(before, after);
      any = true;
    }
    if (any) notify();
    else if (input.type === 'tick') schedule();
  },
  /** Feeds a Daily event. */
  ingestDailyEvent(ev: { action: string } & Record<string, unknown>): void {
    const input = actionInputFromEvent(ev);
    if (!input) return;
    if (input.type !== 'tick' && 'sessionId' in input && input.sessionId) {
      early.push(input);
      if (early.length > EARLY_LIMIT) early.shift();
    }
    actionStore.dispatch(input);
  },
  /** For tests and the sandbox: shorter bounds. */
  setTimeouts(next: typeof DEFAULT_TIMEOUTS): void {
    timeouts = next;
  },
};
