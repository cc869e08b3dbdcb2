-- A quoted phrase is rare where its words are not: "beshimgran taisvus" stands in 65 articles of
-- 192,773 and its two words together in 4,890. The index of words finds the 4,890, and each is
-- read to test the phrase (42 ms, and 300 ms at 1M articles). So a second index holds each
-- article's pairs of words that stand side by side ("beshimgran§taisvus"), made from the
-- positions of its search vector, the very positions a phrase is tested on: an article that holds
-- the phrase holds its pairs, and src/read/search.ts reads a phrase's matches through them. The
-- parser splits text at "§", so no word holds one. A join, not a walk in order, pairs the words:
-- two words at one position both pair with the next.
CREATE FUNCTION search_pairs(v tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT l.lexeme || '§' || r.lexeme)), ''::tsvector)
  FROM (SELECT lexeme, unnest(positions) AS p FROM unnest(v)) l
  JOIN (SELECT lexeme, unnest(positions) AS p FROM unnest(v)) r ON r.p = l.p + 1
$$;
-- With the periods, as the index of words has them: a phrase whose words are common is read a
-- year at a time too. A small pending list, as there: every read goes through it.
CREATE INDEX "Article_search_pairs_idx" ON "Article" USING GIN ((search_pairs("search") || search_periods("sortDate"))) WITH (gin_pending_list_limit = 256);
