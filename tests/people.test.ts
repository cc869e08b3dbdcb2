import { describe, expect, it } from 'vitest';
import { extractPeople } from '../src/extract/people.js';
import { canonicalName, isKoreanName, nameKey } from '../src/text/names.js';
import { decodeDocument } from '../src/ingest/decode.js';
import { processDocument } from '../src/ingest/pipeline.js';
import { splitSentences } from '../src/text/sentences.js';
import { SEED_PEOPLE, seedPage } from './helpers/seed-page.js';

const people = (text: string) => extractPeople(splitSentences(text).map((s) => s.text)).people;
const names = (text: string) =>
  people(text)
    .map((p) => p.name)
    .sort();

describe('people on the seed page', () => {
  const doc = processDocument({ text: seedPage });
  const all = new Map<string, { aliases: Set<string>; titles: Set<string> }>();
  for (const a of doc.articles)
    for (const p of a.people) {
      const entry = all.get(p.name) ?? { aliases: new Set(), titles: new Set() };
      for (const x of p.aliases) entry.aliases.add(x);
      for (const t of p.titles) entry.titles.add(t.text);
      all.set(p.name, entry);
    }

  it('finds exactly the 8 people the page names, each once', () => {
    expect([...all.keys()].sort()).toEqual(SEED_PEOPLE);
  });

  it('merges titled forms of one person and keeps the titles and roles', () => {
    const kim = all.get('Kim Il Sung')!;
    expect([...kim.aliases]).toEqual(expect.arrayContaining(['Premier Kim Il Sung', 'President Kim Il Sung']));
    expect([...kim.titles]).toEqual(expect.arrayContaining(['Premier', 'President']));
    expect([...all.get('Kaysone Phomvihane')!.titles].join(' | ')).toMatch(
      /general secretary of the Central Committee of the Lao People’s Revolutionary Party/,
    );
  });

  it('counts "the President" and "the Chairman" as mentions of the people last given those titles', () => {
    const full = doc.articles.find((a) => a.kind === 'FULL')!;
    const count = (n: string) => full.people.find((p) => p.name === n)!.count;
    // 4 by name + 5 as "the President" in the full article.
    expect(count('Kim Il Sung')).toBe(9);
    expect(count('Kim Jong Il')).toBe(6);
  });

  it('does not take Kim Il Sung Square for a person mention', () => {
    const teaser = doc.articles.find((a) => a.title.includes('Kim Il Sung Square'))!;
    expect(teaser.people).toEqual([]);
  });
});

describe('people in text written to probe the rules', () => {
  it('does not read places, buildings, prizes or works named after a person as the person', () => {
    expect(names('Students of Kim Il Sung University and Kim Chaek University of Technology gathered at Kim Il Sung Square.')).toEqual([]);
    expect(names('The Kim Il Sung Prize was given. Singers performed “Song of General Kim Il Sung” at the Kimilsungia Festival.')).toEqual(
      [],
    );
    expect(names('Tourists climbed Mt Paektu and visited Tal Gate in Sea Chilbo near Samjiyon City.')).toEqual([]);
  });

  it('reads foreign names given a title, a role or a verb of a person', () => {
    expect(names('President Vladimir Putin met Prime Minister Narendra Modi in Moscow.')).toEqual(['Narendra Modi', 'Vladimir Putin']);
    expect(names('Thongloun Sisoulith, general secretary of the LPRP, sent a message.')).toEqual(['Thongloun Sisoulith']);
    expect(names('The Central Committee and the National Assembly of Laos met.')).toEqual([]);
  });

  it('merges spelling variants of a Korean name under one canonical form', () => {
    const found = people('Kim Jong-un spoke. Later Kim Jong Un left. KIM JONG UN is not read but Kim Jong Un is.');
    expect(found.map((p) => p.name)).toEqual(['Kim Jong Un']);
    expect(found[0]!.aliases).toContain('Kim Jong-un');
    expect(canonicalName('Kim Jong-un')).toBe('Kim Jong Un');
    expect(nameKey('Kim Jong-un')).toBe(nameKey('kim jong un'));
  });

  it('tells romanised Korean names from English words', () => {
    expect(isKoreanName(['Ri', 'Son', 'Gwon'])).toBe(true);
    expect(isKoreanName(['Choe', 'Son', 'Hui'])).toBe(true);
    expect(isKoreanName(['Han', 'River'])).toBe(false);
    expect(isKoreanName(['No', 'One'])).toBe(false);
    expect(isKoreanName(['Song', 'The'])).toBe(false);
  });

  it('reads given names that end in syllables English also has ("Sun", "Ok"), but not such a word alone', () => {
    expect(isKoreanName(['Kim', 'Yong', 'Sun'])).toBe(true);
    expect(isKoreanName(['Ri', 'Ok', 'Sun'])).toBe(true);
    expect(isKoreanName(['Kim', 'Sun'])).toBe(false);
    expect(isKoreanName(['Kim', 'Ok'])).toBe(false);
    expect(isKoreanName(['Pak', 'The', 'Sun'])).toBe(false);
    expect(names('Premier Kim Yong Sun met Ri Ok Sun in Pyongyang on Sunday.')).toEqual(['Kim Yong Sun', 'Ri Ok Sun']);
    // A Title Case headline: the name ends where the syllables stop.
    expect(names('Kim Yong Nam Sun Rises Over Pyongyang')).toEqual(['Kim Yong Nam']);
  });

  it('resolves "the LPRP General Secretary" through the role given earlier', () => {
    const { people: found } = extractPeople([
      'Kaysone Phomvihane, general secretary of the Central Committee of the LPRP, arrived.',
      'He met the LPRP General Secretary again.',
    ]);
    expect(found.find((p) => p.name === 'Kaysone Phomvihane')!.count).toBe(2);
  });

  it('keeps the sentence of the first mention', () => {
    const [p] = people('The day was fine. Jo Jin Mi won a medal. Jo Jin Mi smiled.');
    expect(p).toMatchObject({ name: 'Jo Jin Mi', count: 2, firstSentence: 'Jo Jin Mi won a medal.' });
  });

  it('survives text with no people at all', () => {
    expect(names(decodeDocument('The weather was mild and the harvest was good.'))).toEqual([]);
  });
});
