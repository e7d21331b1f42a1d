-- One index of a reader's comments serves both their list (newest first)
-- and the repeat check: the comments they posted within the repeat window,
-- compared by key inside the index. Keyed by text first, the repeat index
-- took each new comment at a random place, which on a large site means a
-- page read from disk per comment.
DROP INDEX comments_repeats;
DROP INDEX comments_by_account;
CREATE INDEX comments_by_account ON comments (account_id, created_at, repeat_key);
