-- The newsroom's content: sections, tags, authors and articles.
-- Times are Unix seconds (UTC).

CREATE TABLE sections (
  id       INTEGER PRIMARY KEY,
  slug     TEXT    NOT NULL UNIQUE,
  name     TEXT    NOT NULL,
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE authors (
  id   INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

-- The wide text columns come last so that lists, which never read them,
-- stop before a row's overflow pages.
CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  slug          TEXT    NOT NULL UNIQUE,
  status        TEXT    NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
  is_top        INTEGER NOT NULL DEFAULT 0 CHECK (is_top IN (0, 1)),
  has_body      INTEGER NOT NULL DEFAULT 0 CHECK (has_body IN (0, 1)),
  section_id    INTEGER REFERENCES sections (id) ON DELETE SET NULL,
  published_at  INTEGER,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  comment_count INTEGER NOT NULL DEFAULT 0,
  headline      TEXT    NOT NULL,
  lead          TEXT    NOT NULL DEFAULT '',
  source_name   TEXT    NOT NULL DEFAULT '',
  source_url    TEXT    NOT NULL DEFAULT '',
  body          TEXT    NOT NULL DEFAULT '',
  body_html     TEXT    NOT NULL DEFAULT '',
  CHECK (status = 'draft' OR published_at IS NOT NULL)
);

CREATE INDEX articles_by_time ON articles (status, published_at DESC, id DESC);
CREATE INDEX articles_by_section ON articles (section_id, status, published_at DESC, id DESC);
CREATE INDEX articles_top ON articles (status, is_top, published_at DESC, id DESC) WHERE is_top = 1;
CREATE INDEX articles_by_headline ON articles (headline);

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id);

CREATE TABLE article_authors (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  author_id  INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  PRIMARY KEY (article_id, author_id)
) WITHOUT ROWID;
CREATE INDEX article_authors_by_author ON article_authors (author_id, article_id);
