/**
 * "Handled by" on the wall: which agent won a queue's offer for a leg (issue 18). The queue
 * engine's calls carry who accepted each one and, once the caller reached the agent's room, the
 * leg's session id; the wall shows the agent's display name. Names are looked up once a minute
 * at most per agent (the pulse asks every 3 s).
 */
import type { BoardCall } from '../../src/domain/queue';
import type { AccountStore } from '../auth/accounts';

const NAME_TTL_MS = 60_000;

export interface HandledByReader {
  /** Session id → the display name of the agent who accepted the call. */
  read(calls: readonly BoardCall[]): Promise<Record<string, string>>;
}

export function handledByReader(accounts: AccountStore, now: () => number): HandledByReader {
  const names = new Map<string, { name: string; at: number }>();
  const nameOf = async (username: string): Promise<string> => {
    const cached = names.get(username);
    if (cached && now() - cached.at < NAME_TTL_MS) return cached.name;
    const name = (await accounts.find(username))?.displayName ?? username;
    names.set(username, { name, at: now() });
    return name;
  };
  return {
    async read(calls) {
      const out: Record<string, string> = {};
      for (const c of calls) {
        if (c.sessionId && c.handledBy) out[c.sessionId] = await nameOf(c.handledBy);
      }
      return out;
    },
  };
}
