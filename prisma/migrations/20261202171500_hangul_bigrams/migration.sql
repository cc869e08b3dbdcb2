-- Korean has no dictionary in PostgreSQL: a Korean text is searched by the pairs of Hangul
-- syllables of each word ("김정은동지께서" -> "김정 정은 은동 동지 지께 께서"), a word of one syllable
-- by itself. The article's search vector holds them (src/ingest/store.ts) and a Korean query is
-- the same pairs in a row (src/read/search.ts), so "김정은" finds "김정은동지께서는". Written once,
-- here, for both sides.
CREATE FUNCTION hangul_bigrams(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(substr(m.w[1], i, 2), ' ' ORDER BY m.n, i), '')
  FROM regexp_matches(t, '[가-힣]+', 'g') WITH ORDINALITY AS m(w, n),
    LATERAL generate_series(1, greatest(length(m.w[1]) - 1, 1)) AS i
$$;
