import type { DailyMeetingState, DailyParticipantsObject } from '@daily-co/daily-js';
import {
  attemptFailed,
  attemptScheduled,
  attemptStarted,
  backoffDelay,
  DEFAULT_BACKOFF,
  LINK_LIVE,
  linkLost,
  type Backoff,
  type ServerLink,
} from '../domain/server-link';
import {
  HEARTBEAT_HEADER,
  readMessages,
  unwire,
  type CloudMessage,
  type CloudMethod,
} from './cloud-protocol';
import { CloudLink, SILENT_MESSAGE, watchSilence } from './cloud-link';
import { cloneExportable } from './sandbox-util';

/** The server's simulated cloud (see server/routes/sandbox-cloud.ts). */
export const CLOUD_PATH = '/api/sandbox/cloud';

export type JoinedMessage = Extract<CloudMessage, { t: 'joined' }>;

/** Where a console of the cloud is reached: its world, and outside a page its server. */
export interface CloudEndpoint {
  /** The world this tab joins (`?world=`); the default world when omitted. */
  world?: string;
  /**
   * Outside a browser page (Node tests, scripts): the server's origin and the session
   * cookie. In the console both are implicit (same origin, the browser's cookie).
   */
  server?: { origin: string; cookie: string };
  /** The waits between reconnection attempts after the stream broke (`?reconnectMs=`). */
  backoff?: Backoff;
}

/** What the stream tells the console it carries (`CloudSandboxCall`). */
export interface CloudTransportHost {
  meetingState(): DailyMeetingState;
  /** The name the console joins with. */
  userName(): string;
  /** The first join's snapshot: the console is in the room. */
  joined(m: JoinedMessage): DailyParticipantsObject;
  /** Back after a break: the room as it is now. */
  rejoined(m: JoinedMessage): void;
  /** An event or a state push of the room. */
  receive(m: CloudMessage): void;
  /** The room closed under the console. */
  ended(reason: string): void;
  /** The stream broke under a joined console (reconnection starts). */
  interrupted(): void;
  /** The link to the cloud changed: lost, an attempt scheduled or under way, live again. */
  link(state: ServerLink): void;
  /** The first join failed. */
  failJoin(message: string): Error;
}

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * A console's connection to the cloud. `start()` opens one streamed POST
 * (`/api/sandbox/cloud/connect`, JSON lines down); each method call ({@link rpc}) is a POST
 * whose answer comes down that stream, in order with the room's events, so "resolve, then the
 * leave events" (or the reverse) arrives exactly as the room produced it. When the stream
 * breaks it reconnects by itself, as daily-js does on a blip, and keeps trying with backoff
 * while the server is away (the console keeps its last picture of the room meanwhile).
 */
export class CloudTransport {
  private abort: AbortController | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly linked = new CloudLink((state) => this.host.link(state));
  /** The console's id in the room while its stream is live. */
  consoleId: string | null = null;
  /**
   * With the console's server: mints a fresh meeting token for each reconnection attempt (the
   * first may have expired, or the server restarted with another key). Without it, the join's
   * token is used again.
   */
  tokenSource: (() => Promise<string>) | undefined;

  constructor(
    private readonly host: CloudTransportHost,
    private readonly endpoint: CloudEndpoint,
  ) {}

  /** Joins `room`: resolves with the participants once the room's snapshot came down. */
  start(
    room: string,
    token: string,
    resolve: (p: DailyParticipantsObject) => void,
    reject: (e: Error) => void,
  ): void {
    const abort = new AbortController();
    this.abort = abort;
    void this.connect(room, token, abort, resolve, reject);
  }

  /** Ends the stream; calls in flight reject with `why`. */
  close(why: string): void {
    this.abort?.abort();
    this.abort = null;
    this.consoleId = null;
    // Nothing to reconnect to any more; silently: the host reports the left or ended meeting.
    this.linked.reset();
    this.rejectPending(why);
  }

  /** The link as it is now (live, or reconnecting and when the next attempt is). */
  link(): ServerLink {
    return this.linked.get();
  }

  /** Cuts the wait before the next reconnection attempt short (the agent's "Try now"). */
  tryNow(): void {
    this.linked.tryNow();
  }

  /**
   * Opens the console's stream. `onJoined` gets the join snapshot; the promise resolves with
   * what ended the stream: `'left'` (aborted here), `'ended'` (the room closed; already handled),
   * or the failure's message (before or after joining — `joined` says which).
   */
  private async open(
    room: string,
    token: string,
    abort: AbortController,
    onJoined: (m: JoinedMessage) => void,
  ): Promise<{ end: 'left' | 'ended' } | { end: 'failed'; joined: boolean; message: string }> {
    let joined = false;
    let silent = false;
    try {
      const res = await this.fetch(`${CLOUD_PATH}/connect`, {
        method: 'POST',
        body: JSON.stringify({
          room,
          token,
          userName: this.host.userName(),
          ...(this.endpoint.world ? { world: this.endpoint.world } : {}),
        }),
        signal: abort.signal,
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        throw new Error(body.error ?? `the sandbox cloud answered ${res.status}`);
      }
      let over = false;
      // A network that drops without a reset leaves the stream open and silent.
      const watch = watchSilence(Number(res.headers.get(HEARTBEAT_HEADER)), () => {
        silent = true;
        abort.abort();
      });
      await readMessages(res.body, (message) => {
        watch.heard();
        if (message.t === 'joined') {
          joined = true;
          this.consoleId = message.consoleId;
          onJoined(message);
        } else if (message.t === 'ended') {
          this.host.ended(message.reason);
          over = true;
          return false;
        } else if (message.t === 'reply') this.settle(message);
        else this.host.receive(message);
        return true;
      }).finally(watch.stop);
      if (over) return { end: 'ended' };
      if (abort.signal.aborted && !silent) return { end: 'left' };
      throw new Error('the stream ended');
    } catch (error) {
      if (silent && this.abort === abort) {
        return { end: 'failed', joined, message: SILENT_MESSAGE };
      }
      if (abort.signal.aborted || this.abort !== abort) return { end: 'left' };
      const message = error instanceof Error ? error.message : String(error);
      return { end: 'failed', joined, message };
    }
  }

  /** The first join's stream, then (after a break) reconnects as long as the call is joined. */
  private async connect(
    room: string,
    token: string,
    abort: AbortController,
    resolve: (p: DailyParticipantsObject) => void,
    reject: (e: Error) => void,
  ): Promise<void> {
    const first = await this.open(room, token, abort, (m) => resolve(this.host.joined(m)));
    if (first.end !== 'failed') {
      // Left (or rejoined) while joining: the join settles, as daily-js's does.
      if (first.end === 'left')
        reject(new Error('join() was interrupted: the call left the meeting')); // not verbatim daily-js
      return;
    }
    if (!first.joined) return reject(this.host.failJoin(first.message));
    await this.reconnect(room, token);
  }

  /**
   * The stream broke under a joined console. daily-js reconnects by itself on a network blip
   * (`network-connection` interrupted, then connected); so does the sandbox, for as long as the
   * call stays joined: attempts after growing waits (`endpoint.backoff`), each with a fresh
   * token when there is a token source, reported through `host.link()` so the console can say
   * when the next one is (and {@link tryNow} can skip the wait). Calls in flight reject (their
   * answers were on the broken stream); the participants stay as last seen, then are brought
   * up to date with the room's snapshot once back.
   */
  private async reconnect(room: string, token: string): Promise<void> {
    for (;;) {
      this.linked.set(linkLost(Date.now()));
      this.host.interrupted();
      this.rejectPending('the network connection was interrupted'); // not verbatim daily-js
      this.consoleId = null;
      const result = await this.attempts(room, token);
      if (!result) return;
      // Reconnected, then broken again: start over.
      token = result.token;
    }
  }

  /** Attempts until one joins (resolves with its token once that stream broke) or the call left. */
  private async attempts(room: string, token: string): Promise<{ token: string } | undefined> {
    const backoff = this.endpoint.backoff ?? DEFAULT_BACKOFF;
    const joined = () => this.host.meetingState() === 'joined-meeting';
    for (let attempt = 1; ; attempt++) {
      const waitMs = backoffDelay(attempt, backoff);
      this.linked.set((l) => attemptScheduled(l, Date.now() + waitMs));
      await this.linked.wait(waitMs);
      if (!joined()) return undefined;
      this.linked.set(attemptStarted);
      let fresh = token;
      try {
        if (this.tokenSource) fresh = await this.tokenSource();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.linked.set((l) => attemptFailed(l, message));
        continue;
      }
      if (!joined()) return undefined;
      const abort = new AbortController();
      this.abort = abort;
      const result = await this.open(room, fresh, abort, (m) => {
        this.linked.set(LINK_LIVE);
        this.host.rejoined(m);
      });
      if (result.end !== 'failed') return undefined;
      if (result.joined) return { token: fresh };
      this.linked.set((l) => attemptFailed(l, result.message));
    }
  }

  private settle(m: Extract<CloudMessage, { t: 'reply' }>): void {
    const waiting = this.pending.get(m.id);
    if (!waiting) return;
    this.pending.delete(m.id);
    if (m.ok) waiting.resolve(m.value === null ? undefined : m.value);
    else waiting.reject(unwire(m.error));
  }

  private rejectPending(why: string): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(new Error(`${p.method}() was interrupted: ${why}`)); // not verbatim daily-js
  }

  /** One method call on the console's room; its answer comes down the stream. */
  rpc(method: CloudMethod, args: unknown[]): Promise<unknown> {
    const consoleId = this.consoleId;
    const state = this.host.meetingState();
    if (!consoleId || state !== 'joined-meeting') {
      return Promise.reject(
        new Error(
          state === 'joined-meeting'
            ? `${method}() was not sent: the connection to the sandbox cloud is down (reconnecting)` // not verbatim daily-js
            : `${method}() needs a joined sandbox room: call join() first (meeting state: ${state})`,
        ),
      );
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject });
      this.fetch(`${CLOUD_PATH}/consoles/${consoleId}/calls`, {
        method: 'POST',
        body: JSON.stringify({ id, method, args: cloneExportable(args) }),
      })
        .then(async (res) => {
          if (res.status === 202) return;
          const body = (await res.json().catch(() => ({}))) as { error?: string };
          throw new Error(body.error ?? `the sandbox cloud answered ${res.status}`);
        })
        .catch((error: unknown) => {
          if (!this.pending.delete(id)) return;
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
  }

  /** A request to the cloud: JSON, same origin (or `endpoint.server` outside a page). */
  fetch(path: string, init: RequestInit): Promise<Response> {
    const server = this.endpoint.server;
    return fetch(`${server?.origin ?? ''}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(server ? { cookie: server.cookie } : {}),
      },
    });
  }
}
