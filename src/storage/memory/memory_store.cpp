#include "storage/memory/memory_store.h"

#include "storage/memory/memory_state.h"

namespace gazette::storage {

namespace {

// The writer handed to a write: reads and writes its own copy of the state.
class MemoryWriter final : public core::ContentWriter {
 public:
  explicit MemoryWriter(MemoryState& state) : s_(state) {}

  base::Result<core::Article> FindArticle(core::Id id) override { return s_.FindArticle(id); }
  base::Result<core::Article> FindArticleBySlug(std::string_view slug) override { return s_.FindArticleBySlug(slug); }
  base::Result<std::vector<core::ArticleSummary>> ListArticles(const core::ArticleQuery& q) override {
    return s_.ListArticles(q);
  }
  base::Result<std::int64_t> CountArticles(const core::ArticleQuery& q) override { return s_.CountArticles(q); }
  base::Result<bool> ArticleSlugTaken(std::string_view slug) override { return s_.ArticleSlugTaken(slug); }
  base::Result<std::vector<core::Section>> ListSections() override { return s_.ListSections(); }
  base::Result<core::Section> FindSection(std::string_view slug) override { return s_.FindSection(slug); }
  base::Result<core::Tag> FindTag(std::string_view slug) override { return s_.FindTag(slug); }
  base::Result<core::Author> FindAuthor(std::string_view slug) override { return s_.FindAuthor(slug); }

  base::Result<core::Id> InsertArticle(const core::Article& a) override { return s_.InsertArticle(a); }
  base::Status UpdateArticle(const core::Article& a) override { return s_.UpdateArticle(a); }
  base::Result<core::Section> InsertSection(const core::Section& s) override { return s_.InsertSection(s); }
  base::Result<core::Tag> InsertTag(const core::Tag& t) override { return s_.InsertTag(t); }
  base::Result<core::Author> InsertAuthor(const core::Author& a) override { return s_.InsertAuthor(a); }

 private:
  MemoryState& s_;
};

}  // namespace

MemoryStore::MemoryStore() : state_(std::make_shared<const MemoryState>()) {}
MemoryStore::~MemoryStore() = default;

std::shared_ptr<const MemoryState> MemoryStore::Snapshot() const {
  std::lock_guard lock(mutex_);
  return state_;
}

base::Result<core::Article> MemoryStore::FindArticle(core::Id id) { return Snapshot()->FindArticle(id); }
base::Result<core::Article> MemoryStore::FindArticleBySlug(std::string_view slug) {
  return Snapshot()->FindArticleBySlug(slug);
}
base::Result<std::vector<core::ArticleSummary>> MemoryStore::ListArticles(const core::ArticleQuery& q) {
  return Snapshot()->ListArticles(q);
}
base::Result<std::int64_t> MemoryStore::CountArticles(const core::ArticleQuery& q) {
  return Snapshot()->CountArticles(q);
}
base::Result<bool> MemoryStore::ArticleSlugTaken(std::string_view slug) { return Snapshot()->ArticleSlugTaken(slug); }
base::Result<std::vector<core::Section>> MemoryStore::ListSections() { return Snapshot()->ListSections(); }
base::Result<core::Section> MemoryStore::FindSection(std::string_view slug) { return Snapshot()->FindSection(slug); }
base::Result<core::Tag> MemoryStore::FindTag(std::string_view slug) { return Snapshot()->FindTag(slug); }
base::Result<core::Author> MemoryStore::FindAuthor(std::string_view slug) { return Snapshot()->FindAuthor(slug); }

base::Status MemoryStore::Write(const std::function<base::Status(core::ContentWriter&)>& work) {
  std::lock_guard write_lock(write_mutex_);
  auto draft = std::make_shared<MemoryState>(*Snapshot());
  MemoryWriter writer(*draft);
  base::Status status = work(writer);  // an exception leaves state_ untouched
  if (!status.ok()) return status;
  std::lock_guard lock(mutex_);
  state_ = std::move(draft);
  return {};
}

}  // namespace gazette::storage
