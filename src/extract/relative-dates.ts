// Dates that mean something only against the article's own date: "on Tuesday", "today",
// "yesterday", "last year", "this month". Each is resolved against the reference (the dateline's
// or the publication's day) and marked inferred; without a reference there is no date to give.
import { makeDate, type PartialDate } from '../text/partial-date.js';
import type { DateMention } from './dates.js';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
// A weekday of the past: "on Tuesday", "in Pyongyang Tuesday", "last Sunday"; never "next Monday".
const WEEKDAY =
  /\b(?<!(?:next|coming|every|each|following)\s)(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b(?!['’]s\b|\s+(?:and|or)\s+(?:Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day)/g;
const DAY_WORDS = /\b(today|tonight|this morning|this afternoon|this evening|yesterday)\b/gi;
// "last year", "this month": the period itself; "the last year" means the past twelve months.
const PERIOD = /\b(?<!the\s)(last|this)\s+(year|month)\b/gi;

const DAY_MS = 86_400_000;
// Every form above has one of these: most sentences are ruled out before the patterns run.
const MAY_BE_RELATIVE = /day|last|this|tonight/i;

export function findRelativeDates(sentence: string, reference: PartialDate | undefined): DateMention[] {
  if (!reference || !MAY_BE_RELATIVE.test(sentence)) return [];
  const found: DateMention[] = [];
  const refDay = reference.precision === 'DAY' ? Date.UTC(reference.year, reference.month! - 1, reference.day!) : undefined;
  if (refDay !== undefined) {
    for (const m of sentence.matchAll(WEEKDAY)) {
      // The latest such day on or before the reference: wire copy reports what already happened.
      const back = (new Date(refDay).getUTCDay() - WEEKDAYS.indexOf(m[1]!.toLowerCase()) + 7) % 7;
      found.push(mention(new Date(refDay - back * DAY_MS), m[1]!, m.index));
    }
    for (const m of sentence.matchAll(DAY_WORDS)) {
      const back = m[1]!.toLowerCase() === 'yesterday' ? 1 : 0;
      found.push(mention(new Date(refDay - back * DAY_MS), m[1]!, m.index));
    }
  }
  for (const m of sentence.matchAll(PERIOD)) {
    const last = m[1]!.toLowerCase() !== 'this';
    if (m[2]!.toLowerCase() === 'year') {
      found.push({
        date: makeDate(reference.year - (last ? 1 : 0), undefined, undefined, m[0], true),
        index: m.index,
        length: m[0].length,
      });
    } else if (reference.month !== undefined) {
      const at = new Date(Date.UTC(reference.year, reference.month - 1 - (last ? 1 : 0), 1));
      found.push({ date: makeDate(at.getUTCFullYear(), at.getUTCMonth() + 1, undefined, m[0], true), index: m.index, length: m[0].length });
    }
  }
  return found;
}

function mention(day: Date, text: string, index: number): DateMention {
  return { date: makeDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), text, true), index, length: text.length };
}
