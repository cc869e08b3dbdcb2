// The two read paths must give one answer. Random valid queries, generated from the schema
// (tests/helpers/query-gen.ts) with real ids, names, slugs and words, run through the server
// (compiled reads on) and through the resolvers alone, on each database; every answer, data and
// errors, must be the same. NEWSGRAPH_FUZZ_COUNT sets how many per database (`npm run fuzz --
// --count N` runs more), NEWSGRAPH_FUZZ_SEED which ones: a failure prints its seed and query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../src/global-id.js';
import { ingestDocument } from '../src/ingest/ingest.js';
import { schema } from '../src/schema/index.js';
import { createNewsgraphYoga } from '../src/yoga.js';
import { type Api, loadCorpus, openApi } from './helpers/api.js';
import { backends, dropScratchDatabases } from './helpers/db.js';
import { generateQuery, rng, type Samples } from './helpers/query-gen.js';

afterAll(dropScratchDatabases);

const COUNT = Number(process.env.NEWSGRAPH_FUZZ_COUNT ?? 1500);
const SEED = Number(process.env.NEWSGRAPH_FUZZ_SEED ?? 20261202);

describe.each(backends)('compiled reads and resolvers on $name', (backend) => {
  let api: Api;
  let resolvers: ReturnType<typeof createNewsgraphYoga>;
  let samples: Samples;
  let compiledReads = 0;

  beforeAll(async () => {
    api = await openApi(backend);
    expect((await loadCorpus(api, { docs: 40, seed: 17, people: 60 })).failures).toEqual([]);
    const { prisma } = api.db;
    // Pages with addresses, for article(url): one of its own, one of a listing.
    for (const [i, url] of ['http://www.kcna.kp/en/article/q/fuzz-1.kcmsf', 'http://naenara.com.kp/en/news/fuzz-2'].entries())
      await ingestDocument(prisma, {
        key: `fuzz:${i}`,
        url,
        text: `Pyongyang, May ${20 + i} (KCNA) -- Premier Pak Pong Ju visited the Kangson Complex on May ${19 + i}, 2026.\n`,
      });
    resolvers = createNewsgraphYoga({ prisma, readValue: api.db.readValue, tokens: [], compiledReads: false });
    const ids = async (rows: Promise<{ id: number }[]>, type: 'Article' | 'Person' | 'Event' | 'Source') =>
      (await rows).map((r) => encodeGlobalId(type, r.id));
    const people = await prisma.person.findMany({ select: { name: true, aliases: { select: { alias: true } } }, take: 40 });
    const words = await prisma.$queryRawUnsafe<{ word: string }[]>(
      `SELECT word FROM ts_stat('SELECT search FROM "Article"') WHERE length(word) > 3 ORDER BY ndoc DESC, word LIMIT 30`,
    );
    samples = {
      ids: {
        Article: await ids(prisma.article.findMany({ select: { id: true }, take: 30 }), 'Article'),
        Person: await ids(prisma.person.findMany({ select: { id: true }, orderBy: { mentionCount: 'desc' }, take: 30 }), 'Person'),
        Event: await ids(prisma.event.findMany({ select: { id: true }, take: 30 }), 'Event'),
        Source: await ids(prisma.source.findMany({ select: { id: true } }), 'Source'),
      },
      names: people.flatMap((p) => [p.name, ...p.aliases.map((a) => a.alias)]),
      slugs: (await prisma.source.findMany({ select: { slug: true } })).map((s) => s.slug),
      urls: (await prisma.document.findMany({ where: { url: { not: null } }, select: { url: true } })).map((d) => d.url!),
      words: words.map((w) => w.word),
    };
    // Counts the requests the compiled path answered from its own single statement.
    const readValue = api.db.readValue;
    api.db.readValue = (sql, params) => {
      compiledReads += 1;
      return readValue(sql, params);
    };
  });
  afterAll(() => api.db.close());

  const viaResolvers = async (query: string) =>
    (await (
      await resolvers.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      })
    ).json()) as { data?: unknown; errors?: unknown };

  it(`answers ${COUNT} random queries alike on both paths`, { timeout: 900_000 }, async () => {
    const r = rng(SEED);
    let withData = 0;
    for (let i = 0; i < COUNT; i += 1) {
      const query = generateQuery(schema, samples, r);
      const compiled = await api.gql(query);
      const plain = await viaResolvers(query);
      const context = `seed ${SEED}, case ${i}:\n${query}`;
      expect({ data: compiled.data, errors: compiled.errors }, context).toEqual({ data: plain.data, errors: plain.errors });
      if (compiled.data && !compiled.errors) withData += 1;
    }
    // The comparison means something only when most queries are answered, and many compiled.
    expect(withData).toBeGreaterThan(COUNT * 0.6);
    expect(compiledReads).toBeGreaterThan(COUNT * 0.3);
  });
});
