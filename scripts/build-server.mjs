#!/usr/bin/env node
// `npm run build` (after `vite build`): the server as plain JavaScript in dist-server/, so a
// production install (`npm ci --omit=dev`) runs it with `node` alone — no tsx, no TypeScript.
// One bundle per entry holds the server's own code and the src/domain and src/sandbox modules
// it shares with the console; npm packages stay external: they come from `dependencies`, and
// the production install test proves that list is complete.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const SERVER_OUT = 'dist-server';

/** Builds into `outdir` (relative to the checkout, or absolute). */
export async function buildServer(outdir = SERVER_OUT) {
  await build({
    absWorkingDir: path.dirname(path.dirname(fileURLToPath(import.meta.url))),
    entryPoints: {
      main: 'server/main.ts',
      user: 'server/cli/user.ts',
      queue: 'server/cli/queue.ts',
    },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildServer();
  console.log(`server built: ${SERVER_OUT}/main.js, ${SERVER_OUT}/user.js, ${SERVER_OUT}/queue.js`);
}
