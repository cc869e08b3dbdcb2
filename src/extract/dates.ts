// Date expressions in a sentence. chrono-node reads the expressions; the rules here decide what
// each is worth: its precision, whether a year had to be supplied, and which ones to refuse
// (times, weekdays, lunar-calendar days, relative words with no anchor).
import * as chrono from 'chrono-node';
import { isRealDay, makeDate, rangeOf, type PartialDate } from '../text/partial-date.js';

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
const BARE_YEAR = /\b(in|of|since|until|till|by|from|during|before|after|year|early|late|mid-?)\s+((?:1[5-9]|20)\d\d)\b(?![\s-]*(?:m\b|km|kg|tons?|metres?|meters?|people|persons|%|years?\b))/gi;
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
  'ENTimeExpressionParser', 'ENCasualTimeParser', 'ENTimeUnitAgoFormatParser', 'ENTimeUnitLaterFormatParser',
  'ENTimeUnitWithinFormatParser', 'ENTimeUnitCasualRelativeFormatParser', 'ENRelativeDateFormatParser', 'ENCasualDateParser',
]);
const casual = chrono.en.configuration.createCasualConfiguration();
const parser = new chrono.Chrono({ ...casual, parsers: casual.parsers.filter((p) => !UNUSED_PARSERS.has(p.constructor.name)) });

// chrono is the slow part of extraction: only sentences that name a month reach it.
const MAY_HOLD_DATE = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\b/;

export function findDates(sentence: string, context: DateContext = {}): DateMention[] {
  const found: DateMention[] = [];
  if (!MAY_HOLD_DATE.test(sentence)) return findBareYears(sentence, found);
  const instant = context.reference ? rangeOf(context.reference).start : new Date(Date.UTC(2000, 0, 1));
  for (const result of parser.parse(sentence, { instant, timezone: 0 })) {
    const date = interpret(result, sentence, context);
    if (date) found.push({ date, index: result.index, length: result.text.length });
  }
  return findBareYears(sentence, found);
}

/** "in 1946": a year alone, where no fuller date already covers it. */
function findBareYears(sentence: string, found: DateMention[]): DateMention[] {
  for (const match of sentence.matchAll(BARE_YEAR)) {
    const index = match.index + match[0].length - match[2]!.length;
    if (found.some((f) => index >= f.index && index < f.index + f.length)) continue;
    found.push({ date: makeDate(Number(match[2]), undefined, undefined, match[2]!), index, length: 4 });
  }
  return found.sort((a, b) => a.index - b.index);
}

function interpret(result: chrono.ParsedResult, sentence: string, context: DateContext): PartialDate | undefined {
  const text = result.text.replace(/^(on|in|at)\s+/i, '').trim();
  if (RELATIVE_WORDS.test(result.text)) return undefined;
  const after = sentence.slice(result.index + result.text.length, result.index + result.text.length + 40);
  if (/lunar/i.test(after)) return undefined;
  const year = result.start.get('year');
  const month = result.start.isCertain('month') ? result.start.get('month') : null;
  const day = result.start.isCertain('day') ? result.start.get('day') : null;
  const yearCertain = result.start.isCertain('year');
  if (month === null) return undefined; // times, weekdays: not dates we can place
  // "January 32" is no date: chrono would read 32 as the year 2032. A stated year has four digits.
  if (yearCertain && !/\b\d{4}\b/.test(result.text)) return undefined;
  if (yearCertain && year !== null) {
    if (day !== null) return isRealDay(year, month, day) ? makeDate(year, month, day, text) : undefined;
    return makeDate(year, month, undefined, text);
  }
  if (day !== null) return resolveYearless(month, day, text, context.reference);
  // A month alone ("in October") is a date only after a preposition; "March forward" is not.
  if (!MONTH_PREPOSITION.test(sentence.slice(0, result.index + (result.text.length - result.text.trimStart().length)))
    && !/^(in|since|until|by|during|from)\s/i.test(result.text)) return undefined;
  if (/^\s*(of\s+)?that year/i.test(after) && context.lastYear !== undefined) {
    return makeDate(context.lastYear, month, undefined, `${text} that year`, true);
  }
  return resolveYearless(month, undefined, text, context.reference);
}

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100 };

export interface YearsAgo {
  years: number;
  text: string;
  index: number;
}

/** "57 years ago", "ten years ago": a distance that needs an anchor to become a date. */
export function findYearsAgo(sentence: string): YearsAgo[] {
  const out: YearsAgo[] = [];
  if (!sentence.includes('ago')) return out;
  for (const m of sentence.matchAll(/\b(\d{1,4}|[a-z]+)\s+years?\s+ago\b/gi)) {
    const years = /^\d+$/.test(m[1]!) ? Number(m[1]) : NUMBER_WORDS[m[1]!.toLowerCase()];
    if (years !== undefined && years > 0) out.push({ years, text: m[0], index: m.index });
  }
  return out;
}

export interface Anniversary {
  ordinal: number;
  /** What is being commemorated: "the establishment of diplomatic relations between …". */
  subject: string;
  text: string;
  index: number;
}

/** "the 48th anniversary of the establishment of …": the subject happened `ordinal` years before. */
export function findAnniversaries(sentence: string): Anniversary[] {
  const out: Anniversary[] = [];
  const pattern = /\b(\d{1,4})(?:st|nd|rd|th)\s+anniversary\s+of\s+(?:the\s+)?(.+?)(?=[,;.:]|\s+(?:was|is|will|which|who|when|falls|fell)\s|$)/gi;
  for (const m of sentence.matchAll(pattern)) {
    out.push({ ordinal: Number(m[1]), subject: m[2]!.trim(), text: m[0], index: m.index });
  }
  return out;
}
