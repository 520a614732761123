/** The logging the packages do: `logger.warn({ ...details }, 'message')`; pino's logger fits. */
export interface Logger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
