import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, dropScratchDatabases } from './helpers/db.js';
import { openApi, TEST_TOKEN, type Api } from './helpers/api.js';
import { SEED_PEOPLE } from './helpers/seed-page.js';

afterAll(dropScratchDatabases);

describe.each(backends)('the API on $name', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await openApi(backend);
  });
  afterAll(() => api.db.close());

  const codes = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.map((e) => e.extensions?.code);

  it('lists the source with its article count', async () => {
    const r = await api.gql('{ sources { totalCount nodes { name slug language articleCount articles(first: 2) { totalCount } } } }');
    expect(r.data.sources).toEqual({
      totalCount: 1,
      nodes: [{ name: 'Naenara', slug: 'naenara', language: 'en', articleCount: 21, articles: { totalCount: 21 } }],
    });
  });

  it('lists the 8 persons, by name and by mentions', async () => {
    const byName = await api.gql('{ persons { totalCount nodes { name } } }');
    expect(byName.data.persons.totalCount).toBe(8);
    expect(byName.data.persons.nodes.map((p: { name: string }) => p.name)).toEqual(SEED_PEOPLE);
    const byMentions = await api.gql('{ persons(first: 2, orderBy: MENTIONS) { nodes { name mentionCount } } }');
    expect(byMentions.data.persons.nodes).toEqual([
      { name: 'Kim Il Sung', mentionCount: 10 },
      { name: 'Kim Jong Il', mentionCount: 6 },
    ]);
    const filtered = await api.gql('{ persons(filter: { nameContains: "president kim" }) { nodes { name } } }');
    expect(filtered.data.persons.nodes).toEqual([{ name: 'Kim Il Sung' }]);
  });

  it('finds a person by any alias, case-insensitively, with a page of their articles and events', async () => {
    const r = await api.gql(`{ person(name: "PRESIDENT kim il sung") {
      name aliases titles { text kind }
      articles { totalCount edges { mentionCount node { kind } } }
      events { totalCount nodes { date { iso } } }
      coMentions(first: 2) { count person { name } } } }`);
    const p = r.data.person;
    expect(p.name).toBe('Kim Il Sung');
    expect(p.aliases).toEqual(expect.arrayContaining(['President Kim Il Sung', 'Premier Kim Il Sung']));
    expect(p.titles.map((t: { text: string }) => t.text)).toEqual(expect.arrayContaining(['Premier', 'President']));
    expect(p.articles.totalCount).toBe(2);
    expect(p.articles.edges[0]).toEqual({ mentionCount: 1, node: { kind: 'TEASER' } }); // the 2026 teaser is newer
    expect(p.events.nodes.map((e: { date: { iso: string } }) => e.date.iso)).toEqual(['1992-04', '1965-10-28']);
    expect(p.coMentions).toHaveLength(2);
    expect(p.coMentions[0].count).toBe(1);
  });

  it("lists a person's titles once each, with how many articles gave them, when, and those articles", async () => {
    const r = await api.gql(
      `{ person(name: "Kim Il Sung") { id titles { text kind articleCount firstSeen lastSeen articles(first: 5) { totalCount nodes { id } } } } }`,
    );
    const titles = r.data.person.titles as {
      text: string;
      kind: string;
      articleCount: number;
      articles: { totalCount: number; nodes: unknown[] };
    }[];
    const rows = await api.db.prisma.personTitle.findMany({
      where: { person: { name: 'Kim Il Sung' } },
      select: { kind: true, text: true, articleId: true },
    });
    const expected = new Map<string, Set<number>>();
    for (const t of rows) expected.set(`${t.kind}|${t.text}`, (expected.get(`${t.kind}|${t.text}`) ?? new Set()).add(t.articleId));
    expect(titles.map((t) => `${t.kind}|${t.text}`).sort()).toEqual([...expected.keys()].sort());
    for (const t of titles) {
      expect(t.articleCount).toBe(expected.get(`${t.kind}|${t.text}`)!.size);
      expect(t.articles.totalCount).toBe(t.articleCount);
      expect(t.articles.nodes).toHaveLength(Math.min(5, t.articleCount));
    }
    expect(titles.map((t) => t.articleCount)).toEqual([...titles.map((t) => t.articleCount)].sort((a, b) => b - a));
    expect((await api.gql('{ person(name: "Kim Il Sung") { titles(first: 1) { text } } }')).data.person.titles).toHaveLength(1);
    expect(codes(await api.gql('{ person(name: "Kim Il Sung") { titles(first: 101) { text } } }'))).toEqual(['BAD_USER_INPUT']);
  });

  it('answers an unknown person with a bare null: a lookup miss is an answer, not an error', async () => {
    const r = await api.gql('{ person(name: "Nobody Here") { name } }');
    expect(r.data.person).toBeNull();
    expect(r.errors).toBeUndefined();
  });

  it('lists the teasers by date, newest first, and filters by kind and date', async () => {
    const r = await api.gql('{ articles(first: 100, filter: { kind: TEASER }) { totalCount nodes { publishedAt truncated } } }');
    expect(r.data.articles.totalCount).toBe(20);
    const dates = r.data.articles.nodes.map((n: { publishedAt: string }) => n.publishedAt);
    expect(dates[0]).toBe('2026-03-06');
    expect(dates[19]).toBe('2026-03-01');
    expect([...dates].sort().reverse()).toEqual(dates);
    const window = await api.gql('{ articles(filter: { publishedAfter: "2026-03-05", publishedBefore: "2026-03-05" }) { totalCount } }');
    expect(window.data.articles.totalCount).toBe(5);
  });

  it('shows the full article with its author, inferred date and people with mention counts', async () => {
    const r = await api.gql(`{ articles(filter: { kind: FULL }) { nodes {
      title paragraphs wordCount author { name } byline
      publishedDate { iso precision inferred text evidence start end }
      persons { totalCount edges { mentionCount firstMention node { name } } }
      events { totalCount nodes { date { iso } } } } } }`);
    const a = r.data.articles.nodes[0];
    expect(a.paragraphs).toHaveLength(19);
    expect(a.author).toEqual({ name: 'Kim Sung Chan' });
    expect(a.publishedDate).toMatchObject({ iso: '2022', precision: 'YEAR', inferred: true, start: '2022-01-01', end: '2022-12-31' });
    expect(a.publishedDate.evidence).toMatch(/57 years ago/);
    expect(a.persons.totalCount).toBe(6);
    expect(a.persons.edges[0]).toMatchObject({ mentionCount: 9, node: { name: 'Kim Il Sung' } });
    expect(a.persons.edges[0].firstMention).toMatch(/^The friendship between the DPRK and Laos began 57 years ago/);
    expect(a.events.nodes.map((e: { date: { iso: string } }) => e.date.iso)).toEqual(['1965-10-28', '1974-06-24', '1992-04', '2011-09']);
  });

  it('returns the events between 1960 and 2000 with their participants', async () => {
    const r = await api.gql(`{ events(filter: { from: "1960-01-01", to: "2000-12-31" }, orderBy: OLDEST_FIRST) {
      totalCount nodes { date { iso precision inferred } participants { name } articles { totalCount edges { evidence } } } } }`);
    const events = r.data.events.nodes;
    expect(events.map((e: { date: { iso: string } }) => e.date.iso)).toEqual(
      ['1945-08-15', '1946-03-05', '1965-10-28', '1974-06-24', '1992-04'].filter((d) => d >= '1960'),
    );
    expect(events[0].participants.map((p: { name: string }) => p.name).sort()).toEqual(['Kaysone Phomvihane', 'Kim Il Sung']);
    expect(events[1].date).toEqual({ iso: '1974-06-24', precision: 'DAY', inferred: true });
    expect(events[0].articles.edges[0].evidence).toMatch(/October 28 1965/);
  });

  it('filters articles and events by person and by source', async () => {
    const ids = await api.gql('{ person(name: "Kim Il Sung") { id } sources { nodes { id } } }');
    const personId = ids.data.person.id;
    const sourceId = ids.data.sources.nodes[0].id;
    const r = await api.gql(
      `query($p: ID!, $s: ID!) {
        byPerson: articles(filter: { personId: $p }) { totalCount nodes { kind } }
        bySource: articles(filter: { sourceId: $s, kind: FULL }) { totalCount }
        eventsByPerson: events(filter: { personId: $p }, orderBy: OLDEST_FIRST) { nodes { date { iso } } }
        eventsBySource: events(filter: { sourceId: $s }) { totalCount }
      }`,
      { p: personId, s: sourceId },
    );
    expect(r.data.byPerson.totalCount).toBe(2);
    expect(r.data.byPerson.nodes.map((n: { kind: string }) => n.kind).sort()).toEqual(['FULL', 'TEASER']);
    expect(r.data.bySource.totalCount).toBe(1);
    expect(r.data.eventsByPerson.nodes.map((n: { date: { iso: string } }) => n.date.iso)).toEqual(['1965-10-28', '1992-04']);
    expect(r.data.eventsBySource.totalCount).toBe(10);
  });

  it('counts events per period for a timeline', async () => {
    const years = await api.gql('{ timeline(granularity: YEAR) { period start count } }');
    const byPeriod = Object.fromEntries(years.data.timeline.map((b: { period: string; count: number }) => [b.period, b.count]));
    expect(byPeriod).toMatchObject({ '1945': 1, '1965': 1, '1992': 1, '2026': 3 });
    const months = await api.gql('{ timeline(granularity: MONTH, filter: { from: "1990-01-01", to: "2012-12-31" }) { period count } }');
    expect(months.data.timeline).toEqual([
      { period: '1992-04', count: 1 },
      { period: '2011-09', count: 1 },
    ]);
  });

  it('searches with ranking and highlights: the full article first for "diplomatic relations"', async () => {
    const r = await api.gql(
      '{ search(query: "diplomatic relations") { totalCount totalCountIsExact edges { rank highlight node { kind } } } }',
    );
    expect(r.data.search.totalCount).toBe(r.data.search.edges.length);
    expect(r.data.search.totalCountIsExact).toBe(true);
    const [first] = r.data.search.edges;
    expect(first.node.kind).toBe('FULL');
    expect(first.rank).toBeGreaterThan(0);
    expect(first.highlight).toMatch(/<mark>diplomatic<\/mark> <mark>relations<\/mark>/);
    const excluded = await api.gql('{ search(query: "medal -bronze") { edges { highlight } } }');
    expect(excluded.data.search.edges).toHaveLength(1);
    expect(excluded.data.search.edges[0].highlight).toMatch(/silver/);
    const phrase = await api.gql('{ search(query: "\\"Kim Il Sung Square\\"") { totalCount } }');
    expect(phrase.data.search.totalCount).toBe(1);
  });

  it('filters search results by kind, date and source', async () => {
    const q = (filter: string) =>
      api.gql(`{ search(query: "Kim Il Sung", first: 50${filter}) { totalCount nodes { kind publishedAt source { id } } } }`);
    const all = (await q('')).data.search;
    const full = (await q(', filter: { kind: FULL }')).data.search;
    const teasers = (await q(', filter: { kind: TEASER }')).data.search;
    expect(full.totalCount).toBeGreaterThan(0);
    expect(teasers.totalCount).toBeGreaterThan(0);
    expect(full.totalCount + teasers.totalCount).toBe(all.totalCount);
    expect(full.nodes.every((n: { kind: string }) => n.kind === 'FULL')).toBe(true);
    const recent = (await q(', filter: { publishedAfter: "2026-01-01" }')).data.search;
    expect(recent.totalCount).toBe(
      all.nodes.filter((n: { publishedAt: string | null }) => n.publishedAt && n.publishedAt >= '2026-01-01').length,
    );
    const old = (await q(', filter: { publishedBefore: "2025-12-31" }')).data.search;
    expect(old.totalCount).toBeGreaterThan(0);
    expect(old.totalCount + recent.totalCount).toBeLessThanOrEqual(all.totalCount);
    const ofSource = (await q(`, filter: { sourceId: "${all.nodes[0].source.id}" }`)).data.search;
    expect(ofSource.totalCount).toBe(all.nodes.filter((n: { source: { id: string } }) => n.source.id === all.nodes[0].source.id).length);
  });

  it('pages with cursors and reports pageInfo', async () => {
    const one = await api.gql('{ articles(first: 8) { pageInfo { hasNextPage endCursor } nodes { id } } }');
    const two = await api.gql('query($after: String) { articles(first: 8, after: $after) { nodes { id } } }', {
      after: one.data.articles.pageInfo.endCursor,
    });
    expect(one.data.articles.pageInfo.hasNextPage).toBe(true);
    const ids = [...one.data.articles.nodes, ...two.data.articles.nodes].map((n: { id: string }) => n.id);
    expect(new Set(ids).size).toBe(16);
    const searchPage = await api.gql('{ search(query: "DPRK", first: 2) { pageInfo { endCursor hasNextPage } } }');
    const next = await api.gql('query($a: String) { search(query: "DPRK", first: 2, after: $a) { edges { node { id } } } }', {
      a: searchPage.data.search.pageInfo.endCursor,
    });
    expect(next.data.search.edges.length).toBeGreaterThan(0);
  });

  it('refetches any node by its global id', async () => {
    const r = await api.gql('{ events(first: 1) { nodes { id } } persons(first: 1) { nodes { id } } }');
    const ids = [r.data.events.nodes[0].id, r.data.persons.nodes[0].id];
    const nodes = await api.gql('query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids });
    expect(nodes.data.nodes.map((n: { __typename: string }) => n.__typename)).toEqual(['Event', 'Person']);
    const one = await api.gql('query($id: ID!) { node(id: $id) { ... on Person { name } } }', { id: ids[1] });
    expect(one.data.node.name).toBe('Choummaly Saygnasone');
  });

  it('refuses pages over 100 with BAD_USER_INPUT instead of clamping', async () => {
    for (const q of [
      '{ articles(first: 101) { totalCount } }',
      '{ persons(last: 500) { totalCount } }',
      '{ search(query: "DPRK", first: 1000) { totalCount } }',
      '{ articles(first: 1) { nodes { persons(first: 101) { totalCount } } } }',
    ]) {
      const r = await api.gql(q);
      expect(codes(r), q).toContain('BAD_USER_INPUT');
      expect(r.errors![0]!.message).toMatch(/at most 100/);
    }
  });

  it('answers bad arguments with BAD_USER_INPUT, never a 500', async () => {
    const bad = [
      '{ articles(after: "not-a-cursor") { totalCount } }',
      '{ articles(filter: { sourceId: "garbage" }) { totalCount } }',
      '{ articles(filter: { personId: "U291cmNlOjE=" }) { totalCount } }', // a Source id where a Person id belongs
      '{ events(filter: { from: "2000-01-01", to: "1990-01-01" }) { totalCount } }',
      '{ search(query: "   ") { totalCount } }',
      '{ articles(first: -1) { totalCount } }',
    ];
    for (const q of bad) {
      const r = await api.gql(q);
      expect(r.status, q).toBeLessThan(500);
      expect(codes(r), q).toEqual(['BAD_USER_INPUT']);
    }
    // Invalid enum values and dates fail validation: 400 under the GraphQL-over-HTTP media type.
    const accept = { accept: 'application/graphql-response+json' };
    const enumError = await api.gql('{ articles(orderBy: SIDEWAYS) { totalCount } }', {}, accept);
    expect(enumError.status).toBe(400);
    expect(enumError.errors![0]!.message).toMatch(/SIDEWAYS/);
    const dateError = await api.gql('query($d: Date) { events(filter: { from: $d }) { totalCount } }', { d: '2020-13-45' }, accept);
    expect(dateError.status).toBe(400);
    expect(dateError.errors![0]!.message).toMatch(/Date/);
  });

  it('requires a valid bearer token to ingest, and names no token in the error', async () => {
    const mutation =
      'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { status warnings articles { title kind persons { nodes { name } } } } }';
    const input = { text: 'Farm Visit\nRi Chol Ho visited a farm in Sariwon on May 3, 2024.', url: 'https://example.org/farm' };
    const anonymous = await api.gql(mutation, { input });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const wrong = await api.gql(mutation, { input }, { authorization: 'Bearer wrong-token' });
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(JSON.stringify(wrong)).not.toContain('wrong-token');
    const ok = await api.gql(mutation, { input }, { authorization: `Bearer ${TEST_TOKEN}` });
    expect(ok.data.ingestDocument).toMatchObject({
      status: 'CREATED',
      articles: [{ title: 'Farm Visit', kind: 'FULL', persons: { nodes: [{ name: 'Ri Chol Ho' }] } }],
    });
    const again = await api.gql(mutation, { input }, { authorization: 'Bearer second-token' });
    expect(again.data.ingestDocument.status).toBe('UNCHANGED');
    const empty = await api.gql(mutation, { input: { text: '  ' } }, { authorization: `Bearer ${TEST_TOKEN}` });
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
    expect(empty.errors![0]!.extensions!.reason).toBe('EMPTY');
  });

  it('answers /livez (alive), /healthz and /readyz (database answering, migrations applied) with 200', async () => {
    expect((await api.fetch('/livez')).status).toBe(200);
    expect((await api.fetch('/healthz')).status).toBe(200);
    expect((await api.fetch('/readyz')).status).toBe(200);
  });

  it('serves GraphiQL from its own assets', async () => {
    const page = await (await api.fetch('/graphql', { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('/graphiql-assets/yoga-graphiql.umd.js');
    expect(page).not.toContain('unpkg.com');
    const asset = await api.fetch('/graphiql-assets/yoga-graphiql.umd.js');
    expect(asset.status).toBe(200);
    expect((await api.fetch('/graphiql-assets/../../package.json')).status).toBe(404);
  });
});
