// People and dated events in Korean text (KCNA's Korean service). Korean writes a title or an
// honorific onto the name ("김정은동지께서는", "김일성주석", "리남순할머니"), so a name is found by
// that shape: a surname, one or two syllables, then an honorific; or after a title word ("외무상
// 최선희는", "로씨야외무상 쎄르게이 라브로브가"). Organisation names built on a name
// ("김일성종합대학") carry no honorific and are not mentions. A Korean name's person is keyed by
// its romanisation as KCNA's English service writes it, so 김정은 and Kim Jong Un are one person.
import { nameKey } from '../text/names.js';
import { romanizeKoreanName } from '../text/korean.js';
import { makeDate, type PartialDate } from '../text/partial-date.js';
import type { EventFound } from './events.js';
import { findKoreanAnniversaries, findKoreanDates } from './korean-dates.js';
import type { MentionSpan, PersonFound } from './people.js';

const SURNAMES =
  '남궁|황보|독고|선우|제갈|김|리|박|최|정|강|조|윤|장|림|한|오|서|신|권|황|안|송|전|홍|류|고|문|량|손|배|백|허|남|심|로|하|곽|성|차|주|우|구|라|민|진|지|엄|채|원|천|방|공|현|함|변|염|양|려|추|도|소|석|선|설|마|길|연|위|표|명|기|반|왕|금|옥|육|인|맹|제|모|탁|국|어|편|용|태|계|봉';
// Written onto the name, after it: what makes a Hangul word a person.
const HONORIFICS =
  '대원수님|원수님|동지|동무|주석|각하|선생님|선생|할머니|할아버지|아바이|어머니|아주머니|로인|령감|교수|박사|대통령|총리|수상';
const PARTICLES = '께서는|께서|에게서|에게|께|이며|이다|와의|과의|와|과|의|가|이|는|은|를|을|도|만|로|으로|에';
// Offices written before a name, alone or closing a compound ("로씨야외무상").
const OFFICES =
  '외무상|외무장관|대통령|총리|수상|대사|위원장|부위원장|비서|부장|단장|장관|대표|의장|서기장|총비서|국왕|사령관|총장|령사|공사|대변인|사장|회장|국장|주석';

const KOREAN_NAME = new RegExp(
  `(?<![\\uac00-\\ud7a3])(${SURNAMES})([\\uac00-\\ud7a3]{1,2}?)(${HONORIFICS})(?=${PARTICLES}|[^\\uac00-\\ud7a3]|$)`,
  'gu',
);
const OFFICE_THEN_NAMES = new RegExp(`(?:${OFFICES})\\s+((?:[\\uac00-\\ud7a3]{2,6}\\s+){0,2}[\\uac00-\\ud7a3]{2,8})`, 'gu');
const PARTICLE_END = new RegExp(`(?:${PARTICLES})$`, 'u');
// Particles no name ends with: they close a name at its first word ("최선희는"); the others (이, 은, 을,
// 과, 로, 에, 도, 만) may be its last syllable ("쎄르게이") and close it only from its second word on.
const CLEAR_PARTICLE_END = /(?:께서는|께서|에게서|에게|께|와의|과의|와|의|가|는|를)$/u;
const HONORIFIC_END = new RegExp(`(?:${HONORIFICS})$`, 'u');
// A foreign leader's name with the office written onto it ("뿌찐대통령"), never a country's ("로씨야대통령").
const FOREIGN_TITLED =
  /(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{2,5})(대통령|수상|총리|외무상|각하)(?=[\uac00-\ud7a3]{0,3}(?:[^\uac00-\ud7a3]|$))/gu;
const PLACES =
  /(?:국|도|시|군|부|당|회|단|원|청|소|련방|공화국|로씨야|윁남|웰남|라오스|꾸바|일본|벨라루씨|이란|수리아|몽골|인도네시아|말레이시아|타이|캄보쟈|네팔|에짚트|벌가리아|로므니아|쓰르비아|뽈스까|도이췰란드|프랑스|이딸리아|까자흐스딴|우즈베끼스딴|니까라과|베네수엘라|브라질|조선|인디아|파키스탄|라오스)$/u;
const SURNAME_START = new RegExp(`^(?:${SURNAMES})`, 'u');
// Common nouns of people that open with a surname's syllable and take 동지 or 동무 as a name does
// ("로동자동지", "지배인동지", "반장동무"): roles, never names.
const ROLE_NOUNS =
  /^(?:로동자|지배인|기사|전우|선배|후배|반장|조장|소장|부장|과장|차장|사장|원장|국장|위원|성원|대원|교원|학생|군인|병사|전사|선수|로인|기수|안내원|정치위원|초급일군)$/u;
/** Words after an office that are not a name: plurals, "delegation", "comrade", "and others". */
const NOT_NAMES = /(?:들|일행|대표단|동지|동무|일군|성원|등|앞|명의|일동|부부|및)$/u;

/** A leader's epithets, without a name: whom they mean once the article has named that leader. */
const EPITHETS: [RegExp, string][] = [
  [/수령님/u, 'Kim Il Sung'],
  [/장군님/u, 'Kim Jong Il'],
  [/원수님|총비서동지/u, 'Kim Jong Un'],
];
const EPITHET = /(?:경애하는|위대한|어버이)\s*(?:아버지\s*)?(?:수령님|장군님|원수님|총비서동지)|어버이수령님/gu;

interface Found {
  person: PersonFound;
  spans: { sentence: number; index: number; length: number }[];
}

function personOf(all: Map<string, Found>, hangul: string, surnameLength: number, foreign: boolean, sentence: string) {
  const name = foreign ? hangul : romanizeKoreanName(hangul, surnameLength);
  const key = nameKey(name);
  let found = all.get(key);
  if (!found) {
    found = { person: { key, name, aliases: [], titles: [], count: 0, firstSentence: sentence }, spans: [] };
    all.set(key, found);
  }
  return found;
}

const addAlias = (p: PersonFound, alias: string, via?: string) => {
  if (alias !== p.name && !p.aliases.includes(alias)) p.aliases.push(alias);
  if (via && alias !== p.name) p.via = { ...p.via, [alias]: via };
};

/** Why a Hangul spelling is the romanised person's: the link across languages says how it was made. */
const romanised = (hangul: string, name: string) => `${hangul} romanised as KCNA's English service writes Korean names: ${name}`;

/** The people a Korean article names, with their spans per sentence for events. */
export function extractKoreanPeople(sentences: string[]): { people: PersonFound[]; bySentence: MentionSpan[][] } {
  const all = new Map<string, Found>();
  sentences.forEach((sentence, i) => {
    for (const m of sentence.matchAll(KOREAN_NAME)) {
      const [, surname, given, honorific] = m as unknown as [string, string, string, string];
      const hangul = surname + given;
      if (PLACES.test(hangul) || ROLE_NOUNS.test(hangul)) continue;
      const found = personOf(all, hangul, surname.length, false, sentence);
      addAlias(found.person, hangul, romanised(hangul, found.person.name));
      addAlias(found.person, hangul + honorific, romanised(hangul, found.person.name));
      found.spans.push({ sentence: i, index: m.index, length: m[0].length });
    }
    for (const m of sentence.matchAll(FOREIGN_TITLED)) {
      const [, name, office] = m as unknown as [string, string, string];
      if (PLACES.test(name) || SURNAME_START.test(name)) continue;
      const found = personOf(all, name, 1, true, sentence);
      addAlias(found.person, name);
      addAlias(found.person, name + office);
      found.spans.push({ sentence: i, index: m.index, length: name.length });
    }
    for (const m of sentence.matchAll(OFFICE_THEN_NAMES)) {
      const words = m[1]!.split(/\s+/);
      const name = nameAfterOffice(words);
      if (!name) continue;
      const index = m.index + m[0].length - m[1]!.length;
      if ([...all.values()].some((f) => f.spans.some((s) => s.sentence === i && s.index === index))) continue;
      const korean = !name.includes(' ') && SURNAME_START.test(name) && name.length <= 4 && name.length >= 2;
      const surnameLength = /^(?:남궁|황보|독고|선우|제갈)/u.test(name) ? 2 : 1;
      const found = personOf(all, name, surnameLength, !korean, sentence);
      addAlias(found.person, name, korean ? romanised(name, found.person.name) : undefined);
      const office = /(\S+)\s+$/u.exec(sentence.slice(0, index))?.[1];
      if (office && !found.person.titles.some((t) => t.text === office)) found.person.titles.push({ kind: 'TITLE', text: office });
      found.spans.push({ sentence: i, index, length: name.length });
    }
  });
  const bySentence: MentionSpan[][] = sentences.map(() => []);
  for (const { person, spans } of all.values()) {
    person.count = spans.length;
    for (const s of spans) bySentence[s.sentence]!.push({ key: person.key, index: s.index, length: s.length, via: 'name' });
  }
  // "경애하는 총비서동지", "위대한 수령님": the leader the article names, as the English side reads "the President".
  sentences.forEach((sentence, i) => {
    for (const m of sentence.matchAll(EPITHET)) {
      const leader = all.get(nameKey(EPITHETS.find(([pattern]) => pattern.test(m[0]))![1]));
      if (!leader || bySentence[i]!.some((s) => s.key === leader.person.key)) continue;
      leader.person.count += 1;
      bySentence[i]!.push({ key: leader.person.key, index: m.index, length: m[0].length, via: 'reference' });
    }
  });
  return { people: [...all.values()].map((f) => f.person), bySentence };
}

/**
 * The name in the words after an office: up to three words, the last closed by a particle
 * ("쎄르게이 라브로브가" → "쎄르게이 라브로브"). A Korean name already carries its honorific and
 * is found by KOREAN_NAME; this finds the bare ones.
 */
function nameAfterOffice(words: string[]): string | undefined {
  const out: string[] = [];
  for (const word of words) {
    if (NOT_NAMES.test(word)) return undefined;
    const bare = word.replace(out.length ? PARTICLE_END : CLEAR_PARTICLE_END, '').replace(HONORIFIC_END, '');
    if (bare !== word) {
      if (bare.length < 2 || NOT_NAMES.test(bare)) return undefined;
      out.push(bare);
      return out.join(' ');
    }
    out.push(word);
  }
  return undefined;
}

/**
 * A Korean article's dated events: in this genre a sentence that dates something reports it, so
 * each date is an event of its sentence, once per date; an anniversary dates what it marks (the
 * year, N years before the article's) unless the article dates that year more finely.
 */
export function extractKoreanEvents(
  sentences: string[],
  bySentence: MentionSpan[][],
  published?: PartialDate,
  headline = false,
): EventFound[] {
  const events = new Map<string, EventFound>();
  let lastYear: number | undefined;
  const anniversaries: { date: PartialDate; sentence: string; participants: string[] }[] = [];
  sentences.forEach((sentence, i) => {
    // Reports are told in the body: the headline restates them, and a digest's "-…" lines are other items' headlines.
    // So are a digest's headings: only a sentence, closed by its predicate ("…진행되였다."), reports.
    if ((headline && i === 0) || /^\s*[-–—]/u.test(sentence) || !/다[.!]?["”»)]*$/u.test(sentence.trim())) return;
    const participants = [...new Set((bySentence[i] ?? []).map((m) => m.key))];
    const dates = findKoreanDates(sentence, { ...(published ? { reference: published } : {}), ...(lastYear ? { lastYear } : {}) });
    for (const { date } of dates) {
      const key = `${date.year}-${date.month ?? ''}-${date.day ?? ''}`;
      const prior = events.get(key);
      if (prior) prior.participants = [...new Set([...prior.participants, ...participants])];
      else events.set(key, event(date, sentence, participants, 0.7));
      if (!date.inferred) lastYear = date.year;
    }
    if (published)
      for (const a of findKoreanAnniversaries(sentence))
        anniversaries.push({
          date: makeDate(published.year - a.years, undefined, undefined, sentence.slice(a.index, a.index + a.length), true),
          sentence,
          participants,
        });
  });
  for (const a of anniversaries) {
    const finer = [...events.values()].some((e) => e.date.year === a.date.year);
    if (!finer) events.set(`${a.date.year}--`, { ...event(a.date, a.sentence, a.participants, 0.5), kind: 'ANNIVERSARY' });
  }
  return [...events.values()];
}

function event(date: PartialDate, sentence: string, participants: string[], confidence: number): EventFound {
  return {
    kind: kindOf(sentence),
    summary: sentence.length > 200 ? `${sentence.slice(0, 199)}…` : sentence,
    evidence: sentence,
    date,
    participants,
    confidence,
  };
}

// What happened, from the words of the sentence; GATHERING when nothing more telling is said.
const KINDS: [EventFound['kind'], RegExp][] = [
  ['DEATH', /서거|사망|별세|랑세/u],
  ['BIRTH', /탄생|태여나|출생/u],
  ['VISIT', /찾으시|방문|참관|현지지도|돌아보|도착|출발/u],
  ['MEETING', /회담|상봉|접견|만나|면담|담화/u],
  ['MILITARY', /발사|훈련|사격|시험/u],
  ['AWARD', /수여|훈장|메달|칭호/u],
  ['STATEMENT', /밝혔|발표|기자회견|성명|담화|규탄|강조하였/u],
  ['ADOPTION', /채택|등록|제정|발포|비준|서명/u],
  ['FOUNDING', /창립|창건|결성|설립|준공|개관/u],
  ['ELECTION', /선거|선출/u],
  ['LIBERATION', /해방/u],
  ['MESSAGE', /축전|전문|편지|서한|보내/u],
  ['COMPETITION', /경기|경연|선수권|대회에서/u],
];

const kindOf = (sentence: string) => KINDS.find(([, pattern]) => pattern.test(sentence))?.[0] ?? 'GATHERING';
