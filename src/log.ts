// The server's log: JSON lines (pino) on stdout, at LOG_LEVEL (default info). Tests and embedders
// that pass no logger get one that writes errors alone, to stderr.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** Internal errors only, on stderr: a bug is never silent. */
export const errorsOnly = (): Logger => pino({ level: 'error', timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2));
