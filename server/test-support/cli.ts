import { execFile } from 'node:child_process';
import { serverEntryArgs } from './prepared';

/**
 * Runs a command-line tool (`server/cli/<script>.ts`, or its build for this test run) against the embedded store in `dataDir`, in
 * real mode; resolves with its exit code and output. `stdin` is written and closed.
 */
export function runCli(
  script: 'user' | 'queue',
  args: string[],
  dataDir: string,
  stdin = '',
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...serverEntryArgs(script), ...args],
      {
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          DATABASE_URL: '',
          CONSOLE_MODE: 'real',
          DAILY_API_KEY: 'k',
        },
      },
      (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    );
    child.stdin!.end(stdin);
  });
}
