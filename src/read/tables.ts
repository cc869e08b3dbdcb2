// The SQL names of Prisma's tables, columns and relations, in one place. A table is named after
// its Prisma model (no @@map), so the model's name, checked by the compiler, is the table's; a
// relation's table and key come from Prisma's own datamodel, never from a second copy here.
import { getDatamodel } from '../generated/pothos-types.js';
import type { Prisma } from '../generated/prisma/client.js';

export type Model = Prisma.ModelName;

/** The quoted table of a model: `"Article"`. */
export const table = (model: Model) => `"${model}"`;

/** A quoted column of row alias `t`: `a."sortDate"`. Names come from this code, never from a client. */
export const column = (t: string, name: string) => `${t}."${name}"`;

interface RelationField {
  name: string;
  type: string;
  kind: string;
  isList: boolean;
  relationName?: string;
  relationFromFields?: string[];
}

const models = getDatamodel().datamodel.models as unknown as Record<string, { fields: RelationField[] }>;

export interface Relation {
  /** The related model's table. */
  model: Model;
  /** To many: the related rows' key to this row's id. To one: this row's key to the related row's id. */
  fk: string;
  toMany: boolean;
}

/** What `model.name` relates to, read from Prisma's datamodel; throws on a name that is not a relation. */
export function relation(model: Model, name: string): Relation {
  const field = models[model]?.fields.find((f) => f.name === name && f.kind === 'object');
  if (!field) throw new Error(`${model}.${name} is not a relation`);
  if (!field.isList) return { model: field.type as Model, fk: field.relationFromFields![0]!, toMany: false };
  const back = models[field.type]!.fields.find((f) => f.relationName === field.relationName && f.relationFromFields?.length);
  return { model: field.type as Model, fk: back!.relationFromFields![0]!, toMany: true };
}
