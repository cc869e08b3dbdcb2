-- Search finds the newest matches of a query (src/read/search.ts). Walking the articles newest
-- first and testing each is fast for a common word and endless for one whose matches are mostly
-- old, and reading every match from the index is the reverse. So the index also knows when each
-- article is from: beside its words it holds two lexemes of its sortDate, its year ("§y2024")
-- and its month ("§m202405"), and a search reads the matches of one year, or of one month of a
-- busy year, at a time, newest first, until it has enough. No query a user writes can make such
-- a lexeme: the parser splits text at "§".
CREATE FUNCTION search_periods(day date) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(ARRAY[
    '§y' || extract(year FROM day)::int::text,
    '§m' || (extract(year FROM day)::int * 100 + extract(month FROM day)::int)::text])
$$;
-- The matching query terms: a year's, and a month's.
CREATE FUNCTION search_year(day date) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ('''§y' || extract(year FROM day)::int::text || '''')::tsquery
$$;
CREATE FUNCTION search_month(day date) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ('''§m' || (extract(year FROM day)::int * 100 + extract(month FROM day)::int)::text || '''')::tsquery
$$;
-- One GIN index over the words and the periods serves every search, so the words-only one goes.
-- A search reads this index several times (once per period), and each read goes through the
-- index's whole pending list of entries not yet merged: kept at 256 kB instead of 4 MB.
CREATE INDEX "Article_search_periods_idx" ON "Article" USING GIN (("search" || search_periods("sortDate"))) WITH (gin_pending_list_limit = 256);
DROP INDEX "Article_search_idx";
