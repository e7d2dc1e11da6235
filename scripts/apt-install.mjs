// Shared by ensure-postgres.mjs and ensure-nginx.mjs: a test dependency that is a Debian
// package, installed with apt-get when missing (as root; otherwise a message says what to do).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * `find()`'s answer (printed as `label: …`), after installing Debian's `pkg` if it found
 * nothing; exits 1 when it cannot, naming the package and the variable (`envVar`) that points
 * at another installation.
 */
export function ensureDebianPackage({ pkg, label, envVar, find }) {
  let found = find();
  if (found) {
    console.log(`${label}: ${found}`);
    return found;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `No ${label} found. Install it (Debian: apt-get install -y ${pkg}) or set ${envVar}.`,
    );
    process.exit(1);
  }
  console.log(`Not found: installing Debian's ${pkg} package…`);
  const run = (args) =>
    execFileSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  run(['update', '-qq']);
  run(['install', '-y', '-qq', '--no-install-recommends', pkg]);
  found = find();
  if (!found) {
    console.error(`${pkg} was installed but is still not found.`);
    process.exit(1);
  }
  console.log(`${label}: ${found}`);
  return found;
}
