-- A posted comment goes into every index of the comments table, so each
-- index is paid for at every comment. Two were read by nothing any more:
--
-- comments_by_account: an index that starts with the reader's account puts
-- each comment at a place of its own (readers comment on the same article at
-- the same time, but each has their own part of the index), one page
-- written per comment at every commit. Whatever reads a reader's comments
-- reads all of them (comment_sql.cpp: ByAccount, ByAccountSince; forgetting
-- a reader's addresses), which comments_repeats (account_id, repeat_key,
-- created_at) finds as well. Without it a batch of comments writes a third
-- fewer pages.
--
-- comments_top_level_shown: the number of shown threads has been kept in
-- article_threads since migration 0010, not counted from this index.
DROP INDEX IF EXISTS comments_by_account;
DROP INDEX IF EXISTS comments_top_level_shown;
