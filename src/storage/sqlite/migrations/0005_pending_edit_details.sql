-- A pending edit keeps the address and the top-story flag it proposes, and
-- a revision the top-story flag, so that approving one or restoring the
-- other changes only what the author changed.
ALTER TABLE pending_edits ADD COLUMN slug TEXT NOT NULL DEFAULT '';
ALTER TABLE pending_edits ADD COLUMN top INTEGER NOT NULL DEFAULT 0 CHECK (top IN (0, 1));
ALTER TABLE revisions ADD COLUMN top INTEGER NOT NULL DEFAULT 0 CHECK (top IN (0, 1));
