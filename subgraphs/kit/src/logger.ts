import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; `LOG_LEVEL` is read by the caller's config. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({ name: service, level, base: { service } });
}
