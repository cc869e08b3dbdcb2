// How each GraphQL object type reads from SQL: one entry per field the compiled path answers.
// A row alias `t` holds the type's table row; every value is built as JSON in the database,
// exactly as the resolvers in src/schema would serialize it (tests/compiled.test.ts compares them).
import { getNamedType, type GraphQLObjectType } from 'graphql';
import { Prisma } from '../generated/prisma/client.js';
import { DEFAULT_PAGE, MAX_PAGE, PARTICIPANTS } from '../schema/pagination.js';
import { coMentionsSql } from '../db/co-mentions.js';
import { alias, buildObject, columnsOf, fieldsOf, inline, key, ref, Unsupported, type Compilation, type Selected } from './sql.js';

type FieldSql = (c: Compilation, t: string, f: Selected) => string;

const col =
  (name: string): FieldSql =>
  (c, t) =>
    ref(c, t, name);

/** Relay's global ID, base64 of "Type:id", as @pothos/plugin-relay encodes it. */
const globalId =
  (typename: string): FieldSql =>
  (c, t) =>
    `encode(convert_to('${typename}:' || ${ref(c, t, 'id')}, 'UTF8'), 'base64')`;

/** The JSON object of type `typeName` that `f` selects, each field's SQL from `fields`. */
export function select(c: Compilation, typeName: string, f: Selected, fields: Record<string, (field: Selected) => string>): string {
  const type = c.schema.getType(typeName) as GraphQLObjectType | undefined;
  if (!type) throw new Unsupported(typeName);
  return buildObject(fieldsOf(c, type, f.node.selectionSet), (field) => {
    if (field.def.name === '__typename') return key(typeName);
    const sql = fields[field.def.name];
    if (!sql) throw new Unsupported(`${typeName}.${field.def.name}`);
    return sql(field);
  });
}

/** The JSON object for `typeName` read from row alias `t`. */
export function object(c: Compilation, typeName: string, t: string, f: Selected): string {
  const spec = TYPES[typeName];
  if (!spec) throw new Unsupported(typeName);
  return select(
    c,
    typeName,
    f,
    Object.fromEntries(Object.entries(spec).map(([name, sql]) => [name, (field: Selected) => sql(c, t, field)])),
  );
}

/** A row of `typeName`'s table (tables are named after their types) by id; null when none. */
export function byId(c: Compilation, typeName: string, idSql: string, f: Selected): string {
  const t = alias(c);
  return `(SELECT ${object(c, typeName, t, f)} FROM "${typeName}" ${t} WHERE ${t}.id = ${idSql})`;
}

/** `first` of a forward page; cursors and backward pages are left to the resolvers. */
export function pageSize(args: Record<string, unknown>, fallback = DEFAULT_PAGE): number {
  if (args.after != null || args.before != null || args.last != null) throw new Unsupported('cursor paging');
  const first = (args.first as number | null | undefined) ?? fallback;
  // Out of range: the resolvers raise the proper BAD_USER_INPUT error.
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw new Unsupported('page size');
  return first;
}

export interface PageSql {
  nodeType: string;
  /** A SELECT of the node rows (the `columns` the selection reads, each followed by a comma)
   *  plus an `_o` ordinal, ordered and limited by `limit`. */
  page: (limit: string, columns: (table: string) => string) => string;
  count: string;
  /** Edge fields beyond `node`, read from page row `t`. */
  edge?: (t: string) => Record<string, () => string>;
  /** Connection fields beyond nodes, edges and totalCount. */
  extra?: Record<string, () => string>;
  /** CTEs the page and the count read, after a WITH. */
  with?: string;
}

/** A connection: nodes, edges { node, … }, totalCount; pageInfo and cursors are not compiled. */
export function connection(c: Compilation, f: Selected, spec: PageSql): string {
  const connType = getNamedType(f.def.type) as GraphQLObjectType;
  // Written into the SQL, not bound: with a bound LIMIT PostgreSQL's generic plan guesses a page
  // of a tenth of the table, so it planned Q afresh every time (0.64 ms of its 1.3). A page size
  // is an integer from 0 to MAX_PAGE (checked by pageSize), so it is safe as text and adds at
  // most 101 statements per shape.
  const limit = String(pageSize(f.args));
  const t = alias(c);
  let paged = false;
  const aggregate = (value: string) => {
    paged = true;
    return `COALESCE(json_agg(${value} ORDER BY ${t}._o), '[]'::json)`;
  };
  const body = buildObject(fieldsOf(c, connType, f.node.selectionSet), (field) => {
    switch (field.def.name) {
      case '__typename':
        return key(connType.name);
      case 'totalCount':
        return spec.count;
      case 'nodes':
        return aggregate(object(c, spec.nodeType, t, field));
      case 'edges': {
        const edgeType = getNamedType(field.def.type).name;
        return aggregate(select(c, edgeType, field, { ...spec.edge?.(t), node: (e) => object(c, spec.nodeType, t, e) }));
      }
      default: {
        const extra = spec.extra?.[field.def.name];
        if (!extra) throw new Unsupported(`${connType.name}.${field.def.name}`);
        return extra();
      }
    }
  });
  const columns = (table: string) =>
    columnsOf(c, t, table)
      .map((col) => `${col},`)
      .join(' ');
  const ctes = spec.with ? `WITH ${spec.with} ` : '';
  return paged ? `(${ctes}SELECT ${body} FROM (${spec.page(limit, columns)}) ${t})` : `(${ctes}SELECT ${body})`;
}

interface DateColumns {
  start: string;
  end: string;
  precision: string;
  inferred: string;
  text: string;
  evidence: string | null;
}

/** PartialDate from its columns; iso is as precise as the date (see src/schema/partial-date.ts). */
function partialDate(c: Compilation, t: string, f: Selected, cols: DateColumns): string {
  // Columns are referenced only when their field is selected, so a page reads no more.
  const s = () => ref(c, t, cols.start);
  const p = () => ref(c, t, cols.precision);
  return select(c, 'PartialDate', f, {
    iso: () =>
      `CASE ${p()} WHEN 'YEAR' THEN to_char(${s()}, 'YYYY') WHEN 'MONTH' THEN to_char(${s()}, 'YYYY-MM') ELSE to_char(${s()}, 'YYYY-MM-DD') END`,
    year: () => `extract(year FROM ${s()})::int`,
    month: () => `CASE WHEN ${p()} <> 'YEAR' THEN extract(month FROM ${s()})::int END`,
    day: () => `CASE WHEN ${p()} = 'DAY' THEN extract(day FROM ${s()})::int END`,
    precision: p,
    inferred: () => ref(c, t, cols.inferred),
    text: () => ref(c, t, cols.text),
    evidence: () => (cols.evidence ? ref(c, t, cols.evidence) : 'NULL'),
    start: s,
    end: () => ref(c, t, cols.end),
  });
}

const count = (c: Compilation, table: string, column: string, t: string) =>
  `(SELECT count(*) FROM "${table}" WHERE "${column}" = ${ref(c, t, 'id')})`;

/** A mention's own fields on an edge between an article and a person, either way round. */
const mentionEdge = (e: string) => ({ mentionCount: () => `${e}."_mentionCount"`, firstMention: () => `${e}."_firstMention"` });

const TYPES: Record<string, Record<string, FieldSql>> = {
  Source: {
    id: globalId('Source'),
    name: col('name'),
    slug: col('slug'),
    language: col('language'),
    articleCount: (c, t) => count(c, 'Article', 'sourceId', t),
  },
  Article: {
    id: globalId('Article'),
    kind: col('kind'),
    title: col('title'),
    lead: col('lead'),
    body: col('body'),
    paragraphs: col('paragraphs'),
    truncated: col('truncated'),
    byline: col('byline'),
    wordCount: col('wordCount'),
    url: (c, t) => `COALESCE(${ref(c, t, 'url')}, (SELECT d.url FROM "Document" d WHERE d.id = ${ref(c, t, 'documentId')}))`,
    publishedAt: col('publishedStart'),
    publishedDate: (c, t, f) =>
      `CASE WHEN ${ref(c, t, 'publishedStart')} IS NOT NULL AND ${ref(c, t, 'publishedEnd')} IS NOT NULL AND ${ref(c, t, 'publishedPrecision')} IS NOT NULL THEN ${partialDate(
        c,
        t,
        f,
        {
          start: 'publishedStart',
          end: 'publishedEnd',
          precision: 'publishedPrecision',
          inferred: 'publishedInferred',
          text: 'publishedText',
          evidence: 'publishedEvidence',
        },
      )} END`,
    source: (c, t, f) => byId(c, 'Source', ref(c, t, 'sourceId'), f),
    author: (c, t, f) => byId(c, 'Person', ref(c, t, 'authorId'), f),
    // Orders as src/schema/article.ts: most mentioned first; events oldest first.
    persons: (c, t, f) =>
      connection(c, f, {
        nodeType: 'Person',
        page: (limit, columns) => `SELECT ${columns('p')} m.count AS "_mentionCount", m."firstSentence" AS "_firstMention",
          row_number() OVER (ORDER BY m.count DESC, m."personId") AS _o
          FROM "Mention" m JOIN "Person" p ON p.id = m."personId" WHERE m."articleId" = ${ref(c, t, 'id')}
          ORDER BY m.count DESC, m."personId" LIMIT ${limit}`,
        count: count(c, 'Mention', 'articleId', t),
        edge: mentionEdge,
      }),
    events: (c, t, f) =>
      connection(c, f, {
        nodeType: 'Event',
        page: (limit, columns) => `SELECT ${columns('e')} r.evidence AS "_evidence", row_number() OVER (ORDER BY e."dateStart", e.id) AS _o
          FROM "EventReport" r JOIN "Event" e ON e.id = r."eventId" WHERE r."articleId" = ${ref(c, t, 'id')}
          ORDER BY e."dateStart", e.id LIMIT ${limit}`,
        count: count(c, 'EventReport', 'articleId', t),
        edge: (e) => ({ evidence: () => `${e}."_evidence"` }),
      }),
  },
  Person: {
    id: globalId('Person'),
    name: col('name'),
    mentionCount: col('mentionCount'),
    aliases: (c, t) =>
      `COALESCE((SELECT json_agg(pa.alias ORDER BY pa.alias) FROM "PersonAlias" pa WHERE pa."personId" = ${ref(c, t, 'id')} AND pa.alias <> ${ref(c, t, 'name')}), '[]'::json)`,
    // Newest first, as src/schema/person.ts, from the (personId, articleSortDate, articleId) index.
    articles: (c, t, f) =>
      connection(c, f, {
        nodeType: 'Article',
        page: (limit, columns) => `SELECT ${columns('a')} m.count AS "_mentionCount", m."firstSentence" AS "_firstMention",
          row_number() OVER (ORDER BY m."articleSortDate" DESC, m."articleId" DESC) AS _o
          FROM "Mention" m JOIN "Article" a ON a.id = m."articleId" WHERE m."personId" = ${ref(c, t, 'id')}
          ORDER BY m."articleSortDate" DESC, m."articleId" DESC LIMIT ${limit}`,
        count: ref(c, t, 'articleCount'),
        edge: mentionEdge,
      }),
    // The resolver's own statement (coMentionsSql), its rows turned into JSON.
    coMentions: (c, t, f) => {
      const x = alias(c);
      const item = select(c, 'CoMention', f, {
        count: () => `${x}.count`,
        person: (field) => byId(c, 'Person', `${x}."personId"`, field),
      });
      const rows = inline(c, coMentionsSql(Prisma.raw(ref(c, t, 'id')), pageSize(f.args, 10)));
      return `COALESCE((SELECT json_agg(${item} ORDER BY ${x}.count DESC, ${x}."personId") FROM (${rows}) ${x}), '[]'::json)`;
    },
  },
  Event: {
    id: globalId('Event'),
    kind: col('kind'),
    summary: col('summary'),
    evidence: col('evidence'),
    location: col('location'),
    confidence: col('confidence'),
    date: (c, t, f) =>
      partialDate(c, t, f, {
        start: 'dateStart',
        end: 'dateEnd',
        precision: 'datePrecision',
        inferred: 'dateInferred',
        text: 'dateText',
        evidence: null,
      }),
    participants: (c, t, f) => {
      const p = alias(c);
      // The first `first` by id, as the resolver's take (src/schema/event.ts).
      return `COALESCE((SELECT json_agg(${object(c, 'Person', p, f)} ORDER BY ${p}.id)
        FROM (SELECT pp.* FROM "EventParticipant" ep JOIN "Person" pp ON pp.id = ep."personId" WHERE ep."eventId" = ${ref(c, t, 'id')}
          ORDER BY pp.id LIMIT ${pageSize(f.args, PARTICIPANTS)}) ${p}), '[]'::json)`;
    },
  },
};
