// Document in, everything to store out: decode, parse, extract. Pure: no database here, so the
// whole pipeline is tested (and benchmarked) without one.
import { createHash } from 'node:crypto';
import { extractArticle, type ExtractedArticle } from '../extract/article.js';
import { parsePage } from '../parse/page.js';
import { finerThan, rangeOf, type PartialDate } from '../text/partial-date.js';
import { decodeDocument, MAX_DOCUMENT_BYTES } from './decode.js';
import { DocumentError } from './errors.js';

export interface DocumentInput {
  text: string | Uint8Array;
  /** Overrides the source the page names. */
  sourceName?: string;
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
  const sourceName = input.sourceName?.trim() || page.sourceName || 'Unknown source';
  return {
    key: input.key ?? input.url ?? `sha256:${contentHash}`,
    contentHash,
    text,
    byteLength: new TextEncoder().encode(text).byteLength,
    ...(input.url ? { url: input.url } : {}),
    layout: page.layout,
    warnings: page.warnings,
    source: { name: sourceName, slug: slugify(sourceName), language: languageOf(sourceName, text) },
    articles,
  };
}

function latest(dates: (PartialDate | undefined)[]): PartialDate | undefined {
  let best: PartialDate | undefined;
  for (const d of dates) {
    if (!d) continue;
    if (!best || rangeOf(d).end > rangeOf(best).end || (rangeOf(d).end.getTime() === rangeOf(best).end.getTime() && finerThan(d, best))) best = d;
  }
  return best;
}

export function slugify(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'source';
}

/** "Naenara (En)" says English; otherwise a page mostly of English function words is English. */
function languageOf(sourceName: string, text: string): string {
  const tagged = /\((\p{L}{2,3})\)\s*$/u.exec(sourceName)?.[1];
  if (tagged) return tagged.toLowerCase();
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const english = words.filter((w) => ['the', 'and', 'of', 'to', 'in', 'is', 'was'].includes(w)).length;
  return words.length && english / words.length > 0.05 ? 'en' : 'und';
}
