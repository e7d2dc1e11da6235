import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';

/** The Chromium the tests drive: CHROME_PATH wins, then Debian's package. */
export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error('No Chromium found: run `node scripts/ensure-chromium.mjs`.');
  return found;
}

export { CHROMIUM_ARGS };
