#!/usr/bin/env node
// `npm run dev`: the server (restarted on change by tsx watch) on API_PORT (default 8787) and
// Vite's hot-reloading dev server on 5173, which proxies /api and /webhooks to it.
import { spawn } from 'node:child_process';

const apiPort = process.env.API_PORT ?? '8787';
const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort },
  }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--port', '5173'], {
    stdio: 'inherit',
    env: { ...process.env, API_PORT: apiPort },
  }),
];
const stop = (signal) => children.forEach((c) => c.kill(signal));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
children.forEach((c) => c.on('exit', (code) => (stop('SIGTERM'), process.exit(code ?? 0))));
