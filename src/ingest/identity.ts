// When two texts are one story. A story's slot (its outlet and folded headline) finds the stored
// stories it may be; what decides is the text: two pages carrying the same story (a teaser and its
// full text, a kcnawatch copy and the kcna.kp original, a corrected edition) share most of their
// words in order, while untitled wire items that open with the same sentence ("Kim Jong Un sent a
// message of greetings to …") share that sentence and little else. A stated day or a dateline
// that differ always make two stories.
import { createHash } from 'node:crypto';

/** One text of a story, as a page carried it or as the archive stored it. */
export interface StoryText {
  title: string;
  paragraphs: string[];
  truncated: boolean;
  /** "Pyongyang, September 25 (KCNA)", when the text opened with one. */
  dateline?: string | null;
  /** The publication day, when the page stated one to the day: "2021-09-25". */
  day?: string | null;
}

/**
 * Word 3-grams shared by half of all make one story under one headline or on one page; found by
 * the opening words alone, two full texts must share 80 %, as stories written to one template
 * ("X, minister of foreign affairs, met Y in Pyongyang") share half with one name changed. A
 * teaser is one story with a text holding 80 % of its own.
 */
const EDIT_SIMILARITY = 0.5;
const OPENING_SIMILARITY = 0.8;
const TEASER_CONTAINMENT = 0.8;
const SHINGLE = 3;

export const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** How many opening words a text is looked up by: a teaser's cut headline and lead hold more. */
const OPENING_WORDS = 8;

const slotHash = (s: string) => createHash('sha1').update(s).digest('hex');

/**
 * Where to look for the story's other texts: its outlet with its headline, and with its opening
 * words. A listing teaser's headline is its cut first sentence, which only the opening finds; an
 * edition that rewrote its headline is found by its opening too.
 */
export function storySlots(sourceSlug: string, text: Pick<StoryText, 'title' | 'paragraphs'>): [string, string] {
  // Eight words are in the first few hundred characters: the rest of the body is not folded for them.
  const opening = fold(text.paragraphs.join(' ').slice(0, 400)).split(' ').slice(0, OPENING_WORDS).join(' ');
  return [slotHash(`${sourceSlug}|${fold(text.title).slice(0, 200)}`), slotHash(`${sourceSlug}|opening|${opening}`)];
}

/**
 * The text's identity, blind to how whitespace was laid out: one version however many pages carry
 * it. The migration that added versions computes the same value in SQL for articles stored before.
 */
export const fingerprintOf = (paragraphs: readonly string[]) =>
  createHash('md5')
    .update(paragraphs.map((p) => p.replace(/\s+/g, ' ').trim()).join('\n'))
    .digest('hex');

// A text is compared with every stored text under its slots: its 3-grams are read once.
const shingled = new WeakMap<StoryText, Set<string>>();

function shingles(text: StoryText): Set<string> {
  const known = shingled.get(text);
  if (known) return known;
  const out = shinglesOf(text);
  shingled.set(text, out);
  return out;
}

function shinglesOf(text: StoryText): Set<string> {
  const words = fold(text.paragraphs.join(' ')).split(' ').filter(Boolean);
  // A teaser's last word may be cut ("… the b…"): it says nothing.
  if (text.truncated) words.pop();
  if (words.length < SHINGLE) return new Set(words.length ? [words.join(' ')] : []);
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= words.length; i += 1) out.add(words.slice(i, i + SHINGLE).join(' '));
  return out;
}

const datelineKey = (d: string | null | undefined) => (d ? fold(d) : undefined);

/**
 * How alike two texts of possibly one story are, from 0 (two stories) to 1; null when something
 * they state tells them apart. A truncated text is measured by how much of it the other contains.
 * `openingOnly`: the texts met by their opening words alone, neither headline nor page shared.
 */
export function storySimilarity(a: StoryText, b: StoryText, openingOnly = false): number | null {
  if (a.day && b.day && a.day !== b.day) return null;
  const [da, db] = [datelineKey(a.dateline), datelineKey(b.dateline)];
  if (da && db && da !== db) return null;
  const [sa, sb] = [shingles(a), shingles(b)];
  if (!sa.size || !sb.size) return null;
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared += 1;
  if (a.truncated || b.truncated) {
    const shorter = a.truncated && (!b.truncated || sa.size <= sb.size) ? sa : sb;
    const contained = shared / shorter.size;
    return contained >= TEASER_CONTAINMENT ? contained : 0;
  }
  const jaccard = shared / (sa.size + sb.size - shared);
  return jaccard >= (openingOnly ? OPENING_SIMILARITY : EDIT_SIMILARITY) ? jaccard : 0;
}

/**
 * Whether `incoming` becomes the story's current text: a text never seen before does, unless it
 * is a teaser of a story whose full text is known; the current text seen again does too, so that
 * re-extraction rewrites what was derived from it. An older version seen again does not.
 */
export function replacesCurrent(
  current: { fingerprint: string; truncated: boolean },
  incoming: { fingerprint: string; truncated: boolean },
  known: ReadonlySet<string>,
): boolean {
  if (incoming.fingerprint === current.fingerprint) return true;
  if (known.has(incoming.fingerprint)) return false;
  return !(incoming.truncated && !current.truncated);
}
