// Which outlet published a page, as one Source however archives spell it: "KCNA.kp (En)",
// "KCNA" and "www.kcna.kp" are one outlet; "The Pyongyang Times" and "Pyongyang Times" another.
// The archive a page was fetched from (its URL's host) stays on the document, never here.
import { isKoreanText } from '../text/korean.js';

export interface Outlet {
  /** The outlet's name without host suffix, language tag or leading article: "KCNA", "Pyongyang Times". */
  name: string;
  /** The Source's identity: the name's letters and digits alone, so "Pyongyang Times" and the
   * host "pyongyangtimes.com.kp" meet. */
  slug: string;
  language: string;
}

const LANGUAGE_TAG = /\s*\((En|Eng|English|Ko|Kor|Korean|Fr|Es|Ru|Zh|Ja|Ar)\)\s*$/i;
const LANGUAGES: Record<string, string> = { eng: 'en', english: 'en', kor: 'ko', korean: 'ko' };

export function outletOf(raw: string, text: string): Outlet {
  let name = raw
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/.*$/, '');
  const tag = LANGUAGE_TAG.exec(name)?.[1]?.toLowerCase();
  name = name.replace(LANGUAGE_TAG, '').replace(/\s*\(via [^)]*\)\s*$/i, '');
  name = name
    .replace(/\.(?:com\.kp|rep\.kp|org\.kp|edu\.kp|kp|co\.jp|com|org|net)$/i, '')
    .replace(/^the\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  // What is left of a bare host ("kcna", "naenara"): an acronym when short, a name otherwise.
  if (/^[a-z0-9-]+$/.test(name)) name = name.length <= 4 ? name.toUpperCase() : name[0]!.toUpperCase() + name.slice(1);
  if (!name) name = 'Unknown source';
  return { name, slug: slugify(name), language: (tag && (LANGUAGES[tag] ?? tag)) || languageOf(text) };
}

export function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '') || 'source'
  );
}

/** A page mostly of English function words is English; one mostly in Hangul is Korean. */
function languageOf(text: string): string {
  if (isKoreanText(text)) return 'ko';
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const english = words.filter((w) => ['the', 'and', 'of', 'to', 'in', 'is', 'was'].includes(w)).length;
  return words.length && english / words.length > 0.05 ? 'en' : 'und';
}
