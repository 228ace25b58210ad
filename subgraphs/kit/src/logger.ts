import pino, { type DestinationStream, type Logger } from 'pino';

export type { DestinationStream, Logger };

/** Structured JSON logs, one line per event; `destination` defaults to stdout. */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  return pino({ name: service, level, base: { service } }, destination);
}
