// Scores the pure pipeline against hand-made gold (eval/*/gold.json): persons by name or alias,
// dated events by date + precision, and the publication date. Plain data in and out: the CLI
// (src/cli/eval.ts) and the guard test read files, this module only counts.
import { nameKey } from '../text/names.js';
import type { ProcessedDocument } from '../ingest/pipeline.js';
import { isoOf } from '../text/partial-date.js';

export interface GoldPage {
  file: string;
  url?: string;
  publishedAt?: string | null;
  /** `romanized`: the English spelling KCNA is seen to use for a Korean-named person, which the person found must carry as its name. */
  persons: { name: string; aliases: string[]; romanized?: string }[];
  events: { date: string; precision: 'day' | 'month' | 'year'; summary?: string }[];
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export interface PageScore {
  file: string;
  persons: Tally & { missed: string[]; false: string[] };
  events: Tally & { missed: string[]; false: string[] };
  published: { gold?: string; found?: string };
  /** Korean-named persons whose English spelling is attested, and how many were found under it. */
  romanized: { attested: number; linked: number; missed: string[] };
}

/** The publication date the pipeline gives the page: its first full article's, else its first article's. */
export function publishedOf(doc: ProcessedDocument): string | undefined {
  const article = doc.articles.find((a) => a.kind === 'FULL' && a.published) ?? doc.articles.find((a) => a.published);
  return article?.published ? isoOf(article.published.date) : undefined;
}

export function scorePage(gold: GoldPage, doc: ProcessedDocument): PageScore {
  return {
    file: gold.file,
    persons: scorePersons(gold, doc),
    events: scoreEvents(gold, doc),
    romanized: scoreRomanized(gold, doc),
    published: { ...(gold.publishedAt ? { gold: gold.publishedAt } : {}), ...withFound(publishedOf(doc)) },
  };
}

const withFound = (found: string | undefined) => (found ? { found } : {});

/** A found person matches a gold one when any of its spellings is one of the gold's (name or alias). */
function scorePersons(gold: GoldPage, doc: ProcessedDocument): PageScore['persons'] {
  const found = new Map<string, Set<string>>();
  for (const article of doc.articles) {
    for (const p of article.people) {
      const keys = found.get(p.key) ?? new Set([p.key]);
      for (const alias of p.aliases) keys.add(nameKey(alias));
      found.set(p.key, keys);
    }
  }
  const unmatched = new Map(found);
  const missed: string[] = [];
  for (const person of gold.persons) {
    const keys = new Set([person.name, ...person.aliases].map(nameKey));
    const hit = [...unmatched].find(([, spellings]) => [...spellings].some((s) => keys.has(s)));
    if (hit) unmatched.delete(hit[0]);
    else missed.push(person.name);
  }
  const names = new Map(doc.articles.flatMap((a) => a.people.map((p) => [p.key, p.name] as const)));
  const falseHits = [...unmatched.keys()].map((k) => names.get(k)!);
  return { tp: gold.persons.length - missed.length, fp: falseHits.length, fn: missed.length, missed, false: falseHits };
}

/** A Korean-named person is linked when the person found under their Hangul name bears the attested English name. */
function scoreRomanized(gold: GoldPage, doc: ProcessedDocument): PageScore['romanized'] {
  const people = doc.articles.flatMap((a) => a.people);
  const missed: string[] = [];
  const attested = gold.persons.filter((p) => p.romanized);
  for (const person of attested) {
    const found = people.find((p) => [p.name, ...p.aliases].some((s) => nameKey(s) === nameKey(person.name)));
    if (!found || nameKey(found.name) !== nameKey(person.romanized!))
      missed.push(`${person.name} → ${person.romanized} (found ${found?.name ?? 'no one'})`);
  }
  return { attested: attested.length, linked: attested.length - missed.length, missed };
}

/** Events as a multiset of "date/precision": two found events on one gold date count one false hit. */
function scoreEvents(gold: GoldPage, doc: ProcessedDocument): PageScore['events'] {
  const found = doc.articles.flatMap((a) =>
    a.events.map((e) => ({ key: `${isoOf(e.date)}/${e.date.precision.toLowerCase()}`, summary: e.summary })),
  );
  const missed: string[] = [];
  for (const event of gold.events) {
    const at = found.findIndex((f) => f.key === `${event.date}/${event.precision}`);
    if (at >= 0) found.splice(at, 1);
    else missed.push(`${event.date}/${event.precision} ${event.summary ?? ''}`.trim());
  }
  return {
    tp: gold.events.length - missed.length,
    fp: found.length,
    fn: missed.length,
    missed,
    false: found.map((f) => `${f.key} ${f.summary}`),
  };
}

export interface CorpusScore {
  pages: PageScore[];
  persons: Tally & { precision: number; recall: number; f1: number };
  events: Tally & { precision: number; recall: number; f1: number };
  /** Pages whose gold states a publication date, and how many of those the pipeline found exactly. */
  published: { stated: number; correct: number; wrong: number };
  romanized: { attested: number; linked: number };
}

export function summarise(pages: PageScore[]): CorpusScore {
  const published = { stated: 0, correct: 0, wrong: 0 };
  for (const p of pages) {
    if (p.published.gold) published.stated += 1;
    if (p.published.gold && p.published.found === p.published.gold) published.correct += 1;
    else if (p.published.found) published.wrong += 1;
  }
  const romanized = {
    attested: pages.reduce((n, p) => n + p.romanized.attested, 0),
    linked: pages.reduce((n, p) => n + p.romanized.linked, 0),
  };
  return { pages, persons: micro(pages.map((p) => p.persons)), events: micro(pages.map((p) => p.events)), published, romanized };
}

function micro(tallies: Tally[]): Tally & { precision: number; recall: number; f1: number } {
  const tp = tallies.reduce((s, t) => s + t.tp, 0);
  const fp = tallies.reduce((s, t) => s + t.fp, 0);
  const fn = tallies.reduce((s, t) => s + t.fn, 0);
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision: round(precision), recall: round(recall), f1: round(f1) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
