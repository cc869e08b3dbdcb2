import type { PartialDate } from '../text/partial-date.js';

export type ArticleKind = 'FULL' | 'TEASER';

export interface ParsedArticle {
  kind: ArticleKind;
  /** The headline; for pages without one, the first sentence (see `titleFromText`). */
  title: string;
  titleFromText: boolean;
  paragraphs: string[];
  truncated: boolean;
  byline?: string;
  /** "Pyongyang, May 25 (KCNA) —" split into its parts. */
  dateline?: { place?: string; dateText: string; agency: string };
  /** A date the page itself states for this article (listing date, dateline). */
  statedDate?: PartialDate;
  position: number;
}

export type Layout = 'portal' | 'wire' | 'article' | 'listing' | 'unknown';

export interface ParsedPage {
  layout: Layout;
  /** The publisher as the page names it ("Naenara (En)", or the wire agency). */
  sourceName?: string;
  articles: ParsedArticle[];
  warnings: string[];
}
