// The upkeep that writes leave owing, in one place. Every write path calls afterWrites: the loader
// and `reextract` after many pages ('load'), the ingest mutation after one page and a server
// starting on an archive other processes wrote ('page'). What runs, and how, follows from the cost:
//
// - co-mentions: each named person's stored list counted again (src/db/co-mentions.ts), and the
//   timeline's stored counts (src/db/timeline.ts). After a page, in the background; calls that
//   come while a count runs make it run once more. Then the links between a person's Korean
//   and English names that the events stored now give evidence of (src/db/person-links.ts).
// - VACUUM (ANALYZE) of every table, when a load asks for it (a long one): the visibility map it
//   sets keeps the person page's index-only scans off the heap, and the planner's figures follow
//   the archive (bench: 147 req/s before, 479 after, on 96k articles).
// - the commonest words the statistics list, copied for search (src/db/search-words.ts): after
//   the vacuum's ANALYZE, or whichever ANALYZE autovacuum ran last.
//
// None of it is needed for an answer to be right: readers count co-mentions and the timeline live
// meanwhile. So a failure is reported, never thrown.
import type { PrismaClient } from '../generated/prisma/client.js';
import { archiveMemo } from './archive-memo.js';
import { refreshCoMentions } from './co-mentions.js';
import { refreshCommonWords } from './search-words.js';
import { linkAcrossLanguages } from './person-links.js';
import { refreshTimeline } from './timeline.js';

export interface Upkeep {
  /** 'load': many pages were written, run all of it now; 'page': one page, run it in the background. */
  after: 'load' | 'page';
  /** VACUUM (ANALYZE) every table first (after a long load or a re-extraction). */
  vacuum?: boolean;
  /** Where progress and failures go (default: the console). */
  report?: (line: string) => void;
}

const TABLES = '"Article", "Mention", "Event", "EventParticipant", "EventReport", "Person", "PersonAlias", "PersonTitle"';

const describe = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error));

/** Resolves when the upkeep is done (after a page: when the background work it started is done); never rejects. */
export function afterWrites(prisma: PrismaClient, upkeep: Upkeep): Promise<void> {
  // At once, before the writer reads again; other servers hear of it through the notification.
  archiveMemo(prisma).changed();
  const report = upkeep.report ?? console.log;
  const step = (what: string, work: () => Promise<unknown>) =>
    work().then(
      () => {},
      (error: unknown) => report(`${what} not done: ${describe(error)}`),
    );
  if (upkeep.after === 'load')
    return track(
      prisma,
      (async () => {
        if (upkeep.vacuum) await step('vacuum', () => prisma.$executeRawUnsafe(`VACUUM (ANALYZE) ${TABLES}`));
        await step('common words', () => refreshCommonWords(prisma));
        // After the vacuum, whose visibility map keeps the count's scans off the heap.
        await step('co-mentions', () => refreshCoMentions(prisma));
        await step('timeline', () => refreshTimeline(prisma));
        await step('cross-language links', () => linkAcrossLanguages(prisma));
      })(),
    );
  const works = [
    soon(prisma, 'co-mentions', () => step('co-mentions', () => refreshCoMentions(prisma))),
    soon(prisma, 'timeline', () => step('timeline', () => refreshTimeline(prisma))),
    soon(prisma, 'links', () => step('cross-language links', () => linkAcrossLanguages(prisma))),
    soon(prisma, 'words', () => step('common words', () => refreshCommonWords(prisma))),
  ];
  return track(
    prisma,
    Promise.all(works).then(() => {}),
  );
}

const counting = new WeakMap<object, Map<string, { again: boolean; done: Promise<void> }>>();

/** Runs `count` now, or once more after the same count already running: never two at once per database. */
function soon(prisma: PrismaClient, what: string, count: () => Promise<void>): Promise<void> {
  const running = counting.get(prisma) ?? new Map<string, { again: boolean; done: Promise<void> }>();
  counting.set(prisma, running);
  const current = running.get(what);
  if (current) {
    current.again = true;
    return current.done;
  }
  const state = { again: true, done: Promise.resolve() };
  running.set(what, state);
  state.done = (async () => {
    while (state.again) {
      state.again = false;
      await count();
    }
    running.delete(what);
  })();
  return state.done;
}

const inFlight = new WeakMap<object, Set<Promise<void>>>();

function track(prisma: PrismaClient, work: Promise<void>): Promise<void> {
  const set = inFlight.get(prisma) ?? new Set();
  inFlight.set(prisma, set);
  set.add(work);
  void work.finally(() => set.delete(work));
  return work;
}

/** Resolves once no upkeep is running on this database: for shutdown, and for tests that read its results. */
export async function upkeepSettled(prisma: PrismaClient): Promise<void> {
  for (let set = inFlight.get(prisma); set?.size; ) await Promise.all(set);
}
