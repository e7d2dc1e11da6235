#!/usr/bin/env node
// Finds a Chromium/Chrome for Playwright, installing Debian's package when none is present.
// CHROME_PATH (or PLAYWRIGHT_CHROMIUM_PATH) points at another browser; nothing is downloaded
// by Playwright itself (it cannot reach its CDN here).
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';
import { execFileSync } from 'node:child_process';

const found = findChromium();
if (found) {
  console.log(`browser: ${found}`);
  process.exit(0);
}
if (process.env.CHROME_PATH) {
  console.error(`CHROME_PATH=${process.env.CHROME_PATH} does not exist.`);
  process.exit(1);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(
    'No Chromium found. Install one (Debian: apt-get install -y chromium) or set CHROME_PATH.',
  );
  process.exit(1);
}
console.log("No Chromium found: installing Debian's chromium package…");
const run = (args) =>
  execFileSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
run(['update', '-qq']);
run(['install', '-y', '-qq', 'chromium']);
if (!existsSync('/usr/bin/chromium')) {
  console.error('chromium was installed but /usr/bin/chromium is missing.');
  process.exit(1);
}
console.log('browser: /usr/bin/chromium');
