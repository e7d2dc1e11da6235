/**
 * `npm start` / `npm run serve`: the console's server. Configuration from the environment
 * (see the README's table); a bad value stops the start with one line per problem.
 */
import { loadConfig } from './config';
import { createLogger } from './log';
import { startServer } from './server';

const result = loadConfig(process.env);
if (!result.ok) {
  for (const e of result.errors) console.error(`config: ${e}`);
  process.exit(2);
}
const log = createLogger(result.config.logLevel);
startServer(result.config, log).then(
  (running) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping');
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  },
  (error: unknown) => {
    log.fatal({ err: error }, 'could not start');
    process.exit(1);
  },
);
