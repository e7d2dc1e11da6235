#!/usr/bin/env node
// Finds Postgres server binaries (initdb, pg_ctl) for the server's tests against a real
// Postgres, installing Debian's postgresql package when none is present. POSTGRES_BIN points
// at another installation's bin directory.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ensureDebianPackage } from './apt-install.mjs';

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
  ensureDebianPackage({
    pkg: 'postgresql',
    label: 'postgres',
    envVar: 'POSTGRES_BIN',
    find: findPostgresBin,
  });
}
