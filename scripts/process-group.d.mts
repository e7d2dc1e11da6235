import type { ChildProcess, SpawnOptions } from 'node:child_process';
export declare function spawnGroup(
  command: string,
  args: readonly string[],
  options?: SpawnOptions,
): ChildProcess;
export declare function stopGroup(
  child: ChildProcess,
  signal?: NodeJS.Signals,
  graceMs?: number,
): Promise<void>;
