// Global IDs in filters: decoded, checked to name the expected type, turned into row ids.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { badInput } from './errors.js';

export function rowId(globalId: string | number, typename: string, argument: string): number {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(String(globalId));
  } catch {
    throw badInput(`"${argument}" is not a valid ${typename} ID.`, { argument });
  }
  const id = Number(decoded.id);
  if (decoded.typename !== typename || !Number.isSafeInteger(id) || id <= 0) {
    throw badInput(`"${argument}" must be the ID of a ${typename}, not ${decoded.typename || 'something else'}.`, { argument });
  }
  return id;
}

/** Every node type is keyed by its integer `id` column. node(id) of an id that names no row
 *  answers null, as Relay expects, not an internal error (Pothos would use findUniqueOrThrow). */
export const nodeById = { id: { field: 'id' }, nullable: true, select: { id: true } } as const;
