// Korean editions (issue 18): Hangul pages parsed, Korean dates and names read, names romanised
// as KCNA's English service writes them, so one person answers to both spellings.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractKoreanPeople } from '../src/extract/korean.js';
import { findKoreanDates } from '../src/extract/korean-dates.js';
import { loadFiles } from '../src/ingest/files.js';
import { processDocument } from '../src/ingest/pipeline.js';
import { romanizeKoreanName } from '../src/text/korean.js';
import { isoOf, makeDate } from '../src/text/partial-date.js';
import { openApi, TEST_TOKEN, type Api } from './helpers/api.js';
import { backends, dropScratchDatabases } from './helpers/db.js';
import { createNewsgraphYoga } from '../src/yoga.js';
import { upkeepSettled } from '../src/db/after-writes.js';

afterAll(dropScratchDatabases);

const korean = (file: string) => readFile(new URL(`../eval/korean/${file}`, import.meta.url), 'utf8');

describe('romanising Korean names as KCNA English does', () => {
  it.each([
    ['김정은', 'Kim Jong Un'],
    ['최선희', 'Choe Son Hui'],
    ['리선권', 'Ri Son Gwon'],
    ['김성국', 'Kim Song Guk'],
    ['박봉주', 'Pak Pong Ju'],
    ['태형철', 'Thae Hyong Chol'],
    ['김여정', 'Kim Yo Jong'],
    ['류명선', 'Ryu Myong Son'],
    ['림철', 'Rim Chol'],
    ['백은철', 'Paek Un Chol'],
    ['김덕훈', 'Kim Tok Hun'],
    ['김일성', 'Kim Il Sung'],
  ])('%s is %s', (hangul, english) => {
    expect(romanizeKoreanName(hangul)).toBe(english);
  });
});

describe('Korean dates', () => {
  const reference = makeDate(2026, 8, 21, '8월 21일', true);
  const dates = (sentence: string, lastYear?: number) =>
    findKoreanDates(sentence, { reference, ...(lastYear ? { lastYear } : {}) }).map(
      (d) => `${isoOf(d.date)}/${d.date.precision}${d.date.inferred ? '~' : ''}`,
    );

  it.each([
    ['회의가 8월 21일 진행되였다.', ['2026-08-21/DAY~']],
    ['강습이 17일부터 20일까지 진행되였다.', ['2026-08-17/DAY~']],
    ['전시회가 9월 8~24일 열린다.', ['2025-09-08/DAY~']],
    ['지난 3월 39조US$를 돌파하였다.', ['2026-03/MONTH~']],
    ['2013년 6월 7일 방문하시였다.', ['2013-06-07/DAY']],
    ['주체113(2024)년에 준공되였다.', ['2024/YEAR']],
    ['1955년-1956년에 탐사되였다.', ['1955/YEAR']],
    ['2019년 10월 어느날 찾으시였다.', ['2019-10/MONTH']],
    ['올해에 들어와 배출되였다.', ['2026/YEAR~']],
    ['태양절을 맞으며 모임이 있었다.', ['2026-04-15/DAY~']],
    ['광명성절에 즈음하여 공연이 있었다.', ['2026-02-16/DAY~']],
  ])('%s', (sentence, expected) => {
    expect(dates(sentence)).toEqual(expected);
  });

  it('counts "지난해" from the year the story is in, and reads no date in a duration, a measure or a bare number', () => {
    expect(dates('지난해부터 씨를 뿌리였다.', 2019)).toEqual(['2018/YEAR~']);
    expect(dates('5개월만에 3일간 42~50°C로 20~25분씩 12~15번 치료한다.')).toEqual([]);
    expect(dates('면적이 2.94km2이며 120일 걸렸다.')).toEqual([]);
  });
});

describe('Korean names', () => {
  const people = (sentence: string) => extractKoreanPeople([sentence]).people.map((p) => p.name);

  it('reads a name with its honorific or title written onto it, or an office before it', () => {
    expect(people('경애하는 김정은동지께서는 현지를 돌아보시였다.')).toEqual(['Kim Jong Un']);
    expect(people('경애하는 아버지 김정은원수님을 만나뵈였다.')).toEqual(['Kim Jong Un']);
    expect(people('김일성주석께서 계시였기에')).toEqual(['Kim Il Sung']);
    expect(people('리남순할머니는 회고하였다.')).toEqual(['Ri Nam Sun']);
    expect(people('외무상 최선희동지가 참가하였다.')).toEqual(['Choe Son Hui']);
    expect(people('외무상 최선희는 담화를 발표하였다.')).toEqual(['Choe Son Hui']);
  });

  it('keeps a foreign name in its Korean transcription, and reads no one in an organisation or a country', () => {
    expect(people('로씨야외무상 쎄르게이 라브로브가 기자회견에서 말하였다.')).toEqual(['쎄르게이 라브로브']);
    expect(people('로씨야련방 대통령 울라지미르 뿌찐동지와 회담하시였다.')).toEqual(['울라지미르 뿌찐']);
    expect(people('뿌찐대통령과 회담하시였다.')).toEqual(['뿌찐']);
    expect(people('김일성종합대학과 차광수청년돌격대 성원들이 참가하였다.')).toEqual([]);
    expect(people('로씨야대통령은 말하였다.')).toEqual([]);
    expect(people('로동자동지들과 지배인동지, 반장동무가 참가하였다.')).toEqual([]);
  });

  it("reads a leader's epithet as the leader the article has named, and as no one otherwise", () => {
    const { people, bySentence } = extractKoreanPeople([
      '경애하는 김정은동지께서는 농장을 찾으시였다.',
      '전망대에 오르신 경애하는 총비서동지께서는 말씀하시였다.',
      '위대한 수령님께서 오시였다.',
    ]);
    expect(people.map((p) => [p.name, p.count])).toEqual([['Kim Jong Un', 2]]);
    expect(bySentence.map((spans) => spans.map((s) => `${s.key}/${s.via}`))).toEqual([['kimjongun/name'], ['kimjongun/reference'], []]);
  });

  it('gives the person both spellings: the romanised name and the Hangul forms as aliases', () => {
    const [person] = extractKoreanPeople(['김정은동지께서 오시였다.', '김정은원수님께서 말씀하시였다.']).people;
    expect(person).toMatchObject({ name: 'Kim Jong Un', key: 'kimjongun', count: 2 });
    expect(person!.aliases).toEqual(['김정은', '김정은동지', '김정은원수님']);
  });
});

describe('a Korean page through the pipeline', () => {
  it('reads headline, dateline, body without "(끝)", language, and dates it from the caller only where the text has no year', async () => {
    const text = await korean('01.txt');
    const doc = processDocument({ text, publishedAt: '2026-08-21' });
    const [article] = doc.articles;
    expect(doc.source).toMatchObject({ language: 'ko' });
    expect(article).toMatchObject({ title: '시,군청년동맹위원장강습 진행', language: 'ko', titleFromText: false });
    expect(article!.dateline).toEqual({ place: '평양', dateText: '8월 21일', agency: '조선중앙통신' });
    expect(article!.paragraphs.at(-1)).not.toContain('(끝)');
    expect(isoOf(article!.published!.date)).toBe('2026-08-21');
    expect(article!.published!.evidence).toBe('dateline "8월 21일"; year from the date supplied by the caller');
    expect(article!.events.map((e) => isoOf(e.date))).toEqual(['2026-08-17']);
    // Without the caller's date the dateline has no year: no publication date, no year-less event invented.
    expect(processDocument({ text }).articles[0]!.published).toBeUndefined();
    // A page that states its year keeps it whatever the caller says.
    const english = processDocument({
      text: 'Talks Held\nDate: 14/04/2024 | Source: KCNA\nRi Chol Ho met the guests on Saturday.',
      publishedAt: '2026-01-01',
    });
    expect(isoOf(english.articles[0]!.published!.date)).toBe('2024-04-14');
  });

  it('refuses a caller date that is not one', () => {
    expect(() => processDocument({ text: '시험\n\n회의가 진행되였다.', publishedAt: '21/08/2026' })).toThrow(/YYYY-MM-DD/);
  });

  it('reads the date from a NAME.meta.json sidecar, which is never loaded as a page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsgraph-meta-'));
    await writeFile(join(dir, 'item.txt'), await korean('08.txt'));
    await writeFile(
      join(dir, 'item.meta.json'),
      JSON.stringify({ publishedAt: '2026-08-19', url: 'http://www.kcna.kp/kp/article/q/probe.kcmsf' }),
    );
    const docs: string[] = [];
    const backend = backends[0]!;
    const db = await backend.open();
    try {
      const summary = await loadFiles(db.prisma, [dir], (line) => docs.push(line));
      expect(summary).toMatchObject({ documents: 1, created: 1, failures: [] });
      const article = await db.prisma.article.findFirstOrThrow({ include: { document: true } });
      expect(article.publishedStart?.toISOString().slice(0, 10)).toBe('2026-08-19');
      expect(article.document.url).toBe('http://www.kcna.kp/kp/article/q/probe.kcmsf');
      expect(article.language).toBe('ko');
    } finally {
      await db.close();
    }
  });
});

describe.each(backends)('one person across languages on $name', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await openApi(backend);
    const ingest = `mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { status articles { id language } } }`;
    const auth = { authorization: `Bearer ${TEST_TOKEN}` };
    const english = await readFile(new URL('../eval/real/06.txt', import.meta.url), 'utf8');
    for (const [text, publishedAt] of [
      [english, undefined],
      [await korean('04.txt'), '2026-08-21'],
      [await korean('10.txt'), '2026-08-08'],
    ] as const) {
      const r = await api.gql(ingest, { input: { text, ...(publishedAt ? { publishedAt } : {}) } }, auth);
      expect(r.errors).toBeUndefined();
    }
  });
  afterAll(() => api.db.close());

  it('answers 김정은 and Kim Jong Un with the same node, whose articles are in both languages', async () => {
    const query = `query($name: String!) { person(name: $name) { id name aliases articles(first: 10) { nodes { language } } } }`;
    const [hangul, latin] = await Promise.all([api.gql(query, { name: '김정은' }), api.gql(query, { name: 'Kim Jong Un' })]);
    expect(hangul.data.person.id).toBe(latin.data.person.id);
    expect(latin.data.person.name).toBe('Kim Jong Un');
    expect(latin.data.person.aliases).toEqual(expect.arrayContaining(['김정은', '김정은동지']));
    const languages = latin.data.person.articles.nodes.map((n: { language: string }) => n.language);
    expect(new Set(languages)).toEqual(new Set(['en', 'ko']));
  });

  it("says why each spelling is the person's: the Hangul ones by their romanisation", async () => {
    const r = await api.gql(`{ person(name: "Kim Jong Un") { spellings { text via } } }`);
    const via = Object.fromEntries(r.data.person.spellings.map((s: { text: string; via: string | null }) => [s.text, s.via]));
    expect(via.김정은).toBe("김정은 romanised as KCNA's English service writes Korean names: Kim Jong Un");
    expect(via['Kim Jong Un']).toBeNull();
  });

  it('filters articles by language, and refuses a language that is no code', async () => {
    const r = await api.gql(`{ articles(filter: { language: "ko" }) { totalCount nodes { language title } } }`);
    expect(r.data.articles.totalCount).toBe(2);
    expect(r.data.articles.nodes.every((n: { language: string }) => n.language === 'ko')).toBe(true);
    const bad = await api.gql(`{ articles(filter: { language: "Korean" }) { totalCount } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('finds Korean words inside the longer words Korean writes, marked in the snippet, on both read paths', async () => {
    const query = `query($q: String!) { search(query: $q) { totalCount edges { highlight node { language title } } } }`;
    const r = await api.gql(query, { q: '리남순' });
    expect(r.data.search.totalCount).toBe(1);
    expect(r.data.search.edges[0].node.language).toBe('ko');
    // Written "리남순할머니에게" in the text: found by its syllable pairs, marked where it stands.
    expect(r.data.search.edges[0].highlight).toContain('<mark>리남순</mark>할머니');
    // Two Korean words must both be there; a Korean and an English word too.
    expect((await api.gql(query, { q: '교향악단 김정은' })).data.search.totalCount).toBe(1);
    expect((await api.gql(query, { q: '교향악단 Pyongyang' })).data.search.totalCount).toBe(0);
    expect((await api.gql(query, { q: '남순리' })).data.search.totalCount).toBe(0);
    // "-" excludes a Korean word as it does an English one.
    expect((await api.gql(query, { q: '교향악단 -김정은' })).data.search.totalCount).toBe(0);
    const excluded = (await api.gql(query, { q: '리남순 -교향악단' })).data.search;
    expect(excluded.totalCount).toBe(1);
    expect(excluded.edges[0].highlight).not.toContain('<mark>교향악단</mark>');
    // The English side is untouched: an English word still finds the English page.
    expect(
      (await api.gql(query, { q: 'Kim Jong Un' })).data.search.edges.map((e: { node: { language: string } }) => e.node.language),
    ).toContain('en');
    // The resolvers answer as the compiled read does.
    const resolvers = createNewsgraphYoga({ prisma: api.db.prisma, readValue: api.db.readValue, tokens: [], compiledReads: false });
    const viaResolvers = await resolvers.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { q: '리남순' } }),
    });
    expect(await viaResolvers.json()).toEqual({ data: r.data });
  });

  it("links a foreign name in Korean transcription to its English name by the archive's evidence alone, with how sure and why", async () => {
    const ingest = `mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { status } }`;
    const auth = { authorization: `Bearer ${TEST_TOKEN}` };
    const query = `query($name: String!) { person(name: $name) { name sameAs { confidence via person { name } } } }`;
    const korean = [
      '로씨야외무상과 회담',
      '(모스크바 8월 17일발 조선중앙통신)',
      '로씨야외무상 쎄르게이 라브로브가 17일 모스크바에서 외무상 최선희동지와 회담하였다.(끝)',
    ].join('\n\n');
    const english = [
      'Choe Son Hui Holds Talks with Russian Foreign Minister',
      'Pyongyang, August 18 (KCNA) -- Choe Son Hui, minister of Foreign Affairs of the DPRK, held talks with Sergei Lavrov, foreign minister of Russia, in Moscow on August 17, 2026.',
    ].join('\n\n');
    await api.gql(ingest, { input: { text: korean, publishedAt: '2026-08-17' } }, auth);
    await upkeepSettled(api.db.prisma);
    // One report alone is no evidence: no link is guessed.
    expect((await api.gql(query, { name: '쎄르게이 라브로브' })).data.person.sameAs).toEqual([]);
    await api.gql(ingest, { input: { text: english } }, auth);
    await upkeepSettled(api.db.prisma);
    const linked = (await api.gql(query, { name: '쎄르게이 라브로브' })).data.person;
    expect(linked.sameAs).toEqual([
      {
        confidence: 0.5,
        via: '쎄르게이 라브로브 and Sergei Lavrov: reported with Choe Son Hui on 2026-08-17, in Korean and in English',
        person: { name: 'Sergei Lavrov' },
      },
    ]);
    // Both ways, and still two persons.
    const back = (await api.gql(query, { name: 'Sergei Lavrov' })).data.person;
    expect(back.sameAs.map((l: { person: { name: string } }) => l.person.name)).toEqual(['쎄르게이 라브로브']);
  });

  it('refuses a publishedAt that is no date, as a bad argument', async () => {
    const r = await api.gql(
      `mutation { ingestDocument(input: { text: "시험\\n\\n회의가 진행되였다.", publishedAt: "yesterday" }) { status } }`,
      {},
      { authorization: `Bearer ${TEST_TOKEN}` },
    );
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.publishedAt', reason: 'BAD_DATE' });
  });
});
