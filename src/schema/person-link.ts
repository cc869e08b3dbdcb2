// A person named in another language, linked by the archive's evidence, never merged.
import { builder } from '../builder.js';
import { MAX_PAGE } from '../read/pages.js';
import { personLinks, SPELLINGS } from '../read/person.js';
import { refExtensions, rowsList } from './reads.js';

export const PersonLink = builder.prismaObject('PersonLink', {
  description:
    'Another Person the archive takes for the same human, named in another language ("쎄르게이 라브로브", "Sergei Lavrov"): kept apart, linked with how sure and why.',
  fields: (t) => ({
    person: t.relation('other', refExtensions('PersonLink', 'other')),
    confidence: t.exposeFloat('confidence', { description: 'From 0.5 (one day of shared evidence) towards 1.' }),
    via: t.exposeString('via', { description: 'The evidence, in words: who was reported beside them, on which day, in both languages.' }),
  }),
});

builder.prismaObjectFields('Person', (t) => ({
  sameAs: t.field({
    type: [PersonLink],
    args: { first: t.arg.int({ defaultValue: SPELLINGS, description: `At most ${MAX_PAGE}.` }) },
    description: "The same human under another name in another language, as the archive's evidence links them: the surest first.",
    ...rowsList(personLinks, SPELLINGS),
  }),
}));
