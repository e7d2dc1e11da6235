/** Helpers for tests and benchmarks that run the server as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { serverEntryArgs } from './prepared';

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Polls `url` until it answers 2xx (90 s at most: a busy machine starts slowly); `alive` says whether to keep trying. */
export async function waitUntilUp(url: string, alive: () => boolean = () => true): Promise<void> {
  for (let i = 0; i < 900; i++) {
    if (!alive()) throw new Error(`the process behind ${url} exited`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up within 90 s`);
}

/** Signs in as a sandbox demo account; the `cookie` header value for later requests. */
export async function demoCookie(
  url: string,
  role: 'agent' | 'supervisor' | 'admin' = 'agent',
): Promise<string> {
  const res = await fetch(`${url}/api/auth/demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  if (!res.ok) throw new Error(`demo sign-in: ${res.status}`);
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0]!;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** The exit code (null: killed by a signal). */
  exited: Promise<number | null>;
}

/**
 * Starts the server as a child process on a free port (the run's compiled server, or
 * `server/main.ts` through tsx, unless `args` names another entry, e.g. the built
 * `dist-server/main.js` of a production install); resolves once its health
 * probe answers. Its logs go to this process's stderr at LOG_LEVEL (warn unless given).
 */
export async function launchServer(
  env: Record<string, string>,
  opts: { args?: string[]; cwd?: string; port?: number } = {},
): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, opts.args ?? serverEntryArgs('main'), {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${url}/api/health`, () => child.exitCode === null);
  return { child, url, port, exited };
}
