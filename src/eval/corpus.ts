// Reads an eval folder (pages plus gold.json) and scores the pipeline on it, page by page.
// Korean gold (eval/korean) names each person in Hangul with the romanisation KCNA's English
// service uses, and dates each page by its archive (`sourceDate`), passed as the caller's date.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processDocument } from '../ingest/pipeline.js';
import { scorePage, summarise, type CorpusScore, type GoldPage } from './score.js';

interface KoreanGoldPerson {
  hangul: string;
  romanized: string;
  aliases: string[];
  romanizedBasis: 'attested' | 'conventional';
}

type RawGoldPage = Omit<GoldPage, 'persons'> & {
  persons: (GoldPage['persons'][number] | KoreanGoldPerson)[];
  sourceDate?: string;
};

/** A Korean gold person as any other: named in Hangul, with the romanisation among its spellings. */
function normalised(page: RawGoldPage): GoldPage {
  return {
    ...page,
    // The Korean gold dates no page itself: the archive's date is the day the service published it.
    ...(page.publishedAt === null && page.sourceDate ? { publishedAt: page.sourceDate } : {}),
    persons: page.persons.map((p) =>
      'hangul' in p
        ? { name: p.hangul, aliases: [p.romanized, ...p.aliases], ...(p.romanizedBasis === 'attested' ? { romanized: p.romanized } : {}) }
        : p,
    ),
  };
}

export function evaluateFolder(dir: string): CorpusScore {
  const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as RawGoldPage[];
  const pages = gold.map((raw) => {
    const page = normalised(raw);
    const text = readFileSync(join(dir, page.file));
    // Only a web address is where the page came from; "github:…" notes name a scrape, not a host.
    const url = page.url && /^https?:\/\//.test(page.url) ? page.url : undefined;
    const publishedAt = raw.sourceDate ?? undefined;
    return scorePage(page, processDocument({ text, key: page.file, ...(url ? { url } : {}), ...(publishedAt ? { publishedAt } : {}) }));
  });
  return summarise(pages);
}
