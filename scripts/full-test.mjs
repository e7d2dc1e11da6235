#!/usr/bin/env node
// The full forms of the deployment tests (npm test runs their short forms): runs the given
// vitest files with FULL_FORM=1 — more streams, longer bursts, a registry install.
import { spawnSync } from 'node:child_process';

export function runFull(files) {
  const r = spawnSync(
    process.execPath,
    [
      '--require',
      './scripts/node20-polyfills.cjs',
      'node_modules/vitest/vitest.mjs',
      'run',
      ...files,
    ],
    { stdio: 'inherit', env: { ...process.env, FULL_FORM: '1' } },
  );
  return r.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.length < 3) {
    console.error('usage: node scripts/full-test.mjs <test file>…');
    process.exit(2);
  }
  process.exit(runFull(process.argv.slice(2)));
}
