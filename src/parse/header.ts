// Lines that carry a page's publication date or outlet and no article text: archive headers
// ("Date: 14/04/2024 | Source: KCNA.kp (En) | Read original version at source"), date lines above
// a headline ("June 12. 2016 Juche 105", "Culture 2024.7.21.", "KCNA, 13 June 2000"), and KCNA's
// trailers ("www.kcna.kp (Juche112.11.28.)", a closing "2022-12-02"). Pure tests on one line.
import { isRealDay, makeDate, type PartialDate } from '../text/partial-date.js';
import { dateLine } from './lines.js';

export interface HeaderFacts {
  date?: PartialDate;
  /** The outlet as the header names it ("KCNA.kp (En)", "Pyongyang Times", "www.kcna.kp"). */
  outlet?: string;
}

/** The DPRK calendar: Juche 1 is 1912. */
export const jucheToYear = (juche: number) => juche + 1911;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const monthOf = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
// "Juche 105", "Juch 100" (a typo the archive keeps), "Juche105".
const JUCHE_TAIL = '(?:\\s+Juch?e?\\s*(\\d{1,3}))?';
const MONTH_DAY_YEAR = new RegExp(`^${MONTH}\\s+(\\d{1,2})[.,]?\\s+(\\d{4})${JUCHE_TAIL}\\.?$`, 'i');
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})\\s+${MONTH},?\\s+(\\d{4})$`, 'i');
const DOTTED = /^(?:(\p{Lu}[\p{L}&' -]{0,30}?)\s+)?(\d{4})\.(\d{1,2})\.(\d{1,2})\.?$/u;
const JUCHE_DATE = /\(?Juche\s*(\d{1,3})\.(\d{1,2})\.(\d{1,2})\.?\)?/;
const JUCHE_YEAR = /^Juche\s*(\d{1,3})(?:\s*\((\d{4})\))?\.?$/i;
const HOST = /^(?:https?:\/\/)?(www\.[\w-]+(?:\.[\w-]+)+)\/?$/i;
const OUTLET_WORDS = /\b(?:KCNA|Times|Sinmun|Agency|News|Radio|Voice|Naenara|Ministry|Press|Korea Today|Uriminzokkiri)\b/;

function day(year: number, month: number, d: number, text: string): PartialDate | undefined {
  return month >= 1 && month <= 12 && isRealDay(year, month, d) ? makeDate(year, month, d, text) : undefined;
}

/** "14/04/2024": day first as archives outside the US write it, unless the first number cannot be a month's day order. */
export function numericDate(text: string): PartialDate | undefined {
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (iso) return day(Number(iso[1]), Number(iso[2]), Number(iso[3]), text);
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!m) return undefined;
  const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return b > 12 && a <= 12 ? day(year, a, b, text) : day(year, b, a, text);
}

/** A date written any way a header writes one, alone. */
export function headerDate(text: string): PartialDate | undefined {
  const t = text.trim().replace(/^(?:date|published|posted|updated)\s*:?\s*/i, '');
  const mdy = MONTH_DAY_YEAR.exec(t);
  if (mdy) return day(Number(mdy[3]), monthOf(mdy[1]!), Number(mdy[2]), t);
  const dmy = DAY_MONTH_YEAR.exec(t);
  if (dmy) return day(Number(dmy[3]), monthOf(dmy[2]!), Number(dmy[1]), t);
  const juche = JUCHE_DATE.exec(t);
  if (juche && juche[0].length >= t.length - 2) return day(jucheToYear(Number(juche[1])), Number(juche[2]), Number(juche[3]), t);
  const year = JUCHE_YEAR.exec(t);
  if (year) return makeDate(year[2] ? Number(year[2]) : jucheToYear(Number(year[1])), undefined, undefined, t);
  return numericDate(t) ?? dateLine(t);
}

/** The facts of a header line, or undefined when the line is article text. */
export function headerLine(line: string): HeaderFacts | undefined {
  // Every header states a date (digits) or an outlet ("Source:", a host): most lines are ruled out here.
  if (line.length > 160 || !/\d|source|www\./i.test(line)) return undefined;
  if (line.includes('|')) return fieldsLine(line);
  const labelled = /^(date|source|published|posted)\s*:\s*(.+)$/i.exec(line);
  if (labelled) return field(labelled[1]!, labelled[2]!);
  const date = headerDate(line);
  if (date) return { date };
  const dotted = DOTTED.exec(line);
  if (dotted) {
    const d = day(Number(dotted[2]), Number(dotted[3]), Number(dotted[4]), line);
    return d ? { date: d } : undefined;
  }
  // "KCNA, 13 June 2000", "Pyongyang Times, February 18, 2025": an outlet (or a place) and a date.
  const named = /^(\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,3}),\s+(.+)$/u.exec(line);
  const namedDate = named ? headerDate(named[2]!) : undefined;
  if (named && namedDate) return { date: namedDate, ...(OUTLET_WORDS.test(named[1]!) ? { outlet: named[1]! } : {}) };
  const trailer = trailerOf(line);
  return trailer && trailer.rest === '' ? trailer.facts : undefined;
}

function fieldsLine(line: string): HeaderFacts | undefined {
  const facts: HeaderFacts = {};
  for (const part of line
    .split('|')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([\p{L} ]{2,20}?)\s*:\s*(.+)$/u.exec(part);
    if (m) Object.assign(facts, field(m[1]!, m[2]!));
    // Anything else must be boilerplate ("Read original version at source"), never a sentence.
    else if (/[.!?]$/.test(part) || part.split(/\s+/).length > 8) return undefined;
  }
  return facts.date || facts.outlet ? facts : undefined;
}

function field(label: string, value: string): HeaderFacts {
  if (/^(?:date|published|posted|updated)$/i.test(label.trim())) {
    const date = headerDate(value);
    return date ? { date } : {};
  }
  if (/^(?:source|outlet|publisher)$/i.test(label.trim())) return { outlet: value.trim() };
  return {};
}

/**
 * KCNA's closing stamp at the end of a line: "-0- (Juche111.10.7.)", "www.kcna.kp (Juche112.11.28.)".
 * Returns the facts and the line without the stamp.
 */
export function trailerOf(line: string): { facts: HeaderFacts; rest: string } | undefined {
  const m = /(?:^|\s)(?:(www\.[\w-]+(?:\.[\w-]+)+)\s*)?\(Juche\s*(\d{1,3})\.(\d{1,2})\.(\d{1,2})\.?\)\s*$/i.exec(line);
  if (m) {
    const date = day(jucheToYear(Number(m[2])), Number(m[3]), Number(m[4]), m[0].trim());
    if (!date) return undefined;
    return { facts: { date, ...(m[1] ? { outlet: m[1] } : {}) }, rest: line.slice(0, m.index).trim() };
  }
  const host = HOST.exec(line);
  return host ? { facts: { outlet: host[1]! }, rest: '' } : undefined;
}

/** "Title, KCNA June 1, 2019": a headline with the outlet and date appended. */
export function stampedHeadline(line: string): { title: string; facts: HeaderFacts } | undefined {
  const m = /^(.{8,}?),\s+(\p{Lu}{2,6}(?:\.\p{L}{2,3})?)\s+(.{6,30})$/u.exec(line);
  const date = m ? headerDate(m[3]!) : undefined;
  return m && date ? { title: m[1]!, facts: { date, outlet: m[2]! } } : undefined;
}
