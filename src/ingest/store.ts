// Writes one processed document in one transaction: all of it or none of it. Re-running the
// same document changes nothing; a changed document replaces what it said before.
// Set-based: about twenty statements per document whatever its size, not a few per row.
import { createHash } from 'node:crypto';
import type { ExtractedArticle } from '../extract/article.js';
import type { EventFound } from '../extract/events.js';
import { nameKey } from '../extract/names.js';
import type { PersonFound } from '../extract/people.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { isoOf, rangeOf } from '../text/partial-date.js';
import type { ProcessedDocument } from './pipeline.js';

type Tx = Prisma.TransactionClient;

export interface StoreResult {
  status: 'created' | 'updated' | 'unchanged';
  documentId: number;
  articleIds: number[];
}

const UNDATED = new Date('0001-01-01T00:00:00Z');
/** Where an article sorts newest-first: its first publication day, undated ones last. */
const sortDateOf = (a: ExtractedArticle) => (a.published ? rangeOf(a.published.date).start : UNDATED);
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
      const source = await tx.source.upsert({ where: { name: doc.source.name }, create: doc.source, update: {} });
      const docData = { contentHash: doc.contentHash, text: doc.text, byteLength: doc.byteLength, url: doc.url ?? null, layout: doc.layout, warnings: doc.warnings, sourceId: source.id };
      const document = await tx.document.upsert({ where: { key: doc.key }, create: { key: doc.key, ...docData }, update: docData, select: { id: true } });

      // A page may list the same teaser twice: it is one article.
      const allKeys = doc.articles.map((a) => articleKey(source.slug, a));
      const articles = doc.articles.filter((_, i) => allKeys.indexOf(allKeys[i]!) === i);
      const keys = [...new Set(allKeys)];
      const personIds = await upsertPeople(tx, articles.flatMap((a) => a.people));
      const before = existing ? (await tx.article.findMany({ where: { documentId: document.id }, select: { id: true } })).map((a) => a.id) : [];
      const { ids: articleIds, updated } = await upsertArticles(tx, articles, keys, source.id, document.id, personIds);
      // Only rows that existed before can carry stale links: a new page skips this.
      const previous = await clearArticleLinks(tx, [...new Set([...before, ...updated])]);

      await tx.mention.createMany({ data: articles.flatMap((a, i) => mentionRows(a, articleIds[i]!, personIds)) });
      await tx.personTitle.createMany({
        data: articles.flatMap((a, i) => a.people.flatMap((p) => p.titles.map((t) => ({ personId: personIds.get(p.key)!, articleId: articleIds[i]!, kind: t.kind, text: t.text })))),
        skipDuplicates: true,
      });
      await storeEvents(tx, articles, articleIds, personIds);

      await tx.article.deleteMany({ where: { documentId: document.id, id: { notIn: articleIds } } });
      await tx.$executeRaw`UPDATE "Article" SET search = setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B') WHERE id = ANY(${articleIds})`;
      await refreshPeople(tx, [...new Set([...previous.personIds, ...personIds.values()])]);
      if (previous.eventIds.length) await tx.event.deleteMany({ where: { id: { in: previous.eventIds }, reports: { none: {} } } });
      return { status: existing ? ('updated' as const) : ('created' as const), documentId: document.id, articleIds };
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}

/** Finds each person by any known spelling, else creates them; records every new spelling. Key → id. */
async function upsertPeople(tx: Tx, found: PersonFound[]): Promise<Map<string, number>> {
  const byKey = new Map<string, PersonFound>();
  for (const p of found) {
    const seen = byKey.get(p.key);
    byKey.set(p.key, seen ? { ...seen, aliases: [...new Set([...seen.aliases, ...p.aliases])] } : p);
  }
  const ids = new Map<string, number>();
  if (!byKey.size) return ids;
  const hits = await tx.personAlias.findMany({ where: { normalized: { in: [...byKey.keys()] } }, select: { normalized: true, personId: true } });
  for (const h of hits) ids.set(h.normalized, h.personId);
  const missing = [...byKey.values()].filter((p) => !ids.has(p.key));
  if (missing.length) {
    const names = [...new Set(missing.map((p) => p.name))];
    const created = await tx.person.createManyAndReturn({ data: names.map((name) => ({ name })), skipDuplicates: true, select: { id: true, name: true } });
    const idByName = new Map(created.map((r) => [r.name, r.id]));
    // A name taken by a person stored under other spellings: find it by name.
    const taken = names.filter((n) => !idByName.has(n));
    if (taken.length) for (const r of await tx.person.findMany({ where: { name: { in: taken } }, select: { id: true, name: true } })) idByName.set(r.name, r.id);
    for (const p of missing) ids.set(p.key, idByName.get(p.name)!);
  }
  const aliases = [...byKey.values()].flatMap((p) => [p.name, ...p.aliases].map((alias) => ({ alias, normalized: nameKey(alias), personId: ids.get(p.key)! })));
  await tx.personAlias.createMany({ data: aliases, skipDuplicates: true });
  return ids;
}

async function upsertArticles(
  tx: Tx,
  articles: ExtractedArticle[],
  keys: string[],
  sourceId: number,
  documentId: number,
  personIds: Map<string, number>,
): Promise<{ ids: number[]; updated: number[] }> {
  const rows = articles.map((a, i) => {
    const published = a.published ? rangeOf(a.published.date) : undefined;
    return {
      key: keys[i]!,
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
      sortDate: sortDateOf(a),
      publishedPrecision: a.published?.date.precision ?? null,
      publishedInferred: a.published?.date.inferred ?? false,
      publishedText: a.published?.date.text ?? null,
      publishedEvidence: a.published?.evidence ?? null,
      sourceId,
      documentId,
      authorId: a.authorKey ? (personIds.get(a.authorKey) ?? null) : null,
    };
  });
  const existing = await tx.article.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } });
  const idByKey = new Map(existing.map((r) => [r.key, r.id]));
  const fresh = rows.filter((r) => !idByKey.has(r.key));
  if (fresh.length) {
    for (const r of await tx.article.createManyAndReturn({ data: fresh, select: { id: true, key: true } })) idByKey.set(r.key, r.id);
  }
  // A teaser another page listed first (or this page before it changed): update in place.
  const known = new Set(existing.map((e) => e.key));
  for (const r of rows) if (known.has(r.key)) await tx.article.update({ where: { key: r.key }, data: r });
  return { ids: keys.map((k) => idByKey.get(k)!), updated: existing.map((e) => e.id) };
}

/** One mention row per person: two spellings the archive already knows as one person add up. */
function mentionRows(article: ExtractedArticle, articleId: number, personIds: Map<string, number>) {
  const rows = new Map<number, Prisma.MentionCreateManyInput>();
  const articleSortDate = sortDateOf(article);
  for (const p of article.people) {
    const personId = personIds.get(p.key)!;
    const row = rows.get(personId);
    if (row) row.count += p.count;
    else rows.set(personId, { articleId, personId, count: p.count, firstSentence: p.firstSentence, articleSortDate });
  }
  return [...rows.values()];
}

/** Removes what these articles said before (mentions, titles, reports); returns who and what it touched. */
async function clearArticleLinks(tx: Tx, articleIds: number[]) {
  if (!articleIds.length) return { personIds: [], eventIds: [] };
  const scope = { articleId: { in: articleIds } };
  const [mentions, reports] = await Promise.all([
    tx.mention.findMany({ where: scope, select: { personId: true } }),
    tx.eventReport.findMany({ where: scope, select: { eventId: true } }),
  ]);
  await tx.mention.deleteMany({ where: scope });
  await tx.personTitle.deleteMany({ where: scope });
  await tx.eventReport.deleteMany({ where: scope });
  return { personIds: mentions.map((m) => m.personId), eventIds: [...new Set(reports.map((r) => r.eventId))] };
}

async function storeEvents(tx: Tx, articles: ExtractedArticle[], articleIds: number[], personIds: Map<string, number>) {
  const reported = articles.flatMap((a, i) => a.events.map((e) => ({ event: e, key: eventKey(e), articleId: articleIds[i]! })));
  if (!reported.length) return;
  const rows = new Map<string, Prisma.EventCreateManyInput>();
  for (const { event: e, key } of reported) {
    const range = rangeOf(e.date);
    const prior = rows.get(key);
    if (prior && prior.confidence >= e.confidence) continue;
    rows.set(key, {
      key,
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
    });
  }
  // An event already known keeps its first wording; a more confident report raises its confidence.
  await tx.event.createMany({ data: [...rows.values()], skipDuplicates: true });
  const stored = await tx.event.findMany({ where: { key: { in: [...rows.keys()] } }, select: { id: true, key: true, confidence: true } });
  const ids = new Map(stored.map((s) => [s.key, s.id]));
  for (const s of stored) {
    const confidence = rows.get(s.key)!.confidence;
    if (confidence > s.confidence) await tx.event.update({ where: { id: s.id }, data: { confidence } });
  }
  await tx.eventParticipant.createMany({
    data: reported.flatMap(({ event, key }) => event.participants.flatMap((p) => (personIds.has(p) ? [{ eventId: ids.get(key)!, personId: personIds.get(p)! }] : []))),
    skipDuplicates: true,
  });
  await tx.eventReport.createMany({ data: reported.map(({ event, key, articleId }) => ({ eventId: ids.get(key)!, articleId, evidence: event.evidence })), skipDuplicates: true });
}

/** Mention totals for the people this document touched; people no text names any more go. */
async function refreshPeople(tx: Tx, personIds: number[]) {
  if (!personIds.length) return;
  await tx.$executeRaw`UPDATE "Person" p SET "mentionCount" = COALESCE((SELECT SUM(m.count) FROM "Mention" m WHERE m."personId" = p.id), 0) WHERE p.id = ANY(${personIds})`;
  await tx.person.deleteMany({ where: { id: { in: personIds }, mentions: { none: {} }, authored: { none: {} } } });
}
