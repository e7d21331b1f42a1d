#include "storage/sqlite/connection.h"

#include <mutex>

#include "storage/sqlite/search_sql.h"
#include "storage/sqlite/wal_writes.h"

namespace gazette::storage::sqlite {


base::Error SqliteError(sqlite3* db, std::string_view what) {
  int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
  std::string detail = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "cannot open database");
  if ((code & 0xFF) == SQLITE_CONSTRAINT) {
    base::Error error = base::Error::Conflict("This clashes with something already stored.");
    error.detail = detail;
    return error;
  }
  if ((code & 0xFF) == SQLITE_BUSY || (code & 0xFF) == SQLITE_LOCKED) {
    return {base::ErrorCode::kUnavailable, "The database is busy; try again.", {}, detail};
  }
  return base::Error::Internal(detail);
}

Statement::~Statement() {
  if (!stmt_) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::Bind(int index, std::optional<std::int64_t> value) {
  return value ? Bind(index, *value) : BindNull(index);
}

Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

base::Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(sqlite3_db_handle(stmt_), "step");
}

base::Status Statement::Run() {
  for (;;) {
    base::Result<bool> row = Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return {};
  }
}

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

base::Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool create,
                                                           std::string_view synchronous) {
  // Before SQLite's first use in the process: no statistics of its memory.
  // Keeping them takes one lock, shared by every connection, at each of
  // SQLite's allocations; the writer, the readers and a bulk load's search
  // thread waited on one another for it. Nothing here reads them.
  static std::once_flag configured;
  std::call_once(configured, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  // At FULL and above SQLite syncs the WAL at every commit: its writes may be gathered until then.
  const char* vfs = synchronous == "FULL" || synchronous == "EXTRA" ? WalWritesVfs() : nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, vfs);
  if (rc != SQLITE_OK) {
    base::Error error = base::Error::Internal("cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
    error.message = "Cannot open the database file " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory") + ".";
    sqlite3_close(db);
    return error;
  }
  sqlite3_extended_result_codes(db, 1);
  std::unique_ptr<Connection> connection(new Connection(db));
  if (base::Status search = search_sql::Register(db); !search.ok()) return std::move(search).error();
  std::string pragmas = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = " +
                        std::string(synchronous) + ";";
  base::Status status = connection->Exec(pragmas);
  if (!status.ok()) {
    base::Error error = std::move(status).error();
    error.message = error.code == base::ErrorCode::kUnavailable
                        ? "The database file " + path +
                              " is held by another process (gazette demo writing a large site, say); try again when "
                              "it is free."
                        : "Cannot use the database file " + path + ": " + error.detail + ".";
    return error;
  }
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

base::Status Connection::Exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    base::Error error = SqliteError(db_, "exec");
    if (message) error.detail = message;
    sqlite3_free(message);
    return error;
  }
  return {};
}

base::Result<Statement> Connection::Prepare(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                                nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, "prepare");
    it = statements_.emplace(sql, stmt).first;
  }
  return Statement(it->second);
}

base::Status Connection::Run(std::string_view sql) {
  return Run(sql, [](Statement&) {});
}

base::Status Connection::Run(std::string_view sql, const std::function<void(Statement&)>& bind) {
  base::Result<Statement> st = Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  bind(*st);
  return st->Run();
}

base::Result<std::int64_t> Connection::Number(std::string_view sql, const std::function<void(Statement&)>& bind) {
  base::Result<Statement> st = Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  bind(*st);
  base::Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  return st->Int(0);
}

base::Status Connection::InTransaction(const std::function<base::Status()>& work) {
  GZ_TRY(Run("BEGIN IMMEDIATE"));
  base::Status status = work();
  if (status.ok()) status = Run("COMMIT");
  if (!status.ok()) (void)Run("ROLLBACK");
  return status;
}

void BindParams(Statement& st, const SqlParams& params) {
  int index = 1;
  for (const auto& p : params) {
    if (std::holds_alternative<std::int64_t>(p)) {
      st.Bind(index++, std::get<std::int64_t>(p));
    } else {
      st.Bind(index++, std::string_view(std::get<std::string>(p)));
    }
  }
}

}  // namespace gazette::storage::sqlite
