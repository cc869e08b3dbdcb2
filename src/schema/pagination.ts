// Page sizes: 20 by default, 100 at most. Asking for more is an error, not a silent clamp,
// so a client never mistakes a short page for the end of the list.
import { badInput } from './errors.js';

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

export function checkPageSize(args: { first?: number | null | undefined; last?: number | null | undefined }): number {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value == null) continue;
    if (value < 0) throw badInput(`"${name}" must be zero or more.`, { argument: name });
    if (value > MAX_PAGE) throw badInput(`"${name}" is ${value}; a page holds at most ${MAX_PAGE} items.`, { argument: name, max: MAX_PAGE });
  }
  if (args.first != null && args.last != null) throw badInput('Pass "first" or "last", not both.');
  return MAX_PAGE;
}

/** Spread into every connection field. */
export const pageOptions = { defaultSize: DEFAULT_PAGE, maxSize: checkPageSize } as const;
