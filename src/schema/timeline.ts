// Event counts per year, month or day, for drawing a timeline. An event is counted in a period
// only when its date is at least that precise: "1992" cannot be placed in a month.
import { builder } from '../builder.js';
import { badInput } from './errors.js';
import { timelineSql } from '../db/timeline.js';
import type { EventKind } from '../generated/prisma/enums.js';
import { keepsAll, toSql } from '../read/conditions.js';
import { eventCondition } from '../read/event.js';
import { EventFilter, eventFilterValues } from './event.js';

/** A timeline is drawn whole, but never past this many periods: narrow the filter or widen the period. */
export const MAX_BUCKETS = 10_000;

const Granularity = builder.enumType('TimelineGranularity', { values: { YEAR: {}, MONTH: {}, DAY: {} } as const });

const TimelineBucket = builder.objectRef<{ period: string; start: Date; count: number }>('TimelineBucket').implement({
  fields: (t) => ({
    period: t.string({ description: '"1992", "1992-04" or "1992-04-15".', resolve: (b) => b.period }),
    start: t.field({ type: 'Date', resolve: (b) => b.start }),
    count: t.int({ resolve: (b) => b.count }),
  }),
});

const FORMAT_LENGTH = { YEAR: 4, MONTH: 7, DAY: 10 } as const;

builder.queryFields((t) => ({
  timeline: t.field({
    type: [TimelineBucket],
    args: { filter: t.arg({ type: EventFilter }), granularity: t.arg({ type: Granularity, defaultValue: 'YEAR' }) },
    description: `Events per period, oldest first; periods without events are left out. At most ${MAX_BUCKETS} periods: more is an error, not a cut.`,
    resolve: async (_parent, args, ctx) => {
      const granularity = args.granularity ?? 'YEAR';
      const { from, to, kind, ...others } = eventFilterValues(args.filter);
      // The dates and the kind the stored counts answer; any other condition is counted live.
      const other = keepsAll(eventCondition(others)) ? undefined : toSql(eventCondition(others), 'e', 'Event');
      const rows = await ctx.prisma.$queryRaw<{ start: Date; count: bigint }[]>(
        timelineSql({ granularity, from, to, kind: kind as EventKind | undefined, other, limit: MAX_BUCKETS + 1 }),
      );
      if (rows.length > MAX_BUCKETS) {
        throw badInput(`The timeline has more than ${MAX_BUCKETS} periods: narrow "filter" or choose a wider "granularity".`, {
          argument: 'granularity',
          max: MAX_BUCKETS,
        });
      }
      return rows.map((r) => ({
        start: r.start,
        count: Number(r.count),
        period: r.start.toISOString().slice(0, FORMAT_LENGTH[granularity]),
      }));
    },
  }),
}));
