// Document in, everything to store out: decode, parse, extract. Pure: no database here, so the
// whole pipeline is tested (and benchmarked) without one.
import { createHash } from 'node:crypto';
import { extractArticle, type ExtractedArticle } from '../extract/article.js';
import { parsePage } from '../parse/page.js';
import { finerThan, isRealDay, makeDate, rangeOf, type PartialDate } from '../text/partial-date.js';
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
  /** When the caller (an archive, a crawler) says the page was published: "2026-08-21", "2026-08" or "2026". Used only where the text states no year. */
  publishedAt?: string;
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
  const supplied = input.publishedAt !== undefined ? suppliedDate(input.publishedAt) : undefined;
  const articles = page.articles.map((a) =>
    extractArticle(a, { known, ...(pageDate ? { pageDate } : {}), ...(supplied ? { supplied } : {}) }),
  );
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

/** The caller's date, as a partial date; a DocumentError when it is none. */
export function suppliedDate(value: string): PartialDate {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  const [year, month, day] = m ? [Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3] ? Number(m[3]) : undefined] : [];
  if (!m || year! < 1 || (month !== undefined && (month < 1 || month > 12)) || (day !== undefined && !isRealDay(year!, month!, day)))
    throw new DocumentError('BAD_DATE', `"publishedAt" must be a date as YYYY-MM-DD, YYYY-MM or YYYY, not "${value.slice(0, 40)}".`);
  return makeDate(year!, month, day, `${value.trim()} (supplied by the caller)`);
}
