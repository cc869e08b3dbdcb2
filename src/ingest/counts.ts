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
