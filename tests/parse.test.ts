import { describe, expect, it } from 'vitest';
import { decodeDocument } from '../src/ingest/decode.js';
import { DocumentError } from '../src/ingest/errors.js';
import { parsePage } from '../src/parse/page.js';
import { isoOf } from '../src/text/partial-date.js';
import { seedPage } from './helpers/seed-page.js';

describe('the seed Naenara page', () => {
  const page = parsePage(decodeDocument(seedPage));
  const full = page.articles.filter((a) => a.kind === 'FULL');
  const teasers = page.articles.filter((a) => a.kind === 'TEASER');

  it('names its source from the listing header', () => {
    expect(page.layout).toBe('portal');
    expect(page.sourceName).toBe('Naenara (En)');
  });

  it('has one full article of 19 paragraphs, signed by Kim Sung Chan', () => {
    expect(full).toHaveLength(1);
    expect(full[0]!.paragraphs).toHaveLength(19);
    expect(full[0]!.byline).toMatch(/^Kim Sung Chan, chairman of the DPRK-Laos Friendship Parliamentary Group/);
    expect(full[0]!.truncated).toBe(false);
  });

  it('keeps the listing out of the article body', () => {
    const body = full[0]!.paragraphs.join('\n');
    expect(body).not.toMatch(/More From|March 0\d, 2026|More Articles|Kim Sung Chan/);
  });

  it('reads 20 dated, truncated teasers without their repeated copies', () => {
    expect(teasers).toHaveLength(20);
    expect(teasers.every((t) => t.truncated)).toBe(true);
    const dates = teasers.map((t) => isoOf(t.statedDate!));
    expect(new Set(dates)).toEqual(new Set(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']));
    expect(new Set(teasers.map((t) => t.title)).size).toBe(20);
  });
});

describe('other layouts', () => {
  it('splits KCNA wire copy into items at their datelines, with headlines', () => {
    const page = parsePage(
      [
        'Kim Jong Un Inspects Construction Site',
        'Pyongyang, April 20 (KCNA) — Respected Comrade Kim Jong Un inspected the construction site of a hospital.',
        'He was accompanied by Jo Yong Won.',
        'Delegation Leaves for Laos',
        'Pyongyang, April 21 (KCNA) -- A delegation led by Kim Song Nam left here on Monday.',
      ].join('\n'),
    );
    expect(page.layout).toBe('wire');
    expect(page.sourceName).toBe('KCNA');
    expect(page.articles.map((a) => a.title)).toEqual(['Kim Jong Un Inspects Construction Site', 'Delegation Leaves for Laos']);
    expect(page.articles[0]!.paragraphs).toHaveLength(2);
    expect(page.articles[0]!.paragraphs[0]).toMatch(/^Respected Comrade/);
    expect(page.articles[1]!.dateline).toEqual({ place: 'Pyongyang', dateText: 'April 21', agency: 'KCNA' });
  });

  it('takes a headline line as the title of a page without a listing', () => {
    const page = parsePage('Spring Sowing Begins\nFarmers across the country started sowing on April 2.\nThe work goes on.');
    expect(page.layout).toBe('article');
    expect(page.articles).toHaveLength(1);
    expect(page.articles[0]!.title).toBe('Spring Sowing Begins');
    expect(page.articles[0]!.titleFromText).toBe(false);
    expect(page.articles[0]!.paragraphs).toEqual(['Farmers across the country started sowing on April 2.', 'The work goes on.']);
  });

  it('ingests an unknown layout as one article, with a warning', () => {
    const page = parsePage('some lowercase text that is not laid out like news at all.\nanother line, also odd.');
    expect(page.layout).toBe('unknown');
    expect(page.articles).toHaveLength(1);
    expect(page.warnings.join(' ')).toMatch(/unrecognised layout/);
  });

  it('reads a page made only of a listing, and says so', () => {
    const page = parsePage('More From KCNA\nFirst teaser about a meeting that was\n2025-05-01\nSecond teaser on sports\n2025-05-02');
    expect(page.layout).toBe('listing');
    expect(page.articles.map((a) => a.kind)).toEqual(['TEASER', 'TEASER']);
    expect(page.warnings.join(' ')).toMatch(/only a listing/);
  });

  it('reads "date, teaser" listings and reports stray lines', () => {
    const page = parsePage('Main text of the article ends here.\nMore From Example\nMay 2, 2025\nA teaser line\nstray line');
    const teasers = page.articles.filter((a) => a.kind === 'TEASER');
    expect(teasers).toHaveLength(1);
    expect(isoOf(teasers[0]!.statedDate!)).toBe('2025-05-02');
    expect(page.warnings.join(' ')).toMatch(/stray line/);
  });
});

describe('decoding refuses what is not a text page', () => {
  const code = (input: Uint8Array | string, max?: number) => {
    try {
      decodeDocument(input, max);
      return 'accepted';
    } catch (e) {
      return e instanceof DocumentError ? e.code : 'untyped';
    }
  };
  it.each([
    ['an empty file', '', 'EMPTY'],
    ['only whitespace', ' \n\t\n ', 'EMPTY'],
    ['binary bytes', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'BINARY'],
    ['Latin-1 bytes', new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6e]), 'ENCODING'],
  ])('%s', (_label, input, expected) => {
    expect(code(input)).toBe(expected);
  });
  it('a file over the size limit', () => {
    expect(code('a'.repeat(2000), 1000)).toBe('TOO_LARGE');
  });
  it('normalises line endings, BOM and no-break spaces', () => {
    expect(decodeDocument('\ufeffOne\u00a0two\r\nthree  \r\n')).toBe('One two\nthree');
  });
});
