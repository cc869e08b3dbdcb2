// Dates in Korean sentences, as KCNA's Korean service writes them: "2013년 6월 7일", "주체113(2024)년",
// "8월 21일", "17일부터 20일까지", "9월 8~24일", "지난 3월", "지난해", "올해", "1955년-1956년", and
// anniversaries ("64돐"). A year or month the sentence does not state comes from the reference
// (the article's date) and makes the date inferred, as on the English side.
import { isRealDay, makeDate, type PartialDate } from '../text/partial-date.js';
import type { DateContext, DateMention } from './dates.js';
import { resolveYearless } from './dates.js';

/** Fixed-day holidays named instead of their date. */
const HOLIDAYS: Record<string, [month: number, day: number]> = { 태양절: [4, 15], 광명성절: [2, 16] };

// One pass, longest forms first; each alternative names its parts.
const DATE = new RegExp(
  [
    // 주체113(2024)년 [6월 [7일]]
    String.raw`주체\s*\d{1,3}\s*\((?<jy>\d{4})\)\s*년(?:\s*(?<jm>\d{1,2})월(?:\s*(?<jd>\d{1,2})일)?)?`,
    // 1955년-1956년, 2013년 6월 7일, 2019년 10월, 1962년
    String.raw`(?<y>\d{4})년(?:\s*[-~–]\s*(?<y2>\d{4})년)?(?:\s*(?<m>\d{1,2})월(?:\s*(?<d>\d{1,2})일)?)?`,
    // 9월 8~24일, 8월 21일, 지난 3월, 3월
    String.raw`(?:지난\s*)?(?<mm>\d{1,2})월(?:\s*(?<md>\d{1,2})(?:\s*[~∼-]\s*\d{1,2})?일)?`,
    // 17일부터 20일까지 (from its first day), 20일에, 17일 (never 3일간, a duration)
    String.raw`(?<dd>\d{1,2})일(?:부터\s*\d{1,2}일까지)?(?!\s*(?:간|동안|만에|째))`,
    '(?<rel>지난해|올해|래년|작년|금년)',
    '(?<holiday>태양절|광명성절)',
  ].join('|'),
  'gu',
);

// The same digits inside a larger number ("120일", "2.94km2") are not a date.
const DIGIT_BEFORE = /[\d.]$/;

export function findKoreanDates(sentence: string, context: DateContext = {}): DateMention[] {
  const found: DateMention[] = [];
  const reference = context.reference;
  // "지난해", "올해": the year the story is in, the last it stated, else the article's.
  const storyYear = context.lastYear ?? reference?.year;
  for (const m of sentence.matchAll(DATE)) {
    if (m.index > 0 && DIGIT_BEFORE.test(sentence.slice(0, m.index))) continue;
    const g = m.groups!;
    const text = m[0];
    const at = (date: PartialDate | undefined) => {
      if (date) found.push({ date, index: m.index, length: text.length });
    };
    if (g.jy) at(stated(Number(g.jy), g.jm, g.jd, text));
    else if (g.y) at(stated(Number(g.y), g.y2 ? undefined : g.m, g.y2 ? undefined : g.d, text));
    else if (g.mm) {
      const month = Number(g.mm);
      const day = g.md ? Number(g.md) : undefined;
      if (month < 1 || month > 12) continue;
      at(resolveYearless(month, day, text, reference));
    } else if (g.dd) {
      if (reference?.precision !== 'DAY') continue;
      at(dayOfReferenceMonth(Number(g.dd), text, reference));
    } else if (g.rel && storyYear !== undefined) {
      const offset = g.rel === '지난해' || g.rel === '작년' ? -1 : g.rel === '래년' ? 1 : 0;
      at(makeDate(storyYear + offset, undefined, undefined, text, true));
    } else if (g.holiday && storyYear !== undefined) {
      const [month, day] = HOLIDAYS[g.holiday]!;
      at(makeDate(storyYear, month, day, text, true));
    }
  }
  return found;
}

function stated(year: number, month: string | undefined, day: string | undefined, text: string): PartialDate | undefined {
  const m = month ? Number(month) : undefined;
  const d = day ? Number(day) : undefined;
  if (m !== undefined && (m < 1 || m > 12)) return undefined;
  if (m !== undefined && d !== undefined && !isRealDay(year, m, d)) return undefined;
  return makeDate(year, m, d, text);
}

/** "20일": the reference's month, or the month before when that day is still to come. */
function dayOfReferenceMonth(day: number, text: string, reference: PartialDate): PartialDate | undefined {
  let { year, month } = reference as { year: number; month: number };
  if (day > reference.day!) [year, month] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return isRealDay(year, month, day) ? makeDate(year, month, day, text, true) : undefined;
}

/** "64돐", "서거 32돐": an anniversary's count, for the year of what it marks. */
export function findKoreanAnniversaries(sentence: string): { years: number; index: number; length: number }[] {
  return [...sentence.matchAll(/(\d{1,3})\s*(?:돐|돌|주년)/gu)].map((m) => ({ years: Number(m[1]), index: m.index, length: m[0].length }));
}
