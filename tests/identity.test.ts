// Article identity (issue 17, item 6): two stories that open alike stay two; one story reached
// through two pages (a teaser and its full text, a kcnawatch copy and the original, an edited
// edition) is one article whose every text is kept as a version.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/index.js';
import { fingerprintOf, storySimilarity, type StoryText } from '../src/ingest/identity.js';
import { ingestDocument } from '../src/ingest/ingest.js';
import { backends, dropScratchDatabases } from './helpers/db.js';

afterAll(dropScratchDatabases);

const text = (paragraphs: string[], more: Partial<StoryText> = {}): StoryText => ({
  title: paragraphs[0]!,
  paragraphs,
  truncated: false,
  ...more,
});

// A real KCNA item (the eval set's copy), as kcnawatch archives it and as kcna.kp printed it.
const watchCopy = readFileSync(new URL('../eval/real/03.txt', import.meta.url), 'utf8');
const original = watchCopy.replace(/^Date: .*\n\n/m, '');
const watchBody = watchCopy.split('\n\n').slice(3);

describe('storySimilarity', () => {
  const long = watchBody.map((p) => p.replace(/ -0-$/, ''));

  it('finds an edited edition alike and two items sharing their first sentence apart', () => {
    const edited = long.map((p, i) => (i === 2 ? p.replace('great strength and courage', 'great encouragement') : p));
    expect(storySimilarity(text(long), text(edited))).toBeGreaterThan(0.9);
    const opening = 'Kim Jong Un sent a message of greetings to the president of the Republic on Monday.';
    const a = text([opening, 'The message wished the president success in building a prosperous country and good health.']);
    const b = text([
      opening,
      'It expressed the belief that the friendly ties would grow stronger in the common struggle against imperialism.',
    ]);
    expect(storySimilarity(a, b)).toBe(0);
  });

  it('asks more of two full texts met by their opening words alone: one template, two stories', () => {
    const met = (guest: string) => text([`Ri Chol Ho, minister of foreign affairs, met ${guest} in Pyongyang on May 2, 2024.`]);
    const [a, b] = [met('Pak Song Il'), met('Jon Hyon Chol')];
    // Under one headline or on one page, a changed name is an edit; by the opening alone, another story.
    expect(storySimilarity(a, b)).toBeGreaterThanOrEqual(0.5);
    expect(storySimilarity(a, b, true)).toBe(0);
    expect(storySimilarity(text(long), text(long), true)).toBe(1);
  });

  it('measures a teaser by how much of it the full text holds, its cut last word aside', () => {
    const teaser = text([`${long[0]!.slice(0, 180)}…`], { truncated: true });
    expect(storySimilarity(teaser, text(long))).toBeGreaterThan(0.95);
    expect(storySimilarity(text(long), teaser)).toBeGreaterThan(0.95);
    // A teaser of another story under the same words of a headline is not contained.
    const other = text(['Kim Jong Un sent a reply message to the president of Laos, thanking him for his congratulations on…'], {
      truncated: true,
    });
    expect(storySimilarity(other, text(long))).toBe(0);
  });

  it('keeps apart texts whose stated day or dateline differ, however alike', () => {
    expect(storySimilarity(text(long, { day: '2021-09-25' }), text(long, { day: '2021-09-26' }))).toBeNull();
    expect(storySimilarity(text(long, { day: '2021-09-25' }), text(long))).toBe(1);
    const dated = (place: string) => text(long, { dateline: `${place}, September 25 (KCNA)` });
    expect(storySimilarity(dated('Pyongyang'), dated('Beijing'))).toBeNull();
    expect(storySimilarity(dated('Pyongyang'), dated('Pyongyang'))).toBe(1);
  });

  it('fingerprints a text blind to its layout of whitespace, and to nothing else', () => {
    expect(fingerprintOf(['a  b\tc', ' d '])).toBe(fingerprintOf(['a b c', 'd']));
    expect(fingerprintOf(['a b c', 'd'])).not.toBe(fingerprintOf(['a b c d']));
    expect(fingerprintOf(['A b c'])).not.toBe(fingerprintOf(['a b c']));
  });
});

describe.each(backends)('article identity in $name', (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(() => db.close());

  const versionsOf = (id: number) =>
    db.prisma.articleVersion.findMany({ where: { articleId: id }, orderBy: { id: 'asc' }, select: { paragraphs: true, kind: true } });

  it('keeps two untitled wire items that open with the same sentence as two articles, each with its text', async () => {
    const opening =
      'Pyongyang, May 6 (KCNA) -- Kim Jong Un sent a message of greetings to the president of the Republic of Oron on Monday.';
    const a = `${opening}\n\nThe message wished the president success in building a prosperous country and good health for many years.`;
    const b = `${opening}\n\nIt expressed the belief that the friendly ties between the two countries would grow stronger in the common struggle.`;
    const ra = await ingestDocument(db.prisma, { text: a, key: 'id:wire-a' });
    const rb = await ingestDocument(db.prisma, { text: b, key: 'id:wire-b' });
    expect(ra.status).toBe('created');
    expect(rb.status).toBe('created');
    expect(rb.articleIds).toHaveLength(1);
    expect(rb.articleIds[0]).not.toBe(ra.articleIds[0]);
    const stored = await db.prisma.article.findMany({
      where: { id: { in: [...ra.articleIds, ...rb.articleIds] } },
      orderBy: { id: 'asc' },
    });
    expect(stored.map((s) => s.paragraphs[1])).toEqual([a.split('\n\n')[1], b.split('\n\n')[1]]);
    // Each page keeps its article: neither took the other's over.
    expect(await db.prisma.article.count({ where: { document: { key: { in: ['id:wire-a', 'id:wire-b'] } } } })).toBe(2);
  });

  it('makes an edited story one article with two versions, both texts kept, showing the newest', async () => {
    const first =
      'Coal Mine Overfulfils Plan\n\nThe Kaechon Area Coal Mining Complex overfulfilled its plan for April by 15 per cent. Its miners raised output by using new drills in every pit.';
    const edited = first.replace('by 15 per cent', 'by 17 per cent');
    const r1 = await ingestDocument(db.prisma, { text: first, url: 'http://example.kp/mine' });
    const r2 = await ingestDocument(db.prisma, { text: edited, url: 'http://example.kp/mine' });
    expect(r2.status).toBe('updated');
    expect(r2.articleIds).toEqual(r1.articleIds);
    const article = await db.prisma.article.findUniqueOrThrow({ where: { id: r1.articleIds[0]! } });
    expect(article.body).toContain('17 per cent');
    const versions = await versionsOf(article.id);
    expect(versions.map((v) => v.paragraphs[0]!.match(/\d+ per cent/)![0])).toEqual(['15 per cent', '17 per cent']);
    // The older edition met again is history, not news: the article stays at the newest.
    await ingestDocument(db.prisma, { text: first, key: 'id:mine-mirror' });
    expect((await db.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).body).toContain('17 per cent');
    expect(await versionsOf(article.id)).toHaveLength(2);
  });

  it('merges a teaser and its full text whichever comes first, and never lets the teaser replace the body', async () => {
    const full = [
      'Sports Games Open',
      '2024-06-02',
      'The national sports games of working people opened in Pyongyang on Sunday with teams from every province competing in football, volleyball and athletics.',
      'The games will run for ten days at the Kim Il Sung Stadium and other venues of the capital.',
    ].join('\n');
    const listing = [
      'Rice Transplanting Ends',
      'Farmers of South Hwanghae Province finished transplanting rice on the plains of the province on Saturday, ahead of schedule.',
      // A listing entry as portals print it: the cut lead, its date, the cut lead again.
      'More From Probe Portal',
      'The national sports games of working people opened in Pyongyang on Sunday with teams from every prov',
      '2024-06-02',
      'The national sports games of working people opened in Pyongyang on Sunday with teams from every prov',
    ].join('\n');
    const rl = await ingestDocument(db.prisma, { text: listing, key: 'id:listing', sourceName: 'Probe Portal' });
    const rf = await ingestDocument(db.prisma, { text: full, key: 'id:full', sourceName: 'Probe Portal' });
    const teaserId = rl.articleIds[1]!;
    expect(rf.articleIds).toEqual([teaserId]);
    const article = await db.prisma.article.findUniqueOrThrow({ where: { id: teaserId }, include: { document: true } });
    expect(article).toMatchObject({ kind: 'FULL', truncated: false });
    expect(article.document.key).toBe('id:full');
    expect((await versionsOf(teaserId)).map((v) => v.kind)).toEqual(['TEASER', 'FULL']);
    // The listing stored again, or another page listing the teaser, leaves the full text in place.
    await ingestDocument(db.prisma, { text: `${listing}\n`, key: 'id:listing', sourceName: 'Probe Portal' });
    await ingestDocument(db.prisma, {
      text: listing.replace('Rice Transplanting', 'Wheat Harvest'),
      key: 'id:listing-2',
      sourceName: 'Probe Portal',
    });
    expect(await db.prisma.article.findUniqueOrThrow({ where: { id: teaserId } })).toMatchObject({ kind: 'FULL', truncated: false });
    expect(await versionsOf(teaserId)).toHaveLength(2);
  });

  it('merges a kcnawatch copy with the kcna.kp original of the same item', async () => {
    const watch = await ingestDocument(db.prisma, { text: watchCopy, key: 'id:kcnawatch' });
    const kp = await ingestDocument(db.prisma, { text: original, key: 'id:kcna.kp' });
    expect(kp.articleIds).toEqual(watch.articleIds);
    const article = await db.prisma.article.findUniqueOrThrow({ where: { id: kp.articleIds[0]! }, include: { source: true } });
    expect(article.source.slug).toBe('kcna');
    expect(article.dateline).toBe('Pyongyang, September 25 (KCNA)');
    // One text, however many pages carried it: one version.
    expect(await versionsOf(article.id)).toHaveLength(1);
  });

  it('keeps the teaser another page carried when the page of the full text no longer does', async () => {
    const full =
      'Bridge Completed\n2024-07-01\nA new bridge over the Taedong River was completed in Pyongyang on Monday after two years of work by the builders.';
    const cut = 'A new bridge over the Taedong River was completed in Pyongyang on Monday after two ye';
    const listing = `Flood Drill Held\nA flood drill was held in the capital on Monday.\nMore From Probe Portal\n${cut}\n2024-07-01\n${cut}`;
    const rl = await ingestDocument(db.prisma, { text: listing, key: 'id:bridge-listing', sourceName: 'Probe Portal' });
    const rf = await ingestDocument(db.prisma, { text: full, key: 'id:bridge', sourceName: 'Probe Portal' });
    expect(rf.articleIds).toEqual([rl.articleIds[1]]);
    // The full text's page now says something else: the story survives, with every text it had.
    await ingestDocument(db.prisma, {
      text: 'Orchard Planted\nApple trees were planted on a hillside in Kosan County this week.',
      key: 'id:bridge',
      sourceName: 'Probe Portal',
    });
    expect(await versionsOf(rl.articleIds[1]!)).toHaveLength(2);
  });
});
