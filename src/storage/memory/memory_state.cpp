#include "storage/memory/memory_state.h"

#include <algorithm>

#include "base/text.h"

namespace gazette::storage {

using base::Error;
using core::Id;

namespace {

template <class Map>
auto FindBySlug(const Map& map, std::string_view slug, const char* what)
    -> base::Result<typename Map::mapped_type> {
  for (const auto& [id, item] : map) {
    if (item.slug == slug) return item;
  }
  return Error::NotFound(std::string("There is no such ") + what + ".");
}

template <class Map>
bool SlugTaken(const Map& map, std::string_view slug) {
  return std::any_of(map.begin(), map.end(), [&](const auto& entry) { return entry.second.slug == slug; });
}

template <class Map, class T>
base::Result<T> Insert(Map& map, Id& last_id, T item, const char* what) {
  if (SlugTaken(map, item.slug)) return Error::Conflict(std::string("A ") + what + " with this slug exists.", "slug");
  item.id = ++last_id;
  map[item.id] = item;
  return item;
}

bool Newer(const StoredArticle* a, const StoredArticle* b) {
  auto pa = a->article.published_at.value_or(a->article.created_at);
  auto pb = b->article.published_at.value_or(b->article.created_at);
  if (pa != pb) return pa > pb;
  return a->article.id > b->article.id;
}

}  // namespace

core::Article MemoryState::Resolve(const StoredArticle& stored) const {
  core::Article article = stored.article;
  article.section.reset();
  article.tags.clear();
  article.authors.clear();
  if (stored.section_id) {
    if (auto it = sections.find(*stored.section_id); it != sections.end()) article.section = it->second;
  }
  for (Id id : stored.tag_ids) {
    if (auto it = tags.find(id); it != tags.end()) article.tags.push_back(it->second);
  }
  for (Id id : stored.author_ids) {
    if (auto it = authors.find(id); it != authors.end()) article.authors.push_back(it->second);
  }
  return article;
}

base::Result<core::Article> MemoryState::FindArticle(Id id) const {
  auto it = articles.find(id);
  if (it == articles.end()) return Error::NotFound("There is no such article.");
  return Resolve(it->second);
}

base::Result<core::Article> MemoryState::FindArticleBySlug(std::string_view slug) const {
  for (const auto& [id, stored] : articles) {
    if (stored.article.slug == slug) return Resolve(stored);
  }
  return Error::NotFound("There is no such article.");
}

std::vector<const StoredArticle*> MemoryState::Matching(const core::ArticleQuery& q) const {
  std::vector<const StoredArticle*> out;
  for (const auto& [id, stored] : articles) {
    const core::Article& a = stored.article;
    if (q.status && a.status != *q.status) continue;
    if (q.section_id && stored.section_id != q.section_id) continue;
    if (q.tag_id && std::find(stored.tag_ids.begin(), stored.tag_ids.end(), *q.tag_id) == stored.tag_ids.end()) continue;
    if (q.author_id &&
        std::find(stored.author_ids.begin(), stored.author_ids.end(), *q.author_id) == stored.author_ids.end()) {
      continue;
    }
    if (q.exclude_id && a.id == *q.exclude_id) continue;
    if (q.headline && a.headline != *q.headline) continue;
    if (q.created_by && a.created_by != *q.created_by) continue;
    if (!q.text.empty() && base::AsciiLower(a.headline).find(base::AsciiLower(q.text)) == std::string::npos) continue;
    if (q.published_from && (!a.published_at || *a.published_at < *q.published_from)) continue;
    if (q.published_before && (!a.published_at || *a.published_at >= *q.published_before)) continue;
    if (q.with_body_only && a.body.empty()) continue;
    if (q.top_only && !a.top) continue;
    out.push_back(&stored);
  }
  if (q.order == core::ArticleQuery::Order::kRecentlyUpdated) {
    std::sort(out.begin(), out.end(), [](const StoredArticle* a, const StoredArticle* b) {
      return a->article.updated_at != b->article.updated_at ? a->article.updated_at > b->article.updated_at
                                                            : a->article.id > b->article.id;
    });
  } else {
    std::sort(out.begin(), out.end(), Newer);
  }
  return out;
}

std::vector<core::ArticleSummary> MemoryState::ListArticles(const core::ArticleQuery& query) const {
  std::vector<const StoredArticle*> matching = Matching(query);
  std::vector<core::ArticleSummary> out;
  std::size_t begin = static_cast<std::size_t>(std::max(0, query.offset));
  for (std::size_t i = begin; i < matching.size() && out.size() < static_cast<std::size_t>(std::max(0, query.limit)); ++i) {
    core::Article a = Resolve(*matching[i]);
    core::ArticleSummary s;
    s.id = a.id;
    s.slug = a.slug;
    s.headline = a.headline;
    s.lead = a.lead;
    s.section = a.section;
    s.published_at = a.published_at.value_or(a.created_at);
    s.updated_at = a.updated_at;
    s.comment_count = a.comment_count;
    s.has_body = !a.body.empty();
    s.top = a.top;
    s.breaking = a.breaking;
    s.status = a.status;
    s.created_by = a.created_by;
    out.push_back(std::move(s));
  }
  return out;
}

std::int64_t MemoryState::CountArticles(const core::ArticleQuery& query) const {
  return static_cast<std::int64_t>(Matching(query).size());
}

std::vector<core::ArticleRef> MemoryState::ListPublishedRefs(core::Id after_id, int limit) const {
  std::vector<core::ArticleRef> out;
  for (auto it = articles.upper_bound(after_id); it != articles.end() && static_cast<int>(out.size()) < limit; ++it) {
    const core::Article& a = it->second.article;
    if (a.status != core::ArticleStatus::kPublished) continue;
    out.push_back({a.id, a.slug, a.published_at.value_or(a.created_at), a.updated_at});
  }
  return out;
}

bool MemoryState::ArticleSlugTaken(std::string_view slug) const {
  return std::any_of(articles.begin(), articles.end(),
                     [&](const auto& entry) { return entry.second.article.slug == slug; });
}

std::vector<core::Section> MemoryState::ListSections() const {
  std::vector<core::Section> out;
  for (const auto& [id, section] : sections) out.push_back(section);
  std::sort(out.begin(), out.end(), [](const core::Section& a, const core::Section& b) {
    return a.position != b.position ? a.position < b.position : a.name < b.name;
  });
  return out;
}

base::Result<core::Section> MemoryState::FindSection(std::string_view slug) const {
  return FindBySlug(sections, slug, "section");
}
base::Result<core::Tag> MemoryState::FindTag(std::string_view slug) const { return FindBySlug(tags, slug, "tag"); }
base::Result<core::Author> MemoryState::FindAuthor(std::string_view slug) const {
  return FindBySlug(authors, slug, "author");
}

base::Result<StoredArticle> MemoryState::ToStored(const core::Article& article) const {
  StoredArticle stored;
  stored.article = article;
  if (article.section) {
    if (!sections.count(article.section->id)) return Error::Invalid("The section does not exist.", "section");
    stored.section_id = article.section->id;
  }
  for (const core::Tag& tag : article.tags) {
    if (!tags.count(tag.id)) return Error::Invalid("A tag does not exist.", "tags");
    stored.tag_ids.push_back(tag.id);
  }
  for (const core::Author& author : article.authors) {
    if (!authors.count(author.id)) return Error::Invalid("An author does not exist.", "authors");
    stored.author_ids.push_back(author.id);
  }
  return stored;
}

base::Result<Id> MemoryState::InsertArticle(const core::Article& article) {
  if (ArticleSlugTaken(article.slug)) return Error::Conflict("An article with this slug exists.", "slug");
  base::Result<StoredArticle> stored = ToStored(article);
  if (!stored.ok()) return std::move(stored).error();
  Id id = ++last_id;
  stored->article.id = id;
  articles[id] = std::move(*stored);
  return id;
}

base::Status MemoryState::UpdateArticle(const core::Article& article) {
  auto it = articles.find(article.id);
  if (it == articles.end()) return Error::NotFound("There is no such article.");
  std::string old_slug = it->second.article.slug;
  for (const auto& [id, other] : articles) {
    if (id != article.id && other.article.slug == article.slug) {
      return Error::Conflict("An article with this slug exists.", "slug");
    }
  }
  base::Result<StoredArticle> stored = ToStored(article);
  if (!stored.ok()) return std::move(stored).error();
  it->second = std::move(*stored);
  if (old_slug != article.slug) {
    old_article_slugs[old_slug] = article.id;
    old_article_slugs.erase(article.slug);
  }
  return {};
}

base::Result<core::Section> MemoryState::InsertSection(const core::Section& section) {
  return Insert(sections, last_id, section, "section");
}
base::Result<core::Tag> MemoryState::InsertTag(const core::Tag& tag) { return Insert(tags, last_id, tag, "tag"); }
base::Result<core::Author> MemoryState::InsertAuthor(const core::Author& author) {
  return Insert(authors, last_id, author, "author");
}

std::vector<core::Tag> MemoryState::ListTags() const {
  std::vector<core::Tag> out;
  for (const auto& [id, tag] : tags) out.push_back(tag);
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.name != b.name ? a.name < b.name : a.id < b.id; });
  return out;
}

std::vector<core::Author> MemoryState::ListAuthors() const {
  std::vector<core::Author> out;
  for (const auto& [id, author] : authors) out.push_back(author);
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.name != b.name ? a.name < b.name : a.id < b.id; });
  return out;
}

std::optional<std::string> MemoryState::RenamedSection(std::string_view old_slug) const {
  auto it = old_section_slugs.find(old_slug);
  if (it == old_section_slugs.end() || !sections.count(it->second)) return std::nullopt;
  return sections.at(it->second).slug;
}

std::optional<std::string> MemoryState::RenamedTag(std::string_view old_slug) const {
  auto it = old_tag_slugs.find(old_slug);
  if (it == old_tag_slugs.end() || !tags.count(it->second)) return std::nullopt;
  return tags.at(it->second).slug;
}

std::optional<core::Id> MemoryState::RenamedArticle(std::string_view old_slug) const {
  auto it = old_article_slugs.find(old_slug);
  if (it == old_article_slugs.end() || !articles.count(it->second)) return std::nullopt;
  return it->second;
}

base::Status MemoryState::UpdateSection(const core::Section& section) {
  auto it = sections.find(section.id);
  if (it == sections.end()) return Error::NotFound("There is no such section.");
  for (const auto& [id, other] : sections) {
    if (id != section.id && other.slug == section.slug) return Error::Conflict("A section with this slug exists.", "slug");
  }
  if (it->second.slug != section.slug) {
    old_section_slugs[it->second.slug] = section.id;
    old_section_slugs.erase(section.slug);
  }
  it->second = section;
  return {};
}

base::Status MemoryState::UpdateTag(const core::Tag& tag) {
  auto it = tags.find(tag.id);
  if (it == tags.end()) return Error::NotFound("There is no such tag.");
  for (const auto& [id, other] : tags) {
    if (id != tag.id && other.slug == tag.slug) return Error::Conflict("A tag with this slug exists.", "slug");
  }
  if (it->second.slug != tag.slug) {
    old_tag_slugs[it->second.slug] = tag.id;
    old_tag_slugs.erase(tag.slug);
  }
  it->second = tag;
  return {};
}

base::Status MemoryState::MergeTags(core::Id from, core::Id into) {
  if (from == into) return Error::Invalid("A tag cannot be merged into itself.", "into");
  if (!tags.count(from) || !tags.count(into)) return Error::NotFound("There is no such tag.");
  for (auto& [id, stored] : articles) {
    auto& ids = stored.tag_ids;
    auto at = std::find(ids.begin(), ids.end(), from);
    if (at == ids.end()) continue;
    if (std::find(ids.begin(), ids.end(), into) == ids.end()) {
      *at = into;
    } else {
      ids.erase(at);
    }
  }
  for (auto& [slug, id] : old_tag_slugs) {
    if (id == from) id = into;
  }
  old_tag_slugs[tags.at(from).slug] = into;
  tags.erase(from);
  return {};
}

}  // namespace gazette::storage
