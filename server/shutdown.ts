/**
 * Graceful shutdown (SIGTERM/SIGINT, see main.ts). In order, within one deadline:
 * 1. stop accepting connections, and answer every new request on a kept-alive connection 503
 *    (`Retry-After`, `Connection: close`): Daily retries a refused webhook, a balancer tries
 *    the next instance; nothing is half-done;
 * 2. let the requests already in flight finish — a webhook being stored gets its 2xx;
 * 3. end every event stream with a `retry:` hint, so each client resumes elsewhere with its
 *    Last-Event-ID (the store has every event: nothing is skipped);
 * 4. close what is left, then the caller closes the store.
 * Whatever has not finished at the deadline is cut: the exit stays bounded.
 */
import type { Http2Bindings, HttpBindings, ServerType } from '@hono/node-server';
import type { StreamHub } from './stream-hub';
import { within } from './within';

type Env = HttpBindings | Http2Bindings;
type Fetch = (request: Request, env: Env) => Response | Promise<Response>;

/** How long a stream's client waits before it reconnects (the SSE `retry:` field). */
export const STREAM_RETRY_MS = 1_000;

/** The app's fetch, counting requests in flight and refusing new ones once closed. */
export class RequestGate {
  private inflight = 0;
  private closing = false;
  private waiters: (() => void)[] = [];

  constructor(private readonly inner: Fetch) {}

  readonly fetch = async (request: Request, env: Env): Promise<Response> => {
    if (this.closing) return refused();
    this.inflight++;
    try {
      return await this.inner(request, env);
    } finally {
      if (--this.inflight === 0) for (const w of this.waiters.splice(0)) w();
    }
  };

  /** Refuses every request from now on; resolves once none is in flight. */
  close(): Promise<void> {
    this.closing = true;
    if (this.inflight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

function refused(): Response {
  return new Response(JSON.stringify({ error: 'this instance is shutting down; retry' }), {
    status: 503,
    headers: { 'content-type': 'application/json', 'retry-after': '1', connection: 'close' },
  });
}

/** Resolves true with `promise`, or false once `deadline` (epoch ms) has passed. */
function until(deadline: number, promise: Promise<unknown>): Promise<boolean> {
  return within(
    promise.then(() => true),
    deadline - Date.now(),
    false,
  );
}

/** Steps 1–3 above; true when everything finished before the deadline. */
export async function drainHttp(
  server: ServerType,
  gate: RequestGate,
  hub: StreamHub,
  deadline: number,
): Promise<boolean> {
  const http = server as ServerType & { closeIdleConnections?: () => void };
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const requestsDone = await until(deadline, gate.close());
  hub.closeAll(STREAM_RETRY_MS);
  // Connections become idle as their last response is flushed: close each as it does.
  http.closeIdleConnections?.();
  const sweep = setInterval(() => http.closeIdleConnections?.(), 50);
  try {
    return (await until(deadline, closed)) && requestsDone;
  } finally {
    clearInterval(sweep);
  }
}
