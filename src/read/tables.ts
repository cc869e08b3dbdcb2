// The SQL names of Prisma's tables and columns, quoted in one place. A table is named after its
// Prisma model (no @@map), so the model's name, checked by the compiler, is the table's.
import type { Prisma } from '../generated/prisma/client.js';

export type Model = Prisma.ModelName;

/** The quoted table of a model: `"Article"`. */
export const table = (model: Model) => `"${model}"`;

/** A quoted column of row alias `t`: `a."sortDate"`. Names come from this code, never from a client. */
export const column = (t: string, name: string) => `${t}."${name}"`;
