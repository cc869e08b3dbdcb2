// Document in, everything to store out: decode, parse, extract. Pure: no database here, so the
// whole pipeline is tested (and benchmarked) without one.
import { createHash } from 'node:crypto';
import { extractArticle, type ExtractedArticle } from '../extract/article.js';
import { parsePage } from '../parse/page.js';
import { finerThan, rangeOf, type PartialDate } from '../text/partial-date.js';
import { decodeDocument, MAX_DOCUMENT_BYTES } from './decode.js';
import { DocumentError } from './errors.js';
import { outletOf } from './outlet.js';

export interface DocumentInput {
  text: string | Uint8Array;
  /** Overrides the source the page names. */
  sourceName?: string;
  /** The source when the page names none (a stored page's source, on re-extraction). */
  defaultSourceName?: string;
  url?: string;
  /** Identity across re-ingests (a file name); defaults to the URL, then the content hash. */
  key?: string;
  maxBytes?: number;
}

export interface ProcessedDocument {
  key: string;
  contentHash: string;
  text: string;
  byteLength: number;
  url?: string;
  layout: string;
  warnings: string[];
  source: { name: string; slug: string; language: string };
  articles: ExtractedArticle[];
}

export function processDocument(input: DocumentInput, known: ReadonlySet<string> = new Set()): ProcessedDocument {
  const text = decodeDocument(input.text, input.maxBytes ?? MAX_DOCUMENT_BYTES);
  const contentHash = createHash('sha256').update(text).digest('hex');
  const page = parsePage(text);
  if (page.articles.length === 0) throw new DocumentError('NO_CONTENT', 'Document holds no article text.');
  const pageDate = latest(page.articles.map((a) => a.statedDate));
  const articles = page.articles.map((a) => extractArticle(a, { known, ...(pageDate ? { pageDate } : {}) }));
  const sourceName = input.sourceName?.trim() || page.sourceName || input.defaultSourceName || 'Unknown source';
  return {
    key: input.key ?? input.url ?? `sha256:${contentHash}`,
    contentHash,
    text,
    byteLength: new TextEncoder().encode(text).byteLength,
    ...(input.url ? { url: input.url } : {}),
    layout: page.layout,
    warnings: page.warnings,
    source: outletOf(sourceName, text),
    articles,
  };
}

function latest(dates: (PartialDate | undefined)[]): PartialDate | undefined {
  let best: PartialDate | undefined;
  for (const d of dates) {
    if (!d) continue;
    if (!best || rangeOf(d).end > rangeOf(best).end || (rangeOf(d).end.getTime() === rangeOf(best).end.getTime() && finerThan(d, best)))
      best = d;
  }
  return best;
}
