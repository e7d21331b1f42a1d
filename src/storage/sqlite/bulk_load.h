// A bulk load: many articles written by one process that has the database
// to itself (`gazette demo --articles N`). Two things make it cheaper than
// the same writes on a live site, and both are undone at its end:
//
// - The indexes it would write at random places (headlines, an article's
//   tags and authors by tag and by author) are dropped and built again at
//   the end in one sorted pass each. Their definitions are kept in the
//   table deferred_indexes by the transaction that drops them, so that a
//   load stopped midway has them back when the database is next opened
//   (RestoreIndexes, called by SqliteStore::Migrate).
// - The file is written with a rollback journal instead of the WAL, under
//   an exclusive lock: new pages go to the file once, where the WAL writes
//   every page twice (the log, then the checkpoint). Each batch is still
//   one transaction, synced at commit: a failed or interrupted load loses
//   only its unfinished batch, and a crash leaves a journal that SQLite
//   plays back when the file is next opened.
#pragma once

#include "base/result.h"
#include "storage/sqlite/connection.h"

namespace gazette::storage::sqlite::bulk_load {

// Switches the connection to a rollback journal under an exclusive lock and
// sets the indexes aside. False, and nothing changed, when another
// connection has the file open (it would not see the load's writes as
// usual): the load then goes the usual way.
base::Result<bool> Begin(Connection& c);

// Builds the indexes set aside and switches the connection back to the WAL
// and shared locking.
base::Status End(Connection& c);

// Builds every index in deferred_indexes and forgets it, in one
// transaction; the search index too unless `search` is false (a bulk load's
// end, where search_load.h copies it in). Nothing to do (one read) when the
// table is empty.
base::Status RestoreIndexes(Connection& c, bool search = true);

}  // namespace gazette::storage::sqlite::bulk_load
