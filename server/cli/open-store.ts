/**
 * What the command-line tools share: a usage failure (exit 2) and the store the server uses
 * (DATA_DIR or DATABASE_URL, as for `npm start`), migrated. The embedded store takes one
 * process at a time: while a server has it open, this refuses, naming the server's pid and
 * the admin page that makes the same change.
 */
import { loadConfig } from '../config';
import { DataDirInUseError } from '../store/data-dir-lock';
import { openPglite, openPostgres, type Database } from '../store/database';
import { migrate } from '../store/migrations';

export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** `--name value` taken out of `args`; undefined when absent, a failure without a value. */
export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) fail(`${name} needs a value`);
  args.splice(i, 2);
  return value;
}

export async function openStore(adminPage: string): Promise<Database> {
  const config = loadConfig(process.env);
  if (!config.ok) fail(config.errors.map((e) => `config: ${e}`).join('\n'));
  const { databaseUrl, dataDir } = config.config;
  let db: Database;
  if (databaseUrl) db = await openPostgres(databaseUrl);
  else {
    try {
      db = await openPglite(dataDir);
    } catch (error) {
      if (!(error instanceof DataDirInUseError)) throw error;
      fail(
        `A server (pid ${error.owner.pid}) has the embedded store in ${dataDir} open, and it takes ` +
          `one process at a time: nothing was changed. Make the change on the admin page of that ` +
          `server (${adminPage}), or stop the server and run this again.`,
      );
    }
  }
  await migrate(db);
  return db;
}
