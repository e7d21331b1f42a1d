#include "storage/sqlite/bulk_load.h"

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette::storage::sqlite::bulk_load {
namespace {

using base::Error;
using base::Result;
using base::Status;

// The indexes a load of articles writes at random places: a headline, a
// tag or an author falls anywhere in its index, so each new row dirties a
// page of its own. The other article indexes grow at their end (time,
// section and time, update time) and stay.
constexpr std::array<std::string_view, 5> kDeferred = {"articles_by_headline", "article_tags_by_tag",
                                                        "article_authors_by_author", "article_tags_listed",
                                                        "article_authors_listed"};

constexpr std::string_view kIndexSql = "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1";
constexpr std::string_view kKeep = "INSERT OR REPLACE INTO deferred_indexes (name, sql) VALUES (?1, ?2)";
constexpr std::string_view kHasTable = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1";
constexpr std::string_view kList =
    "SELECT name, sql FROM deferred_indexes WHERE ?1 OR name <> 'article_search' ORDER BY name";

// The text in the first column of a pragma's answer.
Result<std::string> Pragma(Connection& c, const std::string& pragma) {
  Result<Statement> st = c.Prepare(pragma);
  if (!st.ok()) return std::move(st).error();
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  return *row ? st->Text(0) : std::string();
}

Status SetAside(Connection& c) {
  return c.InTransaction([&]() -> Status {
    for (std::string_view name : kDeferred) {
      std::string sql;
      {
        Result<Statement> st = c.Prepare(kIndexSql);
        if (!st.ok()) return std::move(st).error();
        st->Bind(1, name);
        Result<bool> row = st->Step();
        if (!row.ok()) return std::move(row).error();
        if (!*row) continue;  // set aside already
        sql = st->Text(0);
      }  // done with the schema before changing it
      GZ_TRY(c.Run(kKeep, [&](Statement& keep) { keep.Bind(1, name).Bind(2, std::string_view(sql)); }));
      GZ_TRY(c.Exec("DROP INDEX " + std::string(name)));
    }
    return {};
  });
}

// Back to the WAL and shared locks; the next read lets the lock go.
Status Release(Connection& c) {
  GZ_TRY(c.Exec("PRAGMA locking_mode = NORMAL"));
  Result<std::string> mode = Pragma(c, "PRAGMA journal_mode = WAL");
  if (!mode.ok()) return std::move(mode).error();
  if (*mode != "wal") return Error::Internal("the database stayed in journal mode " + *mode + " after a bulk load");
  return c.Exec("SELECT count(*) FROM sqlite_schema");
}

}  // namespace

Result<bool> Begin(Connection& c) {
  Result<std::string> timeout = Pragma(c, "PRAGMA busy_timeout");
  if (!timeout.ok()) return std::move(timeout).error();
  // Leaving the WAL needs every other connection gone; asked once, not waited for.
  GZ_TRY(c.Exec("PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE"));
  Result<std::string> mode = Pragma(c, "PRAGMA journal_mode = TRUNCATE");
  GZ_TRY(c.Exec("PRAGMA busy_timeout = " + *timeout));
  if (!mode.ok() || *mode != "truncate") {
    GZ_TRY(Release(c));
    if (!mode.ok() && mode.error().code != base::ErrorCode::kUnavailable) return std::move(mode).error();
    return false;
  }
  Status set_aside = SetAside(c);
  if (!set_aside.ok()) {
    (void)Release(c);
    return std::move(set_aside).error();
  }
  return true;
}

Status End(Connection& c) {
  Status restored = RestoreIndexes(c, false);
  Status released = Release(c);
  GZ_TRY(restored);
  return released;
}

Status RestoreIndexes(Connection& c, bool search) {
  Result<std::int64_t> has_table = c.Number(kHasTable, [](Statement& st) { st.Bind(1, std::string_view("deferred_indexes")); });
  if (!has_table.ok()) return std::move(has_table).error();
  if (*has_table == 0) return {};  // a schema older than the table
  std::vector<std::pair<std::string, std::string>> deferred;
  {
    Result<Statement> st = c.Prepare(kList);
    if (!st.ok()) return std::move(st).error();
    st->Bind(1, std::int64_t{search ? 1 : 0});
    for (;;) {
      Result<bool> row = st->Step();
      if (!row.ok()) return std::move(row).error();
      if (!*row) break;
      deferred.emplace_back(st->Text(0), st->Text(1));
    }
  }
  if (deferred.empty()) return {};
  return c.InTransaction([&]() -> Status {
    for (const auto& [name, sql] : deferred) {
      Status made = c.Exec(sql);
      if (!made.ok()) {
        Error error = std::move(made).error();
        error.message = "Cannot build the index " + name + " again after a bulk load: " + error.message;
        return error;
      }
    }
    for (const auto& entry : deferred) {
      GZ_TRY(c.Run("DELETE FROM deferred_indexes WHERE name = ?1", [&](Statement& st) { st.Bind(1, std::string_view(entry.first)); }));
    }
    return {};
  });
}

}  // namespace gazette::storage::sqlite::bulk_load
