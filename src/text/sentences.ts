// Sentence splitting for news prose. Scraped pages often lose the space after a full stop
// ("landscape.One of") or a colon ("on March 1:Israel's"); those are restored first.

export interface Sentence {
  text: string;
  /** Offset of the sentence in the paragraph it came from. */
  start: number;
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'mt',
  'st',
  'no',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'jr',
  'sr',
  'vs',
  'etc',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'co',
  'inc',
  'ltd',
  'e.g',
  'i.e',
  'u.s',
  'u.n',
]);

/** Restores a lost space between sentences: "landscape.One" → "landscape. One". */
export function repairSpacing(text: string): string {
  return text.replace(/([\p{Ll}\d])([.:!?])(\p{Lu}\p{Ll})/gu, '$1$2 $3');
}

export function splitSentences(paragraph: string): Sentence[] {
  const text = repairSpacing(paragraph);
  const sentences: Sentence[] = [];
  // A boundary: terminal punctuation, optional closing quote/bracket, whitespace, then a capital,
  // digit or opening quote.
  const boundary = /([.!?])["”’)\]]*\s+(?=["“‘(]?[\p{Lu}\d])/gu;
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (match[1] === '.') {
      const word = /([\p{L}.]+)\.$/u.exec(text.slice(Math.max(start, match.index - 12), match.index + 1))?.[1];
      // "Mt. Paektu", "Dr. Ri", and single initials ("J. Smith") do not end a sentence.
      if (word && (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word))) continue;
    }
    pushSentence(sentences, text, start, end);
    start = end;
  }
  pushSentence(sentences, text, start, text.length);
  return sentences;
}

function pushSentence(out: Sentence[], text: string, start: number, end: number) {
  const raw = text.slice(start, end);
  const trimmed = raw.trim();
  if (trimmed) out.push({ text: trimmed, start: start + raw.indexOf(trimmed) });
}

export const wordCount = (text: string) => (text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;
