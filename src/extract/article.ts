// Everything newsgraph learns from one parsed article: its date, people, author and events.
import { bylineOf } from '../parse/lines.js';
import type { ParsedArticle } from '../parse/types.js';
import { splitSentences, wordCount } from '../text/sentences.js';
import type { PartialDate } from '../text/partial-date.js';
import { findDates } from './dates.js';
import { extractEvents, type EventFound } from './events.js';
import { canonicalName, nameKey } from '../text/names.js';
import { extractPeople, type PersonFound } from './people.js';
import { inferPublished, type Published } from './published.js';
import { extractKoreanEvents, extractKoreanPeople } from './korean.js';
import { isKoreanText } from '../text/korean.js';

export interface ExtractedArticle extends ParsedArticle {
  lead: string;
  body: string;
  /** "ko" for a Korean text, else "en": which extraction read it. */
  language: 'en' | 'ko';
  wordCount: number;
  published?: Published;
  people: PersonFound[];
  events: EventFound[];
  /** Key of the person who signed the article (also in `people`). */
  authorKey?: string;
  /** Bare name-like words the archive might know (see extractPeople). */
  unconfirmed: string[];
}

export interface ExtractOptions {
  /** Name keys (nameKey) already in the archive: recognised even without a title or role. */
  known?: ReadonlySet<string>;
  /** The latest date the page states anywhere, to give a year to a year-less dateline. */
  pageDate?: PartialDate;
  /** The date the caller knows the page by (an archive's, a crawler's): used only when the text states no year. */
  supplied?: PartialDate;
}

export function extractArticle(article: ParsedArticle, options: ExtractOptions = {}): ExtractedArticle {
  const sentences = article.paragraphs.flatMap((p) => splitSentences(p).map((s) => s.text));
  const withTitle = article.titleFromText ? sentences : [article.title, ...sentences];
  const published = publishedOf(article, sentences, options.pageDate, options.supplied);
  const language = isKoreanText(`${article.title} ${article.paragraphs.join(' ')}`) ? 'ko' : 'en';
  const reference = published && datelineDay(article, published.date);
  const { people, bySentence, unconfirmed } =
    language === 'ko'
      ? { ...extractKoreanPeople(withTitle), unconfirmed: [] }
      : extractPeople(withTitle, options.known, !article.titleFromText);
  const events =
    language === 'ko'
      ? extractKoreanEvents(withTitle, bySentence, reference, !article.titleFromText)
      : extractEvents({ sentences: withTitle, mentions: bySentence, ...(reference ? { published: reference } : {}) });
  const authorKey = article.byline ? addAuthor(people, article.byline) : undefined;
  const body = article.paragraphs.join('\n\n');
  return {
    ...article,
    lead: article.paragraphs[0]!,
    body,
    language,
    wordCount: wordCount(body),
    ...(published ? { published } : {}),
    people,
    events,
    unconfirmed,
    ...(authorKey ? { authorKey } : {}),
  };
}

function publishedOf(article: ParsedArticle, sentences: string[], pageDate?: PartialDate, supplied?: PartialDate): Published | undefined {
  if (article.statedDate) return { date: article.statedDate };
  const inferred = inferPublished(sentences);
  if (article.dateline) {
    // "May 25 (KCNA)": the dateline gives the day; the text's inferred year, the page's date or, last, the caller's the year.
    const reference = inferred?.date ?? pageDate ?? supplied;
    const [day] = reference ? findDates(article.dateline.dateText, { reference }) : [];
    const from = inferred ? inferred.evidence : pageDate ? 'the page' : 'the date supplied by the caller';
    if (day) return { date: day.date, evidence: `dateline "${article.dateline.dateText}"; year from ${from}` };
  }
  if (inferred) return inferred;
  // The text says nothing of when: the caller's date, marked as not the text's.
  return supplied ? { date: { ...supplied, inferred: true }, evidence: 'supplied by the caller' } : undefined;
}

/**
 * What the article's "on Monday" and "yesterday" count from: the dateline's day, given its year by
 * the publication date (an archive's header may date the page a day after the agency did).
 */
function datelineDay(article: ParsedArticle, published: PartialDate): PartialDate {
  if (!article.dateline) return published;
  return findDates(article.dateline.dateText, { reference: published }).find((d) => d.date.precision === 'DAY')?.date ?? published;
}

/** The byline's signer becomes a person of the article, with the role the byline gives. */
function addAuthor(people: PersonFound[], byline: string): string | undefined {
  const signed = bylineOf(byline);
  if (!signed) return undefined;
  const key = nameKey(signed.name);
  let person = people.find((p) => p.key === key);
  if (!person) {
    person = { key, name: canonicalName(signed.name), aliases: [], titles: [], count: 0, firstSentence: byline };
    people.push(person);
  }
  person.count += 1;
  if (signed.role && !person.titles.some((t) => t.text === signed.role)) person.titles.push({ kind: 'ROLE', text: signed.role });
  return key;
}
