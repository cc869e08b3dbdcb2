import { generateCorpus } from '/work/main/bench/corpus.js';
import { processDocument } from '/work/main/src/ingest/pipeline.js';
const n = Number(process.argv[2] ?? 3000);
const pages = [...generateCorpus({ docs: n, seed: 1 })];
const t = performance.now();
for (const p of pages) processDocument({ text: p.text, key: p.name });
console.log(`${n} docs: ${Math.round(n / ((performance.now() - t) / 1000))} docs/s`);
