// People named in an article: who, under which titles and roles, how often, and where.
// Two passes: the first learns names from strong evidence (a Korean name shape, a title before,
// a role after, a verb of a person); the second counts every mention of a learned name, plus
// bare references ("the President") to the person last given that title.
import { before, CAPITAL_RUN, candidatesInRun, titledForm, type Candidate } from './candidates.js';
import { canonicalName, isKoreanName, nameKey } from '../text/names.js';
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
  /** Why a spelling is this person's, where more than its being written so (a Hangul name and its romanisation). */
  via?: Record<string, string>;
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

// "the supreme leader of …", "Vietnamese ambassador to …": a nationality may stand before the head.
const ROLE_HEADS =
  '(?:a|an|the)?\\s*(?:\\p{Lu}\\p{Ll}+(?:an|ese|ish|i)\\s+)?(?:(?:first|former|late|deputy|vice|acting|chief|head|senior|general|executive|honorary|supreme)[\\s-]+)*' +
  '(?:president|chairman|chairwoman|chairperson|premier|prime minister|secretary|secretary-general|minister|ambassador|member|head|director|chief|leader|spokesperson|spokesman|commander|professor|lecturer|researcher|correspondent|commentator|editor|reporter|doctor|scientist|coach|player|worker|manager|mayor|governor|envoy|representative|delegate|officer|official|adviser|advisor|counsellor|senator|king|queen|prince|emperor|chancellor|founder|author|writer|poet|composer|artist|actor|actress|singer|athlete|champion|hero|veteran|general|marshal|lieutenant|colonel|captain|engineer|teacher|student|farmer|chair)\\b';
const ROLE_AFTER = new RegExp(`^,\\s+(${ROLE_HEADS}[^,;:.()]{0,180})`, 'iu');
const PERSON_VERBS_AFTER =
  /^(?:'s\s|’s\s)?\s*(?:,\s+)?(?:met|meets|said|says|stressed|noted|welcomed|welcomes|visited|visits|received|receives|decorated|presented|expressed|sent|attended|led|arrived|left|congratulated|praised|bagged|won|took part|delivered|made|gave|told|added|underlined|emphasized|emphasised|laid|paid|inspected|guided|signed|hosted|called|wrote|died|passed away|was born)\b/;
const PERSON_VERBS_BEFORE =
  /\b(?:met|meets|meeting with|welcomed|received|greeted|congratulated|thanked|invited|decorated|accompanied|awarded|talks with|talked with|hospitality to|led by|headed by|accompanied by|attended by|[Pp]resent (?:there |at the \w+ )?(?:were|was))\s+$/;
const QUOTED = /[“"]([^”"]{1,120})[”"]/g;

interface Learned {
  key: string;
  name: string;
  forms: Set<string>;
  titles: Map<string, { kind: TitleKind; text: string }>;
}

/** Blanks out titles of works in quotes ("Song of General Kim Il Sung") so no person is read there. */
function maskWorkTitles(sentence: string): string {
  return sentence.replace(QUOTED, (whole, inner: string) => {
    const words = inner.split(/\s+/);
    const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
    return capitalised / words.length >= 0.5 ? ' '.repeat(whole.length) : whole;
  });
}

function roleAfter(sentence: string, end: number): string | undefined {
  const role = ROLE_AFTER.exec(sentence.slice(end, end + 260))?.[1]?.trim();
  return role && !/^(?:the|a|an)$/i.test(role) ? role.replace(/\s+(?:on|in|at|who|which|when|during)\s.*$/i, '') : undefined;
}

/** "Russian Ambassador to the DPRK " before a name: an office held by the person named next. */
const OFFICE_THEN_NAME =
  /\b(?:Ambassador|Minister|Secretary|Envoy|Representative|Consul|Attache|Attaché|Aide|Adviser|Advisor)\s+(?:of|to|for|at)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){1,4}$/u;

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
  masked.forEach((sentence, n) => {
    learnSentence(sentence, headline && n === 0, learned, known, unconfirmed);
  });
  // "Vladimir Putin" and "Putin" after "Vladimir Vladimirovich Putin": one person, under the fullest form.
  for (const [shortKey, target] of fullerForms(learned, tokensOf)) {
    const short = learned.get(shortKey)!;
    for (const f of short.forms) target.forms.add(f);
    for (const [id, t] of short.titles) target.titles.set(id, t);
    learned.set(shortKey, target);
  }
  return { ...countMentions(masked, learned), unconfirmed: [...unconfirmed] };
}

/** Between two coordinated names: "Choe Son Hui and Sergei Lavrov", "A, B and C". */
const COORDINATION = /^\s*(?:,\s*(?:and\s+)?|and\s+)$/;

function learnSentence(
  sentence: string,
  inHeadline: boolean,
  learned: Map<string, Learned>,
  known: ReadonlySet<string>,
  unconfirmed: Set<string>,
) {
  const learn = (name: string) => {
    const key = nameKey(name);
    let entry = learned.get(key);
    if (!entry) {
      entry = { key, name: canonicalName(name), forms: new Set(), titles: new Map() };
      learned.set(key, entry);
    }
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
    const verbEvidence =
      PERSON_VERBS_AFTER.test(sentence.slice(end, end + 60)) || PERSON_VERBS_BEFORE.test(lead) || OFFICE_THEN_NAME.test(lead);
    if (c.needsRole && !role) continue;
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
  // A bare name coordinated with a person is a person too, and so along a list ("Present were
  // Sergei Lavrov, Denis Manturov and Andrei Belousov": the first names the list).
  const joined = (a: Candidate | undefined, b: Candidate | undefined) =>
    a && b && COORDINATION.test(sentence.slice(a.index + a.length, b.index));
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of [...weak]) {
      const k = candidates.indexOf(c);
      const [prev, next] = [candidates[k - 1], candidates[k + 1]];
      if ((prev && !weak.includes(prev) && joined(prev, c)) || (next && !weak.includes(next) && joined(c, next))) {
        learn(c.tokens.join(' '));
        weak.splice(weak.indexOf(c), 1);
        grew = true;
      }
    }
  }
  for (const c of weak) unconfirmed.add(nameKey(c.tokens.join(' ')));
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
    const mention = (entry: Learned, index: number, length: number, ...forms: string[]) => {
      spans.push({ key: entry.key, index, length, via: 'name' });
      const seen = counts.get(entry.key) ?? { count: 0, first: sentence, forms: new Set<string>() };
      seen.count += 1;
      for (const f of forms) seen.forms.add(f);
      counts.set(entry.key, seen);
    };
    for (const run of sentence.matchAll(CAPITAL_RUN)) {
      const lone = bySurname.size ? loneSurname(run[0]) : undefined;
      const alone = lone && bySurname.get(lone.name);
      if (alone) {
        mention(alone, run.index + lone.offset, lone.name.length, lone.name);
        continue;
      }
      for (const c of candidatesInRun(sentence, run[0], run.index)) {
        if (c.nonPerson) continue;
        const entry = learned.get(nameKey(c.tokens.join(' ')));
        if (!entry) continue;
        const titled = c.title ? titledForm(c.title, c.tokens.join(' ')) : undefined;
        mention(entry, c.index, c.length, c.tokens.join(' '), ...(titled ? [titled] : []));
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

const BARE_REFERENCE =
  /\bthe\s+(?:[A-Z]{2,6}\s+)?((?:(?:Vice[\s-])?(?:President|Premier|Chairman|Chairwoman|General Secretary|Prime Minister|Marshal|Generalissimo|Supreme Leader|Minister|Ambassador)))\b(?!\s+(?:of|\p{Lu}))/gu;

/** "the President" → the person most recently named with that title (or role) in the article. */
function bareReferences(
  sentence: string,
  named: MentionSpan[],
  titles: Map<string, { key: string; title: string; kind: TitleKind }>,
): MentionSpan[] {
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
