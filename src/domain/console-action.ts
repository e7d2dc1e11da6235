/**
 * Who acted on a leg. Daily's webhooks say what happened to a call, never who asked for it, so
 * the console's server records it: when a supervisor hangs up, transfers or refers a leg
 * through its REST routes (from the wall or any other client), it stores a `console.action`
 * event on the room's stream beside Daily's webhooks. Every console in the room and the
 * supervisor's wall read the same event with this one module, so "Ended by Demo Supervisor"
 * reads the same everywhere. Shared by the server (which writes it) and the console.
 */

/** The event type the server stores; never one of Daily's (theirs have no `console.` family). */
export const CONSOLE_ACTION_TYPE = 'console.action';

export type ConsoleActionMethod = 'hang-up' | 'transfer' | 'refer';

/**
 * Where the request came from: the supervisor's wall, the REST API called directly, or an
 * agent's own console (which acts through the SDK and tells the server who it was).
 */
export type ConsoleActionVia = 'wall' | 'rest' | 'console';

/**
 * `requested`: stored before Daily is asked (so the attribution reaches the room no later than
 * Daily's own events); `refused`: Daily said no, with why.
 */
export type ConsoleActionStage = 'requested' | 'refused';

export interface ConsoleAction {
  room: string;
  sessionId: string;
  method: ConsoleActionMethod;
  stage: ConsoleActionStage;
  /** The account's display name. */
  by: string;
  role: string;
  via: ConsoleActionVia;
  /** Transfer and refer: where to. */
  toEndpoint?: string;
  /** Refused: Daily's answer, in words. */
  error?: string;
}

/** The header the wall sends with its requests, so the record can say "from the wall". */
export const VIA_HEADER = 'x-console-via';

const METHODS: readonly ConsoleActionMethod[] = ['hang-up', 'transfer', 'refer'];

/** The payload stored for an action (Daily's field naming: snake case, `room`, `session_id`). */
export function consoleActionPayload(a: ConsoleAction): Record<string, string> {
  return {
    room: a.room,
    session_id: a.sessionId,
    method: a.method,
    stage: a.stage,
    by: a.by,
    role: a.role,
    via: a.via,
    ...(a.toEndpoint ? { to_endpoint: a.toEndpoint } : {}),
    ...(a.error ? { error: a.error } : {}),
  };
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 && v.length <= 512 ? v : undefined;

/** The action an envelope records, or undefined when it is not one (or is malformed). */
export function readConsoleAction(e: {
  type: string;
  payload: Record<string, unknown>;
}): ConsoleAction | undefined {
  if (e.type !== CONSOLE_ACTION_TYPE) return undefined;
  const p = e.payload;
  const [room, sessionId, by, role] = [p.room, p.session_id, p.by, p.role].map(text);
  const method = METHODS.find((m) => m === p.method);
  const stage = p.stage === 'refused' ? 'refused' : p.stage === 'requested' ? 'requested' : null;
  if (!room || !sessionId || !by || !role || !method || !stage) return undefined;
  const toEndpoint = text(p.to_endpoint);
  const error = text(p.error);
  return {
    room,
    sessionId,
    method,
    stage,
    by,
    role,
    via: p.via === 'wall' || p.via === 'console' ? p.via : 'rest',
    ...(toEndpoint ? { toEndpoint } : {}),
    ...(error ? { error } : {}),
  };
}

const DONE_BY: Record<ConsoleActionMethod, string> = {
  'hang-up': 'Ended by',
  transfer: 'Transferred by',
  refer: 'Referred by',
};

/** What a console shows on the leg: "Ended by Demo Supervisor", "Transferred by …". */
export function actorPhrase(a: Pick<ConsoleAction, 'method' | 'by' | 'stage'>): string {
  const phrase = `${DONE_BY[a.method]} ${a.by}`;
  return a.stage === 'refused' ? `${phrase} — refused by Daily` : phrase;
}

const FROM: Record<ConsoleActionVia, string> = {
  wall: 'from the wall',
  rest: 'REST API',
  console: 'from their console',
};

/**
 * Who started a transfer, for the wall: the person, their role and where from, or "elsewhere"
 * when nobody here said (a bot, Daily's dashboard, a console without this server).
 */
export function startedByLabel(a: Pick<ConsoleAction, 'by' | 'role' | 'via'> | undefined): string {
  return a ? `${a.by} (${a.role}, ${FROM[a.via]})` : 'elsewhere';
}
