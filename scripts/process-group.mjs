// A child process that is stopped with everything it started. `npx vite preview` is npx
// running vite as its own child: killing npx alone leaves vite (and its port) behind. The
// child is spawned in its own process group and stopped by signalling the whole group.
import { spawn } from 'node:child_process';

/** Spawns `command` as the leader of a new process group. */
export function spawnGroup(command, args, options = {}) {
  return spawn(command, args, { ...options, detached: process.platform !== 'win32' });
}

/** Whether any process of the group led by `pid` still exists (zombies included). */
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends `signal` to the child's whole group and resolves once the group is gone (SIGKILL
 * after `graceMs`).
 */
export async function stopGroup(child, signal = 'SIGTERM', graceMs = 5_000) {
  if (child.pid === undefined) return;
  if (process.platform === 'win32') {
    child.kill(signal);
    return;
  }
  const pid = child.pid;
  try {
    process.kill(-pid, signal);
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid)) {
    if (Date.now() > deadline) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        return;
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
