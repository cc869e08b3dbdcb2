// Dated happenings: a sentence with a placeable date and a verb or noun of something happening.
// Each event keeps its sentence as evidence, the people in it, where, and how sure we are.
import { findAnniversaries, findDates, findYearsAgo, type DateMention } from './dates.js';
import type { MentionSpan } from './people.js';
import { covers, finerThan, makeDate, type PartialDate } from '../text/partial-date.js';

export interface EventFound {
  kind: string;
  summary: string;
  evidence: string;
  date: PartialDate;
  participants: string[]; // person keys
  location?: string;
  confidence: number;
}

const TRIGGERS: [kind: string, pattern: RegExp, strong: boolean][] = [
  ['DEATH', /\b(?:died|passed away|death of|was killed)\b/i, true],
  ['BIRTH', /\b(?:was born|birth of)\b/i, true],
  ['VISIT', /\b(?:visit(?:s|ed|ing)?|tour(?:ed)?|arriv(?:ed|al))\b/i, true],
  ['MEETING', /\b(?:met|meets|talks with|received|welcomed|hospitality|meeting)\b/i, true],
  ['AWARD', /\b(?:medals?|bagged|won|awarded|decorated|prize)\b/i, true],
  ['STATEMENT', /\b(?:statement|announced|declared|issued|said|stated)\b/i, true],
  ['ADOPTION', /\b(?:adopted|promulgated|enacted|proclaimed|ratified|signed|decree|decision)\b/i, true],
  ['FOUNDING', /\b(?:founded|established|establishment|created|formed|set up|launched|inaugurated|organized|organised)\b/i, true],
  ['ELECTION', /\b(?:elected|election)\b/i, true],
  ['LIBERATION', /\b(?:liberated|liberation)\b/i, true],
  ['CONFLICT', /\b(?:attack(?:ed)?|invaded|invasion|war broke out|bombed)\b/i, true],
  ['GATHERING', /\b(?:held|took place|celebrated|commemorated|opened|congress|session|ceremony|procession|rally|performance|festival)\b/i, false],
];

const NOT_A_PLACE = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|The|A|An|His|Her|Their|Its)$/;

export interface EventContext {
  sentences: string[];
  mentions: MentionSpan[][];
  published?: PartialDate;
}

export function extractEvents({ sentences, mentions, published }: EventContext): EventFound[] {
  const events: EventFound[] = [];
  let lastYear: number | undefined;
  sentences.forEach((sentence, i) => {
    const participants = participantsOf(sentence, mentions[i] ?? [], mentions[i - 1] ?? []);
    const dates = findDates(sentence, { ...(published ? { reference: published } : {}), ...(lastYear !== undefined ? { lastYear } : {}) });
    const consumed = new Set<DateMention>();
    for (const anniversary of findAnniversaries(sentence)) {
      const event = anniversaryEvent(sentence, anniversary, dates, consumed);
      if (event) events.push({ ...event, participants });
    }
    const usable = dates.filter((d) => !consumed.has(d));
    const explicit = usable.find((d) => !d.date.inferred) ?? usable[0];
    let date = explicit?.date;
    const dateText = explicit ? sentence.slice(explicit.index, explicit.index + explicit.length) : undefined;
    const ago = findYearsAgo(sentence)[0];
    if (!date && published && ago) date = makeDate(published.year - ago.years, undefined, undefined, ago.text, true);
    for (const d of dates) if (!d.date.inferred) lastYear = d.date.year;
    const trigger = TRIGGERS.find(([, pattern]) => pattern.test(sentence));
    if (!date || !trigger) return;
    const [kind, , strong] = trigger;
    events.push({
      kind,
      summary: summarise(sentence, dateText),
      evidence: sentence,
      date,
      participants,
      ...locationOf(sentence, kind),
      confidence: confidence(date, participants.length > 0, strong),
    });
  });
  return mergeNested(events);
}

function anniversaryEvent(
  sentence: string,
  anniversary: ReturnType<typeof findAnniversaries>[number],
  dates: DateMention[],
  consumed: Set<DateMention>,
): Omit<EventFound, 'participants'> | undefined {
  // "June 24 is the 48th anniversary of …": the day is the anniversary's; the year is the article's.
  const day = dates.find((d) => d.index < anniversary.index + anniversary.text.length);
  // Without a day in the sentence the anniversary may be counted from any year the story is
  // about, not the publication's: no date can be placed.
  if (!day) return undefined;
  consumed.add(day);
  const year = day.date.year - anniversary.ordinal;
  const text = `${day.date.text}, ${anniversary.text.split(' of ')[0]}`;
  const date =
    day.date.precision === 'YEAR'
      ? makeDate(year, undefined, undefined, text, true)
      : makeDate(year, day.date.month, day.date.day, text, true);
  if (!date) return undefined;
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
  const name = '((?:the\\s+)?\\p{Lu}[\\p{L}\'’-]*(?:\\s+(?:of\\s+)?\\p{Lu}[\\p{L}\'’-]*){0,4})';
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
    const before = text.slice(0, at).replace(/(?:^|\s*,?\s+)(?:on|in|On|In)\s*$/, '');
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
    const twin = kept.find((k) => k.participants.length > 0 && sameSet(k.participants, event.participants) && (covers(k.date, event.date) || covers(event.date, k.date)));
    if (!twin) kept.push(event);
    else if (finerThan(event.date, twin.date)) kept[kept.indexOf(twin)] = event;
  }
  return kept;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
