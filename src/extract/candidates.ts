// Candidate names in a run of capitalised words: "President Kim Il Sung", "Minister of Defense
// Andrei Beloussov", "Kaysone Phomvihane". What counts as evidence that one is a person is
// people.ts's to decide; this reads the shapes.
import { isKoreanName, isPlausibleName, NON_PERSON_HEADS, OFFICE_WORDS, TITLE_MODIFIERS, TITLE_WORDS } from '../text/names.js';

export const CAPITAL_RUN = /\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*/gu;
const HONORIFICS = /(?:\b(?:dear|respected|beloved|great|supreme|late|eternal|peerlessly|outstanding)\s+)+(?:leader\s+)?$/i;

const stripPossessive = (token: string) => token.replace(/['’]s$/u, '');

export interface Candidate {
  tokens: string[];
  index: number;
  length: number;
  title?: string;
  strong: boolean;
  /** Followed by "Square", "University" …: the name of a thing, not a mention of a person. */
  nonPerson?: boolean;
  /** Begins with a short English word ("To Lam"): a person only with a role after it. */
  needsRole?: boolean;
}

/** Splits a run of capitalised words into an optional title and the names inside it. */
export function candidatesInRun(sentence: string, runText: string, runIndex: number): Candidate[] {
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
        if (isPlausibleName(tokens) || isTitledShortName(tokens)) {
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
      } else if (tokens.length <= 4 && isTitledShortName(tokens)) {
        // "To Lam, general secretary of …": only a role after it makes it a name ("As Putin said" is not one).
        matched = tokens.length;
        out.push({ ...candidate(tokens, i, matched, undefined, false), needsRole: true });
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
    const chain = runText.slice(offsets[start + len - 1]! + raw[start + len - 1]!.length).startsWith('-')
      ? raw.slice(start + len, start + len + 5)
      : [];
    const next = chain.find((t) => NON_PERSON_HEADS.has(stripPossessive(t))) ?? raw[start + len];
    const before = sentence.slice(Math.max(0, index - 12), index);
    const nonPerson = (next !== undefined && NON_PERSON_HEADS.has(stripPossessive(next))) || /\b(?:Order|Prize|Medal) of\s+$/.test(before);
    return { tokens, index, length: end - index, ...(title ? { title } : {}), strong: strong && !nonPerson, nonPerson };
  }
}

/**
 * After a title, a short capitalised word that is otherwise an English one begins a name: "General
 * Secretary To Lam", "President Do Van Hung" (Vietnamese). Mid-run, capitalised, it is no preposition.
 */
const isTitledShortName = (tokens: string[]) =>
  tokens.length >= 2 && /^\p{Lu}\p{Ll}{1,2}$/u.test(tokens[0]!) && isPlausibleName(['Xx', ...tokens.slice(1)]);

/** The text just before `index`: end-anchored patterns look back this far, not to the start. */
export const before = (sentence: string, index: number) => sentence.slice(Math.max(0, index - 80), index);

function titleText(sentence: string, titleIndex: number, titleTokens: string[]): string {
  const office = !TITLE_WORDS.has(titleTokens[0]!) ? OFFICE_BEFORE.exec(before(sentence, titleIndex))?.[0] : undefined;
  if (office) return `${office}${titleTokens.join(' ')}`;
  const honorific = HONORIFICS.exec(before(sentence, titleIndex))?.[0] ?? '';
  return `${honorific}${titleTokens.join(' ')}`.trim();
}

/** "Minister of " before "Defense", "Aide to the President of Russia for " before "Foreign Policy". */
const OFFICE_BEFORE =
  /\b(?:Minister|Secretary|Ambassador|Aide|Head|Chairman|Chairwoman|Director|Chief|President|Premier|Spokesperson|Spokesman|Commander|Deputy|Adviser|Advisor)\b(?:\s+(?:of|to|for|on|and|the|\p{Lu}[\p{L}'’-]*))*\s+(?:of|to|for|on)\s+(?:the\s+)?$/u;

/**
 * "great leader Comrade" + "Kim Il Sung" → "Comrade Kim Il Sung": the alias keeps the title, not
 * the praise. An office ("Minister of Defense") is a title, never part of a spelling.
 */
export function titledForm(title: string, name: string): string | undefined {
  const words = title.replace(/^(?:\p{Ll}+\s+)+/u, '');
  return words.split(/\s+/).every((w) => TITLE_WORDS.has(w)) ? `${words} ${name}` : undefined;
}
