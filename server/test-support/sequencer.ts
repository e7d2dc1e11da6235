/**
 * Vitest's file order (vite.config.ts): the files known to run long start first. Vitest orders
 * files by the durations it cached on an earlier run, and without that cache (a fresh clone, CI)
 * by file size, which put a short torture file that runs for a minute near the end of the run,
 * where it stretched the run by its whole length while the other worker sat idle. Once every
 * file has a cached duration, that order (measured, longest first) is kept as it is.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The longest files of a cold run (CPU and child processes), longest first. */
const LONG_FIRST = [
  'server/store-torture.test.ts',
  'server/shutdown.test.ts',
  'server/production-install.test.ts',
  'server/crash.test.ts',
  'server/webhooks.pglite.test.ts',
  'server/stream-catch-up.test.ts',
  'server/auth.test.ts',
  'server/store/data-dir-lock.test.ts',
  'server/cli/user.test.ts',
  'server/sandbox-cloud.test.ts',
  'server/webhooks.postgres.test.ts',
  'server/cloud-call.test.ts',
  'server/cli/queue.test.ts',
  'server/balancer.test.ts',
];

const rank = (spec: TestSpecification): number => {
  const i = LONG_FIRST.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
  return i < 0 ? LONG_FIRST.length : i;
};

export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const cached = files.every((spec) => this.ctx.cache.getTestSpecificationResult(spec));
    // Array#sort is stable: the other files keep Vitest's order after the long ones.
    return cached ? sorted : sorted.sort((a, b) => rank(a) - rank(b));
  }
}
