import { ActionBook, type ActionChange } from '../../domain/action-book';
import {
  DEFAULT_TIMEOUTS,
  isInFlight,
  nextDeadline,
  type ActionInput,
  type LegAction,
  type Timeouts,
} from '../../domain/leg-action';
import { phaseLabel } from '../../domain/leg-action-words';
import { actionInputFromEvent } from '../../domain/action-input';
import { createStore } from '../../domain/store';
import { announce } from '../../ui/live-region';
import { legInfo } from '../leg-data';

const book = new ActionBook(DEFAULT_TIMEOUTS);
/** Bumped on every change; readers select from the book. */
const version = createStore(0);
let timer: ReturnType<typeof setTimeout> | undefined;

/** Announces phase changes and warnings, notifies subscribers, reschedules the tick. */
function apply(changes: ActionChange[]): void {
  for (const [before, after] of changes) {
    // A dial-out that learnt its session: its row shows where it was sent.
    if (after.method === 'dial-out' && after.sessionId && !before?.sessionId) {
      legInfo.noteDestination(after.sessionId, after.destination);
    }
    if (before?.phase !== after.phase) announce(`${after.callerName}: ${phaseLabel(after)}`);
    else if (after.warning && before.warning !== after.warning) {
      announce(`${after.callerName}: warning from Daily: ${after.warning}`);
    }
  }
  if (changes.length === 0) return;
  version.set((v) => v + 1);
  schedule();
}

// Every pending phase has a deadline; one timer fires at the earliest and ticks the machine.
function schedule() {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const due = nextDeadline(book.all());
  if (due === undefined) return;
  timer = setTimeout(() => actionStore.dispatch({ type: 'tick' }), Math.max(0, due - Date.now()));
}

export const actionStore = {
  subscribe: version.subscribe,
  getVersion: version.get,
  get: (id: string) => book.get(id),
  all: (): LegAction[] => book.all(),
  /** The action still in flight on a leg, if any (one at a time per leg). */
  activeFor(sessionId: string): LegAction | undefined {
    return book.all().find((a) => a.sessionId === sessionId && isInFlight(a));
  },
  /** The newest action on a leg, terminal or not. */
  latestFor(sessionId: string): LegAction | undefined {
    return book.all().findLast((a) => a.sessionId === sessionId);
  },
  /** `at`: when it started (an observed action: when Daily's webhook says it happened). */
  start(init: Parameters<ActionBook['start']>[0], at = Date.now()): LegAction {
    const changes = book.start(init, at);
    apply(changes);
    return changes.at(-1)![1];
  },
  /** Feeds one input to one action (SDK promise outcomes). */
  send(id: string, input: ActionInput): void {
    apply(book.send(id, input, Date.now()));
  },
  /**
   * Feeds one input to every action (events, webhooks, ticks); each decides if it applies.
   * `at`: when it happened (a webhook's own time), then the bounds are checked against now, so
   * an action replayed to a console that joined late is never in flight past its bound.
   */
  dispatch(input: ActionInput, at = Date.now()): void {
    const changes = book.dispatch(input, at);
    if (at < Date.now() && input.type !== 'tick')
      changes.push(...book.dispatch({ type: 'tick' }, Date.now()));
    if (changes.length) apply(changes);
    else if (input.type === 'tick') schedule();
  },
  /** Feeds a Daily event. */
  ingestDailyEvent(ev: { action: string } & Record<string, unknown>): void {
    const input = actionInputFromEvent(ev);
    if (input) actionStore.dispatch(input);
  },
  /** For tests and the sandbox: shorter bounds. */
  setTimeouts(next: Timeouts): void {
    book.timeouts = next;
  },
};
