-- A year's matches of a query of several words were read from the index of words and periods,
-- which intersects each word's whole list of articles with the year's: 1.6 ms a year for "Hong Il
-- Hwa" at 192,773 articles (three words in 10-16 % of them), though the year holds 89 matches, and
-- a query read up to 26 years so. This index holds each article's words joined to its year
-- ("hong§2024"), so a year's read asks for the three short lists of that year alone (0.13 ms).
-- The parser splits text at "§", so no word holds one. Months, and phrases (read through their
-- pairs), keep the index of words and periods.
CREATE FUNCTION search_year_words(v tsvector, day date) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(array(SELECT l || '§' || extract(year FROM day)::int::text FROM unnest(tsvector_to_array(v)) l))
$$;
-- The query a year's articles are asked: each lexeme of `q` joined to the year of `day`. Only for
-- words ANDed (no "!", "|" or phrase), which a year's articles match exactly when they hold them.
CREATE FUNCTION search_year_query(q tsquery, day date) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(q::text, '''((?:[^'']|'''')*)''', '''\1§' || extract(year FROM day)::int::text || '''', 'g')::tsquery
$$;
CREATE INDEX "Article_search_year_words_idx" ON "Article" USING GIN (search_year_words("search", "sortDate")) WITH (gin_pending_list_limit = 256);
