// A thin RAII layer over the SQLite C API: a connection, its cached
// prepared statements, and typed binding and reading.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "base/result.h"

namespace gazette::storage::sqlite {

// A prepared statement borrowed from its connection's cache. Reset and
// unbound when the borrow ends. Not thread-safe (nor is its connection).
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, std::optional<std::int64_t> value);
  Statement& Bind(int index, double value);
  Statement& BindNull(int index);

  // Advances to the next row: true when there is one, false when done.
  base::Result<bool> Step();
  // Steps to the end (for statements that return no rows).
  base::Status Run();

  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::optional<std::int64_t> OptionalInt(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Int(column);
  }
  double Double(int column) const { return sqlite3_column_double(stmt_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string Text(int column) const;

 private:
  sqlite3_stmt* stmt_;
};

// One connection to a database file. Not thread-safe: a pool hands each
// connection to one thread at a time.
class Connection {
 public:
  // Opens (creating when `create` is set) the file, with foreign keys on,
  // a busy timeout, and the given synchronous level.
  static base::Result<std::unique_ptr<Connection>> Open(const std::string& path, bool create,
                                                        std::string_view synchronous);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one or more statements without results.
  base::Status Exec(std::string_view sql);
  // A statement prepared once per connection and kept; `sql` is the key.
  base::Result<Statement> Prepare(std::string_view sql);
  // Runs one statement without parameters or results, prepared once (for
  // what runs often: BEGIN, SAVEPOINT, COMMIT...).
  base::Status Run(std::string_view sql);
  // Runs one statement without results, prepared once, with the values `bind` gives it.
  base::Status Run(std::string_view sql, const std::function<void(Statement&)>& bind);
  // The integer in the first column of the first row (a count, say), prepared once.
  base::Result<std::int64_t> Number(std::string_view sql, const std::function<void(Statement&)>& bind);
  // Runs `work` in a write transaction (BEGIN IMMEDIATE): committed when it
  // succeeds, rolled back when it or the commit fails.
  base::Status InTransaction(const std::function<base::Status()>& work);

  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* raw() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> statements_;
};

// Values for a query's placeholders ?1, ?2... gathered while its text is
// built (filters that depend on what was asked).
using SqlParams = std::vector<std::variant<std::int64_t, std::string>>;

// Binds `params` to ?1, ?2... in order.
void BindParams(Statement& st, const SqlParams& params);

// Steps `st` to the end, reading each row with `read(const Statement&)`.
template <class Read>
auto CollectRows(Statement& st, Read read) -> base::Result<std::vector<decltype(read(st))>> {
  std::vector<decltype(read(st))> out;
  for (;;) {
    base::Result<bool> row = st.Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return out;
    out.push_back(read(st));
  }
}

// An error from SQLite, as kInternal with SQLite's message as the detail
// (kConflict for constraint violations).
base::Error SqliteError(sqlite3* db, std::string_view what);

}  // namespace gazette::storage::sqlite
