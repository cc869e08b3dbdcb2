// Which stored article each article of a batch is (src/ingest/identity.ts decides when two texts
// are one story), and which of them take the batch's text as their current one. Every text is kept
// as a version of its article, so a merge never drops a body.
import { createHash } from 'node:crypto';
import type { ExtractedArticle } from '../extract/article.js';
import type { Prisma } from '../generated/prisma/client.js';
import { isoOf } from '../text/partial-date.js';
import { fingerprintOf, replacesCurrent, storySimilarity, storySlots, type StoryText } from './identity.js';
import type { ProcessedDocument } from './pipeline.js';
import { insertRows } from './rows.js';

type Tx = Prisma.TransactionClient;

/** A story the batch may be: stored, or first seen earlier in the batch. */
interface Story {
  key: string;
  /** Its row, when stored before this batch. */
  id?: number;
  sourceId: number;
  current: StoryText & { fingerprint: string };
  /** Fingerprints of every version. */
  known: Set<string>;
  slots: Set<string>;
  /** Documents that carried one of its versions: a page stored again finds its stories here even when their headline changed. */
  documentIds: Set<number>;
}

/** An article of the batch that becomes its story's current text. */
export interface Placed {
  article: ExtractedArticle;
  key: string;
  sourceId: number;
  documentId: number;
}

/** A text of the batch, to be kept as a version of the article `key` names. */
export interface VersionRow {
  key: string;
  fingerprint: string;
  slots: string[];
  article: ExtractedArticle;
  documentId: number;
}

export interface Placement {
  /** Stories whose current text the batch sets, in key order (the order rows are locked in). */
  placed: Placed[];
  versions: VersionRow[];
  /** Per document of the batch, the keys of its articles in page order, each once. */
  listed: string[][];
  /** Ids of the batch's stories stored before it, by key. */
  storedIds: Map<string, number>;
}

export const datelineOf = (a: ExtractedArticle) =>
  a.dateline ? `${a.dateline.place ? `${a.dateline.place}, ` : ''}${a.dateline.dateText} (${a.dateline.agency})` : null;

const dayOf = (a: ExtractedArticle) =>
  a.published && a.published.date.precision === 'DAY' && !a.published.date.inferred ? isoOf(a.published.date) : null;

const textOf = (a: ExtractedArticle): StoryText => ({
  title: a.title,
  paragraphs: a.paragraphs,
  truncated: a.truncated,
  dateline: datelineOf(a),
  day: dayOf(a),
});

/** The slots the batch's articles look in: locked with the documents' keys, so that two writers never both create one story. */
export const slotsOf = (docs: ProcessedDocument[]) => docs.flatMap((d) => d.articles.flatMap((a) => slotsOfArticle(d.source.slug, a)));

// Worked out for the locks, then used to place the article: once.
const slotCache = new WeakMap<ExtractedArticle, [string, string]>();
function slotsOfArticle(sourceSlug: string, article: ExtractedArticle): [string, string] {
  const known = slotCache.get(article);
  if (known) return known;
  const slots = storySlots(sourceSlug, article);
  slotCache.set(article, slots);
  return slots;
}

interface StoredRow {
  id: number;
  key: string;
  sourceId: number;
  title: string;
  paragraphs: string[];
  truncated: boolean;
  dateline: string | null;
  day: string | null;
  known: string[];
  slots: string[] | null;
  documentIds: number[];
}

/**
 * The stored stories the batch may be: those under its slots, and those the pages it stores again
 * carried. Each found through its own index: one condition OR-ed over them read the whole table
 * (0.1–0.4 s a batch at 4,000 articles, and growing with the archive).
 */
async function storedStories(tx: Tx, slots: string[], rewritten: number[]): Promise<Story[]> {
  const rows = await tx.$queryRaw<StoredRow[]>`
    SELECT a.id, a.key, a."sourceId", a.title, a.paragraphs, a.truncated, a.dateline,
      CASE WHEN a."publishedPrecision" = 'DAY' AND NOT a."publishedInferred" THEN to_char(a."publishedStart", 'YYYY-MM-DD') END AS day,
      v.known, v.slots, v."documentIds"
    FROM (
      SELECT "articleId" AS id FROM "ArticleVersion" WHERE "headlineSlot" = ANY(${slots}::text[])
      UNION SELECT "articleId" FROM "ArticleVersion" WHERE "openingSlot" = ANY(${slots}::text[])
      UNION SELECT "articleId" FROM "ArticleVersion" WHERE "documentId" = ANY(${rewritten}::int[])
      UNION SELECT id FROM "Article" WHERE "documentId" = ANY(${rewritten}::int[])
    ) candidates
    JOIN "Article" a ON a.id = candidates.id
    CROSS JOIN LATERAL (
      SELECT array_agg(fingerprint) AS known, array_remove(array_agg(DISTINCT "headlineSlot") || array_agg(DISTINCT "openingSlot"), NULL) AS slots,
        array_agg(DISTINCT "documentId") || a."documentId" AS "documentIds"
      FROM "ArticleVersion" WHERE "articleId" = a.id) v`;
  return rows.map((r) => {
    const fingerprint = fingerprintOf(r.paragraphs);
    return {
      key: r.key,
      id: r.id,
      sourceId: r.sourceId,
      current: { title: r.title, paragraphs: r.paragraphs, truncated: r.truncated, dateline: r.dateline, day: r.day, fingerprint },
      known: new Set([...(r.known ?? []), fingerprint]),
      slots: new Set(r.slots ?? []),
      documentIds: new Set(r.documentIds.filter((id) => id != null)),
    };
  });
}

/**
 * Places each article of the batch in its story: the stored or earlier one it is the same text as,
 * or is alike enough to (the most alike wins), else a new story keyed by its slot and fingerprint.
 */
export async function placeArticles(
  tx: Tx,
  docs: ProcessedDocument[],
  sourceIds: Map<string, number>,
  documentIds: Map<string, number>,
  rewritten: number[],
): Promise<Placement> {
  const stories = await storedStories(tx, [...new Set(slotsOf(docs))], rewritten);
  // The stories under each slot and page: a batch of 100 pages meets a thousand stored stories.
  const bySlot = new Map<string | number, Set<Story>>();
  const file = (story: Story, keys: (string | number)[]) => {
    for (const k of keys) bySlot.set(k, (bySlot.get(k) ?? new Set()).add(story));
  };
  for (const story of stories) file(story, [...story.slots, ...story.documentIds]);
  const placed = new Map<string, Placed>();
  const versions: VersionRow[] = [];
  const listed = docs.map((d) => {
    const sourceId = sourceIds.get(d.source.slug)!;
    const documentId = documentIds.get(d.key)!;
    const own = new Set<string>();
    for (const article of d.articles) {
      const slots = slotsOfArticle(d.source.slug, article);
      const text = { ...textOf(article), fingerprint: fingerprintOf(article.paragraphs) };
      const candidates = new Set([slots[0], slots[1], documentId].flatMap((k) => [...(bySlot.get(k) ?? [])]));
      let story = bestMatch(candidates, text, sourceId, slots, documentId);
      if (!story) {
        const key = createHash('sha1').update(`${slots[0]}|${text.fingerprint}`).digest('hex');
        story = { key, sourceId, current: text, known: new Set(), slots: new Set(), documentIds: new Set() };
        stories.push(story);
      }
      // A page that lists one story twice says it once.
      if (own.has(story.key)) continue;
      own.add(story.key);
      if (replacesCurrent(story.current, text, story.known)) {
        story.current = text;
        // A later page of the batch that carries the story takes it over, as if stored one by one.
        placed.delete(story.key);
        placed.set(story.key, { article, key: story.key, sourceId, documentId });
      }
      story.known.add(text.fingerprint);
      for (const slot of slots) story.slots.add(slot);
      story.documentIds.add(documentId);
      file(story, [...slots, documentId]);
      versions.push({ key: story.key, fingerprint: text.fingerprint, slots, article, documentId });
    }
    return [...own];
  });
  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const carried = new Set(listed.flat());
  const storedIds = new Map(stories.filter((s) => s.id !== undefined && carried.has(s.key)).map((s) => [s.key, s.id!]));
  return { placed: [...placed.values()].sort(byKey), versions, listed, storedIds };
}

function bestMatch(
  stories: Iterable<Story>,
  text: StoryText & { fingerprint: string },
  sourceId: number,
  slots: [string, string],
  documentId: number,
) {
  let best: Story | undefined;
  let bestScore = 0;
  for (const story of stories) {
    if (story.sourceId !== sourceId) continue;
    const headlineOrPage = story.slots.has(slots[0]) || story.documentIds.has(documentId);
    if (!headlineOrPage && !story.slots.has(slots[1])) continue;
    // The same text is the same story; a text alike enough is one only under the same headline or
    // opening, or from the page that carried it.
    const score = story.known.has(text.fingerprint) ? 2 : (storySimilarity(story.current, text, !headlineOrPage) ?? 0);
    if (score > bestScore) [best, bestScore] = [story, score];
  }
  return best;
}

/** Keeps every text of the batch as a version of its article: once per distinct text, with the page that first carried it. */
export async function storeVersions(tx: Tx, versions: VersionRow[], articleIds: Map<string, number>): Promise<void> {
  const rows = new Map<string, object>();
  for (const v of versions) {
    const articleId = articleIds.get(v.key)!;
    const id = `${articleId}|${v.fingerprint}`;
    if (rows.has(id)) continue;
    const a = v.article;
    rows.set(id, {
      articleId,
      fingerprint: v.fingerprint,
      headlineSlot: v.slots[0],
      openingSlot: v.slots[1],
      kind: a.kind,
      title: a.title,
      paragraphs: a.paragraphs,
      truncated: a.truncated,
      dateline: datelineOf(a),
      documentId: v.documentId,
    });
  }
  const sorted = [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  await insertRows(
    tx,
    'ArticleVersion',
    {
      articleId: 'int',
      fingerprint: 'text',
      headlineSlot: 'text',
      openingSlot: 'text',
      kind: '"ArticleKind"',
      title: 'text',
      paragraphs: 'text[]',
      truncated: 'boolean',
      dateline: 'text',
      documentId: 'int',
    },
    sorted,
    // A version stored before slots were kept learns them.
    {
      tail: `ON CONFLICT ("articleId", fingerprint) DO UPDATE SET "headlineSlot" = EXCLUDED."headlineSlot", "openingSlot" = EXCLUDED."openingSlot"
        WHERE t."headlineSlot" IS NULL`,
    },
  );
}
