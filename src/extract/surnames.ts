// Foreign people named by a surname alone: after an office ("Prime Minister of Japan Kishida"),
// in "the Abe regime", and, once the article has named them in full, as "Putin" or "Vladimir
// Putin" for Vladimir Vladimirovich Putin. Korean names are never shortened this way: "Kim" or
// "Kim Jong" alone names nobody.
import { isKoreanName, isNameWord, KOREAN_SURNAMES, NON_NAME_WORDS, OFFICE_WORDS, TITLE_MODIFIERS, TITLE_WORDS } from '../text/names.js';

/** What the people extractor has learned of one person (see people.ts). */
export interface ShortFormTarget {
  key: string;
  name: string;
}

const OFFICE_OF = /\b(?:President|Minister|Chairman|Premier|Ambassador|Secretary|Chancellor)\s+of\s+(?:the\s+)?$/;
const REGIME_AFTER = /^\s+(?:regime|administration|government|cabinet|clique)\b/;
// A nationality is no surname: "the Japanese government".
const NATIONALITY = /(?:an|ese|ish|ian|i)$/;

/**
 * A capitalised run that ends in one name word after title, office or country words
 * ("President Putin", "Japan Kishida" after "Prime Minister of "), or is that word alone: the word
 * and its offset in the run.
 */
export function loneSurname(runText: string): { name: string; offset: number } | undefined {
  const space = runText.lastIndexOf(' ');
  // Most runs are names of several words: the word before the last rules them out at once.
  const prev = space > 0 ? runText.slice(runText.lastIndexOf(' ', space - 1) + 1, space) : undefined;
  if (prev !== undefined && !TITLE_WORDS.has(prev) && !OFFICE_WORDS.has(prev) && !NON_NAME_WORDS.has(prev)) return undefined;
  const name = runText.slice(space + 1).replace(/['’]s$/, '');
  if (!isNameWord(name) || KOREAN_SURNAMES.has(name) || NATIONALITY.test(name)) return undefined;
  if (
    space > 0 &&
    !runText
      .slice(0, space)
      .split(' ')
      .every((w) => TITLE_WORDS.has(w) || OFFICE_WORDS.has(w) || NON_NAME_WORDS.has(w))
  )
    return undefined;
  return { name, offset: space + 1 };
}

/** The surname a run names as a person on its own: after an office ("President Lula", "Prime Minister of Japan Kishida") or in "the Abe regime". */
export function surnameLearned(sentence: string, runText: string, runIndex: number): string | undefined {
  const lone = loneSurname(runText);
  if (!lone) return undefined;
  if (lone.offset > 0) {
    // "President Putin": a title's head word right before it; "Japan Kishida": a country after "Prime Minister of".
    const before = runText.slice(0, lone.offset - 1).split(' ');
    const head = before[before.length - 1]!;
    if (TITLE_WORDS.has(head) && !TITLE_MODIFIERS.has(head)) return lone.name;
    return before.every((w) => NON_NAME_WORDS.has(w)) && OFFICE_OF.test(sentence.slice(Math.max(0, runIndex - 40), runIndex))
      ? lone.name
      : undefined;
  }
  const after = sentence.slice(runIndex + runText.length, runIndex + runText.length + 20);
  return /\bthe\s+$/.test(sentence.slice(Math.max(0, runIndex - 5), runIndex)) && REGIME_AFTER.test(after) ? lone.name : undefined;
}

/** Korean names are never shortened; a romanised surname first is the cheap sign of one. */
const isKorean = (tokens: string[]) => KOREAN_SURNAMES.has(tokens[0]!) && isKoreanName(tokens);

/**
 * Maps each shorter form of a foreign name to the fullest one learned in the same article:
 * "Vladimir Putin" (same first and last word) and "Putin" (the last word, when only one person
 * has it) are Vladimir Vladimirovich Putin.
 */
export function fullerForms<T extends ShortFormTarget>(learned: Map<string, T>, tokensOf: (entry: T) => string[]): Map<string, T> {
  // Only names that end in the same word can be forms of one another.
  const byLast = new Map<string, { entry: T; tokens: string[] }[]>();
  for (const entry of new Set(learned.values())) {
    const tokens = tokensOf(entry);
    const last = tokens[tokens.length - 1]!;
    const group = byLast.get(last);
    if (group) group.push({ entry, tokens });
    else byLast.set(last, [{ entry, tokens }]);
  }
  const fuller = new Map<string, T>();
  for (const group of byLast.values()) {
    if (group.length < 2) continue;
    const foreign = group.filter((g) => !isKorean(g.tokens));
    for (const short of foreign) {
      const longer = foreign.filter(
        (l) => l.tokens.length > short.tokens.length && (short.tokens.length === 1 || l.tokens[0] === short.tokens[0]),
      );
      if (longer.length === 0) continue;
      const target = longer.reduce((a, b) => (b.tokens.length > a.tokens.length ? b : a));
      // Two fullest people share the word: "Putin" could be either, so it is neither.
      if (foreign.some((l) => l !== target && l.tokens.length >= target.tokens.length)) continue;
      fuller.set(short.entry.key, target.entry);
    }
  }
  return fuller;
}

/** The last word of each foreign person's name, where no other person of the article shares it. */
export function surnameIndex<T extends ShortFormTarget>(entries: T[], tokensOf: (entry: T) => string[]): Map<string, T> {
  const bySurname = new Map<string, T | null>();
  for (const e of entries) {
    const tokens = tokensOf(e);
    if (isKorean(tokens)) continue;
    const last = tokens[tokens.length - 1]!;
    bySurname.set(last, bySurname.has(last) && bySurname.get(last) !== e ? null : e);
  }
  return new Map([...bySurname].filter((x): x is [string, T] => x[1] !== null));
}
