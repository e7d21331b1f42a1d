-- An article page reads 20 threads and the featured comments, however many
-- comments the article has: the featured ones through an index of their
-- own, the threads in the order the page shows them (oldest and newest
-- first by time, best first by score), and their number from the index of
-- the shown ones and that of the rest.
CREATE INDEX IF NOT EXISTS comments_featured ON comments (article_id, created_at, id) WHERE featured = 1;
CREATE INDEX IF NOT EXISTS comments_top_level ON comments (article_id, created_at, id) WHERE parent_id IS NULL;
CREATE INDEX IF NOT EXISTS comments_top_level_best
  ON comments (article_id, score DESC, upvotes DESC, created_at, id) WHERE parent_id IS NULL;
CREATE INDEX IF NOT EXISTS comments_top_level_shown
  ON comments (article_id) WHERE parent_id IS NULL AND status = 'visible' AND hidden = 0;
CREATE INDEX IF NOT EXISTS comments_top_level_placeholders
  ON comments (article_id) WHERE parent_id IS NULL AND (status <> 'visible' OR hidden = 1);
