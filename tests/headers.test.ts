import { describe, expect, it } from 'vitest';
import { processDocument } from '../src/ingest/pipeline.js';
import { outletOf } from '../src/ingest/outlet.js';
import { headerLine, numericDate } from '../src/parse/header.js';
import { parsePage } from '../src/parse/page.js';
import { isoOf } from '../src/text/partial-date.js';

const body = 'Kim Jong Un inspected the Ragwon Machine Complex on Monday.';
const published = (text: string) => {
  const doc = processDocument({ text });
  const article = doc.articles[0]!;
  return { date: article.published && isoOf(article.published.date), source: doc.source.name, titles: doc.articles.map((a) => a.title) };
};

describe('page headers and trailers', () => {
  it.each([
    ['Date: 14/04/2024 | Source: KCNA.kp (En) | Read original version at source', '2024-04-14', 'KCNA'],
    ['August 24. 2016 Juche 105', '2016-08-24', 'Unknown source'],
    ['December 27. 2011 Juch 100', '2011-12-27', 'Unknown source'],
    ['Culture 2024.7.21.', '2024-07-21', 'Unknown source'],
    ['KCNA, 13 June 2000', '2000-06-13', 'KCNA'],
    ['February 18, 2025', '2025-02-18', 'Unknown source'],
    ['Juche 109 (2020)', '2020', 'Unknown source'],
    ['Juche 105', '2016', 'Unknown source'],
    [
      'Date: 05/08/2022 | Source: Ministry of Foreign Affairs (EN) | Read original version at source',
      '2022-08-05',
      'Ministry of Foreign Affairs',
    ],
  ])('reads "%s" above the headline as the date and outlet, never as an article', (header, date, source) => {
    const page = published(`${header}\nInspection of Machine Complex\n${body}`);
    expect(page).toEqual({ date, source, titles: ['Inspection of Machine Complex'] });
    // Before or after the headline alike.
    expect(published(`Inspection of Machine Complex\n${header}\n${body}`)).toEqual(page);
  });

  it('reads KCNA trailers after the text, with or without the host and the end mark', () => {
    for (const ending of [' -0- (Juche112.11.28.)', ' (Juche112.11.28.)', '\nwww.kcna.kp (Juche112.11.28.)']) {
      expect(published(`Inspection of Machine Complex\n${body}${ending}`).date).toBe('2023-11-28');
    }
    expect(published(`Inspection of Machine Complex\n${body}\n2022-12-02`).date).toBe('2022-12-02');
    const stamped = parsePage(`Machine Complex Inspected\n${body}\nwww.kcna.kp (Juche112.11.28.)`);
    expect(stamped.articles[0]!.paragraphs).toEqual([body]);
  });

  it('takes a headline that carries its outlet and date apart', () => {
    expect(published(`Machine Complex Inspected, KCNA June 1, 2019\n${body}`)).toEqual({
      date: '2019-06-01',
      source: 'KCNA',
      titles: ['Machine Complex Inspected'],
    });
  });

  it('dates the page by its header and counts weekdays from the dateline, given the header year', () => {
    // The archive dated the page Monday April 15, 2024; the agency's dateline is Sunday April 14.
    const doc = processDocument({
      text: `Machine Complex Inspected\nDate: 15/04/2024 | Source: KCNA.kp (En)\nPyongyang, April 14 (KCNA) -- ${body}`,
    });
    const article = doc.articles[0]!;
    expect(isoOf(article.published!.date)).toBe('2024-04-15');
    expect(article.events.map((e) => isoOf(e.date))).toEqual(['2024-04-08']);
  });

  it('states no year where the text gives none: not from the URL, not from the clock', () => {
    const doc = processDocument({
      text: `Machine Complex Inspected\nPyongyang, April 14 (KCNA) -- ${body}`,
      url: 'https://kcnawatch.org/newstream/1713081600-1/2024/machine',
    });
    expect(doc.articles[0]!.published).toBeUndefined();
    expect(doc.articles[0]!.events).toEqual([]);
    expect(doc.source.name).toBe('KCNA');
  });

  it('leaves article text alone', () => {
    for (const line of [
      'Pyongyang, May 5 (KCNA) -- Short.',
      'Political News Team',
      'Kim Jong Un Sends Congratulations to Xi Jinping',
      'Talks were held | in Pyongyang on Monday.',
    ]) {
      expect(headerLine(line)).toBeUndefined();
    }
  });

  it('reads numeric dates day first unless the numbers say otherwise', () => {
    expect(isoOf(numericDate('03/04/2024')!)).toBe('2024-04-03');
    expect(isoOf(numericDate('04/13/2024')!)).toBe('2024-04-13');
    expect(isoOf(numericDate('2024-4-3')!)).toBe('2024-04-03');
    expect(numericDate('31/02/2024')).toBeUndefined();
  });
});

describe('outlets', () => {
  it('are one source however archives spell them', () => {
    const slugs = (names: string[]) => new Set(names.map((n) => outletOf(n, '').slug));
    expect(slugs(['KCNA.kp (En)', 'KCNA', 'www.kcna.kp', 'kcna.kp'])).toEqual(new Set(['kcna']));
    expect(slugs(['The Pyongyang Times', 'Pyongyang Times', 'www.pyongyangtimes.com.kp'])).toEqual(new Set(['pyongyangtimes']));
    expect(slugs(['Rodong Sinmun (En)', 'Rodong Sinmun'])).toEqual(new Set(['rodongsinmun']));
    expect(outletOf('Voice of Korea (EN)', '')).toEqual({ name: 'Voice of Korea', slug: 'voiceofkorea', language: 'en' });
    expect(outletOf('Naenara (Ko)', '').language).toBe('ko');
  });

  it('are never the archive the page was fetched from', () => {
    const doc = processDocument({
      text: `Date: 14/04/2024 | Source: Pyongyang Times | Read original version at source\nTalks Held\n${body}`,
      url: 'https://kcnawatch.org/newstream/1/talks',
    });
    expect(doc.source.slug).toBe('pyongyangtimes');
    expect(doc.url).toBe('https://kcnawatch.org/newstream/1/talks');
  });
});

describe('the corpus generator', () => {
  it('writes header layouts the pipeline reads: the header day is the publication day, its weekday news the days before', async () => {
    const { generateCorpus } = await import('../bench/corpus.js');
    const headered = [...generateCorpus({ docs: 200, seed: 3 })].filter((p) => /^Date: |Juche \d+$|^www\.kcna\.kp/m.test(p.text));
    expect(headered.length).toBeGreaterThan(10);
    for (const page of headered) {
      const first = processDocument({ text: page.text, key: page.name }).articles[0]!;
      expect(first.published?.date.precision).toBe('DAY');
      const weekday = first.events.find((e) => /day$/.test(e.date.text))!;
      const days =
        (Date.UTC(first.published!.date.year, first.published!.date.month! - 1, first.published!.date.day!) -
          Date.UTC(weekday.date.year, weekday.date.month! - 1, weekday.date.day!)) /
        86_400_000;
      expect(days).toBeGreaterThanOrEqual(0);
      expect(days).toBeLessThan(7);
    }
  });
});
