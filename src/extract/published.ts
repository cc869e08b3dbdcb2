// When was an article published? The page's own statement wins; otherwise the text may pin the
// year: "began 57 years ago" next to "On October 28 1965" means 1965 + 57.
import { findAnniversaries, findYearsAgo } from './anniversaries.js';
import { findDates } from './dates.js';
import { makeDate, type PartialDate } from '../text/partial-date.js';

export interface Published {
  date: PartialDate;
  /** The sentence(s) the inference rests on; absent for a stated date. */
  evidence?: string;
}

/** How many sentences after a "years ago" phrase may hold the date it refers to. */
const ANCHOR_WINDOW = 1;

export function inferPublished(sentences: string[]): Published | undefined {
  for (let i = 0; i < sentences.length; i += 1) {
    const sentence = sentences[i]!;
    for (const ago of findYearsAgo(sentence)) {
      for (let j = i; j <= Math.min(i + ANCHOR_WINDOW, sentences.length - 1); j += 1) {
        const anchor = findDates(sentences[j]!).find((d) => !d.date.inferred);
        if (!anchor) continue;
        const year = anchor.date.year + ago.years;
        const evidence = j === i ? sentence : `${sentence} ${sentences[j]}`;
        return { date: makeDate(year, undefined, undefined, `${ago.text} (${anchor.date.text})`, true), evidence };
      }
    }
    // "the 70th anniversary of the victory (July 27, 1953)": the commemorated date is stated.
    for (const anniversary of findAnniversaries(sentence)) {
      const stated = findDates(sentence.slice(anniversary.index)).find((d) => !d.date.inferred);
      if (!stated) continue;
      const year = stated.date.year + anniversary.ordinal;
      return {
        date: makeDate(year, undefined, undefined, `${anniversary.text.split(' of ')[0]} (${stated.date.text})`, true),
        evidence: sentence,
      };
    }
  }
  return undefined;
}
