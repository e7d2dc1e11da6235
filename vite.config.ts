import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { TEST_NODE_FLAGS } from './server/test-support/prepared.ts';
import { LongFirstSequencer } from './server/test-support/sequencer.ts';

const REACT = /node_modules\/(react|react-dom|scheduler)\//;
/** The server queries of the first screen (session, sign-in, rooms): with React, up front. */
const QUERY = /node_modules\/@tanstack\/(react-query|query-core)\//;
const DAILY =
  /node_modules\/(@daily-co|jotai|jotai-family|fast-deep-equal|lodash\.throttle|@tanstack\/(react-virtual|virtual-core))\//;

export default defineConfig({
  plugins: [react(), tailwindcss()],
  // `npm run dev`: the console's server runs beside Vite; its routes are proxied.
  server: {
    proxy: Object.fromEntries(
      ['/api', '/webhooks'].map((p) => [
        p,
        { target: `http://127.0.0.1:${process.env.API_PORT ?? '8787'}`, changeOrigin: false },
      ]),
    ),
  },
  // `vite preview` is the console without its server (the e2e suite's first web server).
  preview: { proxy: {} },
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // React (first screen) and daily-js + daily-react (loaded right after it) in their own
        // cacheable chunks; libraries only dialogs use (libphonenumber, Radix) stay with them.
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: REACT, priority: 20 },
            { name: 'vendor-query', test: QUERY, priority: 15 },
            { name: 'vendor-daily', test: DAILY, priority: 10 },
            // libphonenumber, Radix and its helpers: loaded with the action dialogs only.
            { name: 'vendor-dialogs', test: /node_modules\//, priority: 1 },
          ],
        },
      },
    },
  },
  test: {
    environment: 'node',
    // Bounds, not waits: a test that starts a server waits on its readiness, and a busy 2-core
    // machine (CI, or a CPU hog beside the suite) can take several seconds to start the embedded
    // store. A fixed 5 s/10 s default failed there; these only cap a test that truly hangs.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The server tests spend most of their time waiting on child processes (servers starting,
    // Postgres, nginx): three files at once keep two cores busy without starving them.
    maxWorkers: 3,
    // Memory-bound tests collect garbage before they read the heap, so they measure what is
    // retained, not what the collector has not reached yet (server/test-support/heap.ts).
    // And PGlite's WebAssembly at V8's baseline tier: server/test-support/prepared.ts says why.
    execArgv: ['--expose-gc', ...TEST_NODE_FLAGS],
    // The long server files first (without cached durations Vitest would start them by size).
    sequence: { sequencer: LongFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['server/**/*.test.ts'],
          // Once per run: an empty PGlite cluster and the compiled server, shared by every test
          // that starts a store or a server process (server/test-support/prepared.ts says why).
          globalSetup: ['server/test-support/global-setup.ts'],
          // A worker runs its files one after another in one module graph, instead of loading
          // the server's (Hono, PGlite's JavaScript, pino, zod…) again for each of the 34 files:
          // 150 → 131 CPU-seconds. Each test starts and closes its own servers and stores, and
          // the files pass in any order (checked with --sequence.shuffle.files, three seeds).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          // Pure modules with no process-wide state between files: one worker runs many files
          // instead of paying a fresh worker (about 0.5 s of CPU) per file. They pass in any order
          // (checked with --sequence.shuffle).
          isolate: false,
        },
      },
    ],
  },
});
