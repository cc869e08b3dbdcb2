// Writes processed documents, a batch per transaction: all of a batch or none of it. Re-running
// a document changes nothing; a changed document replaces what it said before.
// Set-based: about twenty-five statements per batch whatever its size, each table's rows sent as
// one jsonb parameter, so a loader pays per batch, not per document or per row.
import { createHash } from 'node:crypto';
import type { ExtractedArticle } from '../extract/article.js';
import type { EventFound } from '../extract/events.js';
import { nameKey } from '../text/names.js';
import type { PersonFound } from '../extract/people.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { isoOf, rangeOf } from '../text/partial-date.js';
import type { ProcessedDocument } from './pipeline.js';
import { insertRows } from './rows.js';
import { ARCHIVE_CHANNEL } from '../db/archive-memo.js';
import { type Added, announce } from '../live/feed.js';
import { countStored } from './counts.js';
import { fold } from './identity.js';
import { datelineOf, type Placed, placeArticles, slotsOf, storeVersions } from './stories.js';

type Tx = Prisma.TransactionClient;

export interface StoreResult {
  status: 'created' | 'updated' | 'unchanged';
  documentId: number;
  articleIds: number[];
  /** What the archive did not hold before this page: the live feed's news (src/live/feed.ts). */
  added: Added;
}

const UNDATED = new Date('0001-01-01T00:00:00Z');
/** Where an article sorts newest-first: its first publication day, undated ones last. */
const sortDateOf = (a: ExtractedArticle) => (a.published ? rangeOf(a.published.date).start : UNDATED);
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function eventKey(e: EventFound): string {
  const who = e.participants.length
    ? [...e.participants].sort().join(',')
    : e.location
      ? `at:${nameKey(e.location)}`
      : fold(e.summary).slice(0, 80);
  return sha1([isoOf(e.date), e.kind, who].join('|'));
}

export async function storeDocument(prisma: PrismaClient, doc: ProcessedDocument, options: { force?: boolean } = {}): Promise<StoreResult> {
  return (await storeDocuments(prisma, [doc], options))[0]!;
}

/** Stores a batch in one transaction; results in the batch's order. Each key at most once. */
export async function storeDocuments(
  prisma: PrismaClient,
  docs: ProcessedDocument[],
  options: { force?: boolean } = {},
): Promise<StoreResult[]> {
  if (new Set(docs.map((d) => d.key)).size !== docs.length) throw new Error('storeDocuments: a batch may hold each document key only once');
  if (!docs.length) return [];
  // New people come first, in a transaction of their own. Created inside the batch, a new
  // person's row stayed locked until the batch committed, and the other batch in flight, naming
  // many of the same new people, waited for it at its first insert: 600 ms of each 830 ms batch,
  // so two batches in flight ran one after the other. The batch looks them up again, which
  // inserts nothing and so locks nothing, unless someone removed one in between. If the batch
  // fails, the people created for it are removed again; a crash leaves them to the loader's sweep.
  const found = docs.flatMap((d) => d.articles.flatMap((a) => a.people));
  const ahead = await retryOnConflict(() => prisma.$transaction((tx) => upsertPeople(tx, found), { timeout: 60_000, maxWait: 60_000 }));
  try {
    const results = await retryOnConflict(() =>
      prisma.$transaction(async (tx) => storeBatch(tx, docs, options.force ?? false, (await upsertPeople(tx, found)).ids), {
        timeout: 300_000,
        maxWait: 60_000,
      }),
    );
    // Committed: subscribers may now read what is new.
    announce(prisma, results);
    countStored(results);
    return results;
  } catch (error) {
    await removeUnnamedPeople(prisma, ahead.created).catch(() => {});
    throw error;
  }
}

/**
 * Deletes people that no article names, signs or places in an event: those of `ids`, or, for the
 * loader's sweep, any stored over ten minutes ago, so that people another batch has just stored
 * ahead of itself are left to it.
 */
export async function removeUnnamedPeople(prisma: PrismaClient | Tx, ids?: number[]): Promise<number> {
  if (ids && !ids.length) return 0;
  const which = ids ? Prisma.sql`p.id = ANY(${ids}::int[])` : Prisma.sql`p."createdAt" < LOCALTIMESTAMP - interval '10 minutes'`;
  return prisma.$executeRaw`DELETE FROM "Person" p WHERE ${which} AND NOT EXISTS (SELECT 1 FROM "Mention" m WHERE m."personId" = p.id)
    AND NOT EXISTS (SELECT 1 FROM "Article" a WHERE a."authorId" = p.id) AND NOT EXISTS (SELECT 1 FROM "EventParticipant" e WHERE e."personId" = p.id)`;
}

/** Concurrent writers can still deadlock on rows both insert; PostgreSQL aborts one, which runs again. */
async function retryOnConflict<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !/deadlock detected|could not serialize|40P01|40001/.test(String(error))) throw error;
      await new Promise((done) => setTimeout(done, 10 * attempt * Math.random()));
    }
  }
}

async function storeBatch(tx: Tx, docs: ProcessedDocument[], force: boolean, personIds: Map<string, number>): Promise<StoreResult[]> {
  const keys = docs.map((d) => d.key);
  // Two ingests of the same document at once queue here instead of colliding; in hash order, so
  // two batches never wait on each other's locks in a circle.
  // The slots of its stories too: two writers placing texts of one story take turns (src/ingest/stories.ts).
  const locks = [...keys, ...slotsOf(docs)];
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest(${locks}::text[]) AS k ORDER BY h) AS locks`;
  const existing = new Map(
    (await tx.document.findMany({ where: { key: { in: keys } }, select: { id: true, key: true, contentHash: true } })).map((d) => [
      d.key,
      d,
    ]),
  );
  const results = new Map<string, StoreResult>();
  const unchanged = force ? [] : docs.filter((d) => existing.get(d.key)?.contentHash === d.contentHash);
  if (unchanged.length) {
    const ids = unchanged.map((d) => existing.get(d.key)!.id);
    const articles = await tx.article.findMany({
      where: { documentId: { in: ids } },
      select: { id: true, documentId: true },
      orderBy: { position: 'asc' },
    });
    for (const d of unchanged) {
      const id = existing.get(d.key)!.id;
      const articleIds = articles.filter((a) => a.documentId === id).map((a) => a.id);
      results.set(d.key, { status: 'unchanged', documentId: id, articleIds, added: { articleIds: [], eventIds: [] } });
    }
  }
  const changed = docs.filter((d) => !results.has(d.key));
  if (changed.length) {
    for (const [key, result] of await writeDocuments(tx, changed, existing, personIds)) results.set(key, result);
    // Delivered at commit, never before, to every server listening (src/db/archive-memo.ts).
    await tx.$executeRaw`SELECT pg_notify(${ARCHIVE_CHANNEL}, '')`;
  }
  return keys.map((k) => results.get(k)!);
}

async function writeDocuments(
  tx: Tx,
  docs: ProcessedDocument[],
  existing: Map<string, { id: number }>,
  personIds: Map<string, number>,
): Promise<Map<string, StoreResult>> {
  const sources = await upsertSources(tx, docs);
  const documentIds = await upsertDocuments(tx, docs, sources);
  const rewritten = docs.filter((d) => existing.has(d.key)).map((d) => documentIds.get(d.key)!);
  const sourceIds = new Map([...sources].map(([slug, s]) => [slug, s.id]));
  const { placed: articles, versions, listed, storedIds } = await placeArticles(tx, docs, sourceIds, documentIds, rewritten);
  const { ids: upserted, updated } = await upsertArticles(tx, articles, personIds);
  const articleIds = new Map([...storedIds, ...upserted]);
  await storeVersions(tx, versions, articleIds);
  const batchArticleIds = [...articleIds.values()];
  // What the pages stored again no longer carry goes, unless another page carried a version of it:
  // a merge never drops a body.
  const dropped = rewritten.length
    ? (
        await tx.$queryRaw<{ id: number }[]>`SELECT a.id FROM "Article" a WHERE a."documentId" = ANY(${rewritten}::int[])
          AND a.id <> ALL(${batchArticleIds}::int[])
          AND NOT EXISTS (SELECT 1 FROM "ArticleVersion" v WHERE v."articleId" = a.id AND v."documentId" <> ALL(${rewritten}::int[]))`
      ).map((a) => a.id)
    : [];
  // Only rows that existed before can carry stale links: new pages skip this.
  const previous = await clearArticleLinks(tx, [...new Set([...dropped, ...updated])]);

  const mentions = articles.flatMap((p) => mentionRows(p.article, articleIds.get(p.key)!, personIds));
  await insertRows(
    tx,
    'Mention',
    { articleId: 'int', personId: 'int', count: 'int', firstSentence: 'text', articleSortDate: 'date', coPersonIds: 'int[]' },
    mentions,
  );
  const titles = articles.flatMap((p) =>
    p.article.people.flatMap((person) =>
      person.titles.map((t) => ({ personId: personIds.get(person.key)!, articleId: articleIds.get(p.key)!, kind: t.kind, text: t.text })),
    ),
  );
  await insertRows(tx, 'PersonTitle', { personId: 'int', articleId: 'int', kind: '"TitleKind"', text: 'text' }, titles, {
    tail: 'ON CONFLICT DO NOTHING',
  });
  const newEvents = await storeEvents(tx, articles, articleIds, personIds);
  const existed = new Set([...storedIds.values(), ...updated]);

  if (dropped.length) await tx.article.deleteMany({ where: { id: { in: dropped } } });
  // A page stored again under another outlet (re-extraction now reads its header) may leave its old source empty.
  if (rewritten.length) await tx.$executeRawUnsafe(EMPTY_SOURCES);
  const delta = new Map<number, Delta>();
  const move = (personId: number, mentionsBy: number, articlesBy: number) => {
    const d = delta.get(personId) ?? { mentions: 0, articles: 0 };
    delta.set(personId, { mentions: d.mentions + mentionsBy, articles: d.articles + articlesBy });
  };
  for (const m of previous.mentions) move(m.personId, -m.count, -1);
  for (const m of mentions) move(m.personId, m.count, 1);
  await refreshPeople(tx, delta, previous.mentions.length > 0);
  const goneEvents = previous.eventIds.length
    ? (await tx.event.deleteMany({ where: { id: { in: previous.eventIds }, reports: { none: {} } } })).count
    : 0;
  // Last, so the one state row is held only until the commit: the stored timeline counts are
  // current no more (src/db/timeline.ts).
  if (newEvents.size || goneEvents) await tx.$executeRaw`UPDATE "ArchiveState" SET "eventsVersion" = "eventsVersion" + 1 WHERE id = 1`;

  // A new event is news of the page whose article first reported it.
  const claimed = new Set<number>();
  return new Map(
    docs.map((d, i) => {
      const ids = listed[i]!.map((k) => articleIds.get(k)!);
      const own = new Set(ids);
      const eventIds = [...newEvents].filter(([id, articleId]) => own.has(articleId) && !claimed.has(id)).map(([id]) => id);
      for (const id of eventIds) claimed.add(id);
      const added = { articleIds: ids.filter((id) => !existed.has(id)), eventIds };
      return [d.key, { status: existing.has(d.key) ? 'updated' : 'created', documentId: documentIds.get(d.key)!, articleIds: ids, added }];
    }),
  );
}

/**
 * Slug → id; a source already stored is only read, so concurrent loaders never wait on its row.
 * The slug is the outlet's identity: "KCNA.kp (En)" and "KCNA" arrive as one slug, one row.
 */
async function upsertSources(tx: Tx, docs: ProcessedDocument[]) {
  const wanted = [...new Map(docs.map((d) => [d.source.slug, d.source])).values()];
  await insertRows(tx, 'Source', { name: 'text', slug: 'text', language: 'text' }, wanted, { tail: 'ON CONFLICT DO NOTHING' });
  const rows = await tx.source.findMany({ where: { slug: { in: wanted.map((s) => s.slug) } }, select: { id: true, slug: true } });
  return new Map(rows.map((r) => [r.slug, r]));
}

async function upsertDocuments(tx: Tx, docs: ProcessedDocument[], sources: Map<string, { id: number }>) {
  const rows = docs
    .map((d) => ({
      key: d.key,
      contentHash: d.contentHash,
      text: d.text,
      byteLength: d.byteLength,
      url: d.url ?? null,
      layout: d.layout,
      warnings: d.warnings,
      sourceId: sources.get(d.source.slug)!.id,
    }))
    .sort(byKey);
  const stored = await insertRows<{ id: number; key: string }>(
    tx,
    'Document',
    { key: 'text', contentHash: 'text', text: 'text', byteLength: 'int', url: 'text', layout: 'text', warnings: 'text[]', sourceId: 'int' },
    rows,
    {
      computed: { updatedAt: 'CURRENT_TIMESTAMP' },
      tail: `${onConflictUpdate('key', ['contentHash', 'text', 'byteLength', 'url', 'layout', 'warnings', 'sourceId', 'updatedAt'])} RETURNING id, key`,
    },
  );
  return new Map(stored.map((r) => [r.key, r.id]));
}

const EMPTY_SOURCES =
  'DELETE FROM "Source" s WHERE NOT EXISTS (SELECT 1 FROM "Document" d WHERE d."sourceId" = s.id) AND NOT EXISTS (SELECT 1 FROM "Article" a WHERE a."sourceId" = s.id)';

const onConflictUpdate = (key: string, columns: string[]) =>
  `ON CONFLICT (${key}) DO UPDATE SET ${columns.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}`;

/**
 * Finds each person by any known spelling, else creates them; records every new spelling.
 * Returns each person's id by key, and the ids of the people this call created.
 */
async function upsertPeople(tx: Tx, found: PersonFound[]): Promise<{ ids: Map<string, number>; created: number[] }> {
  const byPersonKey = new Map<string, PersonFound>();
  for (const p of found) {
    const seen = byPersonKey.get(p.key);
    byPersonKey.set(p.key, seen ? { ...seen, aliases: [...new Set([...seen.aliases, ...p.aliases])], via: { ...p.via, ...seen.via } } : p);
  }
  const ids = new Map<string, number>();
  const created: number[] = [];
  if (!byPersonKey.size) return { ids, created };
  const spellings = new Map<string, { alias: string; person: PersonFound }>();
  for (const p of byPersonKey.values())
    for (const alias of [p.name, ...p.aliases]) if (!spellings.has(nameKey(alias))) spellings.set(nameKey(alias), { alias, person: p });
  // Every spelling at once: it finds the people, and which spellings are already recorded.
  const hits = await tx.personAlias.findMany({
    where: { normalized: { in: [...new Set([...byPersonKey.keys(), ...spellings.keys()])] } },
    select: { normalized: true, personId: true },
  });
  const recorded = new Set(hits.map((h) => h.normalized));
  for (const h of hits) if (byPersonKey.has(h.normalized)) ids.set(h.normalized, h.personId);
  const missing = [...byPersonKey.values()].filter((p) => !ids.has(p.key));
  if (missing.length) {
    const names = [...new Set(missing.map((p) => p.name))].sort();
    const inserted = await insertRows<{ id: number }>(
      tx,
      'Person',
      { name: 'text' },
      names.map((name) => ({ name })),
      { tail: 'ON CONFLICT (name) DO NOTHING RETURNING id' },
    );
    created.push(...inserted.map((r) => r.id));
    // Read back by name: a name may belong to a person already stored under other spellings.
    const idByName = new Map(
      (await tx.person.findMany({ where: { name: { in: names } }, select: { id: true, name: true } })).map((r) => [r.name, r.id]),
    );
    for (const p of missing) ids.set(p.key, idByName.get(p.name)!);
  }
  const rows = [...spellings]
    .filter(([normalized]) => !recorded.has(normalized))
    .map(([normalized, { alias, person }]) => ({ alias, normalized, personId: ids.get(person.key)!, via: person.via?.[alias] ?? null }))
    .sort((a, b) => (a.normalized < b.normalized ? -1 : 1));
  await insertRows(tx, 'PersonAlias', { personId: 'int', alias: 'text', normalized: 'text', via: 'text' }, rows, {
    tail: 'ON CONFLICT (normalized) DO NOTHING',
  });
  return { ids, created };
}

const ARTICLE_COLUMNS = {
  key: 'text',
  kind: '"ArticleKind"',
  title: 'text',
  paragraphs: 'text[]',
  truncated: 'boolean',
  byline: 'text',
  dateline: 'text',
  language: 'text',
  wordCount: 'int',
  position: 'int',
  publishedStart: 'date',
  publishedEnd: 'date',
  sortDate: 'date',
  publishedPrecision: '"DatePrecision"',
  publishedInferred: 'boolean',
  publishedText: 'text',
  publishedEvidence: 'text',
  sourceId: 'int',
  documentId: 'int',
  authorId: 'int',
};

/** Inserts new articles and rewrites known ones (a teaser another page listed first) in one statement. */
async function upsertArticles(
  tx: Tx,
  placed: Placed[],
  personIds: Map<string, number>,
): Promise<{ ids: Map<string, number>; updated: number[] }> {
  const rows = placed.map(({ article: a, key, sourceId, documentId }) => {
    const published = a.published ? rangeOf(a.published.date) : undefined;
    return {
      key,
      kind: a.kind,
      title: a.title,
      paragraphs: a.paragraphs,
      truncated: a.truncated,
      byline: a.byline ?? null,
      dateline: datelineOf(a),
      language: a.language,
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
  const keys = rows.map((r) => r.key);
  const updated = (await tx.article.findMany({ where: { key: { in: keys } }, select: { id: true } })).map((a) => a.id);
  const columns = Object.keys(ARTICLE_COLUMNS).filter((c) => c !== 'key');
  // The search vector is written with the row: a second UPDATE would leave a dead copy of every
  // article. The lead and the body are the paragraphs (extractArticle), so only the paragraphs are
  // sent: a third of the bytes a batch sends, each serialised, parsed and serialised again by
  // Prisma's raw-query parameters and parsed by jsonb_to_recordset.
  const body = `array_to_string(paragraphs, E'\\n\\n')`;
  const stored = await insertRows<{ id: number; key: string }>(tx, 'Article', ARTICLE_COLUMNS, rows, {
    computed: {
      lead: 'paragraphs[1]',
      body,
      // A Korean text adds its syllable pairs (the hangul_bigrams migration): PostgreSQL has no Korean dictionary.
      search: `setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', ${body}), 'B')
        || CASE WHEN language = 'ko' THEN setweight(to_tsvector('simple', hangul_bigrams(title)), 'A')
          || setweight(to_tsvector('simple', hangul_bigrams(${body})), 'B') ELSE ''::tsvector END`,
      updatedAt: 'CURRENT_TIMESTAMP',
    },
    tail: `${onConflictUpdate('key', [...columns, 'lead', 'body', 'search', 'updatedAt'])} RETURNING id, key`,
  });
  return { ids: new Map(stored.map((r) => [r.key, r.id])), updated };
}

/** The most other people a mention row lists: the list is a key of an index, whose rows must stay under 2.7 kB. */
export const MAX_CO_PERSONS = 400;

/**
 * One mention row per person: two spellings the archive already knows as one person add up. Each
 * row lists the article's other people, the most named first (as the migration that added the
 * column did), for the person's co-mentions.
 */
function mentionRows(article: ExtractedArticle, articleId: number, personIds: Map<string, number>) {
  const rows = new Map<
    number,
    { articleId: number; personId: number; count: number; firstSentence: string; articleSortDate: Date; coPersonIds: number[] }
  >();
  const articleSortDate = sortDateOf(article);
  for (const p of article.people) {
    const personId = personIds.get(p.key)!;
    const row = rows.get(personId);
    if (row) row.count += p.count;
    else rows.set(personId, { articleId, personId, count: p.count, firstSentence: p.firstSentence, articleSortDate, coPersonIds: [] });
  }
  const byMentions = [...rows.values()].sort((a, b) => b.count - a.count || a.personId - b.personId).map((r) => r.personId);
  for (const row of rows.values()) row.coPersonIds = byMentions.filter((id) => id !== row.personId).slice(0, MAX_CO_PERSONS);
  return [...rows.values()];
}

/** Removes what these articles said before (mentions, titles, reports); returns who and what it touched. */
async function clearArticleLinks(tx: Tx, articleIds: number[]) {
  if (!articleIds.length) return { mentions: [], eventIds: [] };
  const mentions = await tx.$queryRaw<
    { personId: number; count: number }[]
  >`DELETE FROM "Mention" WHERE "articleId" = ANY(${articleIds}::int[]) RETURNING "personId", count`;
  await tx.personTitle.deleteMany({ where: { articleId: { in: articleIds } } });
  const reports = await tx.$queryRaw<
    { eventId: number }[]
  >`DELETE FROM "EventReport" WHERE "articleId" = ANY(${articleIds}::int[]) RETURNING "eventId"`;
  return { mentions, eventIds: [...new Set(reports.map((r) => r.eventId))] };
}

/** Returns the events that were new, each with the first article reporting it. */
async function storeEvents(
  tx: Tx,
  articles: Placed[],
  articleIds: Map<string, number>,
  personIds: Map<string, number>,
): Promise<Map<number, number>> {
  const reported = articles.flatMap((p) =>
    p.article.events.map((e) => ({ event: e, key: eventKey(e), articleId: articleIds.get(p.key)! })),
  );
  if (!reported.length) return new Map();
  const rows = new Map<string, ReturnType<typeof eventRow>>();
  for (const { event, key } of reported) {
    const prior = rows.get(key);
    if (!prior || prior.confidence < event.confidence) rows.set(key, eventRow(key, event));
  }
  // An event already known keeps its first wording; a more confident report raises its confidence.
  const events = [...rows.values()].sort(byKey);
  const added = await insertRows<{ id: number }>(
    tx,
    'Event',
    {
      key: 'text',
      kind: '"EventKind"',
      summary: 'text',
      evidence: 'text',
      location: 'text',
      confidence: 'float8',
      dateStart: 'date',
      dateEnd: 'date',
      datePrecision: '"DatePrecision"',
      dateInferred: 'boolean',
      dateText: 'text',
    },
    events,
    { tail: 'ON CONFLICT (key) DO NOTHING RETURNING id' },
  );
  const confidence = JSON.stringify(events.map((e) => ({ key: e.key, confidence: e.confidence })));
  await tx.$executeRaw`UPDATE "Event" e SET confidence = r.confidence, "updatedAt" = CURRENT_TIMESTAMP FROM jsonb_to_recordset(${confidence}::jsonb) AS r(key text, confidence float8) WHERE e.key = r.key AND r.confidence > e.confidence`;
  const ids = new Map(
    (await tx.event.findMany({ where: { key: { in: [...rows.keys()] } }, select: { id: true, key: true } })).map((s) => [s.key, s.id]),
  );
  const participants = new Map<string, { eventId: number; personId: number }>();
  for (const { event, key } of reported)
    for (const p of event.participants)
      if (personIds.has(p))
        participants.set(`${ids.get(key)}:${personIds.get(p)}`, { eventId: ids.get(key)!, personId: personIds.get(p)! });
  const joined = await insertRows<{ eventId: number }>(
    tx,
    'EventParticipant',
    { eventId: 'int', personId: 'int' },
    [...participants.values()],
    {
      tail: 'ON CONFLICT DO NOTHING RETURNING "eventId"',
    },
  );
  const reports = await insertRows<{ eventId: number }>(
    tx,
    'EventReport',
    { eventId: 'int', articleId: 'int', evidence: 'text' },
    reported.map(({ event, key, articleId }) => ({ eventId: ids.get(key)!, articleId, evidence: event.evidence })),
    { tail: 'ON CONFLICT DO NOTHING RETURNING "eventId"' },
  );
  // An event stored before that gains a report or a participant has changed, for clients that
  // sync by updatedAt; one stored by this transaction already carries its time.
  const changed = [...new Set([...joined, ...reports].map((r) => r.eventId))].sort((a, b) => a - b);
  if (changed.length)
    await tx.$executeRaw`UPDATE "Event" SET "updatedAt" = CURRENT_TIMESTAMP WHERE id = ANY(${changed}::int[]) AND "updatedAt" < CURRENT_TIMESTAMP`;
  const fresh = new Set(added.map((r) => r.id));
  const firstReport = new Map<number, number>();
  for (const { key, articleId } of reported)
    if (fresh.has(ids.get(key)!) && !firstReport.has(ids.get(key)!)) firstReport.set(ids.get(key)!, articleId);
  return firstReport;
}

function eventRow(key: string, e: EventFound) {
  const range = rangeOf(e.date);
  return {
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
  };
}

/** How a batch moves a person's totals: mentions, and articles naming them. */
interface Delta {
  mentions: number;
  articles: number;
}

/**
 * Mention and article totals move by what the batch added and removed (a recount would read every
 * mention of the archive's most-named people for each batch); each person whose mention rows the
 * batch wrote or removed gets a new mentionsVersion, which retires their stored co-mentions
 * (src/db/co-mentions.ts); people no text names any more go.
 */
async function refreshPeople(tx: Tx, delta: Map<number, Delta>, removedAny: boolean) {
  const touched = [...delta].sort((a, b) => a[0] - b[0]);
  if (touched.length) {
    const ids = touched.map(([id]) => id);
    // Locked in id order first, and only against updates: the mention rows another writer inserts
    // take a key-share lock on the same people, which FOR UPDATE would wait on in a circle.
    await tx.$executeRaw`SELECT 1 FROM "Person" WHERE id = ANY(${ids}::int[]) ORDER BY id FOR NO KEY UPDATE`;
    await tx.$executeRaw`UPDATE "Person" p SET "mentionCount" = p."mentionCount" + d.mentions, "articleCount" = p."articleCount" + d.articles,
      "mentionsVersion" = p."mentionsVersion" + 1, "updatedAt" = CURRENT_TIMESTAMP
      FROM unnest(${ids}::int[], ${touched.map(([, d]) => d.mentions)}::int[], ${touched.map(([, d]) => d.articles)}::int[]) AS d(id, mentions, articles) WHERE p.id = d.id`;
  }
  if (removedAny) {
    await tx.person.deleteMany({ where: { id: { in: [...delta.keys()] }, mentions: { none: {} }, authored: { none: {} } } });
  }
}
