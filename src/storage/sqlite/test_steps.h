// For the tests of this folder only: the SQLite virtual machine steps some
// work takes on a connection (a progress handler called at every step), a
// measure of a query's cost that does not depend on the machine's speed.
#pragma once

#include <sqlite3.h>

#include "storage/sqlite/connection.h"

namespace gazette::storage::sqlite {

template <class F>
long Steps(Connection& c, F&& work) {
  long steps = 0;
  sqlite3_progress_handler(
      c.raw(), 1,
      [](void* count) {
        ++*static_cast<long*>(count);
        return 0;
      },
      &steps);
  work();
  sqlite3_progress_handler(c.raw(), 0, nullptr, nullptr);
  return steps;
}

}  // namespace gazette::storage::sqlite
