-- The search index keeps no copy of the text (docs/search.md): FTS5 reads
-- the headline, lead and body text of a published article from the view
-- article_search_text when it needs them (snippets, highlights, removing an
-- article's words), and stores only its index. The copy was a third of a
-- site's file and of the writing of a bulk load. gazette_text() is
-- registered by the binary on every connection, as the tokenizer is.
DROP TABLE article_search;

CREATE VIEW article_search_text AS
  SELECT id, headline, lead, gazette_text(body_html) AS body FROM articles WHERE status = 'published';

CREATE VIRTUAL TABLE article_search USING fts5(
  headline, lead, body, tokenize = 'gazette', content = 'article_search_text', content_rowid = 'id');

-- A transaction's new words are gathered in memory up to 64 MiB (FTS5's
-- default is 1 MiB) before they are written as one segment: a bulk load or
-- a rebuild writes fewer, larger segments and merges them less (a million
-- generated articles: 80 -> 74 s). An edit's few words are unaffected.
INSERT INTO article_search (article_search, rank) VALUES ('hashsize', 67108864);

INSERT INTO article_search (article_search) VALUES ('rebuild');
