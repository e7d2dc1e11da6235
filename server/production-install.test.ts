/**
 * The production path: a clean copy of the checkout (its tracked files only), the server
 * compiled to plain JavaScript, `npm ci --omit=dev` — no tsx, no TypeScript, no Vite — and
 * `npm run start:prod`'s command run with `node`: it starts, is ready, signs a demo agent in
 * and stops cleanly. A runtime import missing from `dependencies` fails here.
 * Short form (npm test): the server is built from this checkout into the copy and the install
 * is `--offline`, from npm's cache (filled by the main install). FULL_FORM=1
 * (`npm run test:production`): the copy installs everything from the registry, runs
 * `npm run build` itself, then reinstalls with `--omit=dev` and serves the built console too.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildServer } from '../scripts/build-server.mjs';
import { demoCookie, launchServer, type ServerProcess } from './test-support/process';

const FULL = process.env.FULL_FORM === '1';
const copy = mkdtempSync(path.join(os.tmpdir(), 'console-production-'));
let server: ServerProcess | undefined;
afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(copy, { recursive: true, force: true });
}, 120_000);

function npm(args: string[]): void {
  execFileSync('npm', [...args, '--no-audit', '--no-fund'], {
    cwd: copy,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

it(`installs with --omit=dev, starts with node alone and signs in (${FULL ? 'full' : 'short'} form)`, async () => {
  const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0');
  for (const f of files.filter((f) => f && existsSync(f))) {
    mkdirSync(path.join(copy, path.dirname(f)), { recursive: true });
    cpSync(f, path.join(copy, f));
  }
  if (FULL) {
    npm(['ci']);
    npm(['run', 'build']);
    rmSync(path.join(copy, 'node_modules'), { recursive: true });
    npm(['ci', '--omit=dev']);
  } else {
    await buildServer(path.join(copy, 'dist-server'));
    npm(['ci', '--omit=dev', '--offline']);
  }
  // Nothing from the build tools is left to lean on.
  for (const dev of ['tsx', 'typescript', 'vite', 'esbuild', 'vitest']) {
    expect(existsSync(path.join(copy, 'node_modules', dev)), dev).toBe(false);
  }
  const pkg = JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = pkg.scripts['start:prod']!.split(' ');
  expect(command).toBe('node');
  server = await launchServer(
    { DATA_DIR: path.join(copy, 'data'), NODE_OPTIONS: '' },
    { args, cwd: copy },
  );
  expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);
  const cookie = await demoCookie(server.url);
  const session = await fetch(`${server.url}/api/session`, { headers: { cookie } });
  expect(session.status).toBe(200);
  expect(await session.json()).toMatchObject({ user: { username: 'demo-agent' } });
  if (FULL) {
    const page = await fetch(`${server.url}/`);
    expect(await page.text()).toContain('<div id="root">');
  }
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
}, 300_000);
