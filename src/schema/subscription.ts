// articleAdded and eventAdded: what each ingest adds, pushed over Server-Sent Events (Yoga's own
// transport) once the ingest has committed (src/live/feed.ts). A client that reconnects passes
// `after`, the id of the last item it received, and first gets what it missed, read from the
// archive itself, then the live items: nothing is lost between the two.
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { keepsAll, toWhere } from '../read/conditions.js';
import type { ArgsReader } from '../read/spec.js';
import type { Model } from '../read/tables.js';
import { type Added, type Feed, feedOf } from '../live/feed.js';
import { ArticleFilter, articleArgs } from './article.js';
import { clientError } from './errors.js';
import { EventFilter, eventArgs } from './event.js';
import { rowId } from './ids.js';
import { delegateOf } from './reads.js';

/** Items missed while away that a reconnect replays; past this, a client resyncs with a query. */
export const MAX_BACKLOG = 1_000;

/**
 * The ids of rows of `model` meeting the filter: those after `after` first, then each one added.
 * The arguments are checked here, before the stream starts, so a bad one is a plain error
 * response (BAD_USER_INPUT), not a stream that fails.
 */
function added(
  ctx: Context,
  model: Extract<Model, 'Article' | 'Event'>,
  args: { filter?: unknown; after?: string | null | undefined },
  read: ArgsReader,
): AsyncGenerator<number> {
  const feed = feedOf(ctx.prisma);
  if (!feed) throw clientError('LIVE_FEED_OFF', 'This server publishes no live feed.');
  const condition = read(args).where;
  const where = keepsAll(condition) ? {} : toWhere(condition!, model);
  const after = args.after == null ? undefined : rowId(args.after, model, 'after');
  const table = delegateOf(ctx, model);
  const ids = async (also: object, take?: number) =>
    ((await table.findMany({ where: { AND: [where, also] }, select: { id: true }, orderBy: { id: 'asc' }, take })) as { id: number }[]).map(
      (r) => r.id,
    );
  return stream(feed, ids, after, (news) => (model === 'Article' ? news.articleIds : news.eventIds));
}

async function* stream(
  feed: Feed,
  /** Ids meeting the filter and `also`, ascending, at most `take`. */
  ids: (also: object, take?: number) => Promise<number[]>,
  after: number | undefined,
  idsOf: (news: Added) => number[],
): AsyncGenerator<number> {
  // Listening before the backlog is read: an item added meanwhile is in one or both, never in neither.
  const live = feed.subscribe();
  try {
    const replayed = new Set<number>();
    if (after !== undefined) {
      const missed = await ids({ id: { gt: after } }, MAX_BACKLOG + 1);
      if (missed.length > MAX_BACKLOG)
        throw clientError(
          'BACKLOG_TOO_LONG',
          `More than ${MAX_BACKLOG} items were added since "after": read them with a query (updatedSince), then subscribe again.`,
          { max: MAX_BACKLOG },
        );
      for (const id of missed) {
        replayed.add(id);
        yield id;
      }
    }
    for await (const news of live) {
      const fresh = idsOf(news);
      if (!fresh.length) continue;
      for (const id of await ids({ id: { in: fresh } })) if (!replayed.has(id)) yield id;
    }
  } finally {
    await live.return?.();
  }
}

const AFTER = 'The id of the last item received: what was added since is sent first (at most 1,000).';

builder.subscriptionType({ description: 'What the archive gains, pushed as it is stored (Server-Sent Events).' });

builder.subscriptionFields((t) => {
  // One field per feed, alike but for the model, its filter and its words. Typed as Article's:
  // Pothos checks each model's fields where the object type is defined, not here.
  const feed = (model: 'Article' | 'Event', filter: typeof ArticleFilter | typeof EventFilter, read: ArgsReader, description: string) =>
    t.prismaField({
      type: model as 'Article',
      description,
      args: { filter: t.arg({ type: filter as typeof ArticleFilter }), after: t.arg.id({ description: AFTER }) },
      subscribe: (_root, args, ctx) => added(ctx, model, args, read),
      resolve: (query, id, _args, ctx) => delegateOf(ctx, model).findUniqueOrThrow({ ...query, where: { id: id as unknown as number } }),
    });
  return {
    articleAdded: feed(
      'Article',
      ArticleFilter,
      articleArgs,
      'Each article new to the archive that meets the filter, once its ingest has committed.',
    ),
    eventAdded: feed(
      'Event',
      EventFilter,
      eventArgs,
      'Each event new to the archive that meets the filter (people, sources, kinds, dates), once its ingest has committed.',
    ),
  };
});
