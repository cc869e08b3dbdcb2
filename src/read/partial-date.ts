// PartialDate's fields, each in both forms: from the resolver's object and from its columns in SQL.
// iso is as precise as the date ("1992", "1992-04", "1992-04-15"); month and day are null when
// the date does not know them.
import type { DatePrecision } from '../generated/prisma/enums.js';

export interface PartialDateShape {
  start: Date;
  end: Date;
  precision: DatePrecision;
  inferred: boolean;
  text: string | null;
  evidence?: string | null;
}

/** Each part of a date kept in columns, as SQL. */
export type DateColumns = { [K in keyof Required<PartialDateShape>]: () => string };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export const PARTIAL_DATE_FIELDS: { [field: string]: { resolve: (d: PartialDateShape) => unknown; sql: (c: DateColumns) => string } } = {
  iso: {
    resolve: ({ start, precision }) => {
      const y = pad(start.getUTCFullYear(), 4);
      if (precision === 'YEAR') return y;
      if (precision === 'MONTH') return `${y}-${pad(start.getUTCMonth() + 1)}`;
      return `${y}-${pad(start.getUTCMonth() + 1)}-${pad(start.getUTCDate())}`;
    },
    sql: (c) =>
      `CASE ${c.precision()} WHEN 'YEAR' THEN to_char(${c.start()}, 'YYYY') WHEN 'MONTH' THEN to_char(${c.start()}, 'YYYY-MM') ELSE to_char(${c.start()}, 'YYYY-MM-DD') END`,
  },
  year: { resolve: (d) => d.start.getUTCFullYear(), sql: (c) => `extract(year FROM ${c.start()})::int` },
  month: {
    resolve: (d) => (d.precision === 'YEAR' ? null : d.start.getUTCMonth() + 1),
    sql: (c) => `CASE WHEN ${c.precision()} <> 'YEAR' THEN extract(month FROM ${c.start()})::int END`,
  },
  day: {
    resolve: (d) => (d.precision === 'DAY' ? d.start.getUTCDate() : null),
    sql: (c) => `CASE WHEN ${c.precision()} = 'DAY' THEN extract(day FROM ${c.start()})::int END`,
  },
  precision: { resolve: (d) => d.precision, sql: (c) => c.precision() },
  inferred: { resolve: (d) => d.inferred, sql: (c) => c.inferred() },
  text: { resolve: (d) => d.text, sql: (c) => c.text() },
  evidence: { resolve: (d) => d.evidence ?? null, sql: (c) => c.evidence() },
  start: { resolve: (d) => d.start, sql: (c) => c.start() },
  end: { resolve: (d) => d.end, sql: (c) => c.end() },
};
