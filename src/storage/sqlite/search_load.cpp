#include "storage/sqlite/search_load.h"

#include <array>
#include <filesystem>
#include <string_view>
#include <utility>

namespace gazette::storage::sqlite {
namespace {

using base::Error;
using base::Result;
using base::Status;

// The batches queued at most before Add waits: each is one batch of the
// load, a few tens of megabytes of text.
constexpr std::size_t kQueued = 2;
constexpr std::string_view kScratch = "-search-load";  // after the database's path

// FTS5's own tables for article_search: its index, the index's b-tree of
// terms, and each article's number of words per column. Its fourth,
// article_search_config, holds settings, the same on both sides.
constexpr std::array<std::string_view, 3> kIndexTables = {"article_search_data", "article_search_idx",
                                                          "article_search_docsize"};

constexpr std::string_view kDefinition = "SELECT sql FROM sqlite_schema WHERE name = 'article_search'";
constexpr std::string_view kRebuild =
    "INSERT OR REPLACE INTO deferred_indexes (name, sql) "
    "VALUES ('article_search', 'INSERT INTO article_search (article_search) VALUES (''rebuild'')')";
constexpr std::string_view kForgetRebuild = "DELETE FROM deferred_indexes WHERE name = 'article_search'";
constexpr std::string_view kInsert =
    "INSERT INTO article_search (rowid, headline, lead, body) VALUES (?1, ?2, ?3, gazette_text(?4))";

// Copies FTS5's tables from one attached database to another, replacing what was there.
Status CopyIndex(Connection& c, std::string_view from, std::string_view to) {
  for (std::string_view table : kIndexTables) {
    std::string name(table);
    GZ_TRY(c.Exec("DELETE FROM " + std::string(to) + "." + name + "; INSERT INTO " + std::string(to) + "." + name +
                  " SELECT * FROM " + std::string(from) + "." + name));
  }
  return {};
}

// Runs `work` between ATTACH and DETACH of the scratch file.
Status Attached(Connection& c, const std::string& scratch, const std::function<Status()>& work) {
  GZ_TRY(c.Run("ATTACH ?1 AS search_load", [&](Statement& st) { st.Bind(1, std::string_view(scratch)); }));
  Status status = work();
  Status detached = c.Exec("DETACH search_load");
  GZ_TRY(status);
  return detached;
}

}  // namespace

void SearchLoad::RemoveLeftover(const std::string& site_path) {
  std::error_code ec;
  std::filesystem::remove(site_path + std::string(kScratch), ec);
}

Result<std::unique_ptr<SearchLoad>> SearchLoad::Start(Connection& site, const std::string& site_path) {
  RemoveLeftover(site_path);
  std::string scratch = site_path + std::string(kScratch);
  std::string definition;
  {
    Result<Statement> st = site.Prepare(kDefinition);
    if (!st.ok()) return std::move(st).error();
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return Error::Internal("the database has no search index to load");
    definition = st->Text(0);
  }
  {
    // The same table, settings and words as the site's.
    Result<std::unique_ptr<Connection>> made = Connection::Open(scratch, true, "OFF");
    if (!made.ok()) return std::move(made).error();
    GZ_TRY((*made)->Exec(definition));
  }
  GZ_TRY(Attached(site, scratch, [&]() -> Status {
    return site.InTransaction([&]() -> Status {
      GZ_TRY(CopyIndex(site, "main", "search_load"));
      GZ_TRY(site.Exec("DELETE FROM search_load.article_search_config; INSERT INTO search_load.article_search_config "
                       "SELECT * FROM main.article_search_config"));
      return site.Run(kRebuild);
    });
  }));
  // Scratch: a failed load makes it again, so it is written without a journal or syncs.
  Result<std::unique_ptr<Connection>> connection = Connection::Open(scratch, false, "OFF");
  if (!connection.ok()) return std::move(connection).error();
  GZ_TRY((*connection)->Exec("PRAGMA journal_mode = OFF; PRAGMA cache_size = -262144"));
  return std::unique_ptr<SearchLoad>(new SearchLoad(std::move(scratch), std::move(*connection)));
}

SearchLoad::SearchLoad(std::string scratch, std::unique_ptr<Connection> connection)
    : scratch_(std::move(scratch)), connection_(std::move(connection)), thread_([this] { Run(); }) {}

SearchLoad::~SearchLoad() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  connection_.reset();
  std::error_code ec;
  std::filesystem::remove(scratch_, ec);
}

void SearchLoad::Add(std::vector<SearchEntry> entries) {
  if (entries.empty()) return;
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.size() < kQueued || done_; });
  if (!failed_.ok() || done_) return;
  queue_.push_back(std::move(entries));
  changed_.notify_all();
}

void SearchLoad::Run() {
  for (;;) {
    std::vector<SearchEntry> batch;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return !queue_.empty() || done_; });
      if (queue_.empty()) return;
      batch = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
      changed_.notify_all();
    }
    Status indexed = Index(batch);
    std::lock_guard lock(mutex_);
    busy_ = false;
    if (!indexed.ok() && failed_.ok()) {
      failed_ = std::move(indexed);
      queue_.clear();
    }
    changed_.notify_all();
  }
}

Status SearchLoad::Index(const std::vector<SearchEntry>& batch) {
  return connection_->InTransaction([&]() -> Status {
    for (const SearchEntry& e : batch) {
      GZ_TRY(connection_->Run(kInsert, [&](Statement& st) {
        st.Bind(1, e.id).Bind(2, std::string_view(e.headline)).Bind(3, std::string_view(e.lead)).Bind(4, std::string_view(e.body_html));
      }));
    }
    return {};
  });
}

Status SearchLoad::Finish(const std::string& site_path) {
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return (queue_.empty() && !busy_) || !failed_.ok(); });
    done_ = true;
  }
  changed_.notify_all();
  thread_.join();
  connection_.reset();
  GZ_TRY(failed_);
  Result<std::unique_ptr<Connection>> site = Connection::Open(site_path, false, "FULL");
  if (!site.ok()) return std::move(site).error();
  Connection& c = **site;
  return Attached(c, scratch_, [&]() -> Status {
    return c.InTransaction([&]() -> Status {
      GZ_TRY(CopyIndex(c, "search_load", "main"));
      return c.Run(kForgetRebuild);
    });
  });
}

}  // namespace gazette::storage::sqlite
