// Named (prepared) statements for reads on a PostgreSQL server. Prisma sends every query unnamed,
// so PostgreSQL plans it again each time: for the reference query Q that is 2.1 ms of planning
// against 1.1 ms of execution. A name makes each pooled connection parse and plan a statement
// once, and PostgreSQL switches to a generic plan when it costs no more than fresh ones.
import { createHash } from 'node:crypto';

/** Distinct statements named per process; beyond that they run unnamed, so memory stays bounded
 *  however many query shapes clients send (each pooled connection keeps what it prepared). */
export const MAX_NAMED_STATEMENTS = 2000;

/** Marks a statement whose best plan depends on its values (how common a searched word is): it is
 *  never named, so PostgreSQL plans it afresh each time instead of settling on a generic plan. */
export const PLANNED_PER_VALUE = '/* planned per value */';

/** Marks a statement whose generic plan serves every value as well as a fresh plan would, but
 *  whose estimated costs keep PostgreSQL planning it afresh at every run (a search's steps: 1.5–2.5
 *  ms of planning for a 0.5–10 ms search). It runs on connections set to plan_cache_mode =
 *  force_generic_plan (src/db/index.ts), unless it is PLANNED_PER_VALUE too. */
export const PLANNED_ONCE = '/* planned once */';

/** Whether `sql` runs on the connections that keep one generic plan per statement. */
export const plannedOnce = (sql: string) => sql.includes(PLANNED_ONCE) && !sql.includes(PLANNED_PER_VALUE);

export function statementNamer(max = MAX_NAMED_STATEMENTS): (query: { sql: string }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql }) => {
    // Only reads: writes and maintenance (VACUUM, DDL) keep the plain protocol.
    if (!/^\s*(?:SELECT|WITH)\b/i.test(sql) || sql.includes(PLANNED_PER_VALUE)) return undefined;
    let name = names.get(sql);
    if (name === undefined && names.size < max) {
      name = `ng_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
      names.set(sql, name);
    }
    return name;
  };
}
