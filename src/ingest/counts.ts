// What the archive holds (a query), and what this process stored since it started (counted by
// the store after each commit; /metrics reads it).
import type { PrismaClient } from '../generated/prisma/client.js';

export async function archiveCounts(prisma: PrismaClient) {
  const [sources, documents, articles, persons, events] = await Promise.all([
    prisma.source.count(),
    prisma.document.count(),
    prisma.article.count(),
    prisma.person.count(),
    prisma.event.count(),
  ]);
  return { sources, documents, articles, persons, events };
}

/** Stored by this process since it started. */
export const storedSinceStart = { documents: 0, articles: 0, events: 0 };

export function countStored(results: readonly { status: string; added: { articleIds: number[]; eventIds: number[] } }[]): void {
  for (const r of results) {
    if (r.status !== 'unchanged') storedSinceStart.documents += 1;
    storedSinceStart.articles += r.added.articleIds.length;
    storedSinceStart.events += r.added.eventIds.length;
  }
}
