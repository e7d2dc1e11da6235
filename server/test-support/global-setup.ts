/**
 * Vitest's global setup (vite.config.ts): prepares, once per run, the empty PGlite cluster and
 * the compiled server that the tests share (see prepared.ts for why), and removes them after.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { buildServer } from '../../scripts/build-server.mjs';
import { PREPARED_ENV, pgliteTemplatePaths } from './prepared';

export default async function setup(): Promise<() => void> {
  const template = mkdtempSync(path.join(os.tmpdir(), 'console-test-pglite-'));
  // Inside the checkout (dist-server is ignored by git and the linters), so that the bundle's
  // imports of npm packages resolve to this checkout's node_modules.
  const build = path.resolve('dist-server', `vitest-${process.pid}`);
  const { dir, image } = pgliteTemplatePaths(template);
  const prepareStore = async () => {
    const db = await PGlite.create(dir);
    writeFileSync(image, Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer()));
    await db.close();
  };
  await Promise.all([prepareStore(), buildServer(build)]);
  process.env[PREPARED_ENV.pglite] = template;
  process.env[PREPARED_ENV.build] = build;
  return () => {
    rmSync(template, { recursive: true, force: true });
    rmSync(build, { recursive: true, force: true });
  };
}
