// Distances in years that point at a past happening: "57 years ago", "the 48th anniversary of the
// establishment of …", "his 70th birthday", "the centenary of the birth of …". Each needs an
// anchor (a date in the sentence, or the article's) before it becomes a date.

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
};
const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  fifteenth: 15,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
  hundredth: 100,
};

export interface YearsAgo {
  years: number;
  text: string;
  index: number;
}

/** "57 years ago", "ten years ago": a distance that needs an anchor to become a date. */
export function findYearsAgo(sentence: string): YearsAgo[] {
  const out: YearsAgo[] = [];
  if (!sentence.includes('ago')) return out;
  for (const m of sentence.matchAll(/\b(\d{1,4}|[a-z]+)\s+years?\s+ago\b/gi)) {
    const years = /^\d+$/.test(m[1]!) ? Number(m[1]) : NUMBER_WORDS[m[1]!.toLowerCase()];
    if (years !== undefined && years > 0) out.push({ years, text: m[0], index: m.index });
  }
  return out;
}

export interface Anniversary {
  ordinal: number;
  /** What is being commemorated: "the establishment of diplomatic relations between …", "birth". */
  subject: string;
  text: string;
  index: number;
}

const ORDINAL = `(\\d{1,4})\\s?(?:st|nd|rd|th)|(${Object.keys(ORDINAL_WORDS).join('|')})`;
const SUBJECT_END = '(?=[,;.:()]|\\s+(?:was|is|will|which|who|when|falls|fell)\\s|$)';
// "the 48th anniversary of …", "the 76th founding anniversary of the DPRK", "his 70th birthday",
// "the 50 th anniversary" (as some copy spaces it).
const ANNIVERSARY = new RegExp(
  `\\b(?:${ORDINAL})\\s+(?:(founding|birth|death|wedding)\\s+)?(anniversary|birthday)(?:\\s+of\\s+(?:the\\s+)?(.+?)${SUBJECT_END})?`,
  'gi',
);
const CENTENARY = new RegExp(`\\b(bi|ter)?centenary\\s+of\\s+(?:the\\s+)?(.+?)${SUBJECT_END}`, 'gi');

/** "the 48th anniversary of the establishment of …": the subject happened `ordinal` years before. */
export function findAnniversaries(sentence: string): Anniversary[] {
  const out: Anniversary[] = [];
  if (!/anniversar|birthday|centenary/i.test(sentence)) return out;
  for (const m of sentence.matchAll(ANNIVERSARY)) {
    const ordinal = m[1] ? Number(m[1]) : ORDINAL_WORDS[m[2]!.toLowerCase()]!;
    const what = m[5]?.trim();
    // "76th founding anniversary of the DPRK" → "founding of the DPRK"; "70th birthday" → "birth".
    const head = m[3]?.toLowerCase() ?? (m[4]!.toLowerCase() === 'birthday' ? 'birth' : undefined);
    const subject = head ? (what ? `${head} of ${what}` : head) : (what ?? 'anniversary');
    out.push({ ordinal, subject, text: m[0], index: m.index });
  }
  for (const m of sentence.matchAll(CENTENARY)) {
    const ordinal = m[1] ? (m[1].toLowerCase() === 'bi' ? 200 : 300) : 100;
    out.push({ ordinal, subject: m[2]!.trim(), text: m[0], index: m.index });
  }
  return out;
}
