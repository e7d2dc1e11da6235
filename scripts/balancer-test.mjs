#!/usr/bin/env node
// `npm run test:balancer`: the balancer test in full — Postgres, two instances, nginx
// (deploy/nginx-console.conf) in front; 200 streams through it, one instance killed mid-burst.
import { execFileSync } from 'node:child_process';
import { runFull } from './full-test.mjs';

for (const ensure of ['scripts/ensure-postgres.mjs', 'scripts/ensure-nginx.mjs']) {
  execFileSync(process.execPath, [ensure], { stdio: 'inherit' });
}
process.exit(runFull(['server/balancer.test.ts']));
