// Page arguments checked: sizes within MAX_PAGE (src/read/pages.ts), cursors of the list's shape.
import { decodeBase64, decodeCursorChunk } from '@pothos/core';
import { MAX_ROW_ID } from '../global-id.js';
import { DEFAULT_PAGE, MAX_PAGE } from '../read/pages.js';
import { badInput } from './errors.js';

export { DEFAULT_PAGE, MAX_PAGE, PARTICIPANTS } from '../read/pages.js';

export function checkPageSize(args: { first?: number | null | undefined; last?: number | null | undefined }): number {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value == null) continue;
    if (value < 0) throw badInput(`"${name}" must be zero or more.`, { argument: name });
    if (value > MAX_PAGE)
      throw badInput(`"${name}" is ${value}; a page holds at most ${MAX_PAGE} items.`, { argument: name, max: MAX_PAGE });
  }
  if (args.first != null && args.last != null) throw badInput('Pass "first" or "last", not both.');
  return MAX_PAGE;
}

type PageArgs = { first?: number | null | undefined; last?: number | null | undefined; after?: unknown; before?: unknown };

/**
 * Every list here pages by row ids: a cursor is one id ("id" cursors) or two (a link table's
 * pair). One that is malformed, or was issued by a list of another shape, is refused here, not
 * handed to the database.
 */
function checkCursors(args: PageArgs, ids: 1 | 2) {
  for (const name of ['after', 'before'] as const) {
    const cursor = args[name];
    if (cursor == null) continue;
    let value: unknown;
    try {
      const text = decodeBase64(String(cursor));
      value = text.startsWith('GPC:') ? decodeCursorChunk(text.slice(4)) : undefined;
    } catch {
      value = undefined;
    }
    const parts = ids === 1 ? [value] : Array.isArray(value) && value.length === 2 ? value : [];
    if (!parts.length || !parts.every((v) => Number.isInteger(v) && (v as number) > 0 && (v as number) <= MAX_ROW_ID)) {
      throw badInput(`"${name}" is not a cursor of this list: pass a cursor this list returned.`, { argument: name });
    }
  }
}

const checked = (ids: 1 | 2) => (args: PageArgs) => {
  checkCursors(args, ids);
  return checkPageSize(args);
};

/** Spread into every connection field whose cursor is a row id. */
export const pageOptions = { defaultSize: DEFAULT_PAGE, maxSize: checked(1) } as const;
/** Spread into every connection over a link table, whose cursor is a pair of ids. */
export const pairPageOptions = { defaultSize: DEFAULT_PAGE, maxSize: checked(2) } as const;
