// A command's flags and positionals, or its usage and exit code 2: a misspelt flag is refused,
// never ignored.
import { type ParseArgsConfig, parseArgs } from 'node:util';

export function argsOrExit<const O extends NonNullable<ParseArgsConfig['options']>>(options: O, usage: string) {
  try {
    return parseArgs({ allowPositionals: true, options });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}
