// `npm run bench:plans -- --db postgres://…/archive [--runs 11] QUERY…`: each query's search
// statement (src/read/search.ts, the first 500 candidates) run as a named statement on one
// connection planned afresh every time and on one keeping a generic plan, as the server's search
// pool does (PLANNED_ONCE); prints the median ms of each and checks that both give the same ids.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Prisma } from '../src/generated/prisma/client.js';
import { articleCondition } from '../src/read/article.js';
import { searchCandidatesSql } from '../src/read/search.js';

const { values: opts, positionals: queries } = parseArgs({
  options: { db: { type: 'string', default: process.env.BENCH_DATABASE_URL }, runs: { type: 'string', default: '11' } },
  allowPositionals: true,
});
if (!opts.db || !queries.length) throw new Error('bench:plans needs --db postgres://… (an archive already loaded) and queries');

async function median(mode: string, text: string): Promise<{ ms: number; ids: string }> {
  const sql = Prisma.sql`WITH ${searchCandidatesSql(text, articleCondition({}), 500)} SELECT id FROM candidates ORDER BY rank DESC, id DESC`;
  const client = new pg.Client({ connectionString: opts.db, options: `-c jit=off -c plan_cache_mode=${mode}` });
  await client.connect();
  const times: number[] = [];
  let ids = '';
  try {
    for (let i = 0; i < Number(opts.runs); i += 1) {
      const started = performance.now();
      const { rows } = await client.query<{ id: number }>({ name: 'search', text: sql.text, values: sql.values as unknown[] });
      times.push(performance.now() - started);
      ids = rows.map((r) => r.id).join(',');
    }
  } finally {
    await client.end();
  }
  return { ms: times.sort((a, b) => a - b)[times.length >> 1]!, ids };
}

console.log('| query | planned afresh, ms | generic plan, ms | same answer |');
console.log('| --- | --- | --- | --- |');
for (const text of queries) {
  const fresh = await median('force_custom_plan', text);
  const generic = await median('force_generic_plan', text);
  console.log(`| \`${text}\` | ${fresh.ms.toFixed(2)} | ${generic.ms.toFixed(2)} | ${fresh.ids === generic.ids ? 'yes' : 'NO'} |`);
}
