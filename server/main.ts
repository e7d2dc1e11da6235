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
const { shutdownTimeoutMs } = result.config;
startServer(result.config, log).then(
  (running) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        log.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      log.info({ signal, timeoutMs: shutdownTimeoutMs }, 'shutting down');
      // The drain is bounded; this is the backstop should closing the store itself hang.
      setTimeout(() => {
        log.error('shutdown did not finish in time: exiting');
        process.exit(1);
      }, shutdownTimeoutMs + 5_000).unref();
      running.drain(shutdownTimeoutMs).then(
        (clean) => {
          if (clean) log.info('stopped');
          else log.warn('stopped; requests or streams still open at the bound were cut');
          process.exit(0);
        },
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
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
