import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './e2e/browser';
import { E2E_DAILY_API_KEY } from './e2e/secrets';

/** E2E_PORT_BASE moves the three ports (4173, 4174, 4175) so two checkouts can run e2e at once. */
const PORT = Number(process.env.E2E_PORT_BASE ?? 4173);
/** The console's server (e2e/server-*.spec.ts), on a fresh embedded store per run. */
const SERVER_PORT = PORT + 1;
const OIDC_PORT = PORT + 2;
const E2E_OIDC_SECRET = 'e2e-oidc-client-secret';
const SERVER_DATA = path.join(os.tmpdir(), `console-e2e-${process.pid}`);

/** What e2e/web-servers.mjs starts (`reuse`: an address that already answers is used as it is). */
const WEB_SERVERS = [
  {
    // The console alone (no server: the webhook feed is offline), production build.
    name: 'console',
    command: `node node_modules/vite/bin/vite.js preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuse: !process.env.CI,
  },
  {
    // The console with its server (sandbox mode, PGlite), serving the same build.
    name: 'server',
    command: `node --import tsx server/main.ts`,
    url: `http://127.0.0.1:${SERVER_PORT}/api/health`,
    env: {
      PORT: String(SERVER_PORT),
      DATA_DIR: SERVER_DATA,
      LOG_LEVEL: 'warn',
      // A known key for the sandbox's REST double, so e2e/secrets.spec.ts can look for it.
      DAILY_API_KEY: E2E_DAILY_API_KEY,
      // Single sign-on against the test provider below.
      OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
      OIDC_CLIENT_ID: 'console-test',
      OIDC_CLIENT_SECRET: E2E_OIDC_SECRET,
      OIDC_LABEL: 'Test IdP',
      OIDC_ROLE_CLAIM: 'console_role',
    },
  },
  {
    // A local OpenID Connect provider (server/test-support/oidc-provider.ts).
    name: 'oidc',
    command: `node --import tsx server/test-support/oidc-provider-main.ts`,
    url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
    env: { PORT: String(OIDC_PORT), OIDC_CLIENT_SECRET: E2E_OIDC_SECRET },
  },
];

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  // Pages mostly wait on the sandbox's simulated latencies: four browsers keep two cores busy (measured: 3.2 min with 3, 2.9 with 4, 3.0 with 5).
  workers: 4,
  retries: 0,
  // Bounds for a busy machine, not waits: every step waits on what the page shows.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'off',
  },
  // The three processes start side by side (e2e/web-servers.mjs): Playwright's own list of
  // web servers starts them one after another.
  webServer: {
    command: 'node e2e/web-servers.mjs',
    env: { E2E_WEB_SERVERS: JSON.stringify(WEB_SERVERS) },
    wait: { stdout: /e2e web servers ready/ },
    timeout: 90_000,
  },
});
