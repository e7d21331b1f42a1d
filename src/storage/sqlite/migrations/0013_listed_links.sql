-- A tag's and an author's pages list their published articles, newest
-- first. The links held (tag or author, article id) only, so a page read
-- the row of every article the tag or author ever had, to check that it is
-- published and to sort by its time (an author of 5,000 articles: 15 to 30
-- ms a page on a site of a million, 300 ms from a cold disk), and so did
-- the count of the page numbers. Each link now also holds its article's
-- publication time while the article is published (NULL otherwise), written
-- with the links at every save of the article (content_sql.cpp:
-- WriteNames), and an index by it gives a page by walking the newest links,
-- and a count from the index alone.
ALTER TABLE article_tags ADD COLUMN listed_at INTEGER;
ALTER TABLE article_authors ADD COLUMN listed_at INTEGER;
UPDATE article_tags SET listed_at =
  (SELECT a.published_at FROM articles a WHERE a.id = article_tags.article_id AND a.status = 'published');
UPDATE article_authors SET listed_at =
  (SELECT a.published_at FROM articles a WHERE a.id = article_authors.article_id AND a.status = 'published');
CREATE INDEX article_tags_listed ON article_tags (tag_id, listed_at DESC, article_id DESC) WHERE listed_at IS NOT NULL;
CREATE INDEX article_authors_listed ON article_authors (author_id, listed_at DESC, article_id DESC)
  WHERE listed_at IS NOT NULL;
