import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/article.js';
import { processDocument } from '../src/ingest/pipeline.js';
import { parsePage } from '../src/parse/page.js';
import { isoOf } from '../src/text/partial-date.js';
import { seedPage } from './helpers/seed-page.js';

const doc = processDocument({ text: seedPage });
const full = doc.articles.find((a) => a.kind === 'FULL')!;
const nameOf = (key: string) => full.people.find((p) => p.key === key)?.name;
const byDate = (iso: string) => full.events.find((e) => isoOf(e.date) === iso);

describe('the seed article', () => {
  it('infers its publication year from "57 years ago" and October 28 1965, with the evidence', () => {
    expect(full.published).toBeDefined();
    expect(isoOf(full.published!.date)).toBe('2022');
    expect(full.published!.date).toMatchObject({ precision: 'YEAR', inferred: true });
    expect(full.published!.evidence).toMatch(/57 years ago.*October 28 1965/s);
  });

  it('reports the dated events with their precision and participants', () => {
    expect(full.events.map((e) => isoOf(e.date)).sort()).toEqual(['1965-10-28', '1974-06-24', '1992-04', '2011-09']);
    expect(byDate('1965-10-28')!.participants.map(nameOf).sort()).toEqual(['Kaysone Phomvihane', 'Kim Il Sung']);
    expect(byDate('1992-04')!.participants.map(nameOf).sort()).toEqual(['Kaysone Phomvihane', 'Kim Il Sung', 'Kim Jong Il']);
    // "He, with … Kim Jong Un, met Choummaly Saygnasone": "He" is Chairman Kim Jong Il of the sentence before.
    expect(byDate('2011-09')!.participants.map(nameOf).sort()).toEqual(['Choummaly Saygnasone', 'Kim Jong Il', 'Kim Jong Un']);
  });

  it('dates the 48th anniversary of diplomatic relations to June 24, 1974, inferred', () => {
    const e = byDate('1974-06-24')!;
    expect(e.date.inferred).toBe(true);
    expect(e.summary).toMatch(/^Establishment of diplomatic relations between the DPRK and the Lao/);
    expect(e.evidence).toMatch(/^June 24 is the 48th anniversary/);
  });

  it('keeps the sentence as evidence and a confidence between 0 and 1', () => {
    for (const e of full.events) {
      expect(full.body.replace(/\s+/g, ' ')).toContain(e.evidence.replace(/^He, /, 'He, ').slice(0, 40));
      expect(e.confidence).toBeGreaterThan(0);
      expect(e.confidence).toBeLessThan(1);
    }
  });
});

describe('teaser events', () => {
  const teaserEvents = doc.articles.filter((a) => a.kind === 'TEASER').flatMap((a) => a.events);
  it('resolve year-less dates against the listing date', () => {
    const plenary = teaserEvents.find((e) => /plenary meeting/.test(e.evidence))!;
    expect(isoOf(plenary.date)).toBe('2026-03-04');
    expect(plenary.date.inferred).toBe(true);
    const rally = teaserEvents.find((e) => /procession/.test(e.evidence))!;
    expect(isoOf(rally.date)).toBe('2026-02-27');
    expect(rally.location).toBe('Kim Il Sung Square');
  });

  it('keep stated historical dates and skip the lunar-calendar day', () => {
    expect(teaserEvents.map((e) => isoOf(e.date))).toEqual(expect.arrayContaining(['1945-08-15', '1946-03-05']));
    expect(teaserEvents.some((e) => /lunar/.test(e.evidence))).toBe(false);
  });
});

describe('probes', () => {
  const extract = (text: string) => parsePage(text).articles.map((a) => extractArticle(a));

  it('gives a year-less wire dateline the year of the page', () => {
    const [a] = extract('Talks Held\nPyongyang, May 25 (KCNA) — Talks were held here on May 24, 2025 between the two sides.');
    expect(a!.published && isoOf(a!.published.date)).toBeUndefined();
    const [b] = processDocument({
      text: 'Talks Held\nPyongyang, May 25 (KCNA) — Talks were held here.\nMore From KCNA\nA teaser\nMay 26, 2025',
    }).articles;
    expect(isoOf(b!.published!.date)).toBe('2025-05-25');
    expect(b!.published!.date.inferred).toBe(true);
  });

  it('finds no event in a sentence without a date, nor one without a happening', () => {
    const [a] = extract('Visit Report\nThe delegation visited the factory.\nIn March the air of spring is felt everywhere.');
    expect(a!.events).toEqual([]);
  });

  it('keeps a death with its month', () => {
    const [a] = extract('Obituary\nThe veteran Ri Chol Ho died in July 2019 in Pyongyang after a long illness.');
    expect(a!.events).toHaveLength(1);
    expect(a!.events[0]).toMatchObject({ kind: 'DEATH', location: 'Pyongyang' });
    expect(isoOf(a!.events[0]!.date)).toBe('2019-07');
    expect(a!.events[0]!.participants).toEqual(['richolho']);
  });
});
