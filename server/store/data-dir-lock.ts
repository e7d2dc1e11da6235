/**
 * One process at a time on the embedded store's directory. PGlite has no lock of its own: a
 * second server (or `npm run user`) on the same `DATA_DIR` would write beside the first and
 * break it. The lock is a file beside the directory (`<DATA_DIR>.lock`, not inside it: PGlite
 * initialises only an empty directory) holding the owner's pid. A lock whose pid no longer runs
 * was left by a crash (`kill -9`, power loss) and is taken over, and the caller is told.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

/** Another live process holds the directory. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another process of this console: pid ${owner.pid} ` +
        `(${owner.command}, since ${owner.startedAt}). The embedded store takes one process at a ` +
        'time: stop that process, give this one another DATA_DIR, or use DATABASE_URL (a Postgres ' +
        'server) to run several instances.',
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  /** The previous owner, when its lock was stale (it died without closing the store). */
  readonly recoveredFrom?: LockOwner;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, another user's
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' ? (o as LockOwner) : undefined;
  } catch {
    return undefined; // half-written by a process killed mid-write: stale
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  const file = `${dataDir}.lock`;
  const me: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1).join(' ').slice(0, 200),
  };
  let recoveredFrom: LockOwner | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      const owner = readOwner(file);
      // Another host's process cannot be checked from here: taken as alive. Our own pid is
      // alive too: a second open in this process is refused like any other.
      if (owner && (owner.host !== me.host || alive(owner.pid))) {
        throw new DataDirInUseError(dataDir, owner);
      }
      recoveredFrom = owner ?? { pid: 0, host: me.host, startedAt: 'unknown', command: 'unknown' };
      unlinkSync(file);
    }
  }
  return {
    recoveredFrom,
    release() {
      if (readOwner(file)?.pid !== process.pid) return;
      try {
        unlinkSync(file);
      } catch {
        /* already gone */
      }
    },
  };
}
