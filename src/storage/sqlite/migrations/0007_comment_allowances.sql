-- Comment limits in constant time however high they are set.
--
-- A reader's or an address's allowance is one row: when it is full again
-- (microseconds since the epoch; see comments/allowance.h). Rows that are
-- full again mean nothing and are swept now and then.
CREATE TABLE comment_allowances (
  name TEXT PRIMARY KEY,
  full_at INTEGER NOT NULL
) WITHOUT ROWID;

-- A repeated text is found through a key of its words (comments::RepeatKey)
-- instead of reading the author's recent comments. Comments stored before
-- this version get their key when the store opens (SqliteStore::Open).
ALTER TABLE comments ADD COLUMN repeat_key TEXT;
CREATE INDEX comments_repeats ON comments (account_id, repeat_key, created_at);
DROP INDEX comments_by_ip;
