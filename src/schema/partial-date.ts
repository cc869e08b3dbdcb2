import { builder } from '../builder.js';
import { DatePrecision } from '../generated/prisma/enums.js';
import { PARTIAL_DATE_FIELDS, type PartialDateShape } from '../read/partial-date.js';

builder.enumType(DatePrecision, {
  name: 'DatePrecision',
  description: 'How much of a date the text gives: a day, a month or only a year.',
});

export type { PartialDateShape };

// Each field resolves as src/read/partial-date.ts says, where its SQL form sits beside it.
const resolve = (name: string) => PARTIAL_DATE_FIELDS[name]!.resolve as (d: PartialDateShape) => never;

export const PartialDate = builder.objectRef<PartialDateShape>('PartialDate').implement({
  description: 'A date known to a day, a month or a year. Never more precise than the text: "April 1992" is 1992-04, not a day.',
  fields: (t) => ({
    iso: t.string({ description: '"1992", "1992-04" or "1992-04-15", as precise as the date is.', resolve: resolve('iso') }),
    year: t.int({ resolve: resolve('year') }),
    month: t.int({ nullable: true, resolve: resolve('month') }),
    day: t.int({ nullable: true, resolve: resolve('day') }),
    precision: t.field({ type: DatePrecision, resolve: resolve('precision') }),
    inferred: t.boolean({ description: 'True when part of the date was worked out, not stated.', resolve: resolve('inferred') }),
    text: t.string({ nullable: true, description: 'The words the date came from.', resolve: resolve('text') }),
    evidence: t.string({ nullable: true, description: 'For an inferred date: the sentences it rests on.', resolve: resolve('evidence') }),
    start: t.field({ type: 'Date', description: 'First day the date covers.', resolve: resolve('start') }),
    end: t.field({ type: 'Date', description: 'Last day the date covers.', resolve: resolve('end') }),
  }),
});
