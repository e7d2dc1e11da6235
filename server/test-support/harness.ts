/**
 * Test support: an in-process server on a free port (PGlite in memory unless a database URL
 * is given), a signed webhook sender and a small SSE client.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../config';
import { signedHeaders } from '../domain/signature';
import { createLogger } from '../log';
import { startServer, type RunningServer } from '../server';
import { pgliteImage } from './prepared';
import { demoCookie } from './process';

export { demoCookie };

export interface TestServer extends RunningServer {
  secret: Buffer;
  config: Config;
  logs: string[];
  /** A demo agent's session cookie (`cookie` header value). */
  cookie: string;
  post(body: unknown, opts?: { headers?: Record<string, string>; raw?: string }): Promise<Response>;
}

export async function startTestServer(
  env: Record<string, string> = {},
  opts: Pick<
    NonNullable<Parameters<typeof startServer>[2]>,
    'now' | 'cloud' | 'prepareStore' | 'indexHistory'
  > = {},
): Promise<TestServer> {
  const secret = env.DAILY_WEBHOOK_SECRET
    ? Buffer.from(env.DAILY_WEBHOOK_SECRET, 'base64')
    : randomBytes(32);
  const result = loadConfig({
    CONSOLE_MODE: 'sandbox',
    PORT: '0',
    DAILY_WEBHOOK_SECRET: secret.toString('base64'),
    LOG_LEVEL: 'info',
    ...env,
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const log = createLogger(result.config.logLevel, sink);
  const server = await startServer(result.config, log, {
    inMemory: !result.config.databaseUrl,
    pgliteImage: pgliteImage(),
    ...opts,
  });
  const cookie = result.config.mode === 'sandbox' ? await demoCookie(server.url, 'agent') : '';
  return {
    ...server,
    secret,
    config: result.config,
    logs,
    cookie,
    async post(body, o = {}) {
      const raw = o.raw ?? JSON.stringify(body);
      const send = () =>
        fetch(`${server.url}/webhooks/daily`, {
          method: 'POST',
          headers: { ...signedHeaders(secret, raw, Date.now()), ...o.headers },
          body: raw,
        });
      try {
        return await send();
      } catch (error) {
        if (!reusedSocketClosed(error)) throw error;
        return send();
      }
    },
  };
}

/**
 * A kept-alive connection the server closed just as the client reused it. The server runs in
 * this process: when the embedded store (WebAssembly, synchronous) holds the event loop for a
 * few seconds on a busy machine, the server's keep-alive timer and the client's choice of an
 * idle socket both run late, and a request can go out on a socket being closed. Sending it again
 * is safe (the server stores an envelope id once, as when Daily redelivers); any other failure
 * is thrown.
 */
function reusedSocketClosed(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

let counter = 0;
/** A Daily-shaped envelope (spec §5). */
export function envelope(
  type: string,
  payload: Record<string, unknown> = {},
  id = `evt-${process.pid}-${++counter}-${randomBytes(4).toString('hex')}`,
) {
  return {
    version: '1.0.0',
    type,
    id,
    payload: { room: 'room-a', session_id: 'sess-1', timestamp: '1770005095', ...payload },
    event_ts: 1770005095.5,
  };
}

export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

export interface SseClient {
  messages: SseMessage[];
  webhooks(): { seq: number; id: string; type: string }[];
  waitFor(pred: (msgs: SseMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  closed: Promise<void>;
  /** The response's headers. */
  headers: http.IncomingHttpHeaders;
  /** The last `retry:` the server sent (ms), if any. */
  retryMs(): number | undefined;
  /** Starts reading a paused client (its close is only seen once it reads). */
  resume(): void;
  close(): void;
  req: http.ClientRequest;
}

/** Opens `GET /api/stream…`; `pause` leaves the socket unread (a slow client). */
export function openSse(
  url: string,
  headers: Record<string, string> = {},
  opts: { pause?: boolean } = {},
): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const messages: SseMessage[] = [];
    let retryMs: number | undefined;
    const waiters = new Set<() => void>();
    let closedResolve: () => void = () => undefined;
    const closed = new Promise<void>((r) => (closedResolve = r));
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`SSE status ${res.statusCode}`));
        res.resume();
        return;
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const msg: SseMessage = { event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const i = line.indexOf(':');
            const field = i < 0 ? line : line.slice(0, i);
            const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
            if (field === 'retry') retryMs = Number(value);
            else if (field === 'id') msg.id = value;
            else if (field === 'event') msg.event = value;
            else if (field === 'data') {
              msg.data += (hasData ? '\n' : '') + value;
              hasData = true;
            }
          }
          if (hasData) messages.push(msg);
        }
        for (const w of [...waiters]) w();
      });
      res.on('close', () => {
        closedResolve();
        for (const w of [...waiters]) w();
      });
      if (opts.pause) res.pause();
      resolve({
        messages,
        webhooks: () =>
          messages
            .filter((m) => m.event === 'webhook')
            .map((m) => {
              const e = JSON.parse(m.data) as { id: string; type: string };
              return { seq: Number(m.id), id: e.id, type: e.type };
            }),
        waitFor(pred, timeoutMs = 10_000) {
          return new Promise<void>((ok, fail) => {
            if (pred(messages)) return ok();
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(
                new Error(
                  `SSE: condition not met within ${timeoutMs} ms (${messages.length} messages)`,
                ),
              );
            }, timeoutMs);
            const check = () => {
              if (!pred(messages)) return;
              clearTimeout(timer);
              waiters.delete(check);
              ok();
            };
            waiters.add(check);
          });
        },
        closed,
        headers: res.headers,
        retryMs: () => retryMs,
        resume: () => res.resume(),
        close: () => req.destroy(),
        req,
      });
    });
    req.on('error', (e) => {
      closedResolve();
      reject(e);
    });
  });
}
