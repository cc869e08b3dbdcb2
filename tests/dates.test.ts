import { describe, expect, it } from 'vitest';
import { findAnniversaries, findYearsAgo } from '../src/extract/anniversaries.js';
import { findDates } from '../src/extract/dates.js';
import { isoOf, makeDate, rangeOf } from '../src/text/partial-date.js';

const reference = makeDate(2026, 3, 6, 'March 06, 2026');
const dates = (s: string, lastYear?: number) =>
  findDates(s, { reference, ...(lastYear ? { lastYear } : {}) }).map((d) => `${isoOf(d.date)}${d.date.inferred ? '~' : ''}`);

describe('date expressions', () => {
  it.each([
    ['On October 28 1965, Kim Il Sung welcomed him', ['1965-10-28']],
    ['on his fourth visit to the DPRK in April 1992.', ['1992-04']],
    ['in September 2011, the last year of his life', ['2011-09']],
    ['It was adopted in 1946 by the assembly.', ['1946']],
    ['on 25 May 2024 the team returned', ['2024-05-25']],
  ])('keeps the precision the text gives: %s', (sentence, expected) => {
    expect(dates(sentence)).toEqual(expected);
  });

  it('reads "the end of" a month as its last day wherever the date stands in a long sentence, and not inside "weekend of"', () => {
    // chrono's refiner for "end of" is handed only the text just before each date (src/extract/dates.ts).
    const far = `${'and then '.repeat(40)}by the end of March 2024 and ${'so on '.repeat(60)}at the end of April 2020`;
    const found = findDates(far, { reference });
    expect(found.map((d) => [isoOf(d.date), d.date.text, far.slice(d.index, d.index + d.length)])).toEqual([
      ['2024-03-31', 'end of March 2024', 'end of March 2024'],
      ['2020-04-30', 'end of April 2020', 'end of April 2020'],
    ]);
    // "end" of "weekend" starting exactly 64 characters before the date: no "end of" there.
    expect(dates(`the weekend${' '.repeat(58)}of March 2024 was cold`)).toEqual(['2024-03']);
  });

  it('gives a year-less date the article year, flagged as inferred', () => {
    expect(dates('The meeting was held on March 4 to implement the decision.')).toEqual(['2026-03-04~']);
  });

  it('puts a year-less date that would lie in the future into the previous year', () => {
    expect(dates('The harvest ended on December 20.')).toEqual(['2025-12-20~']);
  });

  it('reads "in October that year" against the last year stated', () => {
    expect(dates('One day in October that year the leader came.', 1945)).toEqual(['1945-10~']);
  });

  it('refuses what is not a placeable date', () => {
    expect(dates('The first full moon day (January 15th by the lunar calendar) came.')).toEqual([]);
    expect(dates('March forward to victory!')).toEqual([]);
    expect(dates('It rises 2 750m above sea level; 1200 people came.')).toEqual([]);
    expect(dates('It was signed on February 30, 2020.')).toEqual([]);
  });

  it('resolves relative words only against a reference day, never without one', () => {
    // March 6, 2026 is a Friday: "on Monday" is the Monday before it, "Friday" the day itself.
    expect(dates('We met last year and on Monday.')).toEqual(['2025~', '2026-03-02~']);
    expect(dates('They talked in Pyongyang Friday.')).toEqual(['2026-03-06~']);
    expect(dates('He arrived yesterday; the talks open today.')).toEqual(['2026-03-05~', '2026-03-06~']);
    expect(dates('It was built last month and opened this year.')).toEqual(['2026-02~', '2026~']);
    expect(dates('They will meet next Monday.')).toEqual([]);
    expect(dates('Over the last year output grew.')).toEqual([]);
    expect(findDates('We met last year and on Monday.', {})).toEqual([]);
    expect(findDates('We met on Monday.', { reference: makeDate(2026, 3, undefined, 'March 2026') })).toEqual([]);
  });

  it('reads a date beside a time of day or a relative word as the date alone', () => {
    const texts = (s: string) => findDates(s, { reference }).map((d) => [isoOf(d.date), d.date.text]);
    expect(texts('At 10:00 on May 5, 2024, the delegation arrived.')).toEqual([['2024-05-05', 'May 5, 2024']]);
    expect(texts('On 5 May 2024 at noon the ship was launched.')).toEqual([['2024-05-05', '5 May 2024']]);
    // A time after it once made chrono swallow the date into a time it refused.
    expect(dates('On the morning of March 2 he left at 9:30 a.m.')).toEqual(['2026-03-02~']);
    expect(dates('Three days ago, on February 2, they met.')).toEqual(['2026-02-02~']);
  });

  it('never invents a year for a year-less date without a reference', () => {
    expect(findDates('It was held on March 4.', {})).toEqual([]);
  });

  it('finds "N years ago" and ordinal anniversaries with their subject', () => {
    expect(findYearsAgo('The friendship began 57 years ago when they met.').map((y) => y.years)).toEqual([57]);
    expect(findYearsAgo('It happened ten years ago.').map((y) => y.years)).toEqual([10]);
    const [a] = findAnniversaries(
      'June 24 is the 48th anniversary of the establishment of diplomatic relations between the DPRK and Laos.',
    );
    expect(a).toMatchObject({ ordinal: 48, subject: 'establishment of diplomatic relations between the DPRK and Laos' });
  });

  it('gives each precision its range', () => {
    expect(
      rangeOf(makeDate(1992, 4, undefined, ''))
        .end.toISOString()
        .slice(0, 10),
    ).toBe('1992-04-30');
    expect(
      rangeOf(makeDate(1992, undefined, undefined, ''))
        .start.toISOString()
        .slice(0, 10),
    ).toBe('1992-01-01');
  });
});
