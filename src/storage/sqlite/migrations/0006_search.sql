-- Full-text search (docs/search.md): the headline, lead and body text of
-- every published article, under the article's id. The "gazette" tokenizer
-- (words folded and stemmed) and gazette_text() (the text of a rendered
-- body) are registered by the binary on every connection; the article
-- writes keep this table up to date, and `gazette reindex` rebuilds it.
CREATE VIRTUAL TABLE article_search USING fts5(headline, lead, body, tokenize = 'gazette');

INSERT INTO article_search (rowid, headline, lead, body)
  SELECT id, headline, lead, gazette_text(body_html) FROM articles WHERE status = 'published';
