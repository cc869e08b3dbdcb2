// The "More From …" listing: blocks of a truncated teaser, its date, and (on Naenara) the teaser
// again. Also reads "date, teaser" blocks. Lines that fit no block are reported, not guessed at.
import type { ParsedArticle } from './types.js';
import { dateLine, endsLikeText } from './lines.js';

const same = (a: string, b: string) => a === b || a.startsWith(b) || b.startsWith(a);

export function parseListing(lines: string[], firstPosition: number): { teasers: ParsedArticle[]; warnings: string[] } {
  const teasers: ParsedArticle[] = [];
  const warnings: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const next = lines[i + 1];
    let text: string | undefined;
    let date = dateLine(line);
    if (date && next !== undefined && !dateLine(next)) {
      text = next;
      i += 2;
    } else if (!date && next !== undefined && dateLine(next)) {
      date = dateLine(next);
      text = line;
      i += 2;
    } else {
      warnings.push(`listing line without a date skipped: "${line.slice(0, 80)}"`);
      i += 1;
      continue;
    }
    // The teaser repeated under its date: keep the longer copy.
    if (i < lines.length && !dateLine(lines[i]!) && same(lines[i]!, text)) {
      if (lines[i]!.length > text.length) text = lines[i]!;
      i += 1;
    }
    teasers.push({
      kind: 'TEASER',
      title: text,
      titleFromText: true,
      paragraphs: [text],
      truncated: !endsLikeText(text),
      statedDate: date!,
      position: firstPosition + teasers.length,
    });
  }
  return { teasers, warnings };
}
