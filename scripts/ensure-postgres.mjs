#!/usr/bin/env node
// Finds Postgres server binaries (initdb, pg_ctl) for the server's tests against a real
// Postgres, installing Debian's postgresql package when none is present. POSTGRES_BIN points
// at another installation's bin directory.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export function findPostgresBin() {
  const fromEnv = process.env.POSTGRES_BIN;
  if (fromEnv) return existsSync(path.join(fromEnv, 'initdb')) ? fromEnv : undefined;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let bin = findPostgresBin();
  if (!bin) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot || !existsSync('/usr/bin/apt-get')) {
      console.error(
        'No Postgres server found. Install one (Debian: apt-get install -y postgresql) or set POSTGRES_BIN.',
      );
      process.exit(1);
    }
    console.log("No Postgres found: installing Debian's postgresql package…");
    const run = (args) =>
      execFileSync('apt-get', args, {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    run(['update', '-qq']);
    run(['install', '-y', '-qq', '--no-install-recommends', 'postgresql']);
    bin = findPostgresBin();
    if (!bin) {
      console.error('postgresql was installed but initdb was not found.');
      process.exit(1);
    }
  }
  console.log(`postgres: ${bin}`);
}
