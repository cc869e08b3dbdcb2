// Reads an eval folder (pages plus gold.json) and scores the pipeline on it, page by page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processDocument } from '../ingest/pipeline.js';
import { scorePage, summarise, type CorpusScore, type GoldPage } from './score.js';

export function evaluateFolder(dir: string): CorpusScore {
  const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as GoldPage[];
  const pages = gold.map((page) => {
    const text = readFileSync(join(dir, page.file));
    // Only a web address is where the page came from; "github:…" notes name a scrape, not a host.
    const url = page.url && /^https?:\/\//.test(page.url) ? page.url : undefined;
    return scorePage(page, processDocument({ text, key: page.file, ...(url ? { url } : {}) }));
  });
  return summarise(pages);
}
