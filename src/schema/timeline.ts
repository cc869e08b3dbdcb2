// Event counts per year, month or day, for drawing a timeline. An event is counted in a period
// only when its date is at least that precise: "1992" cannot be placed in a month.
import { builder } from '../builder.js';
import { badInput } from './errors.js';
import { type Granularity, timelineSql } from '../db/timeline.js';
import type { EventKind } from '../generated/prisma/enums.js';
import { keepsAll, toSql } from '../read/conditions.js';
import { eventCondition } from '../read/event.js';
import { order, type StatementRead } from '../read/spec.js';
import { EventFilter, eventFilterValues } from './event.js';

/** A timeline is drawn whole, but never past this many periods: narrow the filter or widen the period. */
export const MAX_BUCKETS = 10_000;

const GranularityEnum = builder.enumType('TimelineGranularity', { values: { YEAR: {}, MONTH: {}, DAY: {} } as const });

const TimelineBucket = builder.objectRef<{ period: string; start: Date; count: number }>('TimelineBucket').implement({
  fields: (t) => ({
    period: t.exposeString('period', { description: '"1992", "1992-04" or "1992-04-15".' }),
    start: t.expose('start', { type: 'Date' }),
    count: t.exposeInt('count'),
  }),
});

/** The rows (period, start, count) the arguments ask for, at most MAX_BUCKETS + 1; both read paths run it. */
const timeline: StatementRead = {
  kind: 'statement',
  statement: (given) => {
    const args = given as { granularity?: Granularity | null; filter?: Parameters<typeof eventFilterValues>[0] };
    const { from, to, kind, ...others } = eventFilterValues(args.filter);
    // The dates and the kind the stored counts answer; any other condition is counted live.
    const other = keepsAll(eventCondition(others)) ? undefined : toSql(eventCondition(others), 'e', 'Event');
    return timelineSql({
      granularity: args.granularity ?? 'YEAR',
      from,
      to,
      kind: kind as EventKind | undefined,
      other,
      limit: MAX_BUCKETS + 1,
    });
  },
  order: order('start asc'),
  max: MAX_BUCKETS,
  memo: true,
};

builder.queryFields((t) => ({
  timeline: t.field({
    type: [TimelineBucket],
    args: { filter: t.arg({ type: EventFilter }), granularity: t.arg({ type: GranularityEnum, defaultValue: 'YEAR' }) },
    description: `Events per period, oldest first; periods without events are left out. At most ${MAX_BUCKETS} periods: more is an error, not a cut.`,
    extensions: { read: timeline },
    resolve: async (_parent, args, ctx) => {
      const rows = await ctx.prisma.$queryRaw<{ period: string; start: Date; count: number }[]>(timeline.statement(args));
      if (rows.length > MAX_BUCKETS) {
        throw badInput(`The timeline has more than ${MAX_BUCKETS} periods: narrow "filter" or choose a wider "granularity".`, {
          argument: 'granularity',
          max: MAX_BUCKETS,
        });
      }
      return rows;
    },
  }),
}));
