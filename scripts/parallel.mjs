#!/usr/bin/env node
// Runs npm scripts at the same time and fails if any fails: `npm test`'s static checks
// (tsc, ESLint, Prettier) are each single-threaded, so on two cores they finish in about half
// the time side by side. Each script's output is printed whole when it ends, not interleaved.
import { spawn } from 'node:child_process';

/** Runs `npm run <script>` for each; resolves with the number that failed. */
export async function runParallel(scripts) {
  const results = await Promise.all(
    scripts.map(
      (script) =>
        new Promise((resolve) => {
          const started = Date.now();
          const child = spawn('npm', ['run', '--silent', script], {
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let output = '';
          child.stdout.on('data', (chunk) => (output += chunk));
          child.stderr.on('data', (chunk) => (output += chunk));
          child.on('close', (code) => {
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            const verdict = code === 0 ? 'passed' : `FAILED (exit ${code})`;
            process.stdout.write(`${output}npm run ${script}: ${verdict} in ${seconds} s\n`);
            resolve(code === 0);
          });
        }),
    ),
  );
  return results.filter((ok) => !ok).length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.length < 3) {
    console.error('usage: node scripts/parallel.mjs <npm script>…');
    process.exit(2);
  }
  process.exit((await runParallel(process.argv.slice(2))) ? 1 : 0);
}
