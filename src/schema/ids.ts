// Global IDs in filters: read as src/global-id.ts reads every id, checked to name the expected type.
import { parseGlobalId } from '../global-id.js';
import { badInput } from './errors.js';

export function rowId(globalId: string | number, typename: string, argument: string): number {
  const parsed = parseGlobalId(String(globalId));
  if (!parsed) throw badInput(`"${argument}" is not a valid ${typename} ID.`, { argument });
  if (parsed.typename !== typename) throw badInput(`"${argument}" must be the ID of a ${typename}, not ${parsed.typename}.`, { argument });
  return parsed.id;
}

/** Every node type is keyed by its integer `id` column. node(id) of an id that names no row
 *  answers null, as Relay expects, not an internal error (Pothos would use findUniqueOrThrow). */
export const nodeById = { id: { field: 'id' }, nullable: true, select: { id: true } } as const;
