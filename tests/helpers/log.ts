// A pino logger whose lines a test reads back, parsed.
import { pino } from 'pino';

export function capturingLogger(level = 'debug') {
  // biome-ignore lint/suspicious/noExplicitAny: log lines are read by the fields a test expects.
  const lines: Record<string, any>[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}
