// The fields clients asked for: sync by updatedAt, lookups by slug and by address, filters and
// orders on a person's articles and events, event kinds as an enum, one connection type per node.
// Each answer is checked against the rows, and each runs on both read paths (the compiled reads
// serve these shapes; tests/differential.test.ts compares the two on random queries).
import { getNamedType, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_KINDS } from '../src/extract/events.js';
import { EventKind } from '../src/generated/prisma/enums.js';
import { ingestDocument } from '../src/ingest/ingest.js';
import { schema } from '../src/schema/index.js';
import { type Api, loadCorpus, openApi } from './helpers/api.js';
import { backends, dropScratchDatabases } from './helpers/db.js';

afterAll(dropScratchDatabases);

const page = (day: number, who: string, extra = '') =>
  `Pyongyang, May ${day} (KCNA) -- Premier ${who} visited the Kangson Complex on May ${day - 1}, 2026.${extra}\n`;

describe('the schema', () => {
  it('has one connection type per node type where edges carry nothing of their own', () => {
    const query = schema.getQueryType()!.getFields();
    const typeOf = (parent: string, field: string) =>
      getNamedType((schema.getType(parent) as GraphQLObjectType).getFields()[field]!.type).name;
    expect(getNamedType(query.articles!.type).name).toBe('ArticleConnection');
    expect(typeOf('Source', 'articles')).toBe('ArticleConnection');
    expect(typeOf('PersonTitle', 'articles')).toBe('ArticleConnection');
    expect(getNamedType(query.events!.type).name).toBe('EventConnection');
    expect(typeOf('Person', 'events')).toBe('EventConnection');
    expect(getNamedType(query.persons!.type).name).toBe('PersonConnection');
    // Edges with fields of their own keep their types.
    expect(typeOf('Article', 'persons')).toBe('ArticlePersonConnection');
  });

  it('knows every event kind the extractor gives, and the database stores the same', () => {
    expect(Object.values(EventKind).sort()).toEqual([...EVENT_KINDS].sort());
    const enumValues = (schema.getType('EventKind') as unknown as { getValues(): { name: string }[] }).getValues().map((v) => v.name);
    expect(enumValues.sort()).toEqual([...EVENT_KINDS].sort());
  });
});

describe.each(backends)('the new fields on $name', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await openApi(backend);
    expect((await loadCorpus(api, { docs: 20, seed: 5, people: 30 })).failures).toEqual([]);
  });
  afterAll(() => api.db.close());

  /** Waits until the database's clock has passed `instant`, so the next write is stamped later. */
  async function after(instant: string) {
    for (;;) {
      const [row] = await api.db.prisma.$queryRawUnsafe<{ later: boolean }[]>(
        `SELECT clock_timestamp() > $1::timestamptz AS later`,
        instant,
      );
      if (row!.later) return;
      await new Promise((next) => setTimeout(next, 1));
    }
  }

  it('lets a client sync: updatedSince returns what a write stored or changed since, on each type', async () => {
    await ingestDocument(api.db.prisma, { key: 'sync:a', text: page(25, 'Pak Pong Ju') });
    const latest = async (list: string) => {
      const r = await api.gql(`{ ${list}(first: 100) { nodes { updatedAt createdAt } } }`);
      expect(r.errors).toBeUndefined();
      return r.data[list].nodes
        .map((n: { updatedAt: string }) => n.updatedAt)
        .sort()
        .at(-1) as string;
    };
    const mark = [await latest('articles'), await latest('persons'), await latest('events')].sort().at(-1)!;
    await after(mark);
    const since = new Date(Date.parse(mark) + 1).toISOString();
    // Nothing has changed since the mark.
    const none = await api.gql(
      `query($t: DateTime!) { articles(filter: { updatedSince: $t }) { totalCount }
      persons(filter: { updatedSince: $t }) { totalCount } events(filter: { updatedSince: $t }) { totalCount } }`,
      { t: since },
    );
    expect(none.data).toEqual({ articles: { totalCount: 0 }, persons: { totalCount: 0 }, events: { totalCount: 0 } });
    // Another report of the same visit, naming Pak Pong Ju again and a second person.
    await ingestDocument(api.db.prisma, { key: 'sync:b', text: page(25, 'Pak Pong Ju', ' Premier Kim Tok Hun accompanied him.') });
    const changed = await api.gql(
      `query($t: DateTime!) { articles(filter: { updatedSince: $t }) { nodes { title updatedAt } }
        persons(filter: { updatedSince: $t }) { nodes { name } } events(filter: { updatedSince: $t }) { nodes { summary createdAt updatedAt } } }`,
      { t: since },
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data.articles.nodes).toHaveLength(1);
    expect(changed.data.persons.nodes.map((p: { name: string }) => p.name).sort()).toEqual(['Kim Tok Hun', 'Pak Pong Ju']);
    // The visit was stored before the mark and changed after it: one event, created before, updated since.
    const [event] = changed.data.events.nodes;
    expect(changed.data.events.nodes).toHaveLength(1);
    expect(event.createdAt < since).toBe(true);
    expect(event.updatedAt >= since).toBe(true);
  });

  it('finds a source by slug and an article by address; a miss is null, a malformed one an error', async () => {
    const url = 'http://www.kcna.kp/en/article/q/fields-1.kcmsf';
    await ingestDocument(api.db.prisma, { key: url, url, text: page(27, 'Kim Tok Hun') });
    const r = await api.gql(`{ source(slug: "kcna") { name slug } nosource: source(slug: "nosuchoutlet") { name }
      article(url: "${url}") { url source { slug } } noarticle: article(url: "http://nowhere.example/x") { title } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      source: { name: 'KCNA', slug: 'kcna' },
      nosource: null,
      article: { url, source: { slug: 'kcna' } },
      noarticle: null,
    });
    const bad = await api.gql('{ source(slug: "KC NA") { name } article(url: "ftp://x") { title } }');
    expect(bad.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([
      ['source', 'BAD_USER_INPUT'],
      ['article', 'BAD_USER_INPUT'],
    ]);
  });

  it("filters and orders a person's articles and events, and counts what the filter keeps", async () => {
    const [top] = await api.db.prisma.person.findMany({ orderBy: { articleCount: 'desc' }, take: 1 });
    const r = await api.gql(
      `query($name: String!) { person(name: $name) { all: articles(first: 100) { totalCount }
        full: articles(first: 100, orderBy: OLDEST_FIRST, filter: { kind: FULL }) { totalCount nodes { kind publishedAt } }
        newest: articles(first: 100) { nodes { publishedAt } }
        events(first: 100, orderBy: OLDEST_FIRST, filter: { from: "1950-01-01", kind: VISIT }) { totalCount nodes { kind date { start } } } } }`,
      { name: top!.name },
    );
    expect(r.errors).toBeUndefined();
    const p = r.data.person;
    const fullRows = await api.db.prisma.mention.count({ where: { personId: top!.id, article: { kind: 'FULL' } } });
    expect(p.all.totalCount).toBe(top!.articleCount);
    expect(p.full.totalCount).toBe(fullRows);
    expect(p.full.nodes.every((a: { kind: string }) => a.kind === 'FULL')).toBe(true);
    const days = (nodes: { publishedAt: string | null }[]) => nodes.map((a) => a.publishedAt).filter((d) => d !== null);
    expect(days(p.full.nodes)).toEqual([...days(p.full.nodes)].sort());
    expect(days(p.newest.nodes)).toEqual([...days(p.newest.nodes)].sort().reverse());
    const visits = await api.db.prisma.eventParticipant.count({
      where: { personId: top!.id, event: { kind: 'VISIT', dateEnd: { gte: new Date('1950-01-01') } } },
    });
    expect(p.events.totalCount).toBe(visits);
    expect(p.events.nodes.every((e: { kind: string }) => e.kind === 'VISIT')).toBe(true);
    const starts = p.events.nodes.map((e: { date: { start: string } }) => e.date.start);
    expect(starts).toEqual([...starts].sort());
  });

  it('counts the articles that report each event (Event.reportCount: one spec entry and one Pothos line)', async () => {
    const r = await api.gql('{ events(first: 50) { nodes { id reportCount } } }');
    expect(r.errors).toBeUndefined();
    const counts = await api.db.prisma.eventReport.groupBy({ by: ['eventId'], _count: true });
    const byId = new Map(counts.map((c) => [Buffer.from(`Event:${c.eventId}`).toString('base64'), c._count]));
    const nodes = r.data.events.nodes as { id: string; reportCount: number }[];
    expect(nodes.length).toBeGreaterThan(10);
    for (const n of nodes) expect(n.reportCount).toBe(byId.get(n.id));
  });

  it('filters events by kind', async () => {
    const counts = await api.db.prisma.event.groupBy({ by: ['kind'], _count: true });
    expect(counts.length).toBeGreaterThan(1);
    for (const { kind, _count } of counts) {
      const r = await api.gql(`{ events(filter: { kind: ${kind} }, first: 100) { totalCount nodes { kind } } }`);
      expect(r.data.events.totalCount).toBe(_count);
      expect(new Set(r.data.events.nodes.map((e: { kind: string }) => e.kind))).toEqual(new Set([kind]));
    }
  });
});
