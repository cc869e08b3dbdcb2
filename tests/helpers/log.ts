// A pino logger whose lines a test reads back, parsed.
import { pino } from 'pino';

export function capturingLogger(level = 'debug') {
  const lines: Record<string, any>[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}
