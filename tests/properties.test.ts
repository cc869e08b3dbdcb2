// Property-based: for any text, the pipeline returns a well-formed result or a typed error;
// never anything else. And work stays proportional to the input on adversarial text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPeople } from '../src/extract/people.js';
import { findDates } from '../src/extract/dates.js';
import { DocumentError } from '../src/ingest/errors.js';
import { processDocument } from '../src/ingest/pipeline.js';
import { parsePage } from '../src/parse/page.js';
import { isoOf, rangeOf } from '../src/text/partial-date.js';
import { splitSentences } from '../src/text/sentences.js';

// Text that looks like news: names, titles, months, datelines, listing lines, noise.
const newsish = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        'Kim Il Sung',
        'President',
        'the President',
        'Comrade',
        'Kaysone Phomvihane,',
        'chairman of the',
        'March 06, 2026',
        'On October 28 1965,',
        'in April 1992',
        '57 years ago',
        'the 48th anniversary of',
        'More From Naenara (En)',
        'More Articles',
        'Pyongyang, May 25 (KCNA) —',
        '\n',
        '\n\n',
        '.',
        '“',
        '”',
        'Square',
        'met',
        'visited',
      ),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(' '));

function checkDocument(text: string | Uint8Array) {
  try {
    const doc = processDocument({ text });
    expect(doc.articles.length).toBeGreaterThan(0);
    for (const a of doc.articles) {
      expect(a.paragraphs.length).toBeGreaterThan(0);
      expect(typeof a.title).toBe('string');
      for (const p of a.people) {
        expect(p.count).toBeGreaterThan(0);
        expect(p.name.trim()).toBe(p.name);
      }
      for (const e of a.events) {
        const { start, end } = rangeOf(e.date);
        expect(start.getTime()).toBeLessThanOrEqual(end.getTime());
        expect(isoOf(e.date)).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
        expect(e.confidence).toBeGreaterThan(0);
        expect(e.confidence).toBeLessThan(1);
      }
    }
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentError);
  }
}

describe('properties of the pipeline', () => {
  it('any Unicode string: a document or a DocumentError', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), checkDocument), { numRuns: 300 });
  });

  it('any bytes: a document or a DocumentError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), checkDocument), { numRuns: 300 });
  });

  it('news-like text: a document or a DocumentError', () => {
    fc.assert(fc.property(newsish, checkDocument), { numRuns: 400 });
  });

  it('parsePage never loses a line into nowhere silently: every kept line is in an article or a warning', () => {
    fc.assert(
      fc.property(newsish, (text) => {
        const page = parsePage(text);
        for (const a of page.articles) for (const p of a.paragraphs) expect(p.length).toBeGreaterThan(0);
        expect(Array.isArray(page.warnings)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('dates found are real calendar dates with consistent precision', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1000, max: 2999 }),
        (day, month, year) => {
          const months = [
            'January',
            'February',
            'March',
            'April',
            'May',
            'June',
            'July',
            'August',
            'September',
            'October',
            'November',
            'December',
            'Smarch',
            'Undecember',
          ];
          for (const d of findDates(`It happened on ${months[month - 1]} ${day}, ${year} in the city.`)) {
            if (d.date.precision === 'DAY')
              expect(new Date(Date.UTC(d.date.year, d.date.month! - 1, d.date.day!)).getUTCDate()).toBe(d.date.day);
            expect(d.date.year).toBe(year);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('adversarial input stays proportional', () => {
  // Not a speed test: a guard against super-linear (catastrophic) regex or loop behaviour.
  // 16× the input costs about 16× when linear and 256× when quadratic; the bound (64) sits far
  // from both. Measured in this process's CPU time, not wall time, and the least of five runs:
  // a loaded machine delays a run (wall time) far more than it lengthens its work (a wall-clock
  // version once read 39× for linear work beside a benchmark).
  function ratio(build: (n: number) => string, run: (text: string) => unknown) {
    const time = (text: string) => {
      const start = process.cpuUsage();
      run(text);
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1000;
    };
    const least = (text: string) => Math.min(...Array.from({ length: 5 }, () => time(text)));
    const small = build(1_000);
    const large = build(16_000);
    time(small); // warm up
    return least(large) / Math.max(least(small), 0.5);
  }

  it.each([
    ['capitalised words', (n: number) => 'Kim Il Sung Square President Comrade '.repeat(n / 6)],
    ['sentences without spaces', (n: number) => 'a.B'.repeat(n)],
    ['dates without end', (n: number) => 'on March 4 in April 1992 '.repeat(n / 5)],
    ['one endless line of names', (n: number) => Array.from({ length: n }, (_, i) => `Ri Chol${i % 7 ? '' : ','} `).join('')],
  ])('%s', (_label, build) => {
    expect(ratio(build, (t) => extractPeople(splitSentences(t).map((s) => s.text)))).toBeLessThan(64);
    expect(ratio(build, (t) => processDocument({ text: t }))).toBeLessThan(64);
  });
});
