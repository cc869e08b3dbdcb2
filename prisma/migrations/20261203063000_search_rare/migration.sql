-- Whether a search query is rare enough to read all its matches from the index at once (src/read/
-- search.ts), rather than a year at a time. The statistics ANALYZE keeps of "Article".search list
-- its most common lexemes (a thousand at the default statistics target). A query is rare when it
-- needs a lexeme not among them: a query whose terms are all ANDed (or in phrases) matches no more
-- articles than its rarest lexeme. Terms after "!" exclude and do not count, and a query with "|"
-- is never rare. Without statistics (never analyzed) nothing is rare: the year-by-year reading
-- is bounded whatever the query.
CREATE FUNCTION search_rare(q tsquery) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT q::text !~ '[|]' AND EXISTS (
    SELECT 1 FROM pg_stats s,
      regexp_matches(regexp_replace(q::text, '!\s*(\([^()]*\)|''(?:[^'']|'''')*'')', '', 'g'), '''((?:[^'']|'''')*)''', 'g') m
    WHERE s.schemaname = current_schema() AND s.tablename = 'Article' AND s.attname = 'search'
      AND s.most_common_elems IS NOT NULL
      AND NOT (replace(m[1], '''''', '''') = ANY (s.most_common_elems::text::text[])))
$$;
