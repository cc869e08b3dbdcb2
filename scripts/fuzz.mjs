// `npm run fuzz -- --count N [--seed S]`: the differential test (tests/differential.test.ts) with
// N random queries per database instead of CI's 1,500, from seed S (default: a new one, printed,
// so a failure can be run again).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, seed: { type: 'string' } } });
const count = Number(values.count);
const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
if (!Number.isInteger(count) || count < 1 || !/^\d+$/.test(seed)) {
  console.error('usage: npm run fuzz -- --count N [--seed S]');
  process.exit(2);
}
console.log(`fuzz: ${count} queries per database, seed ${seed}`);
const run = spawnSync('npx', ['vitest', 'run', 'tests/differential.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, NEWSGRAPH_FUZZ_COUNT: String(count), NEWSGRAPH_FUZZ_SEED: seed },
});
process.exit(run.status ?? 1);
