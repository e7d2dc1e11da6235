import {
  DEFAULT_TIMEOUTS,
  startAction,
  stepAction,
  type ActionInput,
  type LegAction,
  type Timeouts,
} from './leg-action';

/** One action that changed: what it was and what it is now. */
export type ActionChange = readonly [before: LegAction | undefined, after: LegAction];

/** How many recent session events are kept for dial-outs that learn their session late. */
export const EARLY_LIMIT = 200;

/**
 * Every action of one console, and the routing of inputs to them. Framework-free and clock-free
 * (the caller passes `now`); the console's store wraps it with timers and announcements.
 *
 * Daily may report a dial-out's first events before the console knows the dial-out's session
 * id (the promise has not resolved yet, or resolved without a session and the events carry no
 * `userId`). The book keeps the last {@link EARLY_LIMIT} session events and replays those of a
 * session to the dial-out that adopts it.
 */
export class ActionBook {
  private readonly actions = new Map<string, LegAction>();
  private readonly early: ActionInput[] = [];

  constructor(public timeouts: Timeouts = DEFAULT_TIMEOUTS) {}

  get(id: string): LegAction | undefined {
    return this.actions.get(id);
  }

  /** Oldest first. */
  all(): LegAction[] {
    return [...this.actions.values()];
  }

  /**
   * Starts an action. An observed one (started elsewhere, known from a webhook that usually
   * arrives after the SDK's events) first hears the leave events already seen for its leg, so
   * a caller who left before the webhook arrived is not awaited.
   */
  start(init: Parameters<typeof startAction>[0], now: number): ActionChange[] {
    let action = startAction(init, now, this.timeouts);
    const changes: ActionChange[] = [];
    if (!init.observed && init.sessionId !== undefined) {
      // What happens to the leg from now on is the new action's: the one it replaced (a warned
      // refer, a transfer the agent hung up on) must not take the leave as its own success.
      for (const [id, before] of this.actions) {
        if (before.sessionId !== init.sessionId) continue;
        const after = stepAction(before, { type: 'superseded', by: init.method }, now);
        if (after === before) continue;
        this.actions.set(id, after);
        changes.push([before, after]);
      }
    }
    this.actions.set(action.id, action);
    changes.push([undefined, action]);
    if (!init.observed || init.sessionId === undefined) return changes;
    for (const input of this.early) {
      if (input.type !== 'participant-left' && input.type !== 'stopped') continue;
      if (input.sessionId !== init.sessionId) continue;
      const after = stepAction(action, input, now, this.timeouts);
      if (after === action) continue;
      changes.push([action, after]);
      action = after;
    }
    this.actions.set(action.id, action);
    return changes;
  }

  /** Feeds one input to one action (its SDK promise's outcome). */
  send(id: string, input: ActionInput, now: number): ActionChange[] {
    const before = this.actions.get(id);
    if (!before) return [];
    const after = stepAction(before, input, now, this.timeouts);
    if (after === before) return [];
    this.actions.set(id, after);
    return [[before, after], ...this.replayIfAdopted(before, after, now)];
  }

  /** Feeds one input to every action (events, webhooks, ticks); each decides if it applies. */
  dispatch(input: ActionInput, now: number): ActionChange[] {
    if (input.type !== 'tick' && 'sessionId' in input && input.sessionId) {
      this.early.push(input);
      if (this.early.length > EARLY_LIMIT) this.early.shift();
    }
    const changes: ActionChange[] = [];
    for (const [id, before] of this.actions) {
      const after = stepAction(before, input, now, this.timeouts);
      if (after === before) continue;
      this.actions.set(id, after);
      changes.push([before, after]);
    }
    for (const [before, after] of [...changes]) {
      if (before) changes.push(...this.replayIfAdopted(before, after, now));
    }
    return changes;
  }

  /** A dial-out that just learnt its session id hears what Daily already said about it. */
  private replayIfAdopted(before: LegAction, after: LegAction, now: number): ActionChange[] {
    if (before.sessionId !== undefined || after.sessionId === undefined) return [];
    const changes: ActionChange[] = [];
    for (const input of this.early) {
      if (!('sessionId' in input) || input.sessionId !== after.sessionId) continue;
      changes.push(...this.send(after.id, input, now));
    }
    return changes;
  }
}
