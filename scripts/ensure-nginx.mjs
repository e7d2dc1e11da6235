#!/usr/bin/env node
// Finds nginx for the balancer test (two instances behind it), installing Debian's nginx
// package when none is present. NGINX_BIN points at another nginx binary.
import { existsSync } from 'node:fs';
import { ensureDebianPackage } from './apt-install.mjs';

export function findNginx() {
  const fromEnv = process.env.NGINX_BIN;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureDebianPackage({ pkg: 'nginx', label: 'nginx', envVar: 'NGINX_BIN', find: findNginx });
}
