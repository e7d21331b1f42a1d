// For the store's own files (sqlite_store*.cpp): a read connection leased
// from the pool, and the templates that read through one or write in one
// transaction.
#pragma once

#include <optional>

#include "storage/sqlite/sqlite_store.h"

namespace gazette::storage::sqlite {

// A read connection borrowed from the pool, returned when the lease ends.
class SqliteStore::Lease {
 public:
  Lease(SqliteStore* store, std::unique_ptr<Connection> c) : store_(store), c_(std::move(c)) {}
  Lease(Lease&& other) noexcept = default;
  ~Lease() {
    if (c_) store_->Release(std::move(c_));
  }
  Connection& operator*() { return *c_; }

 private:
  SqliteStore* store_;
  std::unique_ptr<Connection> c_;
};

template <class F>
auto SqliteStore::WithReader(F&& f) -> decltype(f(std::declval<Connection&>())) {
  base::Result<Lease> lease = Acquire();
  if (!lease.ok()) return std::move(lease).error();
  return f(**lease);
}

template <class T>
base::Result<T> SqliteStore::TransactValue(const std::function<base::Result<T>(Connection&)>& work) {
  std::optional<T> value;
  base::Status status = Transact([&](Connection& c) -> base::Status {
    base::Result<T> r = work(c);
    if (!r.ok()) return std::move(r).error();
    value = std::move(*r);
    return {};
  });
  if (!status.ok()) return std::move(status).error();
  return std::move(*value);
}

}  // namespace gazette::storage::sqlite
