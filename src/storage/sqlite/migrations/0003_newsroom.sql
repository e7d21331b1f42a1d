-- gazette: foreign keys off
-- The newsroom: the editorial workflow's states (in review, unpublished),
-- article fields for editors (breaking news, SEO, versions, corrections),
-- staff roles (editor, author), old slugs that redirect, revisions, pending
-- edits of published articles, the staff audit log, site settings and API
-- tokens. SQLite cannot change a CHECK constraint in place, so articles and
-- accounts are rebuilt (foreign keys are off while the tables swap).

CREATE TABLE articles_next (
  id              INTEGER PRIMARY KEY,
  slug            TEXT    NOT NULL UNIQUE,
  status          TEXT    NOT NULL CHECK (status IN ('draft', 'review', 'scheduled', 'published', 'unpublished')),
  is_top          INTEGER NOT NULL DEFAULT 0 CHECK (is_top IN (0, 1)),
  has_body        INTEGER NOT NULL DEFAULT 0 CHECK (has_body IN (0, 1)),
  breaking        INTEGER NOT NULL DEFAULT 0 CHECK (breaking IN (0, 1)),
  section_id      INTEGER REFERENCES sections (id) ON DELETE SET NULL,
  published_at    INTEGER,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  comment_count   INTEGER NOT NULL DEFAULT 0,
  comment_policy  TEXT CHECK (comment_policy IN ('open', 'premoderated', 'closed')),
  version         INTEGER NOT NULL DEFAULT 1,
  created_by      INTEGER NOT NULL DEFAULT 0,
  corrected_at    INTEGER,
  headline        TEXT    NOT NULL,
  lead            TEXT    NOT NULL DEFAULT '',
  source_name     TEXT    NOT NULL DEFAULT '',
  source_url      TEXT    NOT NULL DEFAULT '',
  seo_title       TEXT    NOT NULL DEFAULT '',
  seo_description TEXT    NOT NULL DEFAULT '',
  correction_note TEXT    NOT NULL DEFAULT '',
  body            TEXT    NOT NULL DEFAULT '',
  body_html       TEXT    NOT NULL DEFAULT '',
  CHECK (status IN ('draft', 'review') OR published_at IS NOT NULL)
);
INSERT INTO articles_next (id, slug, status, is_top, has_body, section_id, published_at, created_at, updated_at,
                           comment_count, comment_policy, headline, lead, source_name, source_url, body, body_html)
  SELECT id, slug, status, is_top, has_body, section_id, published_at, created_at, updated_at,
         comment_count, comment_policy, headline, lead, source_name, source_url, body, body_html
  FROM articles;
DROP TABLE articles;
ALTER TABLE articles_next RENAME TO articles;
CREATE INDEX articles_by_time ON articles (status, published_at DESC, id DESC);
CREATE INDEX articles_by_section ON articles (section_id, status, published_at DESC, id DESC);
CREATE INDEX articles_top ON articles (status, is_top, published_at DESC, id DESC) WHERE is_top = 1;
CREATE INDEX articles_by_headline ON articles (headline);
CREATE INDEX articles_by_update ON articles (updated_at DESC, id DESC);
CREATE INDEX articles_scheduled ON articles (published_at) WHERE status = 'scheduled';

CREATE TABLE accounts_next (
  id                INTEGER PRIMARY KEY,
  email             TEXT,
  display_name      TEXT    NOT NULL,
  password_hash     TEXT,
  role              TEXT    NOT NULL DEFAULT 'reader'
                    CHECK (role IN ('reader', 'author', 'editor', 'moderator', 'admin')),
  is_service        INTEGER NOT NULL DEFAULT 0,  -- an API token's account: no email, no password
  deleted_at        INTEGER,
  email_verified    INTEGER NOT NULL DEFAULT 0,
  banned_until      INTEGER,
  ban_reason        TEXT    NOT NULL DEFAULT '',
  approved_comments INTEGER NOT NULL DEFAULT 0,
  created_at        INTEGER NOT NULL
);
INSERT INTO accounts_next (id, email, display_name, password_hash, role, deleted_at, email_verified, banned_until,
                           ban_reason, approved_comments, created_at)
  SELECT id, email, display_name, password_hash, role, deleted_at, email_verified, banned_until,
         ban_reason, approved_comments, created_at
  FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_next RENAME TO accounts;
CREATE UNIQUE INDEX accounts_by_email ON accounts (email) WHERE email IS NOT NULL;
CREATE INDEX accounts_staff ON accounts (role) WHERE role <> 'reader';

CREATE TABLE article_slugs (
  slug       TEXT    PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE section_slugs (
  slug       TEXT    PRIMARY KEY,
  section_id INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE tag_slugs (
  slug   TEXT    PRIMARY KEY,
  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE revisions (
  id              INTEGER PRIMARY KEY,
  article_id      INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  version         INTEGER NOT NULL,
  account_id      INTEGER NOT NULL DEFAULT 0,
  account_name    TEXT    NOT NULL,
  kind            TEXT    NOT NULL,
  note            TEXT    NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  slug            TEXT    NOT NULL DEFAULT '',
  headline        TEXT    NOT NULL,
  lead            TEXT    NOT NULL DEFAULT '',
  section         TEXT    NOT NULL DEFAULT '',
  tags            TEXT    NOT NULL DEFAULT '',  -- names, one per line
  authors         TEXT    NOT NULL DEFAULT '',  -- names, one per line
  source_name     TEXT    NOT NULL DEFAULT '',
  source_url      TEXT    NOT NULL DEFAULT '',
  seo_title       TEXT    NOT NULL DEFAULT '',
  seo_description TEXT    NOT NULL DEFAULT '',
  breaking        INTEGER NOT NULL DEFAULT 0,
  body            TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX revisions_by_article ON revisions (article_id, id DESC);

CREATE TABLE pending_edits (
  article_id      INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  account_id      INTEGER NOT NULL,
  account_name    TEXT    NOT NULL,
  state           TEXT    NOT NULL CHECK (state IN ('draft', 'review', 'scheduled')),
  version         INTEGER NOT NULL DEFAULT 1,
  publish_at      INTEGER,
  updated_at      INTEGER NOT NULL,
  note            TEXT    NOT NULL DEFAULT '',
  headline        TEXT    NOT NULL,
  lead            TEXT    NOT NULL DEFAULT '',
  section         TEXT    NOT NULL DEFAULT '',
  tags            TEXT    NOT NULL DEFAULT '',
  authors         TEXT    NOT NULL DEFAULT '',
  source_name     TEXT    NOT NULL DEFAULT '',
  source_url      TEXT    NOT NULL DEFAULT '',
  seo_title       TEXT    NOT NULL DEFAULT '',
  seo_description TEXT    NOT NULL DEFAULT '',
  breaking        INTEGER NOT NULL DEFAULT 0,
  body            TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX pending_scheduled ON pending_edits (publish_at) WHERE state = 'scheduled';

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  actor_id    INTEGER NOT NULL DEFAULT 0,
  actor_name  TEXT    NOT NULL,
  action      TEXT    NOT NULL,
  target_type TEXT    NOT NULL,
  target_id   INTEGER NOT NULL DEFAULT 0,
  detail      TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  account_id   INTEGER NOT NULL REFERENCES accounts (id),
  name         TEXT    NOT NULL,
  token_hash   TEXT    NOT NULL UNIQUE,
  created_by   INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
);
