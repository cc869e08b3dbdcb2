// Nested lists are planned into the parent's query: the number of SQL statements a request runs
// must not grow with the page size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDocument } from '../src/ingest/ingest.js';
import { backends, dropScratchDatabases } from './helpers/db.js';
import { openApi, type Api } from './helpers/api.js';

afterAll(dropScratchDatabases);

const NAMES = ['Ri Yong Ho', 'Pak Pong Ju', 'Choe Ryong Hae', 'Kim Yong Nam', 'Jo Yong Won'];

/** A listing page of 20 teasers, each naming two people and a dated meeting. */
function listingPage(page: number): string {
  const lines = ['More From Planning Wire'];
  for (let i = 0; i < 20; i += 1) {
    const day = (i % 27) + 1;
    const a = NAMES[(i + page) % NAMES.length];
    const b = NAMES[(i + page + 1) % NAMES.length];
    lines.push(`${a} met ${b} in Pyongyang on May ${day}, 2024 to discuss item ${page}-${i} of the plan`, `June ${day}, 2024`);
  }
  return lines.join('\n');
}

const QUERY = `query($first: Int) { articles(first: $first) { totalCount edges { node {
  id title publishedAt source { name }
  persons(first: 5) { edges { mentionCount node { name } } }
  events(first: 3) { nodes { date { iso } summary participants { name } } } } } } }`;

describe.each(backends)('query planning on $name', (backend) => {
  let api: Api;
  beforeAll(async () => {
    // The resolvers' own planning; compiled reads are tested in tests/compiled.test.ts.
    api = await openApi(backend, { compiledReads: false });
    for (let page = 0; page < 3; page += 1) await ingestDocument(api.db.prisma, { text: listingPage(page), key: `planning:${page}` });
  });
  afterAll(() => api.db.close());

  async function statementsFor(first: number) {
    api.statements.length = 0;
    const r = await api.gql(QUERY, { first });
    expect(r.errors).toBeUndefined();
    expect(r.data.articles.edges).toHaveLength(first);
    return { count: api.statements.length, data: r.data };
  }

  it('runs as many statements for 50 articles as for 5', async () => {
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(fifty.count).toBe(five.count);
    expect(five.count).toBeLessThanOrEqual(3); // the page and its total count
    const withPeople = fifty.data.articles.edges.filter(
      (e: { node: { persons: { edges: unknown[] } } }) => e.node.persons.edges.length > 0,
    );
    expect(withPeople.length).toBeGreaterThanOrEqual(30); // the 20 seed teasers, newer, name few people
  });

  it('plans nested lists asked for through the `nodes` shortcut into the same single query', async () => {
    api.statements.length = 0;
    const r = await api.gql(
      `{ articles(first: 50) { nodes { title persons(first: 5) { nodes { name } } events(first: 3) { nodes { summary participants { name } } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(
      r.data.articles.nodes.filter((a: { persons: { nodes: { name: string }[] } }) => a.persons.nodes.some((p) => NAMES.includes(p.name)))
        .length,
    ).toBeGreaterThanOrEqual(30);
    // The page, and nothing per person or event: names come with the articles.
    expect(api.statements).toHaveLength(1);
    for (const sql of [api.statements.join('\n')]) expect(sql).not.toMatch(/FROM "public"."Person" AS "t0" WHERE "t0"."id" IN/);
  });

  it('selects only the columns asked for: no article body when only titles are wanted', async () => {
    api.statements.length = 0;
    await api.gql('{ articles(first: 10) { nodes { title } } }');
    const sql = api.statements.join('\n');
    expect(sql).toMatch(/"title"/);
    expect(sql).not.toMatch(/"body"/);
  });
});
