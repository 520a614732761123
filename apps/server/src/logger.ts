import { pino } from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; secrets never reach them (redacted by path as a second line of defence). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: [
      'password',
      '*.password',
      'apiKey',
      '*.apiKey',
      'headers.cookie',
      'headers.authorization',
    ],
  });
}
