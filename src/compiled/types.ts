// How each GraphQL object type reads from SQL: one entry per field the compiled path answers.
// A row alias `t` holds the type's table row; every value is built as JSON in the database,
// exactly as the resolvers in src/schema would serialize it (tests/compiled.test.ts compares them).
import { getNamedType, type GraphQLObjectType } from 'graphql';
import { CO_MENTION_WINDOW, MAX_PAGE } from '../schema/pagination.js';
import { alias, buildObject, columnsOf, fieldsOf, key, param, ref, Unsupported, type Compilation, type Selected } from './sql.js';

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

/** The JSON object for `typeName` read from row alias `t`. */
export function object(c: Compilation, typeName: string, t: string, f: Selected): string {
  const spec = TYPES[typeName];
  const type = c.schema.getType(typeName) as GraphQLObjectType | undefined;
  if (!spec || !type) throw new Unsupported(typeName);
  return buildObject(fieldsOf(c, type, f.node.selectionSet), (field) => {
    if (field.def.name === '__typename') return key(typeName);
    const sql = spec[field.def.name];
    if (!sql) throw new Unsupported(`${typeName}.${field.def.name}`);
    return sql(c, t, field);
  });
}

/** A row of `table` by id, as `typeName`; null when the id names no row. */
export function byId(c: Compilation, typeName: string, table: string, idSql: string, f: Selected): string {
  const t = alias(c);
  return `(SELECT ${object(c, typeName, t, f)} FROM "${table}" ${t} WHERE ${t}.id = ${idSql})`;
}

/** `first` of a forward page; cursors and backward pages are left to the resolvers. */
export function pageSize(args: Record<string, unknown>, fallback = 20): number {
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
  /** Edge fields beyond `node`, read from the page row. */
  edge?: Record<string, (t: string) => string>;
}

/** A connection: nodes, edges { node, … }, totalCount; pageInfo and cursors are not compiled. */
export function connection(c: Compilation, f: Selected, spec: PageSql): string {
  const connType = getNamedType(f.def.type) as GraphQLObjectType;
  const limit = param(c, pageSize(f.args), 'int');
  const t = alias(c);
  let paged = false;
  const aggregate = (value: string) => ((paged = true), `COALESCE(json_agg(${value} ORDER BY ${t}._o), '[]'::json)`);
  const body = buildObject(fieldsOf(c, connType, f.node.selectionSet), (field) => {
    switch (field.def.name) {
      case '__typename':
        return key(connType.name);
      case 'totalCount':
        return spec.count;
      case 'nodes':
        return aggregate(object(c, spec.nodeType, t, field));
      case 'edges': {
        const edgeType = getNamedType(field.def.type) as GraphQLObjectType;
        const edge = buildObject(fieldsOf(c, edgeType, field.node.selectionSet), (e) => {
          if (e.def.name === '__typename') return key(edgeType.name);
          if (e.def.name === 'node') return object(c, spec.nodeType, t, e);
          const sql = spec.edge?.[e.def.name];
          if (!sql) throw new Unsupported(`${edgeType.name}.${e.def.name}`);
          return sql(t);
        });
        return aggregate(edge);
      }
      default:
        throw new Unsupported(`${connType.name}.${field.def.name}`);
    }
  });
  const columns = (table: string) => columnsOf(c, t, table).map((col) => `${col},`).join(' ');
  return paged ? `(SELECT ${body} FROM (${spec.page(limit, columns)}) ${t})` : `(SELECT ${body})`;
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
  const [s, e, p] = [ref(c, t, cols.start), ref(c, t, cols.end), ref(c, t, cols.precision)];
  const fields: Record<string, string> = {
    iso: `CASE ${p} WHEN 'YEAR' THEN to_char(${s}, 'YYYY') WHEN 'MONTH' THEN to_char(${s}, 'YYYY-MM') ELSE to_char(${s}, 'YYYY-MM-DD') END`,
    year: `extract(year FROM ${s})::int`,
    month: `CASE WHEN ${p} <> 'YEAR' THEN extract(month FROM ${s})::int END`,
    day: `CASE WHEN ${p} = 'DAY' THEN extract(day FROM ${s})::int END`,
    precision: p,
    inferred: ref(c, t, cols.inferred),
    text: ref(c, t, cols.text),
    evidence: cols.evidence ? ref(c, t, cols.evidence) : 'NULL',
    start: s,
    end: e,
  };
  const type = c.schema.getType('PartialDate') as GraphQLObjectType;
  return buildObject(fieldsOf(c, type, f.node.selectionSet), (field) => {
    if (field.def.name === '__typename') return key('PartialDate');
    const sql = fields[field.def.name];
    if (!sql) throw new Unsupported(`PartialDate.${field.def.name}`);
    return sql;
  });
}

const count = (c: Compilation, table: string, column: string, t: string) => `(SELECT count(*) FROM "${table}" WHERE "${column}" = ${ref(c, t, 'id')})`;

/** A plain list of people through a join table, by person id (Event.participants). */
const people = (c: Compilation, f: Selected, joinSql: string) => {
  const p = alias(c);
  return `COALESCE((SELECT json_agg(${object(c, 'Person', p, f)} ORDER BY ${p}.id) FROM ${joinSql.replaceAll('$p', p)}), '[]'::json)`;
};

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
      `CASE WHEN ${ref(c, t, 'publishedStart')} IS NOT NULL AND ${ref(c, t, 'publishedEnd')} IS NOT NULL AND ${ref(c, t, 'publishedPrecision')} IS NOT NULL THEN ${partialDate(c, t, f, {
        start: 'publishedStart',
        end: 'publishedEnd',
        precision: 'publishedPrecision',
        inferred: 'publishedInferred',
        text: 'publishedText',
        evidence: 'publishedEvidence',
      })} END`,
    source: (c, t, f) => byId(c, 'Source', 'Source', ref(c, t, 'sourceId'), f),
    author: (c, t, f) => byId(c, 'Person', 'Person', ref(c, t, 'authorId'), f),
    // Orders as src/schema/article.ts: most mentioned first; events oldest first.
    persons: (c, t, f) =>
      connection(c, f, {
        nodeType: 'Person',
        page: (limit, columns) => `SELECT ${columns('p')} m.count AS "_mentionCount", m."firstSentence" AS "_firstMention",
          row_number() OVER (ORDER BY m.count DESC, m."personId") AS _o
          FROM "Mention" m JOIN "Person" p ON p.id = m."personId" WHERE m."articleId" = ${ref(c, t, 'id')}
          ORDER BY m.count DESC, m."personId" LIMIT ${limit}`,
        count: count(c, 'Mention', 'articleId', t),
        edge: { mentionCount: (e) => `${e}."_mentionCount"`, firstMention: (e) => `${e}."_firstMention"` },
      }),
    events: (c, t, f) =>
      connection(c, f, {
        nodeType: 'Event',
        page: (limit, columns) => `SELECT ${columns('e')} r.evidence AS "_evidence", row_number() OVER (ORDER BY e."dateStart", e.id) AS _o
          FROM "EventReport" r JOIN "Event" e ON e.id = r."eventId" WHERE r."articleId" = ${ref(c, t, 'id')}
          ORDER BY e."dateStart", e.id LIMIT ${limit}`,
        count: count(c, 'EventReport', 'articleId', t),
        edge: { evidence: (e) => `${e}."_evidence"` },
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
        count: count(c, 'Mention', 'personId', t),
        edge: { mentionCount: (e) => `${e}."_mentionCount"`, firstMention: (e) => `${e}."_firstMention"` },
      }),
    coMentions: (c, t, f) => {
      const first = (f.args.first as number | null | undefined) ?? 10;
      if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw new Unsupported('coMentions.first');
      const x = alias(c);
      const type = c.schema.getType('CoMention') as GraphQLObjectType;
      const item = buildObject(fieldsOf(c, type, f.node.selectionSet), (field) => {
        if (field.def.name === '__typename') return key('CoMention');
        if (field.def.name === 'count') return `${x}.count`;
        if (field.def.name === 'person') return byId(c, 'Person', 'Person', `${x}."personId"`, field);
        throw new Unsupported(`CoMention.${field.def.name}`);
      });
      // The same window and order as the resolver: the person's newest CO_MENTION_WINDOW articles.
      return `COALESCE((SELECT json_agg(${item} ORDER BY ${x}.count DESC, ${x}."personId") FROM (
        SELECT other."personId", count(*)::int AS count
        FROM (SELECT "articleId" FROM "Mention" WHERE "personId" = ${ref(c, t, 'id')} ORDER BY "articleSortDate" DESC, "articleId" DESC LIMIT ${param(c, CO_MENTION_WINDOW, 'int')}) own
        JOIN "Mention" other ON other."articleId" = own."articleId" AND other."personId" <> ${ref(c, t, 'id')}
        GROUP BY other."personId" ORDER BY count DESC, other."personId" LIMIT ${param(c, first, 'int')}) ${x}), '[]'::json)`;
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
      partialDate(c, t, f, { start: 'dateStart', end: 'dateEnd', precision: 'datePrecision', inferred: 'dateInferred', text: 'dateText', evidence: null }),
    participants: (c, t, f) => people(c, f, `"EventParticipant" ep JOIN "Person" $p ON $p.id = ep."personId" WHERE ep."eventId" = ${ref(c, t, 'id')}`),
  },
};
