// Where the tests and the benchmark find Chromium: CHROME_PATH (or PLAYWRIGHT_CHROMIUM_PATH)
// wins, then Debian's package and common Chrome installs. Playwright downloads nothing here.
import { existsSync } from 'node:fs';

export const CHROMIUM_CANDIDATES = [
  process.env.CHROME_PATH,
  process.env.PLAYWRIGHT_CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter(Boolean);

/** The first browser that exists, or undefined. */
export function findChromium() {
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

/** Flags for a headless Chromium on a machine with no network but the package registries. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
