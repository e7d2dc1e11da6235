/**
 * Structured logs (pino, JSON lines on stdout). Never a secret or a webhook body at info: the
 * redaction list is a second line of defence behind the rule of not passing them at all.
 */
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          '*.authorization',
          '*.cookie',
          '*.token',
          '*.apiKey',
          '*.secret',
          'req.headers.authorization',
          'req.headers["x-webhook-signature"]',
          'body',
          '*.body',
          'payload',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
