// Foreign people named by a surname alone: after an office ("Prime Minister of Japan Kishida"),
// in "the Abe regime", and, once the article has named them in full, as "Putin" or "Vladimir
// Putin" for Vladimir Vladimirovich Putin. Korean names are never shortened this way: "Kim" or
// "Kim Jong" alone names nobody.
import { isKoreanName, isNameWord, KOREAN_SURNAMES } from './names.js';

/** What the people extractor has learned of one person (see people.ts). */
export interface ShortFormTarget {
  key: string;
  name: string;
}

const SURNAME = '(\\p{Lu}\\p{Ll}{2,}(?:-\\p{Lu}\\p{Ll}+)?)';
const OFFICE = '(?:President|Prime Minister|Minister|Chairman|Premier|Ambassador|Secretary|Chancellor|King|Queen|Emperor|Pope|Sheikh|Sultan|Mr|Mrs|Ms|Dr|Comrade)';
// "Prime Minister of Japan Kishida said", "President Lula": the surname ends the capitalised run.
const AFTER_OFFICE = new RegExp(`\\b${OFFICE}(?:\\s+of\\s+(?:the\\s+)?\\p{Lu}[\\p{L}.]+(?:\\s+\\p{Lu}[\\p{L}.]+)*)?\\s+${SURNAME}\\b(?![\\s-]+\\p{Lu})`, 'gu');
// "the Abe regime", "the Kishida government": a leader's surname standing for the government.
const REGIME = new RegExp(`\\bthe\\s+${SURNAME}\\s+(?:regime|administration|government|cabinet|clique)\\b`, 'gu');
// A nationality is no surname: "the Japanese government".
const NATIONALITY = /(?:an|ese|ish|ian|i)$/;

export function surnamesIn(sentence: string): { name: string; index: number }[] {
  const out: { name: string; index: number }[] = [];
  for (const pattern of [AFTER_OFFICE, REGIME]) {
    for (const m of sentence.matchAll(pattern)) {
      const name = m[1]!;
      if (!isNameWord(name) || KOREAN_SURNAMES.has(name) || NATIONALITY.test(name)) continue;
      out.push({ name, index: m.index + m[0].lastIndexOf(name) });
    }
  }
  return out;
}

/**
 * Maps each shorter form of a foreign name to the fullest one learned in the same article:
 * "Vladimir Putin" (same first and last word) and "Putin" (the last word, when only one person
 * has it) are Vladimir Vladimirovich Putin.
 */
export function fullerForms<T extends ShortFormTarget>(learned: Map<string, T>, tokensOf: (entry: T) => string[]): Map<string, T> {
  const entries = [...new Set(learned.values())].filter((e) => !isKoreanName(tokensOf(e)));
  const fuller = new Map<string, T>();
  for (const short of entries) {
    const s = tokensOf(short);
    const longer = entries.filter((l) => {
      const t = tokensOf(l);
      return t.length > s.length && t[t.length - 1] === s[s.length - 1] && (s.length === 1 || t[0] === s[0]);
    });
    if (longer.length === 0) continue;
    const target = longer.reduce((a, b) => (tokensOf(b).length > tokensOf(a).length ? b : a));
    const sameLast = entries.filter((l) => l !== target && tokensOf(l).length >= tokensOf(target).length && tokensOf(l).at(-1) === s.at(-1));
    if (sameLast.length === 0) fuller.set(short.key, target);
  }
  return fuller;
}

/** The last word of each foreign person's name, where no other person of the article shares it. */
export function surnameIndex<T extends ShortFormTarget>(entries: T[], tokensOf: (entry: T) => string[]): Map<string, T> {
  const bySurname = new Map<string, T | null>();
  for (const e of entries) {
    const tokens = tokensOf(e);
    if (isKoreanName(tokens)) continue;
    const last = tokens[tokens.length - 1]!;
    bySurname.set(last, bySurname.has(last) && bySurname.get(last) !== e ? null : e);
  }
  return new Map([...bySurname].filter((x): x is [string, T] => x[1] !== null));
}
