// An in-memory ContentStore for unit tests and throwaway sites: the same
// contract as the SQL backends, nothing kept after the process ends.
#pragma once

#include <memory>
#include <mutex>

#include "core/content_store.h"

namespace gazette::storage {

struct MemoryState;

// Thread-safe. Readers see consistent snapshots; a write works on a copy
// that replaces the current state only when the write succeeds.
class MemoryStore final : public core::ContentStore {
 public:
  MemoryStore();
  ~MemoryStore() override;

  base::Result<core::Article> FindArticle(core::Id id) override;
  base::Result<core::Article> FindArticleBySlug(std::string_view slug) override;
  base::Result<std::vector<core::ArticleSummary>> ListArticles(const core::ArticleQuery& query) override;
  base::Result<std::int64_t> CountArticles(const core::ArticleQuery& query) override;
  base::Result<bool> ArticleSlugTaken(std::string_view slug) override;
  base::Result<std::vector<core::Section>> ListSections() override;
  base::Result<core::Section> FindSection(std::string_view slug) override;
  base::Result<core::Tag> FindTag(std::string_view slug) override;
  base::Result<core::Author> FindAuthor(std::string_view slug) override;

  base::Status Write(const std::function<base::Status(core::ContentWriter&)>& work) override;

 private:
  std::shared_ptr<const MemoryState> Snapshot() const;

  mutable std::mutex mutex_;          // guards state_
  std::mutex write_mutex_;            // serializes writes
  std::shared_ptr<const MemoryState> state_;
};

}  // namespace gazette::storage
