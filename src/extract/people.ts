// People named in an article: who, under which titles and roles, how often, and where.
// Two passes: the first learns names from strong evidence (a Korean name shape, a title before,
// a role after, a verb of a person); the second counts every mention of a learned name, plus
// bare references ("the President") to the person last given that title.
import { canonicalName, isKoreanName, isPlausibleName, nameKey, NON_PERSON_HEADS, OFFICE_WORDS, TITLE_MODIFIERS, TITLE_WORDS } from './names.js';
import { fullerForms, loneSurname, surnameIndex, surnameLearned } from './surnames.js';

export type TitleKind = 'TITLE' | 'ROLE';

export interface PersonFound {
  key: string;
  name: string;
  /** Spellings and titled forms the text used ("Kim Jong-un", "President Kim Il Sung"). */
  aliases: string[];
  titles: { kind: TitleKind; text: string }[];
  count: number;
  firstSentence: string;
}

export interface MentionSpan {
  key: string;
  index: number;
  length: number;
  /** 'name' for the name itself, 'reference' for "the President". */
  via: 'name' | 'reference';
}

export interface PeopleResult {
  people: PersonFound[];
  /** Mentions per sentence, in sentence order. */
  bySentence: MentionSpan[][];
  /** Name keys that look like a name but had no evidence and are not in `known`: the archive may know them. */
  unconfirmed: string[];
}

const HONORIFICS = /(?:\b(?:dear|respected|beloved|great|supreme|late|eternal|peerlessly|outstanding)\s+)+(?:leader\s+)?$/i;
// "the supreme leader of …", "Vietnamese ambassador to …": a nationality may stand before the head.
const ROLE_HEADS =
  '(?:a|an|the)?\\s*(?:\\p{Lu}\\p{Ll}+(?:an|ese|ish|i)\\s+)?(?:(?:first|former|late|deputy|vice|acting|chief|head|senior|general|executive|honorary|supreme)[\\s-]+)*' +
  '(?:president|chairman|chairwoman|chairperson|premier|prime minister|secretary|secretary-general|minister|ambassador|member|head|director|chief|leader|spokesperson|spokesman|commander|professor|lecturer|researcher|correspondent|commentator|editor|reporter|doctor|scientist|coach|player|worker|manager|mayor|governor|envoy|representative|delegate|officer|official|adviser|advisor|counsellor|senator|king|queen|prince|emperor|chancellor|founder|author|writer|poet|composer|artist|actor|actress|singer|athlete|champion|hero|veteran|general|marshal|lieutenant|colonel|captain|engineer|teacher|student|farmer|chair)\\b';
const ROLE_AFTER = new RegExp(`^,\\s+(${ROLE_HEADS}[^,;:.()]{0,180})`, 'iu');
const PERSON_VERBS_AFTER = /^(?:'s\s|’s\s)?\s*(?:,\s+)?(?:met|meets|said|says|stressed|noted|welcomed|welcomes|visited|visits|received|receives|decorated|presented|expressed|sent|attended|led|arrived|left|congratulated|praised|bagged|won|took part|delivered|made|gave|told|added|underlined|emphasized|emphasised|laid|paid|inspected|guided|signed|hosted|called|wrote|died|passed away|was born)\b/;
const PERSON_VERBS_BEFORE = /\b(?:met|meets|meeting with|welcomed|received|greeted|congratulated|thanked|invited|decorated|accompanied|awarded|talks with|talked with|hospitality to)\s+$/;
const CAPITAL_RUN = /\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*/gu;
const QUOTED = /[“"]([^”"]{1,120})[”"]/g;

interface Learned {
  key: string;
  name: string;
  forms: Set<string>;
  titles: Map<string, { kind: TitleKind; text: string }>;
}

const stripPossessive = (token: string) => token.replace(/['’]s$/u, '');

/** Blanks out titles of works in quotes ("Song of General Kim Il Sung") so no person is read there. */
function maskWorkTitles(sentence: string): string {
  return sentence.replace(QUOTED, (whole, inner: string) => {
    const words = inner.split(/\s+/);
    const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
    return capitalised / words.length >= 0.5 ? ' '.repeat(whole.length) : whole;
  });
}

interface Candidate {
  tokens: string[];
  index: number;
  length: number;
  title?: string;
  strong: boolean;
  /** Followed by "Square", "University" …: the name of a thing, not a mention of a person. */
  nonPerson?: boolean;
}

/** Splits a run of capitalised words into an optional title and the names inside it. */
function candidatesInRun(sentence: string, runText: string, runIndex: number): Candidate[] {
  // "Kim Il Sung-Kim Jong Il Foundation": a hyphen before a capital joins two words, not one name.
  const raw = runText.includes('-') ? runText.split(/\s+|(?<=\p{Ll})-(?=\p{Lu})/u) : runText.split(/\s+/);
  const offsets: number[] = [];
  let cursor = 0;
  for (const token of raw) {
    cursor = runText.indexOf(token, cursor);
    offsets.push(cursor);
    cursor += token.length;
  }
  const out: Candidate[] = [];
  // koreanLength[j]: tokens of the Korean name starting at j (0: none); koreanFrom[j]: does one
  // start at j or later? Computed once, so long runs stay linear.
  const koreanLength = raw.map((_, j) => koreanAt(j));
  const koreanFrom: boolean[] = [];
  for (let j = raw.length - 1; j >= 0; j -= 1) koreanFrom[j] = koreanLength[j]! > 0 || (koreanFrom[j + 1] ?? false);
  let i = 0;
  let titleStart = -1;
  while (i < raw.length) {
    const token = stripPossessive(raw[i]!);
    // Offices continue a title ("Minister of Defense Andrei Beloussov" reaches here as "Defense …").
    if ((TITLE_WORDS.has(token) || OFFICE_WORDS.has(token)) && !isKoreanName(raw.slice(i, i + 3).map(stripPossessive))) {
      if (titleStart < 0) titleStart = i;
      i += 1;
      continue;
    }
    const titleWords = titleStart >= 0 ? raw.slice(titleStart, i).map(stripPossessive) : [];
    const headed = titleWords.some((w) => !TITLE_MODIFIERS.has(w));
    const title = titleWords.length && headed ? titleText(sentence, runIndex + offsets[titleStart]!, titleWords) : undefined;
    titleStart = -1;
    // Longest Korean name first (surname + up to three syllable words), then a titled foreign name.
    let matched = koreanLength[i]!;
    if (matched) out.push(candidate(raw.slice(i, i + matched).map(stripPossessive), i, matched, title, true));
    if (!matched && title) {
      for (let len = Math.min(4, raw.length - i); len >= 2; len -= 1) {
        const tokens = raw.slice(i, i + len).map(stripPossessive);
        if (isPlausibleName(tokens)) {
          matched = len;
          out.push(candidate(tokens, i, len, title, true));
          break;
        }
      }
    }
    const koreanLater = koreanFrom[i + 1] ?? false;
    if (!matched && !koreanLater) {
      // A plain run ("Kaysone Phomvihane") is kept as a weak candidate: context may confirm it.
      const tokens = raw.slice(i).map(stripPossessive);
      if (tokens.length <= 4 && isPlausibleName(tokens)) {
        matched = tokens.length;
        out.push(candidate(tokens, i, matched, undefined, false));
      }
    }
    i += matched || 1;
  }
  return out;

  function koreanAt(start: number): number {
    for (let len = Math.min(4, raw.length - start); len >= 2; len -= 1) {
      if (isKoreanName(raw.slice(start, start + len).map(stripPossessive))) return len;
    }
    return 0;
  }

  function candidate(tokens: string[], start: number, len: number, title: string | undefined, strong: boolean): Candidate {
    const index = runIndex + offsets[start]!;
    const end = runIndex + offsets[start + len - 1]! + tokens[len - 1]!.length;
    // A name followed by "Square", "University", "Prize" … names a thing, not a person.
    // "Kim Il Sung-Kim Jong Il Foundation": a name hyphened onto others heads the same thing.
    const chain = runText.slice(offsets[start + len - 1]! + raw[start + len - 1]!.length).startsWith('-') ? raw.slice(start + len, start + len + 5) : [];
    const next = chain.find((t) => NON_PERSON_HEADS.has(stripPossessive(t))) ?? raw[start + len];
    const before = sentence.slice(Math.max(0, index - 12), index);
    const nonPerson = (next !== undefined && NON_PERSON_HEADS.has(stripPossessive(next))) || /\b(?:Order|Prize|Medal) of\s+$/.test(before);
    return { tokens, index, length: end - index, ...(title ? { title } : {}), strong: strong && !nonPerson, nonPerson };
  }
}

/** The text just before `index`: end-anchored patterns look back this far, not to the start. */
const before = (sentence: string, index: number) => sentence.slice(Math.max(0, index - 80), index);

function titleText(sentence: string, titleIndex: number, titleTokens: string[]): string {
  const office = !TITLE_WORDS.has(titleTokens[0]!) ? OFFICE_BEFORE.exec(before(sentence, titleIndex))?.[0] : undefined;
  if (office) return `${office}${titleTokens.join(' ')}`;
  const honorific = HONORIFICS.exec(before(sentence, titleIndex))?.[0] ?? '';
  return `${honorific}${titleTokens.join(' ')}`.trim();
}

/** "Minister of " before "Defense", "Aide to the President of Russia for " before "Foreign Policy". */
const OFFICE_BEFORE = /\b(?:Minister|Secretary|Ambassador|Aide|Head|Chairman|Chairwoman|Director|Chief|President|Premier|Spokesperson|Spokesman|Commander|Deputy|Adviser|Advisor)\b(?:\s+(?:of|to|for|on|and|the|\p{Lu}[\p{L}'’-]*))*\s+(?:of|to|for|on)\s+(?:the\s+)?$/u;

/**
 * "great leader Comrade" + "Kim Il Sung" → "Comrade Kim Il Sung": the alias keeps the title, not
 * the praise. An office ("Minister of Defense") is a title, never part of a spelling.
 */
function titledForm(title: string, name: string): string | undefined {
  const words = title.replace(/^(?:\p{Ll}+\s+)+/u, '');
  return words.split(/\s+/).every((w) => TITLE_WORDS.has(w)) ? `${words} ${name}` : undefined;
}

function roleAfter(sentence: string, end: number): string | undefined {
  const role = ROLE_AFTER.exec(sentence.slice(end, end + 260))?.[1]?.trim();
  return role && !/^(?:the|a|an)$/i.test(role) ? role.replace(/\s+(?:on|in|at|who|which|when|during)\s.*$/i, '') : undefined;
}

/** "Russian Ambassador to the DPRK " before a name: an office held by the person named next. */
const OFFICE_THEN_NAME = /\b(?:Ambassador|Minister|Secretary|Envoy|Representative|Consul|Attache|Attaché|Aide|Adviser|Advisor)\s+(?:of|to|for|at)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){1,4}$/u;

/**
 * `known`: name keys (nameKey) the archive already holds, recognised without other evidence.
 * `headline`: the first sentence is a headline, whose Title Case makes every word look like a
 * name: only Korean names are learned there; others must be named in the text.
 */
export function extractPeople(sentences: string[], known: ReadonlySet<string> = new Set(), headline = false): PeopleResult {
  const learned = new Map<string, Learned>();
  const masked = sentences.map(maskWorkTitles);
  const unconfirmed = new Set<string>();
  // Pass 1: learn names from evidence.
  masked.forEach((sentence, n) => learnSentence(sentence, headline && n === 0, learned, known, unconfirmed));
  // "Vladimir Putin" and "Putin" after "Vladimir Vladimirovich Putin": one person, under the fullest form.
  for (const [shortKey, target] of fullerForms(learned, tokensOf)) {
    const short = learned.get(shortKey)!;
    short.forms.forEach((f) => target.forms.add(f));
    short.titles.forEach((t, id) => target.titles.set(id, t));
    learned.set(shortKey, target);
  }
  return { ...countMentions(masked, learned), unconfirmed: [...unconfirmed] };
}

/** Between two coordinated names: "Choe Son Hui and Sergei Lavrov", "A, B and C". */
const COORDINATION = /^\s*(?:,\s*(?:and\s+)?|and\s+)$/;

function learnSentence(sentence: string, inHeadline: boolean, learned: Map<string, Learned>, known: ReadonlySet<string>, unconfirmed: Set<string>) {
  const learn = (name: string) => {
    const key = nameKey(name);
    let entry = learned.get(key);
    if (!entry) learned.set(key, (entry = { key, name: canonicalName(name), forms: new Set(), titles: new Map() }));
    entry.forms.add(name);
    return entry;
  };
  const runs = [...sentence.matchAll(CAPITAL_RUN)];
  const candidates = runs.flatMap((run) => candidatesInRun(sentence, run[0], run.index)).filter((c) => !c.nonPerson);
  const weak: Candidate[] = [];
  for (const c of candidates) {
    const form = c.tokens.join(' ');
    // A headline's Title Case makes every word look like a name: there, only Korean names and known ones.
    if (inHeadline && !isKoreanName(c.tokens) && !known.has(nameKey(form))) continue;
    const end = c.index + c.length;
    const role = roleAfter(sentence, end);
    const lead = before(sentence, c.index);
    const verbEvidence = PERSON_VERBS_AFTER.test(sentence.slice(end, end + 60)) || PERSON_VERBS_BEFORE.test(lead) || OFFICE_THEN_NAME.test(lead);
    if (!c.strong && !role && !verbEvidence && !known.has(nameKey(form))) {
      weak.push(c);
      continue;
    }
    const entry = learn(form);
    if (c.title) {
      entry.titles.set(`TITLE:${c.title}`, { kind: 'TITLE', text: c.title });
      const titled = titledForm(c.title, form);
      if (titled) entry.forms.add(titled);
    }
    if (role) entry.titles.set(`ROLE:${role}`, { kind: 'ROLE', text: role });
  }
  // A bare name coordinated with a person is a person too.
  for (const c of weak) {
    const k = candidates.indexOf(c);
    const [prev, next] = [candidates[k - 1], candidates[k + 1]];
    const joined = (a: Candidate | undefined, b: Candidate | undefined) =>
      a && b && !weak.includes(a === c ? b : a) && COORDINATION.test(sentence.slice(a.index + a.length, b.index));
    if (joined(prev, c) || joined(c, next)) learn(c.tokens.join(' '));
    else unconfirmed.add(nameKey(c.tokens.join(' ')));
  }
  if (inHeadline) return;
  for (const run of runs) {
    const name = surnameLearned(sentence, run[0], run.index);
    if (name) learn(name);
  }
}

const tokensOf = (entry: Learned) => entry.name.split(' ');

function countMentions(sentences: string[], learned: Map<string, Learned>): Omit<PeopleResult, 'unconfirmed'> {
  const counts = new Map<string, { count: number; first: string; forms: Set<string> }>();
  // Each title or role once, the most recently mentioned last: bare references look it up.
  const lastWithTitle = new Map<string, { key: string; title: string; kind: TitleKind }>();
  const bySentence: MentionSpan[][] = [];
  // "Putin" alone, once the article has named him in full: a mention of that one person.
  const bySurname = surnameIndex([...new Set(learned.values())], tokensOf);
  sentences.forEach((sentence) => {
    const spans: MentionSpan[] = [];
    for (const run of sentence.matchAll(CAPITAL_RUN)) {
      const lone = bySurname.size ? loneSurname(run[0]) : undefined;
      const alone = lone && bySurname.get(lone.name);
      if (alone) {
        spans.push({ key: alone.key, index: run.index + lone.offset, length: lone.name.length, via: 'name' });
        const seen = counts.get(alone.key) ?? { count: 0, first: sentence, forms: new Set<string>() };
        seen.count += 1;
        seen.forms.add(lone.name);
        counts.set(alone.key, seen);
        continue;
      }
      for (const c of candidatesInRun(sentence, run[0], run.index)) {
        if (c.nonPerson) continue;
        const entry = learned.get(nameKey(c.tokens.join(' ')));
        if (!entry) continue;
        spans.push({ key: entry.key, index: c.index, length: c.length, via: 'name' });
        const seen = counts.get(entry.key) ?? { count: 0, first: sentence, forms: new Set<string>() };
        seen.count += 1;
        seen.forms.add(c.tokens.join(' '));
        const titled = c.title ? titledForm(c.title, c.tokens.join(' ')) : undefined;
        if (titled) seen.forms.add(titled);
        counts.set(entry.key, seen);
        for (const [id, t] of entry.titles) {
          lastWithTitle.delete(id);
          lastWithTitle.set(id, { key: entry.key, title: t.text, kind: t.kind });
        }
      }
    }
    for (const ref of bareReferences(sentence, spans, lastWithTitle)) {
      spans.push(ref);
      counts.get(ref.key)!.count += 1;
    }
    bySentence.push(spans.sort((a, b) => a.index - b.index));
  });
  const people: PersonFound[] = [];
  for (const [key, seen] of counts) {
    const entry = learned.get(key)!;
    people.push({
      key,
      name: entry.name,
      aliases: [...new Set([...entry.forms, ...seen.forms])].filter((f) => f !== entry.name).sort(),
      titles: [...entry.titles.values()],
      count: seen.count,
      firstSentence: seen.first.trim(),
    });
  }
  return { people, bySentence };
}

const BARE_REFERENCE = /\bthe\s+(?:[A-Z]{2,6}\s+)?((?:(?:Vice[\s-])?(?:President|Premier|Chairman|Chairwoman|General Secretary|Prime Minister|Marshal|Generalissimo|Supreme Leader|Minister|Ambassador)))\b(?!\s+(?:of|\p{Lu}))/gu;

/** "the President" → the person most recently named with that title (or role) in the article. */
function bareReferences(sentence: string, named: MentionSpan[], titles: Map<string, { key: string; title: string; kind: TitleKind }>): MentionSpan[] {
  let recent: { key: string; title: string; kind: TitleKind }[] | undefined;
  const out: MentionSpan[] = [];
  for (const m of sentence.matchAll(BARE_REFERENCE)) {
    const word = m[1]!;
    const overlaps = named.some((s) => m.index < s.index + s.length && s.index < m.index + m[0].length);
    if (overlaps) continue;
    recent ??= [...titles.values()];
    const byTitle = recent.findLast((r) => r.kind === 'TITLE' && new RegExp(`\\b${word}$`).test(r.title));
    const byRole = recent.findLast((r) => r.kind === 'ROLE' && new RegExp(`^(?:the\\s+)?${word}\\b`, 'i').test(r.title));
    const hit = byTitle ?? byRole;
    if (hit) out.push({ key: hit.key, index: m.index, length: m[0].length, via: 'reference' });
  }
  return out;
}
