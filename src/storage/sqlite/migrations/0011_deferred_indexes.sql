-- Indexes a bulk load sets aside (bulk_load.cpp): `gazette demo --articles`
-- on a large scale drops the indexes it would write at random places and
-- builds them again at its end, in one sorted pass each. Their definitions
-- wait here in the meantime, written in the transaction that drops them, so
-- that a load stopped midway (killed, a crash) has them built again the
-- next time the database is opened.
CREATE TABLE deferred_indexes (
  name TEXT PRIMARY KEY,
  sql TEXT NOT NULL
) WITHOUT ROWID;
