/**
 * The open event streams of each session and account, so that whatever ends a session (sign-out,
 * an admin's "sign out everywhere", a disable, a new role or password, a deleted account) also
 * ends the streams it opened: a stream is authorised once, when it opens, and would otherwise
 * keep delivering. Per process: with several instances, a stream on another instance ends at
 * its next reconnect, when the session check refuses it.
 */
export interface StreamOwner {
  /** The session's stored id (the SHA-256 of the cookie), never the cookie itself. */
  sessionHash: string;
  accountId: number;
}

export class SessionStreams {
  private readonly bySession = new Map<string, Set<() => void>>();
  private readonly byAccount = new Map<number, Set<() => void>>();

  /** Registers a stream's `end`; returns its removal (call it when the stream closes). */
  add(owner: StreamOwner, end: () => void): () => void {
    const inSession = entry(this.bySession, owner.sessionHash);
    const inAccount = entry(this.byAccount, owner.accountId);
    inSession.add(end);
    inAccount.add(end);
    return () => {
      inSession.delete(end);
      inAccount.delete(end);
      if (!inSession.size) this.bySession.delete(owner.sessionHash);
      if (!inAccount.size) this.byAccount.delete(owner.accountId);
    };
  }

  /** Ends the streams of one session; how many. */
  endSession(sessionHash: string): number {
    return endAll(this.bySession.get(sessionHash));
  }

  /** Ends every stream of an account; how many. */
  endAccount(accountId: number): number {
    return endAll(this.byAccount.get(accountId));
  }

  get size(): number {
    let n = 0;
    for (const set of this.byAccount.values()) n += set.size;
    return n;
  }
}

function entry<K>(map: Map<K, Set<() => void>>, key: K): Set<() => void> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}

function endAll(set: Set<() => void> | undefined): number {
  if (!set) return 0;
  const ends = [...set];
  for (const end of ends) end();
  return ends.length;
}
