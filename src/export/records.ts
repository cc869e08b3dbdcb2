// What an export writes per row, per entity: flat records (lists joined by "; " in CSV) whose
// derived values (global id, url, the date's iso, aliases) come from the read layer's own
// definitions, so an export says what the API says.
import type { PrismaClient } from '../generated/prisma/client.js';
import { encodeGlobalId } from '../global-id.js';
import { articleUrl } from '../read/article.js';
import { PARTIAL_DATE_FIELDS, type PartialDateShape } from '../read/partial-date.js';
import { personAliases } from '../read/person.js';

export const ENTITIES = ['articles', 'events', 'persons'] as const;
export type Entity = (typeof ENTITIES)[number];

export type Record = { [column: string]: string | number | boolean | null | string[] };

const iso = (d: PartialDateShape) => PARTIAL_DATE_FIELDS.iso!.resolve(d) as string;

interface Reader {
  columns: readonly string[];
  /** Rows with id > after and updatedAt >= since, by id, at most `take`: each its row id (the keyset) and record. */
  page(prisma: PrismaClient, after: number, since: Date | undefined, take: number): Promise<{ key: number; record: Record }[]>;
}

const where = (after: number, since: Date | undefined) => ({ id: { gt: after }, ...(since ? { updatedAt: { gte: since } } : {}) });

export const READERS: { [E in Entity]: Reader } = {
  articles: {
    columns: [
      'id',
      'url',
      'source',
      'kind',
      'title',
      'published',
      'byline',
      'author',
      'persons',
      'wordCount',
      'body',
      'createdAt',
      'updatedAt',
    ],
    async page(prisma, after, since, take) {
      const rows = await prisma.article.findMany({
        where: where(after, since),
        orderBy: { id: 'asc' },
        take,
        select: {
          id: true,
          ...(articleUrl.select as { url: true; document: { select: { url: true } } }),
          source: { select: { slug: true } },
          kind: true,
          title: true,
          publishedStart: true,
          publishedEnd: true,
          publishedPrecision: true,
          byline: true,
          author: { select: { name: true } },
          mentions: { select: { person: { select: { name: true } } }, orderBy: { count: 'desc' } },
          wordCount: true,
          body: true,
          createdAt: true,
          updatedAt: true,
        },
      });
      return rows.map((a) => ({
        key: a.id,
        record: {
          id: encodeGlobalId('Article', a.id),
          url: articleUrl.resolve(a) as string | null,
          source: a.source.slug,
          kind: a.kind,
          title: a.title,
          published:
            a.publishedStart && a.publishedEnd && a.publishedPrecision
              ? iso({ start: a.publishedStart, end: a.publishedEnd, precision: a.publishedPrecision, inferred: false, text: null })
              : null,
          byline: a.byline,
          author: a.author?.name ?? null,
          persons: a.mentions.map((m) => m.person.name),
          wordCount: a.wordCount,
          body: a.body,
          createdAt: a.createdAt.toISOString(),
          updatedAt: a.updatedAt.toISOString(),
        },
      }));
    },
  },
  events: {
    columns: [
      'id',
      'kind',
      'date',
      'precision',
      'summary',
      'evidence',
      'location',
      'confidence',
      'participants',
      'articles',
      'createdAt',
      'updatedAt',
    ],
    async page(prisma, after, since, take) {
      const rows = await prisma.event.findMany({
        where: where(after, since),
        orderBy: { id: 'asc' },
        take,
        select: {
          id: true,
          kind: true,
          dateStart: true,
          dateEnd: true,
          datePrecision: true,
          summary: true,
          evidence: true,
          location: true,
          confidence: true,
          participants: { select: { person: { select: { name: true } } }, orderBy: { personId: 'asc' } },
          reports: { select: { articleId: true }, orderBy: { articleId: 'asc' } },
          createdAt: true,
          updatedAt: true,
        },
      });
      return rows.map((e) => ({
        key: e.id,
        record: {
          id: encodeGlobalId('Event', e.id),
          kind: e.kind,
          date: iso({ start: e.dateStart, end: e.dateEnd, precision: e.datePrecision, inferred: false, text: null }),
          precision: e.datePrecision,
          summary: e.summary,
          evidence: e.evidence,
          location: e.location,
          confidence: e.confidence,
          participants: e.participants.map((p) => p.person.name),
          articles: e.reports.map((r) => encodeGlobalId('Article', r.articleId)),
          createdAt: e.createdAt.toISOString(),
          updatedAt: e.updatedAt.toISOString(),
        },
      }));
    },
  },
  persons: {
    columns: ['id', 'name', 'aliases', 'mentionCount', 'articleCount', 'createdAt', 'updatedAt'],
    async page(prisma, after, since, take) {
      const rows = await prisma.person.findMany({
        where: where(after, since),
        orderBy: { id: 'asc' },
        take,
        select: {
          id: true,
          ...(personAliases.select as { name: true; aliases: { select: { alias: true }; orderBy: { alias: 'asc' } } }),
          mentionCount: true,
          articleCount: true,
          createdAt: true,
          updatedAt: true,
        },
      });
      return rows.map((p) => ({
        key: p.id,
        record: {
          id: encodeGlobalId('Person', p.id),
          name: p.name,
          aliases: personAliases.resolve(p) as string[],
          mentionCount: p.mentionCount,
          articleCount: p.articleCount,
          createdAt: p.createdAt.toISOString(),
          updatedAt: p.updatedAt.toISOString(),
        },
      }));
    },
  },
};
