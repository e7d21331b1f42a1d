// The search index of a bulk load (bulk_load.h), built while the load
// writes its articles: on a thread and a scratch file of its own, so that
// splitting and indexing the words take the machine's other core instead
// of the writer's time, then copied into the site's database at the end.
//
// The scratch file (the database's path + "-search-load") starts as a copy
// of the site's index, so that the articles already there stay found, and
// takes the load's articles as their batches commit. Until it is copied
// back, the site's deferred_indexes table holds a rebuild of the index
// ("article_search"): a load that stops midway has its index built again
// from the articles when the database is next opened.
//
// While it runs, the site's own index is not written: the store's writers
// hand it the published articles they insert, and refuse to change an
// article (its words would have to leave an index they are not yet in).
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/article.h"
#include "storage/sqlite/connection.h"

namespace gazette::storage::sqlite {

// A published article's indexed text, as the view article_search_text gives it.
struct SearchEntry {
  core::Id id = 0;
  std::string headline;
  std::string lead;
  std::string body_html;  // its text is taken by gazette_text(), as the view does
};

class SearchLoad {
 public:
  // Makes the scratch file from the site's index, through the write
  // connection, and records the rebuild. Called once the bulk load holds
  // the file.
  static base::Result<std::unique_ptr<SearchLoad>> Start(Connection& site, const std::string& site_path);
  // Removes a scratch file that a stopped load left (its index is rebuilt
  // from deferred_indexes).
  static void RemoveLeftover(const std::string& site_path);
  ~SearchLoad();  // stops the thread and removes the scratch file
  SearchLoad(const SearchLoad&) = delete;
  SearchLoad& operator=(const SearchLoad&) = delete;

  // Indexes these committed articles on the thread, in the order given.
  // Waits while a few batches are queued already.
  void Add(std::vector<SearchEntry> entries);

  // Waits for the thread, then replaces the site's index with the scratch
  // file's and forgets the rebuild, in one transaction of a connection of
  // its own: called after the bulk load let the file go, so that every
  // connection (the writer's too) reads the new index as another's commit.
  base::Status Finish(const std::string& site_path);

 private:
  SearchLoad(std::string scratch, std::unique_ptr<Connection> connection);
  void Run();
  base::Status Index(const std::vector<SearchEntry>& batch);

  std::string scratch_;
  std::unique_ptr<Connection> connection_;  // the thread's, to the scratch file
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<SearchEntry>> queue_;
  bool busy_ = false;  // a batch taken and not yet indexed
  bool done_ = false;
  base::Status failed_;  // the first failure; batches after it are dropped
  std::thread thread_;
};

}  // namespace gazette::storage::sqlite
