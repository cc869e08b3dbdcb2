// A deterministic synthetic archive in the layouts the parser reads: portal pages with a
// "More From" listing, and KCNA-style wire copy with datelines, some under an archive's header
// ("Date: 14/04/2024 | Source: …", "June 12. 2016 Juche 105") or closed by KCNA's stamp. Text is drawn from a large
// Zipf-distributed vocabulary; recurring people carry titles, roles and spelling variants, and
// sentences state dated events, so search, extraction and the indexes see realistic data.

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = [
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'z',
  'st',
  'tr',
  'pl',
  'gr',
  'br',
  'ch',
  'sh',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ea', 'ou', 'ai'];
const CODAS = ['', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'ng'];
const SURNAMES = [
  'Kim',
  'Ri',
  'Pak',
  'Choe',
  'Jong',
  'Kang',
  'Jo',
  'Yun',
  'Jang',
  'Han',
  'Hong',
  'Ryu',
  'Sin',
  'Kwon',
  'Hwang',
  'Ho',
  'Paek',
  'Thae',
];
const GIVEN = [
  'Il',
  'Sung',
  'Jong',
  'Un',
  'Chol',
  'Su',
  'Yong',
  'Ho',
  'Myong',
  'Hui',
  'Nam',
  'Gwon',
  'Chan',
  'Hyok',
  'Song',
  'Mi',
  'Hwa',
  'Ok',
  'Kyong',
  'Ryong',
  'Tok',
  'Hun',
  'Jin',
  'Sop',
];
const TITLES = ['Premier', 'President', 'Chairman', 'Comrade', 'Vice-Premier', 'Minister'];
const ROLES = [
  'chairman of the Central Committee of the General Federation of Trade Unions',
  'minister of foreign affairs',
  'president of the Academy of Sciences',
  'general secretary of the Central Committee of the Party',
  'ambassador to the DPRK',
  'director of the Institute of History',
];
const PLACES = ['Pyongyang', 'Wonsan', 'Hamhung', 'Chongjin', 'Sinuiju', 'Kaesong', 'Nampho', 'Vientiane', 'Hanoi', 'Moscow'];
const SOURCES = ['Naenara (En)', 'Pyongyang Times', 'Rodong Sinmun (En)', 'Voice of Korea'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const VERBS = ['met', 'received', 'welcomed', 'visited'];

export interface CorpusOptions {
  docs: number;
  seed: number;
  vocabulary?: number;
  people?: number;
}

export function* generateCorpus({
  docs,
  seed,
  vocabulary = 20_000,
  people = 5_000,
}: CorpusOptions): Generator<{ name: string; text: string }> {
  const rand = rng(seed);
  // Headers draw from their own sequence, so the text of every page stays as it was before them.
  const layoutRand = rng(seed ^ 0x5eed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const words = makeVocabulary(vocabulary, rand);
  const zipf = zipfSampler(words.length, 1.07, rand);
  const persons = makePeople(people, rand);
  const personAt = zipfSampler(persons.length, 0.9, rand);

  const filler = (n: number) => Array.from({ length: n }, () => words[zipf()]!).join(' ');
  const date = (year: number) => `${pick(MONTHS)} ${1 + Math.floor(rand() * 28)}, ${year}`;
  const personRef = () => {
    const p = persons[personAt()]!;
    const spelling = p.variant && rand() < 0.2 ? p.variant : p.name;
    return rand() < 0.5 ? `${p.title} ${spelling}` : spelling;
  };
  const eventSentence = (year: number) => {
    const a = persons[personAt()]!;
    const b = persons[personAt()]!;
    return `${a.title} ${a.name} ${pick(VERBS)} ${b.name}, ${b.role}, in ${pick(PLACES)} on ${date(year)}.`;
  };
  const paragraph = (year: number) => {
    const sentences = [];
    for (let i = 0, n = 2 + Math.floor(rand() * 4); i < n; i += 1) {
      const r = rand();
      if (r < 0.25) sentences.push(eventSentence(year - Math.floor(rand() * 40)));
      else if (r < 0.5) sentences.push(`${capitalise(filler(4))} ${personRef()} ${filler(6 + Math.floor(rand() * 8))}.`);
      else sentences.push(`${capitalise(filler(10 + Math.floor(rand() * 14)))}.`);
    }
    return sentences.join(' ');
  };

  for (let d = 0; d < docs; d += 1) {
    const year = 2000 + Math.floor(rand() * 26);
    const lines: string[] = [];
    if (rand() < 0.7) {
      const source = pick(SOURCES);
      lines.push(capitalise(filler(5 + Math.floor(rand() * 5))));
      for (let p = 0, n = 3 + Math.floor(rand() * 8); p < n; p += 1) lines.push(paragraph(year));
      const author = persons[personAt()]!;
      lines.push(`${author.name}, ${author.role}`, `More From ${source}`);
      for (let t = 0, n = 5 + Math.floor(rand() * 15); t < n; t += 1) {
        const teaser = `${capitalise(filler(8))} ${personRef()} ${filler(10)}`.slice(0, 128);
        lines.push(teaser, `${pick(MONTHS)} ${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}, ${year}`, teaser);
      }
      lines.push('More Articles');
    } else {
      const header = wireHeader(year, layoutRand);
      for (let item = 0, n = 1 + Math.floor(rand() * 3); item < n; item += 1) {
        lines.push(capitalise(filler(4 + Math.floor(rand() * 4))).replace(/\b\w/g, (c) => c.toUpperCase()));
        const place = pick(PLACES);
        const dateline = `${pick(MONTHS)} ${1 + Math.floor(rand() * 28)}`;
        const text = paragraph(year);
        if (item === 0 && header) {
          // The header's day is the first item's; its news happened on a weekday before it.
          const who = persons[Math.floor(layoutRand() * Math.min(50, persons.length))]!;
          lines.splice(header.at === 'top' ? lines.length - 1 : lines.length, 0, ...(header.at === 'end' ? [] : [header.line]));
          lines.push(
            `${place}, ${MONTHS[header.month - 1]} ${header.day} (KCNA) — ${who.title} ${who.name} visited ${PLACES[Math.floor(layoutRand() * PLACES.length)]} on ${header.weekday}. ${text}`,
          );
        } else lines.push(`${place}, ${dateline} (KCNA) — ${text}`);
        for (let p = 0, m = Math.floor(rand() * 3); p < m; p += 1) lines.push(paragraph(year));
      }
      if (header?.at === 'end') lines.push(header.line);
    }
    yield { name: `page-${String(d + 1).padStart(6, '0')}.txt`, text: `${lines.join('\n')}\n` };
  }
}

const WIRE_SOURCES = ['KCNA.kp (En)', 'Pyongyang Times', 'Rodong Sinmun (En)', 'Voice of Korea (EN)', 'Ministry of Foreign Affairs (EN)'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** One of the header layouts real archives use, or none (two pages in five). */
function wireHeader(year: number, rand: () => number) {
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const weekday = WEEKDAYS[Math.floor(rand() * 7)]!;
  const pad = (n: number) => String(n).padStart(2, '0');
  const r = rand();
  if (r < 0.4) return undefined;
  const at: 'top' | 'below' | 'end' = r < 0.6 ? 'below' : r < 0.8 ? 'top' : 'end';
  const line =
    at === 'below'
      ? `Date: ${pad(day)}/${pad(month)}/${year} | Source: ${WIRE_SOURCES[Math.floor(rand() * WIRE_SOURCES.length)]} | Read original version at source`
      : at === 'top'
        ? `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month - 1]} ${day}. ${year} Juche ${year - 1911}`
        : `www.kcna.kp (Juche${year - 1911}.${month}.${day}.)`;
  return { at, line, month, day, weekday };
}

function makeVocabulary(size: number, rand: () => number): string[] {
  const seen = new Set<string>();
  while (seen.size < size) {
    const syllables = 1 + Math.floor(rand() * 3);
    let w = '';
    for (let s = 0; s < syllables; s += 1)
      w +=
        ONSETS[Math.floor(rand() * ONSETS.length)]! +
        VOWELS[Math.floor(rand() * VOWELS.length)]! +
        CODAS[Math.floor(rand() * CODAS.length)]!;
    seen.add(w);
  }
  return [...seen];
}

function makePeople(count: number, rand: () => number) {
  const people: { name: string; variant?: string; title: string; role: string }[] = [];
  const names = new Set<string>();
  while (people.length < count) {
    const surname = SURNAMES[Math.floor(rand() * SURNAMES.length)]!;
    const g1 = GIVEN[Math.floor(rand() * GIVEN.length)]!;
    const g2 = GIVEN[Math.floor(rand() * GIVEN.length)]!;
    const name = `${surname} ${g1} ${g2}`;
    if (names.has(name)) {
      if (names.size > count * 0.9 || rand() < 0.5) {
        // Korean names run out: the rest are foreign names known by title and role.
        const foreign = `${capitalise(syllable(rand))}${syllable(rand)} ${capitalise(syllable(rand))}${syllable(rand)}${syllable(rand)}`;
        if (!names.has(foreign)) {
          names.add(foreign);
          people.push({ name: foreign, title: 'President', role: ROLES[Math.floor(rand() * ROLES.length)]! });
        }
      }
      continue;
    }
    names.add(name);
    people.push({
      name,
      variant: `${surname} ${g1}-${g2.toLowerCase()}`,
      title: TITLES[Math.floor(rand() * TITLES.length)]!,
      role: ROLES[Math.floor(rand() * ROLES.length)]!,
    });
  }
  return people;
}

function syllable(rand: () => number) {
  return (
    ONSETS[Math.floor(rand() * ONSETS.length)]! + VOWELS[Math.floor(rand() * VOWELS.length)]! + CODAS[Math.floor(rand() * CODAS.length)]!
  );
}

/** Rank r (0-based) with probability ∝ 1/(r+1)^s, by binary search over the cumulative weights. */
function zipfSampler(n: number, s: number, rand: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r += 1) cumulative[r] = total += 1 / (r + 1) ** s;
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
