/**
 * What the Vitest run prepares once (global-setup.ts) so that no test pays for it again:
 *
 * - An empty PGlite cluster. Creating one runs PGlite's initdb, about 4 s of CPU each time;
 *   opening a copy of one made earlier takes about 0.5 s. A fresh store for a test is a copy
 *   (a data directory) or a load of its image (in memory). It holds no schema: every server
 *   still runs its migrations on it, as on a first start. The first-start path itself (initdb
 *   included) stays covered by server/production-install.test.ts and the Playwright server.
 * - The server compiled once with esbuild (scripts/build-server.mjs), so a test that runs it
 *   as a child process starts plain JavaScript instead of compiling TypeScript through tsx at
 *   every start (about 1 s of CPU a start; the kill -9 tests start it dozens of times).
 *
 * - WebAssembly at V8's baseline tier only (`--liftoff-only`, {@link TEST_NODE_FLAGS}) in the
 *   test workers and in every server or tool process they start. PGlite is about 9 MB of
 *   WebAssembly; by default V8 also recompiles its hot functions with its optimizing compiler on
 *   background threads, which for a process that lives a few seconds costs more CPU than it
 *   saves (measured: the server tests took 202 CPU-seconds and 106 s with it, 150 and 80 s
 *   without). It changes no behaviour, only how fast the same code runs.
 *
 * Outside Vitest (benchmarks, `npm run torture`, the Playwright server, production) nothing is
 * prepared and everything falls back to the ordinary first start, tsx and V8's defaults.
 */
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The environment variables global-setup.ts sets for the test workers. */
export const PREPARED_ENV = {
  /** A directory holding an empty PGlite cluster (and `image.tar`, the same as a dump). */
  pglite: 'CONSOLE_TEST_PGLITE_TEMPLATE',
  /** A directory holding `main.js`, `user.js` and `queue.js`, the server built for this run. */
  build: 'CONSOLE_TEST_SERVER_BUILD',
} as const;

/** V8 flags for the test workers and the processes they start (see above; vite.config.ts). */
export const TEST_NODE_FLAGS = ['--liftoff-only'];

const PGLITE_DIR = 'cluster';
const PGLITE_IMAGE = 'image.tar';

/** Where global-setup.ts writes the empty cluster, as a directory and as a dump. */
export function pgliteTemplatePaths(root: string) {
  return { dir: path.join(root, PGLITE_DIR), image: path.join(root, PGLITE_IMAGE) };
}

/**
 * Makes `dataDir` (absent or empty) a fresh embedded store: a copy of the prepared empty cluster
 * when there is one; otherwise it is left as it is, and the server's first start creates it.
 * Returns `dataDir`.
 */
export function seedEmptyStore(dataDir: string): string {
  const template = process.env[PREPARED_ENV.pglite];
  if (template) cpSync(pgliteTemplatePaths(template).dir, dataDir, { recursive: true });
  return dataDir;
}

let image: Blob | null | undefined;
/** The prepared empty cluster as a PGlite dump, to start an in-memory store from (or none). */
export function pgliteImage(): Blob | undefined {
  if (image === undefined) {
    const template = process.env[PREPARED_ENV.pglite];
    image = template ? new Blob([readFileSync(pgliteTemplatePaths(template).image)]) : null;
  }
  return image ?? undefined;
}

/**
 * The node arguments that run a server entry (`main` or `user`): the prepared build when there
 * is one, else the TypeScript source through tsx.
 */
export function serverEntryArgs(entry: 'main' | 'user' | 'queue'): string[] {
  const build = process.env[PREPARED_ENV.build];
  if (build) return [...TEST_NODE_FLAGS, path.join(build, `${entry}.js`)];
  return ['--import', 'tsx', entry === 'main' ? 'server/main.ts' : `server/cli/${entry}.ts`];
}
