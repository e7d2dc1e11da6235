/** A failed join, in words an agent understands, with what to do next. */
export interface JoinProblem {
  title: string;
  detail: string;
  /** The SDK's own text, kept for the curious and for support tickets. */
  technical: string;
}

function textOf(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object') {
    const o = error as Record<string, unknown>;
    const nested =
      o.error && typeof o.error === 'object' ? (o.error as Record<string, unknown>) : {};
    const parts = [o.errorMsg, o.msg, o.message, nested.type, nested.msg, o.type].filter(
      (p): p is string => typeof p === 'string' && p.length > 0,
    );
    if (parts.length) return parts.join(' — ');
  }
  return 'Unknown error';
}

const RULES: { test: RegExp; title: string; detail: string }[] = [
  {
    test: /room closed/i,
    title: 'The room closed',
    detail:
      'The meeting ended for everyone in it (in the sandbox: its world was reset). Join again to continue.',
  },
  {
    test: /timed? ?out|took longer/i,
    title: 'Joining took too long',
    detail: 'Daily did not answer in time. Check your connection, then try again.',
  },
  {
    test: /exp-room|room.*expired|nbf-room|not available yet/i,
    title: 'This room is not open',
    detail: 'The room has expired or is not open yet. Ask an admin for a current room.',
  },
  {
    test: /no-room|does not exist|not found|404/i,
    title: 'This room does not exist',
    detail: 'Check the room URL: the domain and room name must match the Daily dashboard.',
  },
  {
    test: /token|not allowed|permission|unauthori[sz]ed|forbidden|ejected/i,
    title: 'Daily refused the meeting token',
    detail:
      'The token is invalid, expired, or for another room. Transfers need an owner or admin token.',
  },
  {
    test: /connection|network|offline|fetch|load|socket|signal|ERR_|abort/i,
    title: "Can't reach Daily",
    detail:
      'The console could not connect to Daily. Check your internet connection, VPN or firewall, then retry — or use the sandbox to keep working.',
  },
];

/** Maps daily-js join failures (rejections and `error` events) to agent-facing words. */
export function describeJoinError(error: unknown): JoinProblem {
  const technical = textOf(error);
  const rule = RULES.find((r) => r.test.test(technical));
  return {
    title: rule?.title ?? 'Could not join the room',
    detail: rule?.detail ?? 'Daily reported a problem while joining. Try again.',
    technical,
  };
}
