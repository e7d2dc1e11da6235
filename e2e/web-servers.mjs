// The processes the Playwright run talks to, started side by side. Playwright starts the entries
// of `webServer` one after another (the console, then its server, then the sign-in provider:
// their start-ups add up); this starts them at once and prints READY when every one answers.
// Playwright stops it by killing its process group, which holds the children too.
//
// E2E_WEB_SERVERS: JSON, a list of { name, command, url, env?, reuse? } (see playwright.config.ts).
// `reuse`: an address that already answers is taken as it is; without it, an answering address
// is an error (another run's server must not be tested by mistake).
import { spawn } from 'node:child_process';

export const READY = 'e2e web servers ready';

const servers = JSON.parse(process.env.E2E_WEB_SERVERS ?? '[]');
const children = [];

async function answers(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

function fail(message) {
  console.error(`web-servers: ${message}`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
}

async function start({ name, command, url, env = {}, reuse = false }) {
  if (await answers(url)) {
    if (reuse) return;
    fail(`${url} (${name}) is already in use; stop what runs there first`);
  }
  // As Playwright's own web servers: their stdout (the server's log lines) is not shown, their
  // stderr is; stdout carries READY alone.
  const child = spawn(command, {
    shell: true,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  child.on('exit', (code, signal) => fail(`${name} exited (${signal ?? code}) — ${command}`));
  // Polls until it answers; Playwright's `timeout` bounds the whole start.
  while (!(await answers(url))) await new Promise((r) => setTimeout(r, 100));
}

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(0);
  });
}

await Promise.all(servers.map(start));
console.log(READY);
