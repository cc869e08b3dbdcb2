import { builder } from '../builder.js';
import { DatePrecision } from '../generated/prisma/enums.js';

builder.enumType(DatePrecision, {
  name: 'DatePrecision',
  description: 'How much of a date the text gives: a day, a month or only a year.',
});

export interface PartialDateShape {
  start: Date;
  end: Date;
  precision: DatePrecision;
  inferred: boolean;
  text: string | null;
  evidence?: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

export const PartialDate = builder.objectRef<PartialDateShape>('PartialDate').implement({
  description: 'A date known to a day, a month or a year. Never more precise than the text: "April 1992" is 1992-04, not a day.',
  fields: (t) => ({
    iso: t.string({
      description: '"1992", "1992-04" or "1992-04-15", as precise as the date is.',
      resolve: ({ start, precision }) => {
        const y = String(start.getUTCFullYear()).padStart(4, '0');
        if (precision === 'YEAR') return y;
        if (precision === 'MONTH') return `${y}-${pad(start.getUTCMonth() + 1)}`;
        return `${y}-${pad(start.getUTCMonth() + 1)}-${pad(start.getUTCDate())}`;
      },
    }),
    year: t.int({ resolve: (d) => d.start.getUTCFullYear() }),
    month: t.int({ nullable: true, resolve: (d) => (d.precision === 'YEAR' ? null : d.start.getUTCMonth() + 1) }),
    day: t.int({ nullable: true, resolve: (d) => (d.precision === 'DAY' ? d.start.getUTCDate() : null) }),
    precision: t.field({ type: DatePrecision, resolve: (d) => d.precision }),
    inferred: t.boolean({ description: 'True when part of the date was worked out, not stated.', resolve: (d) => d.inferred }),
    text: t.string({ nullable: true, description: 'The words the date came from.', resolve: (d) => d.text }),
    evidence: t.string({
      nullable: true,
      description: 'For an inferred date: the sentences it rests on.',
      resolve: (d) => d.evidence ?? null,
    }),
    start: t.field({ type: 'Date', description: 'First day the date covers.', resolve: (d) => d.start }),
    end: t.field({ type: 'Date', description: 'Last day the date covers.', resolve: (d) => d.end }),
  }),
});
