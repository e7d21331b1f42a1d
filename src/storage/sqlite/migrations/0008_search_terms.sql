-- The search index's own count of the articles that hold each word, for
-- choosing the rarest words of an article when looking for related ones
-- (core::SearchQuery::rarest).
CREATE VIRTUAL TABLE article_search_terms USING fts5vocab(article_search, 'row');
