// The texts an article has had: a teaser and its full text, or the editions of an edited story.
import { builder } from '../builder.js';
import { ArticleKind } from '../generated/prisma/enums.js';
import { articleVersions, VERSIONS, versionBody } from '../read/article.js';
import { MAX_PAGE } from '../read/pages.js';
import { derivedField, rowsList } from './reads.js';

export const ArticleVersion = builder.prismaObject('ArticleVersion', {
  description: 'One text of an article as a page carried it. Stored once however many pages carried the same text.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ArticleKind }),
    title: t.exposeString('title'),
    body: t.string(derivedField(versionBody)),
    paragraphs: t.exposeStringList('paragraphs'),
    truncated: t.exposeBoolean('truncated'),
    dateline: t.exposeString('dateline', { nullable: true }),
    fingerprint: t.exposeString('fingerprint', { description: 'Hash of the text, whitespace aside: equal texts have equal fingerprints.' }),
    firstSeenAt: t.expose('createdAt', { type: 'DateTime', description: 'When a page first brought this text.' }),
  }),
});

builder.prismaObjectFields('Article', (t) => ({
  dateline: t.exposeString('dateline', {
    nullable: true,
    description: '"Pyongyang, September 25 (KCNA)", when the text opens with one.',
  }),
  versions: t.field({
    type: [ArticleVersion],
    args: { first: t.arg.int({ defaultValue: VERSIONS, description: `At most ${MAX_PAGE}.` }) },
    description:
      "Every text the article has had, oldest first: a teaser and its full text, or each edition of an edited story. The article's own fields show the newest full text.",
    ...rowsList(articleVersions, VERSIONS),
  }),
}));
