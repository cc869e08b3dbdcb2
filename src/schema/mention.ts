// A Mention seen from either side: the edge between an article and a person it names carries the
// same two facts whichever end a list starts from.
import type { builder } from '../builder.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

export const mentionEdge = (name: string) => ({
  name,
  fields: (e: PothosSchemaTypes.ObjectFieldBuilder<Types, { count: number; firstSentence: string }>) => ({
    mentionCount: e.exposeInt('count', { description: 'Times the article names the person.' }),
    firstMention: e.exposeString('firstSentence', { description: 'The sentence that first names them.' }),
  }),
});
