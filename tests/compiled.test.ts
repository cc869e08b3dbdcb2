// Compiled reads (src/compiled) must answer exactly what the resolvers answer, for every shape
// they claim, and hand everything else to the resolvers. Each query runs through both servers
// over the same archive (the seed page and 40 generated pages) and the answers are compared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'graphql';
import { compileRead } from '../src/compiled/compile.js';
import { DEFAULT_SEARCH } from '../src/config.js';
import { PLANNED_PER_VALUE, plannedOnce, statementNamer } from '../src/db/statements.js';
import { Prisma } from '../src/generated/prisma/client.js';
import { articleCondition } from '../src/read/article.js';
import { searchCandidatesSql } from '../src/read/search.js';
import { schema } from '../src/schema/index.js';
import { createNewsgraphYoga } from '../src/yoga.js';
import { backends, dropScratchDatabases } from './helpers/db.js';
import { loadCorpus, openApi, type Api } from './helpers/api.js';
import { ingestDocument } from '../src/ingest/ingest.js';

afterAll(dropScratchDatabases);

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');

describe.each(backends)('compiled reads on $name', (backend) => {
  let api: Api;
  let resolvers: ReturnType<typeof createNewsgraphYoga>;
  let reads = 0;
  let sample: {
    article: number;
    eventArticle: number;
    person: number;
    personName: string;
    alias: string;
    event: number;
    source: number;
    url: string;
  };

  beforeAll(async () => {
    api = await openApi(backend);
    expect((await loadCorpus(api, { docs: 40, seed: 7, people: 60 })).failures).toEqual([]);
    // A page with an address, for article(url).
    await ingestDocument(api.db.prisma, {
      key: 'compiled:url',
      url: 'http://www.kcna.kp/en/article/q/2026-05-25-compiled.kcmsf',
      text: 'Pyongyang, May 25 (KCNA) -- Premier Pak Pong Ju visited the Kangson Complex on May 24, 2026.\n',
    });
    resolvers = createNewsgraphYoga({ prisma: api.db.prisma, readValue: api.db.readValue, tokens: [], compiledReads: false });
    const { prisma } = api.db;
    const report = await prisma.eventReport.findFirstOrThrow({
      where: { event: { participants: { some: {} } } },
      select: { articleId: true, eventId: true },
    });
    const person = await prisma.person.findFirstOrThrow({
      orderBy: { mentionCount: 'desc' },
      select: { id: true, name: true, aliases: { select: { alias: true } } },
    });
    const article = await prisma.article.findFirstOrThrow({ where: { authorId: { not: null } }, select: { id: true, sourceId: true } });
    sample = {
      article: article.id,
      eventArticle: report.articleId,
      event: report.eventId,
      person: person.id,
      personName: person.name,
      alias: person.aliases.find((a) => a.alias !== person.name)?.alias.toUpperCase() ?? person.name.toLowerCase(),
      source: article.sourceId,
      url: 'http://www.kcna.kp/en/article/q/2026-05-25-compiled.kcmsf',
    };
  });
  afterAll(() => api.db.close());

  /** Both answers, and whether the compiled one came from one statement of its own. */
  async function both(query: string, variables: Record<string, unknown> = {}) {
    const original = api.db.readValue;
    reads = 0;
    api.db.readValue = (sql, params) => {
      reads += 1;
      return original(sql, params);
    };
    api.statements.length = 0;
    try {
      const compiled = await api.gql(query, variables);
      const usedCompiled = reads === 1 && api.statements.length === 0;
      const viaResolvers = (await (
        await resolvers.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as object;
      return {
        compiled: { data: compiled.data, errors: compiled.errors },
        resolvers: { data: undefined, errors: undefined, ...viaResolvers },
        usedCompiled,
      };
    } finally {
      api.db.readValue = original;
    }
  }

  const HOT: [string, () => string, (() => Record<string, unknown>)?][] = [
    [
      'the reference query Q',
      () =>
        `{ articles(first: 20, orderBy: NEWEST_FIRST) { nodes { id title publishedAt source { name } persons(first: 5) { nodes { name } } events(first: 3) { nodes { date { iso } summary participants { name } } } } } }`,
    ],
    [
      'every Article field, edges with their own fields, totals',
      () => `{ articles(first: 50) { totalCount edges { __typename node { __typename id kind title lead body paragraphs truncated url byline dateline wordCount publishedAt
        versions(first: 2) { __typename kind title body paragraphs truncated dateline fingerprint firstSeenAt }
        publishedDate { iso year month day precision inferred text evidence start end } author { id name } source { id name slug language articleCount }
        persons(first: 3) { __typename totalCount edges { mentionCount firstMention node { id name mentionCount aliases } } }
        events { totalCount edges { evidence node { id kind summary evidence location confidence date { iso year month day precision inferred text evidence start end } participants(first: 3) { id name } } } } } } } }`,
    ],
    [
      'oldest first, with variables, aliases and fragments',
      () => `query($n: Int, $kind: ArticleKind) { older: articles(first: $n, orderBy: OLDEST_FIRST, filter: { kind: $kind }) { list: nodes { ...A ... on Article { headline: title } } } }
        fragment A on Article { id publishedDate { iso } }`,
      () => ({ n: 7, kind: 'TEASER' }),
    ],
    [
      'filters by source, person and dates',
      () =>
        `{ articles(first: 10, filter: { sourceId: "${gid('Source', sample.source)}", personId: "${gid('Person', sample.person)}", publishedAfter: "1990-01-01", publishedBefore: "2030-12-31" }) { totalCount nodes { title } } }`,
    ],
    [
      'the root __typename, as the response cache asks',
      () => `{ __typename kind: __typename articles(first: 1) { __typename nodes { id } } }`,
    ],
    ['an empty page', () => `{ articles(first: 0) { totalCount nodes { id } edges { node { id } } } }`],
    [
      'node(id) for each type',
      () => `{ a: node(id: "${gid('Article', sample.eventArticle)}") { id ... on Article { title events { nodes { summary } } } }
        p: node(id: "${gid('Person', sample.person)}") { __typename ... on Person { name spellings(first: 3) { __typename text via } sameAs { __typename confidence via person { id name } } } } e: node(id: "${gid('Event', sample.event)}") { ... on Event { date { iso } participants { name } } }
        s: node(id: "${gid('Source', sample.source)}") { ... on Source { name articleCount } } missing: node(id: "${gid('Article', 99999999)}") { id } }`,
    ],
    [
      'a search with every edge field, counts and a filter',
      () => `{ search(query: "${sample.personName}", first: 10, filter: { kind: FULL }) { __typename totalCount totalCountIsExact
        edges { __typename rank highlight node { id title publishedAt source { name } } } nodes { id } } }`,
    ],
    [
      'a phrase search with variables, nodes only',
      () => `query($q: String!) { search(query: $q, first: 5) { nodes { title } } }`,
      () => ({ q: `"${sample.personName.split(' ').slice(0, 2).join(' ')}"` }),
    ],
    ['a search that finds nothing', () => `{ search(query: "zzzqqqxx") { totalCount totalCountIsExact edges { rank node { id } } } }`],
    [
      "a person's page, by alias",
      () => `{ person(name: "${sample.alias}") { name aliases mentionCount articles(first: 10) { totalCount nodes { title publishedAt } edges { mentionCount firstMention } }
        coMentions(first: 5) { count person { name } } } }`,
    ],
    ['a person nobody is named: a bare null', () => `{ person(name: "Nobody Atall") { name } }`],
    [
      'timelines, from stored counts and live',
      () => `{ y: timeline { period start count } m: timeline(granularity: MONTH, filter: { from: "2001-03-15", to: "2020-06-30" }) { period count }
        p: timeline(granularity: DAY, filter: { personId: "${gid('Person', sample.person)}" }) { __typename period count } }`,
    ],
    [
      'the other lists and lookups: people, events, sources, by slug and by address, with their filters and orders',
      () => `{ persons(first: 7, orderBy: MENTIONS, filter: { nameContains: "${sample.personName.slice(0, 3).toLowerCase()}" }) { totalCount nodes { name createdAt updatedAt } }
        events(first: 5, orderBy: OLDEST_FIRST, filter: { personId: "${gid('Person', sample.person)}", sourceId: "${gid('Source', sample.source)}", from: "1900-01-01" }) { totalCount edges { node { kind date { iso } updatedAt } } }
        sources { totalCount nodes { slug articleCount } } source(slug: "kcna") { name } nosource: source(slug: "nosuchsource") { name }
        article(url: "${sample.url}") { title url } }`,
    ],
    [
      "a person's articles and events, filtered and ordered",
      () => `{ person(name: "${sample.personName}") { articles(first: 5, orderBy: OLDEST_FIRST, filter: { kind: FULL }) { totalCount edges { mentionCount node { title publishedAt } } }
        all: articles(first: 3) { totalCount } events(first: 4, orderBy: OLDEST_FIRST, filter: { from: "1950-01-01" }) { totalCount nodes { summary kind } } } }`,
    ],
  ];

  it.each(HOT)('answers %s from one statement, as the resolvers do', async (_name, query, variables) => {
    const r = await both(query(), variables?.());
    expect(r.compiled.errors).toBeUndefined();
    expect(r.compiled).toEqual(r.resolvers);
    expect(r.usedCompiled).toBe(true);
  });

  it('compares answers that hold data, not two empty lists', async () => {
    const found = await both(HOT.find(([name]) => name.startsWith('a search with'))![1]());
    const search = (found.compiled.data as { search: { totalCount: number; edges: { highlight: string; rank: number }[] } }).search;
    expect(search.totalCount).toBeGreaterThan(10);
    expect(search.edges[0]!.highlight).toContain('<mark>');
    expect(search.edges[0]!.rank).toBeGreaterThan(0);
    const r = await both(HOT[1]![1]());
    const articles = (
      r.compiled.data as {
        articles: { edges: { node: { persons: { totalCount: number }; events: { totalCount: number }; author: unknown } }[] };
      }
    ).articles.edges;
    expect(articles).toHaveLength(50);
    expect(articles.filter((e) => e.node.persons.totalCount > 0).length).toBeGreaterThan(10);
    const withEvents = await both(
      `{ node(id: "${gid('Article', sample.eventArticle)}") { ... on Article { events { nodes { participants { name } } } } } }`,
    );
    expect(JSON.stringify(withEvents.compiled.data)).toMatch(/"participants":\[\{"name":/);
  });

  const LEFT: [string, () => string][] = [
    ['cursor paging', () => `{ articles(first: 2) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`],
    ['a directive', () => `query($t: Boolean = true) { articles(first: 2) { nodes { id title @include(if: $t) } } }`],
    ['a page over the limit', () => `{ articles(first: 101) { nodes { id } } }`],
    [
      'a field the compiler does not cover',
      () => `{ articles(first: 2) { nodes { id } } persons(first: 2) { nodes { titles { text } } } }`,
    ],
    ['a malformed id', () => `{ node(id: "not-an-id") { id } }`],
    [
      'a search page after a cursor',
      () => `{ search(query: "${sample.personName}", first: 2, after: "T2Zmc2V0Q29ubmVjdGlvbjox") { edges { cursor node { id } } } }`,
    ],
    ['an empty search', () => `{ search(query: "  ") { totalCount } }`],
  ];

  it.each(LEFT)('leaves %s to the resolvers, with the same answer', async (_name, query) => {
    const r = await both(query());
    expect(r.usedCompiled).toBe(false);
    expect(r.compiled).toEqual(r.resolvers);
    expect(isDeepStrictEqual(r.compiled, { data: undefined, errors: undefined })).toBe(false);
  });

  it("marks the snippets of a page the resolvers serve (pageInfo, a fragment) as the compiled page does, on every page's hits", async () => {
    // The resolvers mark snippets only for the hits they return and only when edges select highlight.
    const compiled = await both(`{ search(query: "${sample.personName}", first: 4) { edges { rank highlight node { id } } } }`);
    expect(compiled.usedCompiled).toBe(true);
    const paged = (after: string) => `{ search(query: "${sample.personName}", first: 2${after}) {
        pageInfo { hasNextPage endCursor } edges { ...hit } } } fragment hit on SearchEdge { rank ... on SearchEdge { highlight } node { id } }`;
    const first = await both(paged(''));
    expect(first.usedCompiled).toBe(false);
    const page1 = (
      first.resolvers.data as unknown as { search: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: unknown[] } }
    ).search;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (
      (await api.gql(paged(`, after: "${page1.pageInfo.endCursor}"`))).data as {
        search: { edges: unknown[] };
      }
    ).search;
    const edges = (compiled.compiled.data as { search: { edges: { highlight: string }[] } }).search.edges;
    expect(edges.every((e) => e.highlight.includes('<mark>'))).toBe(true);
    expect([...page1.edges, ...page2.edges]).toEqual(edges);
  });
});

describe('compiled statements and their plans', () => {
  it('writes page sizes into the statement, so a prepared Q binds nothing and keeps one plan', () => {
    const q = (first: number) =>
      compileRead(
        schema,
        parse(`{ articles(first: ${first}) { nodes { id persons(first: 3) { nodes { name } } } } }`),
        undefined,
        {},
        DEFAULT_SEARCH,
      )!;
    // A bound LIMIT left PostgreSQL's generic plan guessing at the page size, so it planned Q afresh each time.
    expect(q(20).params).toEqual([]);
    expect(q(20).sql).toMatch(/LIMIT 20\b/);
    expect(q(5).sql).not.toBe(q(20).sql);
    // Values the user chooses stay bound.
    expect(compileRead(schema, parse('{ person(name: "Kim Il Sung") { name } }'), undefined, {}, DEFAULT_SEARCH)!.params).toEqual([
      'kimilsung',
    ]);
  });
});

describe('prepared statement names', () => {
  it('names reads, never writes, and stops naming new statements past its bound', () => {
    const name = statementNamer(2);
    expect(name({ sql: 'SELECT 1' })).toMatch(/^ng_[0-9a-f]{24}$/);
    expect(name({ sql: 'SELECT 1' })).toBe(name({ sql: 'SELECT 1' }));
    expect(name({ sql: 'SELECT 2' })).not.toBe(name({ sql: 'SELECT 1' }));
    expect(name({ sql: 'INSERT INTO "Person" (name) VALUES ($1)' })).toBeUndefined();
    expect(name({ sql: 'VACUUM (ANALYZE) "Person"' })).toBeUndefined();
    expect(name({ sql: 'SELECT 3' })).toBeUndefined();
    expect(name({ sql: 'SELECT 2' })).toMatch(/^ng_/);
  });

  it("sends a search's steps to the connections that keep one generic plan, and a search the planner finds elsewhere", () => {
    const sql = (filter: Parameters<typeof articleCondition>[0]) =>
      Prisma.sql`WITH ${searchCandidatesSql('kim jong', articleCondition(filter), 10)} SELECT id FROM candidates`.text;
    expect(plannedOnce(sql({}))).toBe(true);
    expect(plannedOnce(sql({ kind: 'FULL', publishedAfter: new Date('2020-01-01') }))).toBe(true);
    expect(plannedOnce(sql({ personId: 3 }))).toBe(false);
    expect(plannedOnce(sql({ updatedSince: new Date('2026-01-01') }))).toBe(false);
    expect(plannedOnce('SELECT 1')).toBe(false);
  });

  it('never names a statement planned per value, so PostgreSQL plans it for the words searched', () => {
    const name = statementNamer();
    expect(name({ sql: `WITH ${PLANNED_PER_VALUE} recent AS (SELECT 1) SELECT * FROM recent` })).toBeUndefined();
    expect(name({ sql: `SELECT json_build_object('search', (WITH ${PLANNED_PER_VALUE} c AS (SELECT 1) SELECT 1))` })).toBeUndefined();
  });
});
