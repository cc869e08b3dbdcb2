// Recognisers for single lines of a page: the date lines of a listing, its header and footer,
// wire datelines and bylines. Each is a pure test on one line.
import * as chrono from 'chrono-node';
import { isKoreanName, isPlausibleName } from '../text/names.js';
import { isRealDay, makeDate, type PartialDate } from '../text/partial-date.js';

/** A line that is nothing but a full date: "March 06, 2026", "2026-03-06", "6 March 2026". */
export function dateLine(line: string): PartialDate | undefined {
  if (line.length > 40) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(line);
  if (iso) {
    const [y, m, d] = iso.slice(1).map(Number) as [number, number, number];
    return isRealDay(y, m, d) ? makeDate(y, m, d, line) : undefined;
  }
  const [result] = chrono.strict.parse(line, new Date(Date.UTC(2000, 0, 1)));
  if (!result || result.text.trim() !== line.replace(/^(?:on|published:?|posted:?|date:?)\s*/i, '').trim()) return undefined;
  if (!result.start.isCertain('year') || !result.start.isCertain('month') || !result.start.isCertain('day')) return undefined;
  return makeDate(result.start.get('year')!, result.start.get('month')!, result.start.get('day')!, line);
}

const LISTING_HEADER =
  /^(?:more\s+(?:from|in|on|of)\s+(.+?)|related\s+(?:articles|news|stories)|latest\s+(?:news|articles)|other\s+(?:articles|news)|also\s+read|read\s+more|recommended)\s*:?$/i;

/** "More From Naenara (En)" → { source: "Naenara (En)" }. */
export function listingHeader(line: string): { source?: string } | undefined {
  const m = LISTING_HEADER.exec(line);
  if (!m) return undefined;
  return m[1] && !/^(?:articles|news|stories)$/i.test(m[1]) ? { source: m[1].trim() } : {};
}

export const isFooter = (line: string) =>
  /^(?:more\s+(?:articles|news|stories)|back to top|top|home|print|share|previous|next|load more|©.*|copyright\b.*|all rights reserved.*)$/i.test(
    line,
  );

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DATELINE = new RegExp(
  `^(?:(\\p{Lu}[\\p{L} .'’-]{1,40}?),\\s+)?(${MONTH}\\s+\\d{1,2}(?:,?\\s+\\d{4})?|\\d{1,2}\\s+${MONTH}(?:\\s+\\d{4})?)\\s*\\(([\\p{Lu}][\\p{L}-]{1,15})\\)\\s*(?:[—–-]{1,2}|:)\\s*`,
  'u',
);

// "(평양 8월 21일발 조선중앙통신)", "(모스크바 8월 19일발 조선중앙통신)": the Korean service's dateline, a line of its own.
const KOREAN_DATELINE = /^\(([\uac00-\ud7a3]{1,12})\s+(\d{1,2}월\s*\d{1,2}일)발\s+([\uac00-\ud7a3]{2,12})\)\s*/u;

/** "Pyongyang, May 25 (KCNA) — text" → its parts and the text after it. */
export function dateline(line: string): { place?: string; dateText: string; agency: string; rest: string } | undefined {
  const m = DATELINE.exec(line) ?? KOREAN_DATELINE.exec(line);
  if (!m) return undefined;
  return { ...(m[1] ? { place: m[1] } : {}), dateText: m[2]!, agency: m[3]!, rest: line.slice(m[0].length) };
}

const ends = (line: string) => /[.!?…]["”’)]?$/.test(line);

/** A headline: short, capitalised, not a sentence that ends in a full stop. */
export function isHeadline(line: string): boolean {
  const words = line.split(/\s+/).length;
  // Hangul has no capitals: a Korean headline is a short line without the full stop of a sentence.
  return /^[\p{Lu}\p{N}"“‘《\uac00-\ud7a3]/u.test(line) && words <= 25 && line.length <= 200 && !ends(line) && !/[,;:]$/.test(line);
}

/** "Kim Sung Chan, chairman of …" or "By Ri Hyon Ju": who signed the article. */
export function bylineOf(line: string): { name: string; role?: string } | undefined {
  if (line.length > 250 || ends(line)) return undefined;
  const m = /^(by\s+)?(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3})(?:,\s+(\S.{2,220}))?$/iu.exec(line);
  if (!m) return undefined;
  const tokens = m[2]!.split(/\s+/);
  const nameLike = isKoreanName(tokens) || isPlausibleName(tokens);
  const role = m[3]?.trim();
  if (!nameLike || (!m[1] && !role && !isKoreanName(tokens))) return undefined;
  if (role && !/^\p{Ll}/u.test(role) && !/^(?:KCNA|Rodong|Pyongyang|Naenara)/.test(role)) return undefined;
  return { name: m[2]!, ...(role ? { role } : {}) };
}

export const endsLikeText = ends;
