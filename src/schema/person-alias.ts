// A person's spellings with why each is theirs: "김정은" is Kim Jong Un because it romanises so.
import { builder } from '../builder.js';
import { MAX_PAGE } from '../read/pages.js';
import { personSpellings, SPELLINGS } from '../read/person.js';
import { rowsList } from './reads.js';

export const PersonAlias = builder.prismaObject('PersonAlias', {
  description: 'One spelling of a person, as a page wrote it.',
  fields: (t) => ({
    text: t.exposeString('alias'),
    via: t.exposeString('via', {
      nullable: true,
      description:
        'Why this spelling is the person\'s, where more than a page writing it so: a Hangul name is linked to its romanisation as KCNA\'s English service writes Korean names ("김정은" → "Kim Jong Un"). Null for a spelling a page gave the person in so many words.',
    }),
  }),
});

builder.prismaObjectFields('Person', (t) => ({
  spellings: t.field({
    type: [PersonAlias],
    args: { first: t.arg.int({ defaultValue: SPELLINGS, description: `At most ${MAX_PAGE}.` }) },
    description: 'Every spelling the archive holds for the person, the canonical name among them, alphabetical, with why each is theirs.',
    ...rowsList(personSpellings, SPELLINGS),
  }),
}));
