-- Reader and staff accounts, sessions, comments, votes, reports, the
-- moderation log, and comment policies of sections and articles.

CREATE TABLE accounts (
  id                INTEGER PRIMARY KEY,
  email             TEXT,              -- lower case; NULL once deleted
  display_name      TEXT    NOT NULL,  -- '' once deleted
  password_hash     TEXT,              -- NULL once deleted
  role              TEXT    NOT NULL DEFAULT 'reader' CHECK (role IN ('reader', 'moderator', 'admin')),
  deleted_at        INTEGER,
  email_verified    INTEGER NOT NULL DEFAULT 0,
  banned_until      INTEGER,
  ban_reason        TEXT    NOT NULL DEFAULT '',
  approved_comments INTEGER NOT NULL DEFAULT 0,
  created_at        INTEGER NOT NULL
);
CREATE UNIQUE INDEX accounts_by_email ON accounts (email) WHERE email IS NOT NULL;

CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  token_hash   TEXT    NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  user_agent   TEXT    NOT NULL DEFAULT '',
  ip           TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE email_confirmations (
  token_hash TEXT    PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE comments (
  id              INTEGER PRIMARY KEY,
  article_id      INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  parent_id       INTEGER REFERENCES comments (id),
  root_id         INTEGER NOT NULL,
  account_id      INTEGER NOT NULL REFERENCES accounts (id),
  status          TEXT    NOT NULL CHECK (status IN ('visible', 'pending', 'rejected', 'deleted')),
  hidden          INTEGER NOT NULL DEFAULT 0,
  featured        INTEGER NOT NULL DEFAULT 0,
  upvotes         INTEGER NOT NULL DEFAULT 0,
  downvotes       INTEGER NOT NULL DEFAULT 0,
  score           REAL    NOT NULL DEFAULT 0,
  reports         INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  edited_at       INTEGER,
  ip              TEXT    NOT NULL DEFAULT '',
  nonce           TEXT    NOT NULL DEFAULT '',
  moderation_note TEXT    NOT NULL DEFAULT '',
  body            TEXT    NOT NULL,
  body_html       TEXT    NOT NULL
);
CREATE INDEX comments_threads ON comments (article_id, parent_id, status, created_at);
CREATE INDEX comments_by_root ON comments (root_id, created_at);
CREATE INDEX comments_by_parent ON comments (parent_id);
CREATE INDEX comments_by_account ON comments (account_id, created_at);
CREATE INDEX comments_by_ip ON comments (ip, created_at);
CREATE INDEX comments_pending ON comments (status, created_at) WHERE status = 'pending';
CREATE INDEX comments_reported ON comments (reports) WHERE reports > 0;
CREATE UNIQUE INDEX comments_nonce ON comments (account_id, nonce) WHERE nonce <> '';

CREATE TABLE comment_votes (
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  value      INTEGER NOT NULL CHECK (value IN (-1, 1)),
  PRIMARY KEY (comment_id, account_id)
) WITHOUT ROWID;
CREATE INDEX comment_votes_by_account ON comment_votes (account_id);

CREATE TABLE comment_reports (
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  reason     TEXT    NOT NULL,
  text       TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  resolved   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (comment_id, account_id)
) WITHOUT ROWID;

CREATE TABLE moderation_log (
  id         INTEGER PRIMARY KEY,
  actor_id   INTEGER,             -- NULL: the command line
  actor_name TEXT    NOT NULL,
  action     TEXT    NOT NULL,
  comment_id INTEGER,
  account_id INTEGER,
  article_id INTEGER,
  detail     TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);

ALTER TABLE articles ADD COLUMN comment_policy TEXT CHECK (comment_policy IN ('open', 'premoderated', 'closed'));
ALTER TABLE sections ADD COLUMN comment_policy TEXT CHECK (comment_policy IN ('open', 'premoderated', 'closed'));
