// The one write: the same pipeline as `npm run ingest`, behind a bearer token.
import { builder } from '../builder.js';
import { afterWrites } from '../db/after-writes.js';
import { DocumentError } from '../ingest/errors.js';
import { badInput, clientError } from './errors.js';

const IngestStatus = builder.enumType('IngestStatus', {
  values: { CREATED: {}, UPDATED: {}, UNCHANGED: { description: 'The same text was already stored.' } } as const,
});

const IngestDocumentInput = builder.inputType('IngestDocumentInput', {
  fields: (t) => ({
    text: t.string({ required: true, description: 'The page as plain UTF-8 text.' }),
    sourceName: t.string({ description: 'The publisher, when the page does not name it.' }),
    url: t.string({ description: 'Where the page came from; also its identity when it is ingested again.' }),
    publishedAt: t.string({
      description:
        'When the page was published, as the caller knows it (an archive, a crawler): "2026-08-21", "2026-08" or "2026". Used only where the text states no year (a dateline "(평양 8월 21일발 조선중앙통신)" or "May 25 (KCNA)"), kept as the evidence "supplied by the caller"; never overrides the text.',
    }),
  }),
});

const IngestDocumentPayload = builder
  .objectRef<{ articleIds: number[]; warnings: string[]; status: 'CREATED' | 'UPDATED' | 'UNCHANGED' }>('IngestDocumentPayload')
  .implement({
    fields: (t) => ({
      articles: t.prismaField({
        type: ['Article'],
        description: 'The articles the document produced, new or updated, in page order.',
        resolve: async (query, payload, _args, ctx) => {
          const rows = await ctx.prisma.article.findMany({ ...query, where: { id: { in: payload.articleIds } } });
          return payload.articleIds.map((id) => rows.find((r) => r.id === id)!).filter(Boolean);
        },
      }),
      warnings: t.stringList({ resolve: (p) => p.warnings }),
      status: t.field({ type: IngestStatus, resolve: (p) => p.status }),
    }),
  });

builder.mutationFields((t) => ({
  ingestDocument: t.field({
    type: IngestDocumentPayload,
    args: { input: t.arg({ type: IngestDocumentInput, required: true }) },
    description: 'Parses a page, extracts its people and events, and stores it. Needs `Authorization: Bearer <token>`.',
    resolve: async (_parent, { input }, ctx) => {
      if (!ctx.canWrite) {
        throw clientError(
          'UNAUTHENTICATED',
          ctx.writesEnabled ? 'A valid bearer token is required to ingest.' : 'Writes are disabled on this server.',
        );
      }
      if (input.url != null && !/^https?:\/\/\S+$/i.test(input.url))
        throw badInput('"url" must be an http(s) URL.', { argument: 'input.url' });
      try {
        // The extraction pipeline (chrono-node among it) loads on the first write, not at start:
        // the server imports its modules 0.13 s sooner (1.29 s against 1.42).
        const { ingestDocument } = await import('../ingest/ingest.js');
        const result = await ingestDocument(ctx.prisma, {
          text: input.text,
          ...(input.sourceName ? { sourceName: input.sourceName } : {}),
          ...(input.url ? { url: input.url, key: input.url } : {}),
          ...(input.publishedAt != null ? { publishedAt: input.publishedAt } : {}),
        });
        void afterWrites(ctx.prisma, { after: 'page' });
        return {
          articleIds: result.articleIds,
          warnings: result.document.warnings,
          status: result.status.toUpperCase() as 'CREATED' | 'UPDATED' | 'UNCHANGED',
        };
      } catch (error) {
        if (error instanceof DocumentError)
          throw badInput(error.message, { argument: error.code === 'BAD_DATE' ? 'input.publishedAt' : 'input.text', reason: error.code });
        throw error;
      }
    },
  }),
}));
