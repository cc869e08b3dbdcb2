// Dated happenings: a sentence with a placeable date and a verb or noun of something happening.
// Each event keeps its sentence as evidence, the people in it, where, and how sure we are.
import { findAnniversaries, findYearsAgo, type Anniversary } from './anniversaries.js';
import { findDates, type DateMention } from './dates.js';
import type { MentionSpan } from './people.js';
import { covers, finerThan, isoOf, makeDate, type PartialDate } from '../text/partial-date.js';

/** Every kind an event is given: the triggers' kinds, and ANNIVERSARY for a dated anniversary. */
export const EVENT_KINDS = [
  'DEATH',
  'BIRTH',
  'VISIT',
  'MEETING',
  'MILITARY',
  'AWARD',
  'STATEMENT',
  'ADOPTION',
  'FOUNDING',
  'ELECTION',
  'LIBERATION',
  'CONFLICT',
  'MESSAGE',
  'COMPETITION',
  'GATHERING',
  'ANNIVERSARY',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface EventFound {
  kind: EventKind;
  summary: string;
  evidence: string;
  date: PartialDate;
  participants: string[]; // person keys
  location?: string;
  confidence: number;
}

// The first that matches names the kind; the order keeps the most telling words first.
const TRIGGERS: [kind: EventKind, pattern: RegExp, strong: boolean][] = [
  ['DEATH', /\b(?:died|passed away|death of|was killed|demise)\b/i, true],
  ['BIRTH', /\b(?:was born|were born|birth)\b/i, true],
  [
    'VISIT',
    /\b(?:visit(?:s|ed|ing)?|tour(?:ed)?|arriv(?:ed|al)|inspect(?:ed|ion|s)?|survey|field guidance|looked round|returned home|left for|departed)\b/i,
    true,
  ],
  [
    'MEETING',
    /\b(?:met|meets|talks|received|welcomed|hospitality|meeting|reception|banquet|(?:tele)?phone (?:talks|conversation))\b/i,
    true,
  ],
  [
    'MILITARY',
    /\b(?:drills?|(?:military|joint) exercises?|maneuvers|manoeuvres|test-fir(?:e|ed|ing)|test launch|missile launch|fired)\b/i,
    true,
  ],
  ['AWARD', /\b(?:medals?|bagged|won|award(?:ed|ing)?|decorated|prize)\b/i, true],
  ['STATEMENT', /\b(?:statement|announced|declared|issued|said|stated|published|released)\b/i, true],
  ['ADOPTION', /\b(?:adopted|promulgated|enacted|proclaimed|ratified|signed|decree|decision|enforced|revised|set by)\b/i, true],
  [
    'FOUNDING',
    /\b(?:founded|founding|established|establishment|created|formed|set up|launched|inaugurated|organized|organised|completed|completion)\b/i,
    true,
  ],
  ['ELECTION', /\b(?:elected|election|selected|chosen)\b/i, true],
  ['LIBERATION', /\b(?:liberated|liberation)\b/i, true],
  ['CONFLICT', /\b(?:attack(?:ed)?|invaded|invasion|war broke out|bombed)\b/i, true],
  ['MESSAGE', /\b(?:sent|message|letter|greetings?|congratulations|condolences?)\b/i, true],
  ['COMPETITION', /\b(?:championships?|tournament|olympics?|games|contest|marathon|placed|took the \w+ place)\b/i, true],
  [
    'GATHERING',
    /\b(?:held|took place|celebrated|commemorated|opened|congress|session|ceremony|procession|rally|performance|festival|seminar|exhibition|marked|observed)\b/i,
    false,
  ],
];

const NOT_A_PLACE =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|The|A|An|His|Her|Their|Its)$/;

export interface EventContext {
  sentences: string[];
  mentions: MentionSpan[][];
  published?: PartialDate;
}

export function extractEvents({ sentences, mentions, published }: EventContext): EventFound[] {
  const events: EventFound[] = [];
  // The latest year the article has stated: past it, the story is no longer told in the present.
  let lastYear: number | undefined;
  sentences.forEach((sentence, i) => {
    const participants = participantsOf(sentence, mentions[i] ?? [], mentions[i - 1] ?? []);
    const dates = findDates(sentence, { ...(published ? { reference: published } : {}), ...(lastYear !== undefined ? { lastYear } : {}) });
    const consumed = new Set<DateMention>();
    const anniversaries = findAnniversaries(sentence);
    for (const anniversary of anniversaries) {
      const event = anniversaryEvent(sentence, anniversary, dates, consumed, published, lastYear);
      if (event) events.push({ ...event, participants });
    }
    const usable = dates.filter((d) => !consumed.has(d) && !isDeadline(sentence, d));
    const ago = findYearsAgo(sentence)[0];
    for (const d of dates) if (!d.date.inferred) lastYear = d.date.year;
    if (!usable.length && !(published && ago)) return;
    // The anniversary's own words ("the 68th anniversary of the founding of …") name what is
    // commemorated, not what the sentence reports.
    const told = anniversaries.reduce((t, a) => t.replace(a.text, ' '.repeat(a.text.length)), sentence);
    const add = ([kind, , strong]: Trigger, date: PartialDate, dateText: string | undefined, who: string[]) =>
      events.push({
        kind,
        summary: summarise(sentence, dateText),
        evidence: sentence,
        date,
        participants: who,
        ...locationOf(sentence, kind),
        confidence: confidence(date, who.length > 0, strong),
      });
    const clauses = clausesOf(told, usable);
    if (clauses) {
      for (const { date, trigger, from } of clauses)
        add(trigger, date.date, textOf(sentence, date), participantsIn(mentions[i] ?? [], from, date.index + date.length) ?? participants);
      return;
    }
    const trigger = triggerOf(told);
    if (!trigger) return;
    const chosen = mainDate(usable);
    if (chosen) add(trigger, chosen.date, textOf(sentence, chosen), participants);
    else if (published && ago)
      add(trigger, makeDate(published.year - ago.years, undefined, undefined, ago.text, true), undefined, participants);
  });
  return mergeSame(mergeNested(events));
}

const textOf = (sentence: string, d: DateMention) => sentence.slice(d.index, d.index + d.length);

/** The sentence's date: the first it states outright, else the first worked out. */
const mainDate = (dates: DateMention[]) => dates.find((d) => !d.date.inferred) ?? dates[0];

/**
 * Several dates in one sentence, each closing its own clause, are several happenings: "he was
 * born in 1930 in Kaesong and died on April 2" (each clause names its happening), "A gave birth
 * on May 4, B on May 1 and C on April 27" (days only; a clause without a word of its own repeats
 * the one before it). A clause runs from the date before it. Otherwise one date is the sentence's
 * and the others its context ("In December 2013 at the 68th Session …, March 3 was …").
 */
function clausesOf(sentence: string, dates: DateMention[]): { date: DateMention; trigger: Trigger; from: number }[] | undefined {
  if (dates.length < 2 || new Set(dates.map((d) => isoOf(d.date))).size < dates.length) return undefined;
  const clauses = dates.map((date, k) => {
    const from = k ? dates[k - 1]!.index + dates[k - 1]!.length : 0;
    return { date, from, own: triggerOf(sentence.slice(from, date.index)) };
  });
  if (clauses.every((c) => c.own)) return clauses.map(({ date, from, own }) => ({ date, from, trigger: own! }));
  const first = clauses[0]!.own ?? triggerOf(sentence);
  if (!first || dates.some((d) => d.date.precision !== 'DAY')) return undefined;
  let carried = first;
  return clauses.map(({ date, from, own }) => {
    carried = own ?? carried;
    return { date, from, trigger: carried };
  });
}

type Trigger = (typeof TRIGGERS)[number];
const triggerOf = (text: string) => TRIGGERS.find(([, pattern]) => pattern.test(text));

function participantsIn(spans: MentionSpan[], from: number, to: number): string[] | undefined {
  const keys = [...new Set(spans.filter((s) => s.index >= from && s.index < to).map((s) => s.key))];
  return keys.length ? keys : undefined;
}

/** "to complete it by October 10", "will run until August 10": when something is due or ends, not when it happened. */
const isDeadline = (sentence: string, d: DateMention) =>
  /\b(?:by|until|till|before the end of)\s+$/i.test(sentence.slice(Math.max(0, d.index - 20), d.index));

/**
 * "June 24 is the 48th anniversary of …", "on December 17, the 10th anniversary of his demise",
 * "Today marks the centenary of the birth of …": the date is the anniversary's own, so the
 * original happening falls on the same day, N years before. Otherwise ("a reception on November
 * 27 to mark the 65th anniversary of …", "on the occasion of the 73rd birthday of the DPRK") only
 * its year is known, counted from the sentence's date or the article's; once the article has
 * stated another year, the count's starting year is no longer known and nothing is dated.
 */
function anniversaryEvent(
  sentence: string,
  anniversary: Anniversary,
  dates: DateMention[],
  consumed: Set<DateMention>,
  published: PartialDate | undefined,
  lastYear: number | undefined,
): Omit<EventFound, 'participants'> | undefined {
  const label = anniversary.text.split(' of ')[0]!;
  const end = anniversary.index + anniversary.text.length;
  const own = dates.find(
    (d) =>
      (d.index < anniversary.index && OWN_DAY.test(sentence.slice(d.index + d.length, anniversary.index))) ||
      (d.index >= end && DAY_AFTER.test(sentence.slice(end, d.index))),
  );
  let date: PartialDate;
  if (own) {
    consumed.add(own);
    const year = own.date.year - anniversary.ordinal;
    date = makeDate(year, own.date.precision === 'YEAR' ? undefined : own.date.month, own.date.day, `${own.date.text}, ${label}`, true);
  } else {
    // The sentence's own (year-less, relative) date anchors the count; without one, the article's
    // date does, while the article has not moved into another year.
    const inSentence = dates.find((d) => d.date.inferred)?.date;
    const anchor = inSentence ?? published;
    if (!anchor || dates.some((d) => !d.date.inferred) || (!inSentence && lastYear !== undefined && lastYear !== anchor.year))
      return undefined;
    date = makeDate(anchor.year - anniversary.ordinal, undefined, undefined, `${label} (${anchor.year})`, true);
  }
  const subject = anniversary.subject;
  const kind = TRIGGERS.find(([, pattern]) => pattern.test(subject))?.[0] ?? 'ANNIVERSARY';
  return {
    kind,
    summary: subject[0]!.toUpperCase() + subject.slice(1),
    evidence: sentence,
    date,
    ...locationOf(subject, kind),
    confidence: confidence(date, false, true),
  };
}

/** Between a date and its anniversary: "June 24 is the", "December 17, the", "Today marks the". */
const OWN_DAY = /^\s*(?:,\s*|\s+(?:is|was|marks|marked|will mark|falls on)\s+)(?:the\s+)?$/i;
/** After it: "the 112th birth anniversary of … falls on April 15". */
const DAY_AFTER = /^\s+(?:falls|fell|is|was|will fall)\s+on\s+$/i;

/** People in the sentence; a leading "He"/"She" stands for the first person named just before. */
function participantsOf(sentence: string, spans: MentionSpan[], previous: MentionSpan[]): string[] {
  const keys = spans.map((s) => s.key);
  if (/^(?:He|She)\b/.test(sentence)) {
    const antecedent = previous.find((s) => s.via === 'name') ?? previous[0];
    if (antecedent) keys.unshift(antecedent.key);
  }
  return [...new Set(keys)];
}

function locationOf(sentence: string, kind: string): { location?: string } {
  const name = "((?:the\\s+)?\\p{Lu}[\\p{L}'’-]*(?:\\s+(?:of\\s+)?\\p{Lu}[\\p{L}'’-]*){0,4})";
  for (const m of sentence.matchAll(new RegExp(`\\b(?:in|at)\\s+${name}`, 'gu'))) {
    const place = m[1]!.replace(/^the\s+/, '');
    if (!NOT_A_PLACE.test(place.split(/\s+/)[0]!) && !/^\d/.test(place)) return { location: place };
  }
  if (kind === 'VISIT') {
    const m = new RegExp(`\\bvisit\\s+to\\s+${name}`, 'u').exec(sentence);
    if (m) return { location: m[1]!.replace(/^the\s+/, '') };
  }
  return {};
}

function summarise(sentence: string, dateText: string | undefined): string {
  let text = sentence;
  const at = dateText ? text.indexOf(dateText) : -1;
  if (dateText && at >= 0) {
    // Drop the date with its preposition: "On October 28 1965, X …" → "X …"; "… held on March 4 to" → "… held to".
    const before = text.slice(0, at).replace(/(?:^|\s*,?\s+)(?:on|in|from|since|On|In|From|Since)\s*$/, '');
    const after = text.slice(at + dateText.length).replace(/^,?\s*/, '');
    text = before && after && !/^[.,:;!?]/.test(after) ? `${before} ${after}` : `${before}${after}`;
  }
  text = text.replace(/\s+/g, ' ').trim();
  text = text[0]!.toUpperCase() + text.slice(1);
  return text.length <= 160 ? text : `${text.slice(0, 157).replace(/\s+\S*$/, '')}…`;
}

function confidence(date: PartialDate, hasParticipants: boolean, strongTrigger: boolean): number {
  let score = 0.4;
  score += date.precision === 'DAY' ? 0.25 : date.precision === 'MONTH' ? 0.15 : 0.05;
  if (date.inferred) score -= 0.15;
  if (hasParticipants) score += 0.15;
  if (strongTrigger) score += 0.1;
  return Math.round(Math.min(0.99, Math.max(0.05, score)) * 100) / 100;
}

/** Two events with the same people where one date contains the other are one happening. */
function mergeNested(events: EventFound[]): EventFound[] {
  const kept: EventFound[] = [];
  for (const event of events) {
    const twin = kept.find(
      (k) =>
        k.participants.length > 0 &&
        sameSet(k.participants, event.participants) &&
        (covers(k.date, event.date) || covers(event.date, k.date)),
    );
    if (!twin) kept.push(event);
    else if (finerThan(event.date, twin.date)) kept[kept.indexOf(twin)] = event;
  }
  return kept;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Sentences that tell one happening again: the same date and kind, and the same people or none named. */
function mergeSame(events: EventFound[]): EventFound[] {
  const kept: EventFound[] = [];
  for (const event of events) {
    const twin = kept.find(
      (k) =>
        k.kind === event.kind &&
        isoOf(k.date) === isoOf(event.date) &&
        (sameSet(k.participants, event.participants) || !k.participants.length || !event.participants.length),
    );
    if (!twin) kept.push(event);
    else twin.participants = [...new Set([...twin.participants, ...event.participants])];
  }
  return kept;
}
