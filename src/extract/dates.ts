// Date expressions in a sentence. chrono-node reads the expressions; the rules here decide what
// each is worth: its precision, whether a year had to be supplied, and which ones to refuse
// (times, weekdays, lunar-calendar days, relative words with no anchor).
import * as chrono from 'chrono-node';
import { jucheToYear } from '../parse/header.js';
import { isRealDay, makeDate, rangeOf, type PartialDate } from '../text/partial-date.js';
import { HANGUL } from '../text/korean.js';
import { findKoreanDates } from './korean-dates.js';
import { findRelativeDates } from './relative-dates.js';

export interface DateMention {
  date: PartialDate;
  index: number;
  length: number;
}

export interface DateContext {
  /** The article's date, used to give a year to "on March 4". */
  reference?: PartialDate;
  /** The last year stated before this sentence, for "in October that year". */
  lastYear?: number;
}

const RELATIVE_WORDS = /\b(ago|last|this|next|yesterday|today|tomorrow|tonight|now|coming|past)\b/i;
const MONTH_PREPOSITION = /\b(in|since|until|till|by|during|from|through|throughout|early|late|mid|end of|beginning of|of)[\s-]+$/i;
// "in 1946", "for 2016"; never a span ("in 2014-2018") or a measure ("1950 m").
const BARE_YEAR =
  /\b(in|of|since|until|till|by|from|during|before|after|for|year|early|late|mid-?)\s+((?:1[5-9]|20)\d\d)\b(?![\s-]*(?:m\b|km|kg|tons?|metres?|meters?|people|persons|%|years?\b))(?!\s*[-–]\s*\d{2,4}\b)/gi;
// "the 2016 World Championship": one edition of a named event.
const EDITION_YEAR = /\bthe\s+((?:1[5-9]|20)\d\d)(?=\s+\p{Lu})/gu;
// A year-less date in the future of the article by more than this is taken as last year's.
const FUTURE_SLACK_DAYS = 7;

/** Gives a year-less "March 4" the article's year (or the year before, if it would be in the future). */
export function resolveYearless(month: number, day: number | undefined, text: string, reference?: PartialDate): PartialDate | undefined {
  if (!reference) return undefined;
  let year = reference.year;
  const candidate = makeDate(year, month, day, text, true);
  if (reference.precision !== 'YEAR') {
    const limit = rangeOf(reference).end.getTime() + FUTURE_SLACK_DAYS * 86_400_000;
    if (rangeOf(candidate).start.getTime() > limit) year -= 1;
  }
  if (day !== undefined && !isRealDay(year, month, day)) return undefined;
  return makeDate(year, month, day, text, true);
}

// chrono's casual English, without the parsers whose results are refused below anyway: times of
// day and durations ("at 10:00", "in two hours", "three days ago") never name a month, and
// relative words ("today", "next week") have no anchor here. Without them parse+extract ran at
// 687 docs/s against 565 (bench/corpus.ts pages).
const UNUSED_PARSERS = new Set([
  'ENTimeExpressionParser',
  'ENCasualTimeParser',
  'ENTimeUnitAgoFormatParser',
  'ENTimeUnitLaterFormatParser',
  'ENTimeUnitWithinFormatParser',
  'ENTimeUnitCasualRelativeFormatParser',
  'ENRelativeDateFormatParser',
  'ENCasualDateParser',
]);
const casual = chrono.en.configuration.createCasualConfiguration();

/** How far before a date "end of the", "last day of" may begin (its own words, with room for spacing). */
const END_OF_REACH = 64;

/**
 * chrono's ENEndOfPeriodRefiner ("end of March") matches its pattern against all the text before
 * each date, so a sentence of n dates cost n times its length: 3,200 dates in 16,000 characters
 * without a full stop took 112 ms against 3 for a sixteenth of it (tests/properties.test.ts). It
 * is handed the text from the word boundary before the last END_OF_REACH characters instead, one
 * date at a time; its pattern is anchored to the date, so it finds what it found before.
 */
function nearPrefixOnly(refiner: chrono.Refiner): chrono.Refiner {
  return {
    refine: (context, results) =>
      results.flatMap((result) => {
        let cut = Math.max(0, result.index - END_OF_REACH);
        while (cut > 0 && /\w/.test(context.text[cut - 1]!)) cut -= 1;
        const near = Object.create(context, { text: { value: context.text.slice(cut) } }) as typeof context;
        result.index -= cut;
        const refined = refiner.refine(near, [result]);
        for (const r of refined) r.index += cut;
        return refined;
      }),
  };
}

const parser = new chrono.Chrono({
  ...casual,
  parsers: casual.parsers.filter((p) => !UNUSED_PARSERS.has(p.constructor.name)),
  refiners: casual.refiners.map((r) => (r.constructor.name === 'ENEndOfPeriodRefiner' ? nearPrefixOnly(r) : r)),
});

// chrono is the slow part of extraction: only sentences that name a month reach it.
const MAY_HOLD_DATE = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\b/;

export function findDates(sentence: string, context: DateContext = {}): DateMention[] {
  if (HANGUL.test(sentence)) return findKoreanDates(sentence, context);
  const found: DateMention[] = [];
  const text = jucheAsYears(sentence);
  if (MAY_HOLD_DATE.test(text)) {
    const instant = context.reference ? rangeOf(context.reference).start : new Date(Date.UTC(2000, 0, 1));
    for (const result of parser.parse(text, { instant, timezone: 0 })) {
      let date = interpret(result, text, context);
      let length = result.text.length;
      // "in April last year", "on May 5 this year": the year the words after it give.
      const year =
        date?.inferred && context.reference ? /^\s*(?:of\s+)?(last|this)\s+year\b/i.exec(text.slice(result.index + length)) : null;
      if (date && year) {
        date = makeDate(context.reference!.year - (year[1]!.toLowerCase() === 'last' ? 1 : 0), date.month, date.day, date.text, true);
        length += year[0].length;
      }
      if (date)
        found.push({
          date: { ...date, text: dateWords(sentence.slice(result.index, result.index + length)) },
          index: result.index,
          length,
        });
    }
  }
  const covered = coverage(text.length, found);
  for (const relative of findRelativeDates(text, context.reference))
    if (!covered[relative.index]) {
      found.push(relative);
      covered.fill(1, relative.index, relative.index + relative.length);
    }
  const dated = findBareYears(text, found, covered);
  return text === sentence ? dated : dated.map((d) => widenToJuche(d, sentence));
}

/** A date found in a rewritten "Juche 105 (2016)" spans and quotes the words as written. */
function widenToJuche(d: DateMention, sentence: string): DateMention {
  for (const m of sentence.matchAll(JUCHE)) {
    const end = m.index + m[0].length;
    if (d.index + d.length <= m.index || d.index >= end) continue;
    const index = Math.min(d.index, m.index);
    const length = Math.max(d.index + d.length, end) - index;
    return { date: { ...d.date, text: dateWords(sentence.slice(index, index + length)) }, index, length };
  }
  return d;
}

/** A date's own words, without the preposition that introduced it: "on March 4" → "March 4". */
const dateWords = (text: string) => text.replace(/^(?:on|in|at|for)\s+/i, '').trim();

/**
 * Which characters of a sentence the dates found cover, one flag a character: a later date
 * starting inside one is not read again. Looking it up in the list of dates made a sentence of n
 * dates cost n² (3,200 bare years each tested against 6,400 dates).
 */
function coverage(length: number, found: DateMention[]): Uint8Array {
  const covered = new Uint8Array(length);
  for (const f of found) covered.fill(1, f.index, f.index + f.length);
  return covered;
}

const JUCHE = /\bJuche\s*(\d{1,3})(?:\s*\((\d{4})\))?(?![\d.])/g;

/**
 * "Juche 105 (2016)" and "Juche 105" as the Gregorian year, right-aligned in the same width, so
 * every offset into the sentence still holds: the bracketed year wins where both are given.
 */
function jucheAsYears(sentence: string): string {
  if (!sentence.includes('Juche')) return sentence;
  return sentence.replace(JUCHE, (whole, juche: string, year?: string) =>
    (year ?? String(jucheToYear(Number(juche)))).padStart(whole.length, ' '),
  );
}

/** "in 1946": a year alone, where no fuller date already covers it (`covered`: the characters `found` covers). */
function findBareYears(sentence: string, found: DateMention[], covered: Uint8Array): DateMention[] {
  if (!/\d{4}/.test(sentence)) return found.sort((a, b) => a.index - b.index);
  const years = [...sentence.matchAll(BARE_YEAR)]
    .map((m) => ({ m, year: m[2]! }))
    .concat([...sentence.matchAll(EDITION_YEAR)].map((m) => ({ m, year: m[1]! })));
  for (const { m, year } of years) {
    const index = m.index + m[0].length - year.length;
    // "tasks for the year 2022": when a plan is due, not when anything happened.
    if (covered[index] || /\bfor the year\s+$/i.test(sentence.slice(Math.max(0, index - 20), index))) continue;
    found.push({ date: makeDate(Number(year), undefined, undefined, year), index, length: 4 });
    covered.fill(1, index, index + 4);
  }
  return found.sort((a, b) => a.index - b.index);
}

function interpret(result: chrono.ParsedResult, sentence: string, context: DateContext): PartialDate | undefined {
  const text = dateWords(result.text);
  if (RELATIVE_WORDS.test(result.text)) return undefined;
  const after = sentence.slice(result.index + result.text.length, result.index + result.text.length + 40);
  if (/lunar/i.test(after)) return undefined;
  const month = result.start.isCertain('month') ? result.start.get('month') : null;
  const day = result.start.isCertain('day') ? result.start.get('day') : null;
  // "June 30-July 2, 1930": the year written after a range is its start's too (a year earlier
  // when the range crosses New Year).
  const endYear = !result.start.isCertain('year') && result.end?.isCertain('year') ? result.end.get('year') : null;
  const startYear = endYear !== null && month !== null ? endYear - (month > (result.end!.get('month') ?? 12) ? 1 : 0) : null;
  const year = startYear ?? result.start.get('year');
  const yearCertain = result.start.isCertain('year') || startYear !== null;
  if (month === null) return undefined; // times, weekdays: not dates we can place
  // "January 32" is no date: chrono would read 32 as the year 2032. A stated year has four digits.
  if (yearCertain && !/\b\d{4}\b/.test(result.text)) return undefined;
  if (yearCertain && year !== null) {
    if (day !== null) return isRealDay(year, month, day) ? makeDate(year, month, day, text) : undefined;
    return makeDate(year, month, undefined, text);
  }
  if (day !== null) return resolveYearless(month, day, text, context.reference);
  // A month alone ("in October") is a date only after a preposition; "March forward" is not.
  if (
    !MONTH_PREPOSITION.test(sentence.slice(0, result.index + (result.text.length - result.text.trimStart().length))) &&
    !/^(in|since|until|by|during|from)\s/i.test(result.text)
  )
    return undefined;
  if (/^\s*(of\s+)?that year/i.test(after) && context.lastYear !== undefined) {
    return makeDate(context.lastYear, month, undefined, `${text} that year`, true);
  }
  return resolveYearless(month, undefined, text, context.reference);
}
