/**
 * nginx as the load balancer for tests: `deploy/nginx-console.conf` (the README's config) with
 * the test's upstream ports, listening on a loopback port without TLS and telling the
 * instances `X-Forwarded-Proto: https`, as it does when it terminates TLS. Runs as a child
 * (`daemon off`) with a temp prefix; every response says which instance answered
 * (`x-upstream`), so a test can see that both served.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findNginx } from '../../scripts/ensure-nginx.mjs';
import { freePort, waitUntilUp } from './process';

export interface TestNginx {
  url: string;
  stop(): Promise<void>;
}

const CONFIG = path.resolve('deploy', 'nginx-console.conf');

/** The deployment config, for `upstreams` and plain HTTP on `port`. */
export function renderConfig(port: number, upstreams: number[]): string {
  const config = readFileSync(CONFIG, 'utf8');
  const servers = config.match(/^ {4}server 127\.0\.0\.1:\d+ (.*)$/gm) ?? [];
  if (servers.length === 0) throw new Error('deploy/nginx-console.conf: no upstream server lines');
  const options = servers[0]!.replace(/^ {4}server \S+ /, '');
  return config
    .replace(
      servers.join('\n'),
      upstreams.map((p) => `    server 127.0.0.1:${p} ${options}`).join('\n'),
    )
    .replace(/^ {4}listen 443 ssl;$/m, `    listen 127.0.0.1:${port};`)
    .replace(/^ {4}ssl_certificate.*\n/gm, '')
    .replace('X-Forwarded-Proto $scheme', 'X-Forwarded-Proto https');
}

export async function startNginx(upstreams: number[]): Promise<TestNginx> {
  const bin = findNginx();
  if (!bin) throw new Error('No nginx: run `node scripts/ensure-nginx.mjs`.');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'console-nginx-'));
  chmodSync(dir, 0o755); // nginx's workers run as another user when started as root
  const port = await freePort();
  writeFileSync(path.join(dir, 'console.conf'), renderConfig(port, upstreams));
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr crit;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  add_header x-upstream $upstream_addr always;
  include ${dir}/console.conf;
}
`,
  );
  const child = spawn(bin, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', 'stderr'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${url}/api/ready`, () => child.exitCode === null);
  return {
    url,
    async stop() {
      child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
