// A person's co-mentions are read from their stored list (PersonCoMentions) while it is current,
// else counted from their own mention rows, each listing the article's other people
// (Mention.coPersonIds). Checked here against the definition, a join of the mentions themselves,
// after a load, after a page is stored again with other people, while pages are stored beside a
// refresh, and for an article naming more people than a row lists.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestDocument } from '../src/ingest/ingest.js';
import { MAX_CO_PERSONS } from '../src/ingest/store.js';
import { upkeepSettled } from '../src/db/after-writes.js';
import { CO_MENTION_WINDOW, refreshCoMentions, STORED_CO_MENTIONS } from '../src/db/co-mentions.js';
import { backends, dropScratchDatabases } from './helpers/db.js';
import { loadCorpus, openApi, TEST_TOKEN, type Api } from './helpers/api.js';

afterAll(dropScratchDatabases);

const PERSON_CO_MENTIONS = `query($name: String!) { person(name: $name) { coMentions(first: 100) { count person { name } } } }`;

/** `count` Korean names, every one different, as the extractor reads them. */
function koreanNames(count: number): string[] {
  const surnames = ['Kim', 'Ri', 'Pak', 'Choe', 'Jang', 'Kang', 'Jo', 'Han', 'Yun'];
  const given = [
    'Chol',
    'Yong',
    'Myong',
    'Hyok',
    'Nam',
    'Su',
    'Il',
    'Jin',
    'Hui',
    'Gwang',
    'Hak',
    'Ho',
    'Chun',
    'Ryong',
    'Jong',
    'Hwa',
    'Bok',
  ];
  const names: string[] = [];
  for (const s of surnames) for (const a of given) for (const b of given) if (a !== b) names.push(`${s} ${a} ${b}`);
  return names.slice(0, count);
}

describe.each(backends)('co-mentions on $name', (backend) => {
  let api: Api;
  const prisma = () => api.db.prisma;

  beforeAll(async () => {
    api = await openApi(backend);
    expect((await loadCorpus(api, { docs: 40, seed: 5, people: 60 })).failures).toEqual([]);
  });
  afterAll(() => api.db.close());

  /** The definition: over the person's newest articles, who else each names, counted. */
  async function expected(name: string) {
    const rows = await prisma().$queryRawUnsafe<{ name: string; count: number }[]>(
      `WITH me AS (SELECT pa."personId" AS id FROM "PersonAlias" pa JOIN "Person" p ON p.id = pa."personId" WHERE p.name = $1 LIMIT 1),
            own AS (SELECT m."articleId" FROM "Mention" m, me WHERE m."personId" = me.id ORDER BY m."articleSortDate" DESC, m."articleId" DESC LIMIT ${CO_MENTION_WINDOW})
       SELECT p.name, count(*)::int AS count FROM own JOIN "Mention" o ON o."articleId" = own."articleId" JOIN "Person" p ON p.id = o."personId", me
       WHERE o."personId" <> me.id GROUP BY p.id, p.name ORDER BY count DESC, p.id LIMIT ${STORED_CO_MENTIONS}`,
      name,
    );
    return rows.map((r) => ({ count: r.count, person: { name: r.name } }));
  }
  const actual = async (name: string) => {
    const r = await api.gql(PERSON_CO_MENTIONS, { name });
    expect(r.errors).toBeUndefined();
    return r.data.person.coMentions;
  };

  it('counts the articles naming both, as the mentions themselves say', async () => {
    const people = await prisma().person.findMany({ orderBy: [{ mentionCount: 'desc' }, { id: 'asc' }], take: 8, select: { name: true } });
    let nonEmpty = 0;
    for (const { name } of people) {
      const want = await expected(name);
      if (want.length) nonEmpty += 1;
      expect(await actual(name)).toEqual(want);
    }
    expect(nonEmpty).toBeGreaterThan(3);
  });

  /** People whose stored list is missing or counted from an older version of their mentions. */
  const stale = async () =>
    (
      await prisma().$queryRawUnsafe<
        { n: number }[]
      >(`SELECT count(*)::int AS n FROM "Person" p LEFT JOIN "PersonCoMentions" l ON l."personId" = p.id
      WHERE l.version IS DISTINCT FROM p."mentionsVersion"`)
    )[0]!.n;

  /** A stored list as the API shows it. */
  async function shown(list: { personIds: number[]; counts: number[] }) {
    const nameOf = new Map(
      (await prisma().person.findMany({ where: { id: { in: list.personIds } }, select: { id: true, name: true } })).map((p) => [
        p.id,
        p.name,
      ]),
    );
    return list.personIds.map((id, i) => ({ count: list.counts[i], person: { name: nameOf.get(id) } }));
  }

  it("stores every named person's list at the end of a load, as the definition counts it", async () => {
    expect(await stale()).toBe(0);
    const people = await prisma().person.findMany({
      orderBy: [{ mentionCount: 'desc' }, { id: 'asc' }],
      take: 8,
      select: { id: true, name: true },
    });
    for (const { id, name } of people)
      expect(await shown(await prisma().personCoMentions.findUniqueOrThrow({ where: { personId: id } }))).toEqual(await expected(name));
  });

  it("reads a current list, and counts live once the person's mentions have changed", async () => {
    const [top] = await prisma().person.findMany({
      orderBy: [{ mentionCount: 'desc' }, { id: 'asc' }],
      take: 1,
      select: { id: true, name: true },
    });
    const truth = await expected(top!.name);
    expect(truth.length).toBeGreaterThan(1);
    // A list that says otherwise, still marked current: the API answers from it.
    await prisma().personCoMentions.update({ where: { personId: top!.id }, data: { counts: truth.map(() => 999) } });
    expect((await actual(top!.name)).map((c: { count: number }) => c.count)).toEqual(truth.map(() => 999));
    // What a write does: the list is no longer current, and the API counts again.
    await prisma().person.update({ where: { id: top!.id }, data: { mentionsVersion: { increment: 1 } } });
    expect(await actual(top!.name)).toEqual(truth);
    expect(await refreshCoMentions(prisma())).toBe(1);
    expect(await stale()).toBe(0);
    expect((await prisma().personCoMentions.findUniqueOrThrow({ where: { personId: top!.id } })).counts).toEqual(truth.map((c) => c.count));
  });

  it('follows a page stored again with other people in it', async () => {
    const [a, b, c, d] = koreanNames(4) as [string, string, string, string];
    const page = (names: string[]) => ({
      key: 'co-mentions:page',
      text: `Pyongyang, May 25 (KCNA) -- ${names.map((n) => `Premier ${n} visited the Kangson Complex.`).join(' ')}\n`,
    });
    // Ties come in id order: compared by name here, in order by the first test.
    const named = async (name: string) =>
      (await actual(name)).map((co: { count: number; person: { name: string } }) => `${co.person.name} ${co.count}`).sort();
    await ingestDocument(prisma(), page([a, b, c]));
    expect(await named(a)).toEqual([`${b} 1`, `${c} 1`].sort());
    // Stored, the list must give way to what the page says next.
    await refreshCoMentions(prisma());
    expect(await named(a)).toEqual([`${b} 1`, `${c} 1`].sort());
    await ingestDocument(prisma(), page([a, d]));
    expect(await named(a)).toEqual([`${d} 1`]);
    // No page names b any more: gone from the archive.
    expect((await api.gql(PERSON_CO_MENTIONS, { name: b })).data.person).toBeNull();
    expect(await actual(d)).toEqual(await expected(d));
    // Counted and stored, the lists say the same.
    expect(await stale()).toBeGreaterThan(0);
    await refreshCoMentions(prisma());
    expect(await stale()).toBe(0);
    expect(await named(a)).toEqual([`${d} 1`]);
    expect(await actual(d)).toEqual(await expected(d));
  });

  it('never keeps a list older than the mentions, however refreshes and writes interleave', async () => {
    const names = koreanNames(40).slice(20);
    const pages = Array.from({ length: 12 }, (_, i) => ({
      key: `co-mentions:race-${i % 4}`,
      text: `Pyongyang, May 25 (KCNA) -- ${[0, 1, 2].map((k) => `Premier ${names[(i * 3 + k * 7) % names.length]} visited the Kangson Complex.`).join(' ')}\n`,
    }));
    // Pages rewritten (the same four keys, other people each time) while lists are counted.
    let writing = true;
    const writes = (async () => {
      for (const page of pages) await ingestDocument(prisma(), page);
      writing = false;
    })();
    const refreshes = (async () => {
      while (writing) await refreshCoMentions(prisma());
    })();
    await Promise.all([writes, refreshes]);
    // Whatever a refresh stored during the writes, a current list matches the definition now.
    const people = await prisma().person.findMany({
      where: { name: { in: names } },
      select: { id: true, name: true, mentionsVersion: true, coMentionList: true },
    });
    expect(people.length).toBeGreaterThan(5);
    const current = people.filter((p) => p.coMentionList?.version === p.mentionsVersion);
    expect(current.length).toBeGreaterThan(0);
    for (const p of current) expect(await shown(p.coMentionList!), p.name).toEqual(await expected(p.name));
    for (const p of people) expect(await actual(p.name), p.name).toEqual(await expected(p.name));
  });

  it('counts the lists in the background after the ingest mutation', async () => {
    const [a, b] = koreanNames(60).slice(50) as [string, string];
    const r = await api.gql(
      'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { status } }',
      {
        input: { text: `Pyongyang, May 26 (KCNA) -- Premier ${a} met Premier ${b} at the Kangson Complex.\n` },
      },
      { authorization: `Bearer ${TEST_TOKEN}` },
    );
    expect(r.errors).toBeUndefined();
    await upkeepSettled(prisma());
    expect(await stale()).toBe(0);
    expect(await actual(a)).toEqual([{ count: 1, person: { name: b } }]);
  });

  it(`lists the ${MAX_CO_PERSONS} most named others of an article that names more`, async () => {
    const names = koreanNames(MAX_CO_PERSONS + 30);
    // The last five are named four times: whoever else is left out, they are kept.
    const loud = names.slice(-5);
    const sentences = names.map(
      (n, i) =>
        `Premier ${n} visited the Kangson Complex on May ${(i % 28) + 1}, 2024.${loud.includes(n) ? ` ${n} spoke. ${n} left. ${n} returned.` : ''}`,
    );
    const stored = await ingestDocument(prisma(), {
      key: 'co-mentions:crowd',
      text: `Pyongyang, May 25 (KCNA) -- ${sentences.join(' ')}\n`,
    });
    const people = stored.document.articles[0]!.people.length;
    expect(people).toBeGreaterThan(MAX_CO_PERSONS + 1);
    const rows = await prisma().mention.findMany({
      where: { articleId: stored.articleIds[0]! },
      select: { personId: true, count: true, coPersonIds: true },
    });
    expect(rows).toHaveLength(people);
    const byMentions = [...rows].sort((x, y) => y.count - x.count || x.personId - y.personId).map((r) => r.personId);
    for (const row of rows) expect(row.coPersonIds).toEqual(byMentions.filter((id) => id !== row.personId).slice(0, MAX_CO_PERSONS));
    const loudIds = (await prisma().person.findMany({ where: { name: { in: loud } }, select: { id: true } })).map((p) => p.id);
    expect(loudIds).toHaveLength(5);
    for (const row of rows) for (const id of loudIds) if (id !== row.personId) expect(row.coPersonIds).toContain(id);
  });
});

describe.each(backends)('closing the database on $name', (backend) => {
  it('lets the upkeep the ingest mutation started finish first: nothing of it is cut off', async () => {
    const api = await openApi(backend);
    const reported = vi.spyOn(console, 'log');
    try {
      const r = await api.gql(
        'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { status } }',
        { input: { text: 'Pyongyang, May 27 (KCNA) -- Premier Kim Tok Hun met Premier Pak Pong Ju at the Kangson Complex.\n' } },
        { authorization: `Bearer ${TEST_TOKEN}` },
      );
      expect(r.errors).toBeUndefined();
      // At once: the counts it started are still running. Cut, each would report "… not done".
      await api.db.close();
      expect(reported.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('not done'))).toEqual([]);
    } finally {
      reported.mockRestore();
    }
  });
});
