import { test as base, expect, type Page } from '@playwright/test';
import type { SandboxControl } from '../src/sandbox/sandbox-control';

declare global {
  interface Window {
    sandbox?: SandboxControl;
  }
}

const LOCAL = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost)(:\d+)?\//;

/**
 * Sandbox runs must be self-contained: every test using this fixture fails on a console error,
 * a page error, a dialog (alert from injected markup) or a request that leaves localhost.
 */
export const test = base.extend<{ guard: { allowConsoleErrors: () => void } }>({
  guard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      let consoleErrorsAllowed = false;
      page.on('console', (msg) => {
        if (msg.type() !== 'error' || consoleErrorsAllowed) return;
        // Without the console's server (vite preview), the webhook stream is absent by design:
        // the console shows its feed as offline. That 404 is expected; any other is not.
        if (msg.location().url.includes('/api/stream')) return;
        // The shared sandbox's stream breaks when its server goes away: the console says so,
        // and each reconnection attempt (a fresh token, then the stream) fails until it is back.
        // The queues' stream breaks the same way (the panel says so).
        const gone = /net::ERR_/.test(msg.text());
        if (gone && msg.location().url.includes('/api/sandbox/cloud/connect')) return;
        if (gone && /\/api\/rooms\/[^/]+\/token$/.test(msg.location().url)) return;
        if (gone && msg.location().url.includes('/api/queue/stream')) return;
        // The sandbox panel's list of simulated queue callers is polled from the same server.
        if (gone && msg.location().url.includes('/api/sandbox/pinless/calls')) return;
        // The console asks the server who it is: 404 without a server (it runs on its own; a
        // server answers 200 signed in or not). A wrong password is a 401. Expected answers.
        const url = msg.location().url;
        if (url.endsWith('/api/auth/whoami') && /\b404\b/.test(msg.text())) return;
        if (url.endsWith('/api/auth/signin') && msg.text().includes('401')) return;
        problems.push(`console: ${msg.text()} (${msg.location().url})`);
      });
      page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      page.on('request', (req) => {
        const url = req.url();
        if (!LOCAL.test(url) && !url.startsWith('data:') && !url.startsWith('blob:')) {
          problems.push(`request outside localhost: ${url}`);
        }
      });
      await use({ allowConsoleErrors: () => (consoleErrorsAllowed = true) });
      expect(problems, problems.join('\n')).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The console's server started by playwright.config.ts (sandbox mode, its own PGlite). */
export const SERVER_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT_BASE ?? 4173) + 1}`;

/** What the join helpers leave on screen: the sandbox panel (collapsed by default) opened. */
export interface JoinOptions {
  /** Open the sandbox panel after joining (default true: most tests use its controls). */
  panel?: boolean;
}

/** Expands the console's sandbox panel (it starts collapsed). */
export async function openSandboxPanel(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Sandbox panel' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

/** Opens the console in sandbox mode and joins; resolves once the console is showing. */
export async function joinSandbox(
  page: Page,
  query = '',
  { panel = true }: JoinOptions = {},
): Promise<void> {
  await page.goto(`/${query}`);
  await page.waitForFunction(() => !!window.sandbox);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'Agent console', exact: true })).toBeVisible();
  if (panel) await openSandboxPanel(page);
}

/**
 * With the console's server: sign in with one click as a sandbox demo account, pick the room
 * (the `?sandboxRoom=` of `query` is preselected) and join with the token the server mints.
 */
export async function signInDemo(
  page: Page,
  query = '',
  role: 'agent' | 'supervisor' | 'admin' = 'agent',
  base = '',
): Promise<void> {
  await page.goto(`${base}/${query}`);
  await page.getByRole('button', { name: `Sign in as demo ${role}` }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export async function joinServerSandbox(
  page: Page,
  query = '',
  base = '',
  { panel = true }: JoinOptions = {},
): Promise<void> {
  await signInDemo(page, query, 'agent', base);
  await page.waitForFunction(() => !!window.sandbox);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Agent console', exact: true })).toBeVisible();
  if (panel) await openSandboxPanel(page);
}

/** The "Calls" list and a row in it, found by accessible name. */
export function callList(page: Page) {
  return page.getByRole('list', { name: 'Calls' });
}

export function callRow(page: Page, name: string | RegExp) {
  return callList(page).getByRole('listitem').filter({ hasText: name });
}

/** A dial-in through window.sandbox; returns the caller's session id. */
export function sandboxDialIn(
  page: Page,
  opts: { kind: 'pstn' | 'sip'; from: string; name?: string },
): Promise<string> {
  return page.evaluate((o) => window.sandbox!.dialIn(o), opts);
}

export function sandboxCalls(page: Page) {
  return page.evaluate(() => window.sandbox!.calls());
}

export function sandboxEvents(page: Page) {
  return page.evaluate(() => window.sandbox!.events());
}
