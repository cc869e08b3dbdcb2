import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/index.js';
import { archiveCounts } from '../src/ingest/counts.js';
import { ingestDocument } from '../src/ingest/ingest.js';
import { processDocument } from '../src/ingest/pipeline.js';
import { seed } from '../src/ingest/seed.js';
import { storeDocument } from '../src/ingest/store.js';
import { backends, dropScratchDatabases } from './helpers/db.js';
import { seedPage } from './helpers/seed-page.js';

afterAll(dropScratchDatabases);

describe.each(backends)('ingesting into $name', (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await backend.open();
    await seed(db.prisma);
  });
  afterAll(() => db.close());

  it('stores the seed page: one source, 21 articles, 8 persons, the events', async () => {
    expect(await archiveCounts(db.prisma)).toMatchObject({ sources: 1, documents: 1, articles: 21, persons: 8 });
    const source = await db.prisma.source.findFirstOrThrow();
    expect(source).toMatchObject({ name: 'Naenara', slug: 'naenara', language: 'en' });
    const full = await db.prisma.article.findFirstOrThrow({ where: { kind: 'FULL' }, include: { author: true } });
    expect(full.paragraphs).toHaveLength(19);
    expect(full.author?.name).toBe('Kim Sung Chan');
    expect(full).toMatchObject({ publishedPrecision: 'YEAR', publishedInferred: true });
    expect(full.publishedStart?.toISOString().slice(0, 10)).toBe('2022-01-01');
    expect(full.publishedEvidence).toMatch(/57 years ago/);
    // Lead and body are stored as the extractor made them (they are written from the paragraphs in SQL).
    const extracted = processDocument({ text: seedPage, key: 'x' }).articles.find((a) => a.kind === 'FULL')!;
    expect(full).toMatchObject({ lead: extracted.lead, body: extracted.body, paragraphs: extracted.paragraphs });
    expect(full.body).toContain('\n\n');
    const teasers = await db.prisma.article.findMany({ where: { kind: 'TEASER' } });
    expect(teasers).toHaveLength(20);
    expect(teasers.every((t) => t.truncated && t.publishedPrecision === 'DAY')).toBe(true);
  });

  it('moves a page stored again to the outlet its header names, and drops the emptied source', async () => {
    const text =
      'Date: 14/04/2024 | Source: KCNA.kp (En) | Read original version at source\nFarm Visited\nRi Chol Ho visited a farm in Sariwon on Saturday.';
    // An archive stored before headers were read: the page under the name its loader gave it.
    await storeDocument(db.prisma, processDocument({ text, key: 'probe:outlet', sourceName: 'Probe Archive Feed' }));
    expect(await db.prisma.source.count({ where: { slug: 'probearchivefeed' } })).toBe(1);
    await storeDocument(db.prisma, processDocument({ text, key: 'probe:outlet', defaultSourceName: 'Probe Archive Feed' }), {
      force: true,
    });
    const doc = await db.prisma.document.findUniqueOrThrow({ where: { key: 'probe:outlet' }, include: { source: true, articles: true } });
    expect(doc.source).toMatchObject({ name: 'KCNA', slug: 'kcna' });
    expect(doc.articles.map((a) => a.publishedStart?.toISOString().slice(0, 10))).toEqual(['2024-04-14']);
    expect(await db.prisma.source.count({ where: { slug: 'probearchivefeed' } })).toBe(0);
    await db.prisma.document.delete({ where: { key: 'probe:outlet' } });
    await db.prisma.source.delete({ where: { slug: 'kcna' } });
  });

  it('stores each event with its participants and the report that states it', async () => {
    const visit = await db.prisma.event.findFirstOrThrow({
      where: { dateStart: new Date('1992-04-01'), datePrecision: 'MONTH' },
      include: { participants: { include: { person: true } }, reports: true },
    });
    expect(visit.participants.map((p) => p.person.name).sort()).toEqual(['Kaysone Phomvihane', 'Kim Il Sung', 'Kim Jong Il']);
    expect(visit.reports).toHaveLength(1);
    expect(visit.reports[0]!.evidence).toMatch(/fourth visit/);
  });

  it('finds a person under every alias, case-blind', async () => {
    const alias = await db.prisma.personAlias.findUnique({ where: { normalized: 'presidentkimilsung' }, include: { person: true } });
    expect(alias?.person.name).toBe('Kim Il Sung');
    const kim = await db.prisma.person.findUniqueOrThrow({ where: { name: 'Kim Il Sung' } });
    expect(kim.mentionCount).toBe(10); // 9 in the full article, 1 in a teaser
  });

  it('changes no count when the corpus is loaded again', async () => {
    const before = await archiveCounts(db.prisma);
    const summary = await seed(db.prisma);
    expect(summary).toMatchObject({ unchanged: 1, created: 0, updated: 0, failures: [] });
    expect(await archiveCounts(db.prisma)).toEqual(before);
  });

  it('updates the rows of a changed document and removes what it no longer says', async () => {
    const key = 'test:changing';
    const v1 = 'Ri Chol Ho Visits Farm\nRi Chol Ho visited the farm on May 3, 2024.\nKim Mi Hwa met him there.';
    const v2 = 'Ri Chol Ho Visits Farm\nRi Chol Ho visited the farm on May 3, 2024.';
    const first = await ingestDocument(db.prisma, { text: v1, key });
    expect(first.status).toBe('created');
    const hwa = await db.prisma.person.findUniqueOrThrow({ where: { name: 'Kim Mi Hwa' } });
    const second = await ingestDocument(db.prisma, { text: v2, key });
    expect(second.status).toBe('updated');
    expect(second.articleIds).toEqual(first.articleIds);
    const mentions = await db.prisma.mention.findMany({ where: { articleId: second.articleIds[0]! }, include: { person: true } });
    expect(mentions.map((m) => m.person.name)).toEqual(['Ri Chol Ho']);
    expect((await db.prisma.person.findUniqueOrThrow({ where: { id: hwa.id } })).mentionCount).toBe(hwa.mentionCount - 1);
  });

  it('leaves nothing behind when a document fails midway', async () => {
    const before = await archiveCounts(db.prisma);
    const doc = processDocument({
      text: 'Story One\nPak Song Il visited Laos on May 2, 2024.\nMore From Probe\nA teaser\nMay 3, 2024',
      key: 'test:broken',
    });
    // PostgreSQL refuses NUL in text: the second article's insert fails after the first succeeded.
    doc.articles[1]!.title = 'bad\u0000title';
    await expect(storeDocument(db.prisma, doc)).rejects.toThrow();
    expect(await archiveCounts(db.prisma)).toEqual(before);
    expect(await db.prisma.person.findUnique({ where: { name: 'Pak Song Il' } })).toBeNull();
  });

  it('stores the same page sent twice at once exactly once', async () => {
    const text = 'Twin Story\nJang Chol Su met the delegation on June 1, 2024.';
    const results = await Promise.all([
      ingestDocument(db.prisma, { text, key: 'test:twin' }),
      ingestDocument(db.prisma, { text, key: 'test:twin' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['created', 'unchanged']);
    expect(await db.prisma.document.count({ where: { key: 'test:twin' } })).toBe(1);
  });

  it('recognises a name the archive already knows on a page that gives no other evidence', async () => {
    const bare = 'Cordial Greetings\nGreetings from Bounnhang Vorachith were cordial on May 9, 2024.';
    const before = await ingestDocument(db.prisma, { text: bare, key: 'test:bare-1' });
    expect(before.document.articles[0]!.people).toEqual([]);
    await ingestDocument(db.prisma, {
      text: 'Visit\nPresident Bounnhang Vorachith arrived in Pyongyang on May 8, 2024.',
      key: 'test:titled',
    });
    const after = await ingestDocument(db.prisma, { text: bare.replace('cordial', 'warm'), key: 'test:bare-2' });
    expect(after.document.articles[0]!.people.map((p) => p.name)).toEqual(['Bounnhang Vorachith']);
  });

  it('stores a teaser listed twice on one page once', async () => {
    const text = [
      'Main Story',
      'Jang Chol Su met the delegation on June 1, 2024.',
      'More From Twice',
      'Kim Chol Ho visited the farm and',
      '2024-06-02',
      'Another teaser about sport',
      '2024-06-02',
      'Kim Chol Ho visited the farm and',
      '2024-06-02',
    ].join('\n');
    const result = await ingestDocument(db.prisma, { text, key: 'test:twice' });
    expect(result.document.articles).toHaveLength(4);
    expect(result.articleIds).toHaveLength(3);
    expect(await db.prisma.article.count({ where: { documentId: result.documentId } })).toBe(3);
  });

  it('makes one event of the same happening reported by two articles', async () => {
    const a = 'Talks in Vientiane\nKim Song Nam met Thongloun Sisoulith in Vientiane on May 20, 2024.';
    const b =
      'Leaders Meet\nThe talks were cordial. Kim Song Nam met Thongloun Sisoulith, president of Laos, on May 20, 2024 in Vientiane.';
    const ra = await ingestDocument(db.prisma, { text: a, key: 'test:a' });
    const rb = await ingestDocument(db.prisma, { text: b, key: 'test:b' });
    const events = await db.prisma.event.findMany({ where: { dateStart: new Date('2024-05-20') }, include: { reports: true } });
    expect(events).toHaveLength(1);
    expect(events[0]!.reports.map((r) => r.articleId).sort()).toEqual([...ra.articleIds, ...rb.articleIds].sort());
  });

  it('keeps the seed page text and hash for re-extraction', async () => {
    const doc = await db.prisma.document.findFirstOrThrow({ where: { key: { startsWith: 'file:' } } });
    expect(doc.text.length).toBeGreaterThan(9000);
    expect(doc.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(seedPage).toContain(doc.text.slice(0, 200));
  });
});
