// Plain text in, articles out. A page is: [main part] [listing header + listing] [footer].
// The main part holds one article, or several wire items each opened by a dateline.
import { splitSentences } from '../text/sentences.js';
import { bylineOf, dateline, dateLine, isFooter, isHeadline, listingHeader, endsLikeText } from './lines.js';
import { headerLine, stampedHeadline, trailerOf, type HeaderFacts } from './header.js';
import { parseListing } from './listing.js';
import type { Layout, ParsedArticle, ParsedPage } from './types.js';

export function parsePage(text: string): ParsedPage {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const warnings: string[] = [];
  while (lines.length && isFooter(lines[lines.length - 1]!)) lines.pop();

  let headerAt = lines.findIndex((l) => listingHeader(l) !== undefined);
  let sourceName = headerAt >= 0 ? listingHeader(lines[headerAt]!)!.source : undefined;
  let listingStart = headerAt + 1;
  if (headerAt < 0) {
    // A listing with no header: a run of dated blocks that closes the page.
    const dated = lines.map((l, i) => (dateLine(l) ? i : -1)).filter((i) => i >= 0);
    if (dated.length >= 2 && dated[0]! > 0 && lines.length - dated[0]! <= dated.length * 3) {
      headerAt = listingStart = dated[0]! - 1;
      warnings.push('listing found without a header');
    }
  }
  const header: HeaderFacts = {};
  const main = stripHeader(headerAt >= 0 ? lines.slice(0, headerAt) : lines, header);
  const listing = headerAt >= 0 ? parseListing(lines.slice(listingStart), 0) : { teasers: [], warnings: [] };
  warnings.push(...listing.warnings);

  const segments = splitAtDatelines(main);
  const articles: ParsedArticle[] = [];
  let layout: Layout = headerAt >= 0 ? 'portal' : 'unknown';
  for (const segment of segments) {
    const article = parseArticle(segment, articles.length);
    if (!article) continue;
    if (header.date && !article.statedDate) article.statedDate = header.date;
    if (article.dateline) {
      layout = layout === 'portal' ? layout : 'wire';
    } else if (layout === 'unknown' && (!article.titleFromText || article.byline)) layout = 'article';
    articles.push(article);
  }
  if (articles.length === 0 && listing.teasers.length > 0) {
    layout = 'listing';
    warnings.push('page holds only a listing: no full article');
  }
  if (layout === 'unknown' && articles.length > 0) warnings.push('unrecognised layout: ingested as one article');
  for (const a of articles)
    if (a.titleFromText) warnings.push(`no headline: title of article ${a.position + 1} taken from its first sentence`);
  for (const teaser of listing.teasers) articles.push({ ...teaser, position: articles.length });
  // The outlet a header names wins over a listing's "More From …" and a dateline's agency.
  sourceName = header.outlet ?? sourceName ?? articles.find((a) => a.dateline)?.dateline?.agency;
  return { layout, ...(sourceName ? { sourceName } : {}), articles, warnings };
}

/** How far from either end of the main part a header or trailer line may stand. */
const HEADER_REACH = 3;

/** Removes header and trailer lines (and KCNA's closing stamp) from the main part, keeping what they state. */
function stripHeader(lines: string[], facts: HeaderFacts): string[] {
  const keep = (found: HeaderFacts) => {
    if (found.date) facts.date ??= found.date;
    if (found.outlet) facts.outlet ??= found.outlet;
  };
  const out = lines.flatMap((line, i) => {
    if (i >= HEADER_REACH && i < lines.length - HEADER_REACH) return [line];
    const found = headerLine(line);
    if (found) keep(found);
    const stamped = found || i >= HEADER_REACH ? undefined : stampedHeadline(line);
    if (stamped) keep(stamped.facts);
    return found ? [] : [stamped?.title ?? line];
  });
  const last = out.length - 1;
  const trailer = last >= 0 ? trailerOf(out[last]!) : undefined;
  if (trailer) {
    keep(trailer.facts);
    if (trailer.rest) out[last] = trailer.rest;
    else out.pop();
  }
  return out;
}

/** Splits the main part before each dateline; the line above a dateline is its headline. */
function splitAtDatelines(lines: string[]): string[][] {
  const starts = lines.map((l, i) => (dateline(l) ? i : -1)).filter((i) => i >= 0);
  if (starts.length === 0) return lines.length ? [lines] : [];
  const cut = starts.map((i) => (i > 0 && isHeadline(lines[i - 1]!) && !dateline(lines[i - 1]!) ? i - 1 : i));
  const segments: string[][] = [];
  if (cut[0]! > 0) segments.push(lines.slice(0, cut[0]));
  cut.forEach((start, k) => {
    segments.push(lines.slice(start, cut[k + 1] ?? lines.length));
  });
  return segments;
}

function parseArticle(segment: string[], position: number): ParsedArticle | undefined {
  const lines = [...segment];
  let title: string | undefined;
  let byline: string | undefined;
  if (lines.length > 1 && isHeadline(lines[0]!) && !dateline(lines[0]!)) title = lines.shift();
  if (lines.length > 1 && /^by\s/i.test(lines[0]!) && bylineOf(lines[0]!)) byline = lines.shift();
  if (!byline && lines.length > 1 && bylineOf(lines[lines.length - 1]!)) byline = lines.pop();
  const head = lines[0] !== undefined ? dateline(lines[0]) : undefined;
  if (head) lines[0] = head.rest;
  // The Korean service closes an item with "(끝)" ("the end"): a mark, not text.
  const paragraphs = lines.map((l, i) => (i === lines.length - 1 ? l.replace(/\s*\(끝\)\s*$/u, '') : l)).filter(Boolean);
  if (paragraphs.length === 0) return undefined;
  // A dateline with a year is a stated date; a year-less one gets its year at extraction.
  const stated = head ? dateLine(head.dateText.replace(/\.(?=\s)/, '')) : undefined;
  return {
    kind: 'FULL',
    title: title ?? firstSentence(paragraphs[0]!),
    titleFromText: title === undefined,
    paragraphs,
    truncated: !endsLikeText(paragraphs[paragraphs.length - 1]!) || /(?:\.\.\.|…)$/.test(paragraphs[paragraphs.length - 1]!),
    ...(byline ? { byline } : {}),
    ...(head ? { dateline: { ...(head.place ? { place: head.place } : {}), dateText: head.dateText, agency: head.agency } } : {}),
    ...(stated ? { statedDate: stated } : {}),
    position,
  };
}

function firstSentence(paragraph: string): string {
  const sentence = splitSentences(paragraph)[0]?.text ?? paragraph;
  return sentence.length <= 160 ? sentence : `${sentence.slice(0, 157).replace(/\s+\S*$/, '')}…`;
}
