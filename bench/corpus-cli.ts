// `npm run corpus -- --docs N --seed S --out DIR`: writes one file per page.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus.js';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'data/corpus' },
  },
});
const docs = Number(values.docs);
const seed = Number(values.seed);
if (!Number.isInteger(docs) || docs < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run corpus -- --docs N --seed S --out DIR');
  process.exit(2);
}
mkdirSync(values.out!, { recursive: true });
let bytes = 0;
for (const page of generateCorpus({ docs, seed })) {
  writeFileSync(join(values.out!, page.name), page.text);
  bytes += page.text.length;
}
console.log(`wrote ${docs} pages (${(bytes / 1e6).toFixed(1)} MB) to ${values.out}`);
