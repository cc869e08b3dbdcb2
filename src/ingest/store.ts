// Writes one processed document in one transaction: all of it or none of it. Re-running the
// same document changes nothing; a changed document replaces what it said before.
import { createHash } from 'node:crypto';
import { isoOf, rangeOf } from '../text/partial-date.js';
import type { ExtractedArticle } from '../extract/article.js';
import type { EventFound } from '../extract/events.js';
import type { PersonFound } from '../extract/people.js';
import { nameKey } from '../extract/names.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { ProcessedDocument } from './pipeline.js';

type Tx = Prisma.TransactionClient;

export interface StoreResult {
  status: 'created' | 'updated' | 'unchanged';
  documentId: number;
  articleIds: number[];
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const fold = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().slice(0, 200);

export function articleKey(sourceSlug: string, a: ExtractedArticle): string {
  return sha1([sourceSlug, a.kind, fold(a.title), a.published && !a.published.date.inferred ? isoOf(a.published.date) : ''].join('|'));
}

export function eventKey(e: EventFound): string {
  const who = e.participants.length ? [...e.participants].sort().join(',') : e.location ? `at:${nameKey(e.location)}` : fold(e.summary).slice(0, 80);
  return sha1([isoOf(e.date), e.kind, who].join('|'));
}

export async function storeDocument(prisma: PrismaClient, doc: ProcessedDocument, options: { force?: boolean } = {}): Promise<StoreResult> {
  return prisma.$transaction(
    async (tx) => {
      // Two ingests of the same document at once queue here instead of colliding.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${doc.key}))`;
      const existing = await tx.document.findUnique({ where: { key: doc.key }, select: { id: true, contentHash: true } });
      if (existing && existing.contentHash === doc.contentHash && !options.force) {
        const articles = await tx.article.findMany({ where: { documentId: existing.id }, select: { id: true }, orderBy: { position: 'asc' } });
        return { status: 'unchanged' as const, documentId: existing.id, articleIds: articles.map((a) => a.id) };
      }
      const source = await tx.source.upsert({
        where: { name: doc.source.name },
        create: doc.source,
        update: {},
      });
      const docData = { contentHash: doc.contentHash, text: doc.text, byteLength: doc.byteLength, url: doc.url ?? null, layout: doc.layout, warnings: doc.warnings, sourceId: source.id };
      const document = await tx.document.upsert({ where: { key: doc.key }, create: { key: doc.key, ...docData }, update: docData });
      const touched = new Set<number>(
        (await tx.mention.findMany({ where: { article: { documentId: document.id } }, select: { personId: true } })).map((m) => m.personId),
      );
      const articleIds: number[] = [];
      for (const article of doc.articles) {
        articleIds.push(await storeArticle(tx, article, source, document.id, touched));
      }
      await tx.article.deleteMany({ where: { documentId: document.id, id: { notIn: articleIds } } });
      await tx.$executeRaw`UPDATE "Article" SET search = setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B') WHERE "documentId" = ${document.id}`;
      await refreshPeople(tx, [...touched]);
      await tx.event.deleteMany({ where: { reports: { none: {} } } });
      return { status: existing ? ('updated' as const) : ('created' as const), documentId: document.id, articleIds };
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}

async function storeArticle(tx: Tx, a: ExtractedArticle, source: { id: number; slug: string }, documentId: number, touched: Set<number>): Promise<number> {
  const published = a.published ? rangeOf(a.published.date) : undefined;
  const data = {
    kind: a.kind,
    title: a.title,
    lead: a.lead,
    body: a.body,
    paragraphs: a.paragraphs,
    truncated: a.truncated,
    byline: a.byline ?? null,
    wordCount: a.wordCount,
    position: a.position,
    publishedStart: published?.start ?? null,
    publishedEnd: published?.end ?? null,
    publishedPrecision: a.published?.date.precision ?? null,
    publishedInferred: a.published?.date.inferred ?? false,
    publishedText: a.published?.date.text ?? null,
    publishedEvidence: a.published?.evidence ?? null,
    sourceId: source.id,
    documentId,
    authorId: null as number | null,
  };
  const key = articleKey(source.slug, a);
  const { id } = await tx.article.upsert({ where: { key }, create: { key, ...data }, update: data, select: { id: true } });
  for (const m of await tx.mention.findMany({ where: { articleId: id }, select: { personId: true } })) touched.add(m.personId);
  await tx.mention.deleteMany({ where: { articleId: id } });
  await tx.personTitle.deleteMany({ where: { articleId: id } });
  await tx.eventReport.deleteMany({ where: { articleId: id } });

  const personIds = new Map<string, number>();
  for (const person of a.people) {
    const personId = await upsertPerson(tx, person);
    personIds.set(person.key, personId);
    touched.add(personId);
  }
  if (a.people.length) {
    await tx.mention.createMany({
      data: a.people.map((p) => ({ articleId: id, personId: personIds.get(p.key)!, count: p.count, firstSentence: p.firstSentence })),
    });
    await tx.personTitle.createMany({
      data: a.people.flatMap((p) => p.titles.map((t) => ({ personId: personIds.get(p.key)!, articleId: id, kind: t.kind, text: t.text }))),
      skipDuplicates: true,
    });
  }
  if (a.authorKey) await tx.article.update({ where: { id }, data: { authorId: personIds.get(a.authorKey)! } });
  for (const event of a.events) await storeEvent(tx, event, id, personIds);
  return id;
}

/** Finds the person by any known spelling, else creates them; records every new spelling. */
async function upsertPerson(tx: Tx, person: PersonFound): Promise<number> {
  const keys = [person.name, ...person.aliases].map((alias) => ({ alias, normalized: nameKey(alias) }));
  const hit = await tx.personAlias.findUnique({ where: { normalized: person.key }, select: { personId: true } });
  const personId =
    hit?.personId ??
    (await tx.person.upsert({ where: { name: person.name }, create: { name: person.name }, update: {}, select: { id: true } })).id;
  await tx.personAlias.createMany({ data: keys.map((k) => ({ ...k, personId })), skipDuplicates: true });
  return personId;
}

async function storeEvent(tx: Tx, e: EventFound, articleId: number, personIds: Map<string, number>) {
  const range = rangeOf(e.date);
  const key = eventKey(e);
  const data = {
    kind: e.kind,
    summary: e.summary,
    evidence: e.evidence,
    location: e.location ?? null,
    confidence: e.confidence,
    dateStart: range.start,
    dateEnd: range.end,
    datePrecision: e.date.precision,
    dateInferred: e.date.inferred,
    dateText: e.date.text,
  };
  const event = await tx.event.upsert({ where: { key }, create: { key, ...data }, update: {}, select: { id: true, confidence: true } });
  if (e.confidence > event.confidence) await tx.event.update({ where: { id: event.id }, data: { confidence: e.confidence } });
  const participants = e.participants.map((k) => personIds.get(k)).filter((id): id is number => id !== undefined);
  if (participants.length) {
    await tx.eventParticipant.createMany({ data: participants.map((personId) => ({ eventId: event.id, personId })), skipDuplicates: true });
  }
  await tx.eventReport.createMany({ data: [{ eventId: event.id, articleId, evidence: e.evidence }], skipDuplicates: true });
}

/** Mention totals for the people this document touched; people no text names any more go. */
async function refreshPeople(tx: Tx, personIds: number[]) {
  if (!personIds.length) return;
  await tx.$executeRaw`UPDATE "Person" p SET "mentionCount" = COALESCE((SELECT SUM(m.count) FROM "Mention" m WHERE m."personId" = p.id), 0) WHERE p.id = ANY(${personIds})`;
  await tx.person.deleteMany({ where: { id: { in: personIds }, mentions: { none: {} }, authored: { none: {} } } });
}
