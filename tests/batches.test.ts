// Storing pages in batches must leave exactly the archive that storing them one by one leaves:
// shared teasers, changed pages, people named on many pages, mention totals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/corpus.js';
import type { Db } from '../src/db/index.js';
import { loadDocuments } from '../src/ingest/files.js';
import { processDocument, type ProcessedDocument } from '../src/ingest/pipeline.js';
import { storeDocument, storeDocuments } from '../src/ingest/store.js';
import { backends, dropScratchDatabases } from './helpers/db.js';

afterAll(dropScratchDatabases);

const listing = (lead: string, guest: string, teasers: string[]) =>
  [
    lead,
    `Ri Chol Ho, minister of foreign affairs, met ${guest} in Pyongyang on May 2, 2024.`,
    'More From Probe Portal',
    ...teasers.flatMap((t) => [t, '2024-05-03']),
  ].join('\n');
const shared = 'Kim Chol Ho visited the Sunchon farm and';

/** Pages in load order: generated ones, two listing the same teaser, and a page that changes later. */
function pages(): ProcessedDocument[] {
  const generated = [...generateCorpus({ docs: 30, seed: 7 })].map((p) => processDocument({ text: p.text, key: p.name }));
  return [
    ...generated.slice(0, 12),
    processDocument({ text: listing('First Page', 'Pak Song Il', [shared, 'Jo Yong Nam opened an exhibition and']), key: 'probe:1' }),
    processDocument({ text: listing('Second Page', 'Jon Hyon Chol', [shared, 'Ri Chol Ho received the ambassador and']), key: 'probe:2' }),
    ...generated.slice(12, 24),
    // probe:1 again, changed: it drops its second teaser and names another person.
    processDocument({ text: listing('First Page', 'Han Yong Su', [shared]), key: 'probe:1' }),
    ...generated.slice(24),
  ];
}

/** The archive by content, not by generated ids. */
async function snapshot(db: Db) {
  const articles = await db.prisma.article.findMany({
    select: { key: true, title: true, document: { select: { key: true } }, author: { select: { name: true } } },
    orderBy: { key: 'asc' },
  });
  const persons = await db.prisma.person.findMany({
    select: {
      name: true,
      mentionCount: true,
      articleCount: true,
      aliases: { select: { normalized: true }, orderBy: { normalized: 'asc' } },
    },
    orderBy: { name: 'asc' },
  });
  const mentions = await db.prisma.mention.findMany({
    select: { article: { select: { key: true } }, person: { select: { name: true } }, count: true },
  });
  const events = await db.prisma.event.findMany({
    select: {
      key: true,
      confidence: true,
      participants: { select: { person: { select: { name: true } } } },
      reports: { select: { article: { select: { key: true } } } },
    },
    orderBy: { key: 'asc' },
  });
  return {
    articles,
    persons,
    mentions: mentions.map((m) => `${m.article.key} ${m.person.name} ${m.count}`).sort(),
    events: events.map((e) => ({
      ...e,
      participants: e.participants.map((p) => p.person.name).sort(),
      reports: e.reports.map((r) => r.article.key).sort(),
    })),
    titles: (
      await db.prisma.personTitle.findMany({
        select: { person: { select: { name: true } }, article: { select: { key: true } }, text: true },
      })
    )
      .map((t) => `${t.person.name} ${t.article.key} ${t.text}`)
      .sort(),
  };
}

async function mentionTotalsDrift(db: Db) {
  return db.prisma.$queryRaw<
    { name: string }[]
  >`SELECT p.name FROM "Person" p, LATERAL (SELECT COALESCE(SUM(m.count), 0) AS mentions, count(*) AS articles FROM "Mention" m WHERE m."personId" = p.id) t
    WHERE p."mentionCount" <> t.mentions OR p."articleCount" <> t.articles`;
}

describe.each(backends)('storing in batches on $name', (backend) => {
  let oneByOne: Db;
  let batched: Db;
  beforeAll(async () => {
    [oneByOne, batched] = await Promise.all([backend.open(), backend.open()]);
  });
  afterAll(async () => {
    await oneByOne.close();
    await batched.close();
  });

  it('leaves the same archive as storing each page on its own', async () => {
    const docs = pages();
    for (const doc of docs) await storeDocument(oneByOne.prisma, doc);
    // Batches of 7 put both probe pages and the change of the first in different places.
    const results = [];
    for (let i = 0; i < docs.length; i += 7) results.push(...(await storeDocuments(batched.prisma, docs.slice(i, i + 7))));
    expect(results.filter((r) => r.status === 'updated')).toHaveLength(1);
    const [expected, actual] = await Promise.all([snapshot(oneByOne), snapshot(batched)]);
    expect(actual.articles.length).toBeGreaterThan(100);
    expect(actual.persons.length).toBeGreaterThan(20);
    expect(actual).toEqual(expected);
    // The shared teaser is one article, owned by the page that listed it last.
    const teaser = actual.articles.filter((a) => a.title.startsWith('Kim Chol Ho visited'));
    expect(teaser.map((a) => a.document.key)).toEqual(['probe:1']);
    // The changed page no longer names Pak Song Il anywhere, and he is gone.
    expect(actual.persons.map((p) => p.name)).not.toContain('Pak Song Il');
    expect(actual.persons.map((p) => p.name)).toContain('Han Yong Su');
  });

  it('keeps every mention total equal to the mentions stored', async () => {
    expect(await mentionTotalsDrift(batched)).toEqual([]);
    expect(await mentionTotalsDrift(oneByOne)).toEqual([]);
  });

  it('stores the outlet spellings of different archives as one source', async () => {
    const names = ['Probe Wire (En)', 'Probe Wire (EN)', 'The Probe Wire', 'www.probewire.kp'];
    const pages = names.map((sourceName, n) =>
      processDocument({ text: `Story ${n}\nJang Chol Su met the delegation on June ${n + 1}, 2024.`, key: `probe:slug-${n}`, sourceName }),
    );
    await storeDocuments(batched.prisma, pages);
    const sources = await batched.prisma.source.findMany({
      where: { OR: [{ slug: { startsWith: 'probewire' } }, { name: { contains: 'Probe Wire' } }] },
    });
    expect(sources.map((s) => s.slug)).toEqual(['probewire']);
    expect(
      (await batched.prisma.document.findMany({ where: { key: { startsWith: 'probe:slug-' } }, select: { sourceId: true } })).every(
        (d) => d.sourceId === sources[0]!.id,
      ),
    ).toBe(true);
  });

  it('tidies the people table during a long load and still counts every page', async () => {
    // Batches of one: 25 batches pass the loader's vacuum point (every 20) and its final ANALYZE.
    const pages = Array.from({ length: 25 }, (_, n) => ({
      key: `probe:long-${n}`,
      text: `Long Load ${n}\nChoe Hui Song met workers in Nampho on August ${(n % 28) + 1}, 2024.`,
    }));
    const summary = await loadDocuments(
      batched.prisma,
      pages.map((p) => ({ label: p.key, input: () => p })),
      pages.length,
      () => {},
      { batchSize: 1 },
    );
    expect(summary).toMatchObject({ created: 25, failures: [] });
    expect((await batched.prisma.person.findUniqueOrThrow({ where: { name: 'Choe Hui Song' } })).mentionCount).toBe(25);
    // The final vacuum covered the article table too (it sets the visibility map index-only scans need).
    const [stats] = await batched.prisma.$queryRawUnsafe<{ vacuumed: boolean }[]>(
      `SELECT last_vacuum IS NOT NULL AS vacuumed FROM pg_stat_user_tables WHERE relname = 'Article'`,
    );
    expect(stats?.vacuumed).toBe(true);
  });

  it('refuses a batch that names one document twice', async () => {
    const doc = processDocument({ text: 'Twice\nJang Chol Su met the delegation on June 1, 2024.', key: 'probe:twice' });
    await expect(storeDocuments(batched.prisma, [doc, doc])).rejects.toThrow(/only once/);
  });

  it('loads the rest of a batch when the database refuses one page of it', async () => {
    // The database refuses one article, as a constraint would: its whole batch transaction fails.
    await batched.prisma.$executeRawUnsafe(`ALTER TABLE "Article" ADD CONSTRAINT probe_refuse CHECK (title <> 'Refused Story') NOT VALID`);
    const texts = ['Story One', 'Story Two', 'Refused Story', 'Story Four'].map((title, n) => ({
      key: `probe:load-${n}`,
      text: `${title}\nKang Myong Chol met workers in Wonsan on July ${n + 1}, 2024.`,
    }));
    const lines: string[] = [];
    const summary = await loadDocuments(
      batched.prisma,
      texts.map((t) => ({ label: t.key, input: () => t })),
      texts.length,
      (line) => lines.push(line),
      { batchSize: 10 },
    );
    expect(summary).toMatchObject({ created: 3, failures: [{ file: 'probe:load-2' }] });
    expect(summary.failures[0]!.error).toMatch(/probe_refuse/);
    expect(lines.filter((l) => l.includes('FAILED'))).toEqual([expect.stringContaining('probe:load-2')]);
    const stored = await batched.prisma.document.findMany({ where: { key: { startsWith: 'probe:load-' } }, select: { key: true } });
    expect(stored.map((d) => d.key).sort()).toEqual(['probe:load-0', 'probe:load-1', 'probe:load-3']);
    expect(await mentionTotalsDrift(batched)).toEqual([]);
  });

  it('leaves no person behind when the only page naming them is refused', async () => {
    // People are stored ahead of their batch (src/ingest/store.ts); the constraint above still holds.
    const refused = processDocument({
      key: 'probe:refused-person',
      text: 'Refused Story\nPyon Ung Sik inspected a farm in Kaesong on May 3, 2024.',
    });
    expect(refused.articles.flatMap((a) => a.people).map((p) => p.name)).toContain('Pyon Ung Sik');
    await expect(storeDocument(batched.prisma, refused)).rejects.toThrow(/probe_refuse/);
    expect(await batched.prisma.person.findMany({ where: { name: 'Pyon Ung Sik' } })).toEqual([]);
    expect(await batched.prisma.personAlias.findMany({ where: { normalized: 'pyonungsik' } })).toEqual([]);
  });

  it('sweeps, at the end of a load, people an interrupted load stored ahead of its batch', async () => {
    const named = await batched.prisma.person.count();
    await batched.prisma.$executeRawUnsafe(
      `INSERT INTO "Person" (name, "createdAt") VALUES ('Orphan Probe', LOCALTIMESTAMP - interval '1 hour'), ('Fresh Probe', LOCALTIMESTAMP)`,
    );
    await loadDocuments(batched.prisma, [], 0);
    expect(await batched.prisma.person.findMany({ where: { name: 'Orphan Probe' } })).toEqual([]);
    // One stored a moment ago may belong to a batch in flight elsewhere: it stays.
    expect(await batched.prisma.person.findMany({ where: { name: 'Fresh Probe' }, select: { name: true } })).toEqual([
      { name: 'Fresh Probe' },
    ]);
    await batched.prisma.person.deleteMany({ where: { name: 'Fresh Probe' } });
    expect(await batched.prisma.person.count()).toBe(named);
  });
});
