/**
 * Test and bench support: a console of the simulated cloud without a browser. It mints a
 * meeting token like the console does, opens the stream, keeps every message, and calls
 * methods (answers come down the stream, matched by id).
 */
import { readMessages, type CloudMessage } from '../../src/sandbox/engine';

export interface CloudClient {
  consoleId: string;
  sessionId: string;
  messages: CloudMessage[];
  /** Events received so far (action + data), in order. */
  events(): { action: string; data: Record<string, unknown> }[];
  /** Resolves with the first message (already received or later) that matches. */
  waitFor<M extends CloudMessage>(
    match: (m: CloudMessage) => m is M,
    timeoutMs?: number,
  ): Promise<M>;
  waitForEvent(
    action: string,
    where?: (data: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  call(method: string, ...args: unknown[]): Promise<unknown>;
  /** Ends the stream (the console leaves). */
  close(): void;
  /** Resolves when the server ends the stream. */
  closed: Promise<void>;
}

let nextId = 1;

export async function connectCloud(
  url: string,
  cookie: string,
  init: { room: string; world?: string; userName?: string; token?: string },
): Promise<CloudClient> {
  const headers = { cookie, 'content-type': 'application/json' };
  let token = init.token;
  if (token === undefined) {
    const minted = await fetch(`${url}/api/rooms/${init.room}/token`, { method: 'POST', headers });
    if (!minted.ok) throw new Error(`token: ${minted.status} ${await minted.text()}`);
    token = ((await minted.json()) as { token: string }).token;
  }
  const abort = new AbortController();
  const res = await fetch(`${url}/api/sandbox/cloud/connect`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      room: init.room,
      token,
      userName: init.userName ?? 'Test agent',
      ...(init.world ? { world: init.world } : {}),
    }),
    signal: abort.signal,
  });
  if (!res.ok || !res.body) throw new Error(`connect: ${res.status} ${await res.text()}`);
  const messages: CloudMessage[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  const closed = readMessages(res.body, (message) => {
    messages.push(message);
    notify();
  }).catch(() => undefined); // aborted
  const waitFor = <M extends CloudMessage>(
    match: (m: CloudMessage) => m is M,
    timeoutMs = 5_000,
  ): Promise<M> =>
    new Promise((resolve, reject) => {
      // Each check scans only what arrived since the last one (streams can be long).
      let from = 0;
      const check = () => {
        let found: M | undefined;
        for (; from < messages.length && !found; from++) {
          const m = messages[from]!;
          if (match(m)) found = m;
        }
        if (!found) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching message within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });
  const joined = await waitFor(
    (m): m is Extract<CloudMessage, { t: 'joined' }> => m.t === 'joined',
  );
  const client: CloudClient = {
    consoleId: joined.consoleId,
    sessionId: joined.sessionId,
    messages,
    events: () =>
      messages.flatMap((m) => (m.t === 'event' ? [{ action: m.action, data: m.data }] : [])),
    waitFor,
    async waitForEvent(action, where = () => true, timeoutMs) {
      const m = await waitFor(
        (x): x is Extract<CloudMessage, { t: 'event' }> =>
          x.t === 'event' && x.action === action && where(x.data),
        timeoutMs,
      );
      return m.data;
    },
    async call(method, ...args) {
      const id = nextId++;
      const res = await fetch(`${url}/api/sandbox/cloud/consoles/${joined.consoleId}/calls`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ id, method, args }),
      });
      if (res.status !== 202) throw new Error(`call ${method}: ${res.status} ${await res.text()}`);
      const reply = await waitFor(
        (m): m is Extract<CloudMessage, { t: 'reply' }> => m.t === 'reply' && m.id === id,
        30_000,
      );
      if (!reply.ok) throw Object.assign(new Error('rejected'), { wire: reply.error });
      return reply.value;
    },
    close: () => abort.abort(),
    closed,
  };
  return client;
}

/**
 * A caller in a room of the default world (where Daily's REST double acts), for tests of the
 * REST routes: connects a console (kept open: a room lives while someone is in it — and the
 * REST double knows rooms the cloud has) and dials in. Returns the caller's session id.
 */
export async function liveLeg(
  url: string,
  cookie: string,
  room: string,
  kind: 'pstn' | 'sip' = 'sip',
): Promise<{ sessionId: string; console: CloudClient }> {
  const c = await connectCloud(url, cookie, { room, userName: 'Test room keeper' });
  const from = kind === 'pstn' ? '+14155550142' : 'sip:caller@sip.example.com';
  const sessionId = (await c.call('dialIn', { kind, from })) as string;
  return { sessionId, console: c };
}
