// The timeline reads stored counts for the periods its range covers whole and counts the cut
// ones live (src/db/timeline.ts). Whichever it reads, the answer must be the plain count over
// Event: checked on random ranges, kinds and granularities, with the counts current and stale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upkeepSettled } from '../src/db/after-writes.js';
import { refreshTimeline } from '../src/db/timeline.js';
import { type Api, loadCorpus, openApi, TEST_TOKEN } from './helpers/api.js';
import { backends, dropScratchDatabases } from './helpers/db.js';
import { rng } from './helpers/query-gen.js';

afterAll(dropScratchDatabases);

const PRECISIONS = { YEAR: ['YEAR', 'MONTH', 'DAY'], MONTH: ['MONTH', 'DAY'], DAY: ['DAY'] } as const;
type Granularity = keyof typeof PRECISIONS;

describe.each(backends)('the timeline on $name', (backend) => {
  let api: Api;
  const prisma = () => api.db.prisma;
  beforeAll(async () => {
    api = await openApi(backend);
    expect((await loadCorpus(api, { docs: 40, seed: 21, people: 40 })).failures).toEqual([]);
  });
  afterAll(() => api.db.close());

  const state = async () =>
    (
      await prisma().$queryRawUnsafe<{ events: number; counted: number }[]>(
        `SELECT "eventsVersion" AS events, "timelineVersion" AS counted FROM "ArchiveState" WHERE id = 1`,
      )
    )[0]!;

  /** The definition: events overlapping [from, to], at least as precise as the period, per period. */
  async function expected(g: Granularity, from?: string, to?: string, kind?: string) {
    const unit = g.toLowerCase();
    const rows = await prisma().$queryRawUnsafe<{ period: string; count: number }[]>(
      `SELECT to_char(date_trunc('${unit}', "dateStart"), '${g === 'YEAR' ? 'YYYY' : g === 'MONTH' ? 'YYYY-MM' : 'YYYY-MM-DD'}') AS period, count(*)::int AS count
       FROM "Event" WHERE "datePrecision"::text = ANY($1) AND ($2::date IS NULL OR "dateEnd" >= $2::date)
       AND ($3::date IS NULL OR "dateStart" <= $3::date) AND ($4::text IS NULL OR kind::text = $4) GROUP BY 1 ORDER BY 1`,
      [...PRECISIONS[g]],
      from ?? null,
      to ?? null,
      kind ?? null,
    );
    return rows;
  }

  const ask = async (g: Granularity, from?: string, to?: string, kind?: string) => {
    const filter = [from && `from: "${from}"`, to && `to: "${to}"`, kind && `kind: ${kind}`].filter(Boolean).join(', ');
    const r = await api.gql(`{ timeline(granularity: ${g}${filter ? `, filter: { ${filter} }` : ''}) { period count } }`);
    expect(r.errors).toBeUndefined();
    return r.data.timeline;
  };

  it('keeps its counts current after a load, and answers as the plain count on random ranges, stored or live', async () => {
    const s = await state();
    expect(s.counted).toBe(s.events);
    expect(await prisma().timelineCount.count()).toBeGreaterThan(0);
    const kinds = (await prisma().event.groupBy({ by: ['kind'] })).map((k) => k.kind);
    const r = rng(4);
    const dayIn = (from: number, to: number) =>
      new Date(Date.UTC(from + r.int(to - from), r.int(12), 1 + r.int(28)) - (r.chance(0.3) ? 86_400_000 : 0)).toISOString().slice(0, 10);
    for (let i = 0; i < 80; i += 1) {
      // The last 20 with the stored counts marked stale: counted live.
      if (i === 60) await prisma().$executeRawUnsafe(`UPDATE "ArchiveState" SET "timelineVersion" = -1 WHERE id = 1`);
      const g = r.pick(['YEAR', 'MONTH', 'DAY'] as const);
      let from = r.chance(0.8) ? dayIn(1995, 2026) : undefined;
      let to = r.chance(0.8) ? dayIn(1995, 2028) : undefined;
      if (from && to && from > to) [from, to] = [to, from];
      const kind = r.chance(0.3) ? r.pick(kinds) : undefined;
      const want = await expected(g, from, to, kind);
      expect(await ask(g, from, to, kind), `${g} ${from} ${to} ${kind}`).toEqual(want);
    }
    expect(await refreshTimeline(prisma())).toBe(true);
  });

  it('counts live while its stored counts are stale, and counts them again after the next write', async () => {
    const before = await ask('YEAR');
    const r = await api.gql(
      'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { status } }',
      { input: { text: 'Pyongyang, May 25 (KCNA) -- Premier Pak Pong Ju visited the Kangson Complex on May 24, 1999.\n' } },
      { authorization: `Bearer ${TEST_TOKEN}` },
    );
    expect(r.data.ingestDocument.status).toBe('CREATED');
    // Whether or not the upkeep has run yet, the answer counts the new visit.
    const after = await ask('YEAR');
    const count = (rows: { period: string; count: number }[]) => rows.find((b) => b.period === '1999')?.count ?? 0;
    expect(count(after)).toBe(count(before) + 1);
    await upkeepSettled(prisma());
    const s = await state();
    expect(s.counted).toBe(s.events);
    expect(await ask('YEAR')).toEqual(after);
    // Nothing to count again when nothing changed.
    expect(await refreshTimeline(prisma())).toBe(false);
  });
});
