// A date known only to some precision: "1992" or "April 1992" must never become a made-up day.

export type Precision = 'DAY' | 'MONTH' | 'YEAR';

export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
  precision: Precision;
  /** True when any part was not stated but worked out (a year-less date, "57 years ago"). */
  inferred: boolean;
  /** The words the date came from, as written. */
  text: string;
}

export function makeDate(year: number, month: number | undefined, day: number | undefined, text: string, inferred = false): PartialDate {
  const precision: Precision = day !== undefined && month !== undefined ? 'DAY' : month !== undefined ? 'MONTH' : 'YEAR';
  return {
    year,
    ...(month !== undefined ? { month } : {}),
    ...(precision === 'DAY' ? { day: day! } : {}),
    precision,
    inferred,
    text,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "1992", "1992-04" or "1992-04-15". */
export function isoOf(date: PartialDate): string {
  if (date.precision === 'YEAR') return pad(date.year, 4);
  if (date.precision === 'MONTH') return `${pad(date.year, 4)}-${pad(date.month!)}`;
  return `${pad(date.year, 4)}-${pad(date.month!)}-${pad(date.day!)}`;
}

/** First and last day the date covers, as UTC midnights. */
export function rangeOf(date: PartialDate): { start: Date; end: Date } {
  const { year, month, day } = date;
  if (date.precision === 'DAY') {
    const d = new Date(Date.UTC(year, month! - 1, day!));
    return { start: d, end: d };
  }
  if (date.precision === 'MONTH') {
    return { start: new Date(Date.UTC(year, month! - 1, 1)), end: new Date(Date.UTC(year, month!, 0)) };
  }
  return { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year, 11, 31)) };
}

/** True when a calendar day exists (rejects "February 30"). */
export function isRealDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Does `outer` cover all of `inner`? ("1965" covers "1965-10-28".) */
export function covers(outer: PartialDate, inner: PartialDate): boolean {
  const a = rangeOf(outer);
  const b = rangeOf(inner);
  return a.start <= b.start && b.end <= a.end;
}

const precisionRank: Record<Precision, number> = { YEAR: 0, MONTH: 1, DAY: 2 };
export const finerThan = (a: PartialDate, b: PartialDate) => precisionRank[a.precision] > precisionRank[b.precision];
