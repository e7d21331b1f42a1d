#include "storage/sqlite/content_sql.h"

#include <functional>
#include <optional>
#include <variant>

namespace gazette::storage::sqlite::content_sql {

using base::Error;
using base::Result;
using base::Status;
using core::Id;

namespace {

constexpr std::string_view kArticleColumns =
    "SELECT a.id, a.slug, a.status, a.is_top, a.published_at, a.created_at, a.updated_at, a.comment_count, "
    "a.headline, a.lead, a.source_name, a.source_url, a.body, a.body_html, s.id, s.slug, s.name, s.position, "
    "a.breaking, a.seo_title, a.seo_description, a.version, a.created_by, a.correction_note, a.corrected_at "
    "FROM articles a LEFT JOIN sections s ON s.id = a.section_id ";
constexpr std::string_view kFindArticleById = "WHERE a.id = ?1";
constexpr std::string_view kFindArticleBySlug = "WHERE a.slug = ?1";


constexpr std::string_view kArticleTags =
    "SELECT t.id, t.slug, t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id "
    "WHERE x.article_id = ?1 ORDER BY x.position";
constexpr std::string_view kArticleAuthors =
    "SELECT u.id, u.slug, u.name FROM article_authors x JOIN authors u ON u.id = x.author_id "
    "WHERE x.article_id = ?1 ORDER BY x.position";

constexpr std::string_view kSlugTaken = "SELECT 1 FROM articles WHERE slug = ?1";
constexpr std::string_view kListSections = "SELECT id, slug, name, position FROM sections ORDER BY position, name";
constexpr std::string_view kFindSection = "SELECT id, slug, name, position FROM sections WHERE slug = ?1";
constexpr std::string_view kFindTag = "SELECT id, slug, name FROM tags WHERE slug = ?1";
constexpr std::string_view kFindAuthor = "SELECT id, slug, name FROM authors WHERE slug = ?1";

constexpr std::string_view kInsertArticle =
    "INSERT INTO articles (slug, status, is_top, has_body, section_id, published_at, created_at, updated_at, "
    "comment_count, headline, lead, source_name, source_url, body, body_html, breaking, seo_title, seo_description, "
    "version, created_by, correction_note, corrected_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)";
constexpr std::string_view kUpdateArticle =
    "UPDATE articles SET slug = ?1, status = ?2, is_top = ?3, has_body = ?4, section_id = ?5, published_at = ?6, "
    "created_at = ?7, updated_at = ?8, comment_count = ?9, headline = ?10, lead = ?11, source_name = ?12, "
    "source_url = ?13, body = ?14, body_html = ?15, breaking = ?16, seo_title = ?17, seo_description = ?18, "
    "version = ?19, created_by = ?20, correction_note = ?21, corrected_at = ?22 WHERE id = ?23";
constexpr std::string_view kCurrentSlug = "SELECT slug FROM articles WHERE id = ?1";
constexpr std::string_view kKeepArticleSlug = "INSERT OR REPLACE INTO article_slugs (slug, article_id) VALUES (?1, ?2)";
constexpr std::string_view kDropArticleSlug = "DELETE FROM article_slugs WHERE slug = ?1";
constexpr std::string_view kRenamedArticle = "SELECT article_id FROM article_slugs WHERE slug = ?1";
constexpr std::string_view kRenamedSection =
    "SELECT s.slug FROM section_slugs h JOIN sections s ON s.id = h.section_id WHERE h.slug = ?1";
constexpr std::string_view kRenamedTag = "SELECT t.slug FROM tag_slugs h JOIN tags t ON t.id = h.tag_id WHERE h.slug = ?1";
constexpr std::string_view kListTags = "SELECT id, slug, name FROM tags ORDER BY name, id";
constexpr std::string_view kListAuthors = "SELECT id, slug, name FROM authors ORDER BY name, id";
constexpr std::string_view kSectionById = "SELECT id, slug, name, position FROM sections WHERE id = ?1";
constexpr std::string_view kUpdateSection = "UPDATE sections SET slug = ?2, name = ?3, position = ?4 WHERE id = ?1";
constexpr std::string_view kKeepSectionSlug = "INSERT OR REPLACE INTO section_slugs (slug, section_id) VALUES (?1, ?2)";
constexpr std::string_view kDropSectionSlug = "DELETE FROM section_slugs WHERE slug = ?1";
constexpr std::string_view kTagById = "SELECT id, slug, name FROM tags WHERE id = ?1";
constexpr std::string_view kUpdateTag = "UPDATE tags SET slug = ?2, name = ?3 WHERE id = ?1";
constexpr std::string_view kKeepTagSlug = "INSERT OR REPLACE INTO tag_slugs (slug, tag_id) VALUES (?1, ?2)";
constexpr std::string_view kDropTagSlug = "DELETE FROM tag_slugs WHERE slug = ?1";
constexpr std::string_view kMoveTagArticles =
    "INSERT OR IGNORE INTO article_tags (article_id, tag_id, position, listed_at) "
    "SELECT article_id, ?2, position, listed_at FROM article_tags WHERE tag_id = ?1";
constexpr std::string_view kDropTagArticles = "DELETE FROM article_tags WHERE tag_id = ?1";
constexpr std::string_view kMoveTagSlugs = "UPDATE tag_slugs SET tag_id = ?2 WHERE tag_id = ?1";
constexpr std::string_view kDeleteTag = "DELETE FROM tags WHERE id = ?1";
constexpr std::string_view kDeleteArticleTags = "DELETE FROM article_tags WHERE article_id = ?1";
constexpr std::string_view kDeleteArticleAuthors = "DELETE FROM article_authors WHERE article_id = ?1";
constexpr std::string_view kInsertArticleTag =
    "INSERT INTO article_tags (article_id, tag_id, position, listed_at) VALUES (?1, ?2, ?3, ?4)";
constexpr std::string_view kInsertArticleAuthor =
    "INSERT INTO article_authors (article_id, author_id, position, listed_at) VALUES (?1, ?2, ?3, ?4)";
constexpr std::string_view kInsertSection = "INSERT INTO sections (slug, name, position) VALUES (?1, ?2, ?3)";
constexpr std::string_view kInsertTag = "INSERT INTO tags (slug, name) VALUES (?1, ?2)";
constexpr std::string_view kInsertAuthor = "INSERT INTO authors (slug, name) VALUES (?1, ?2)";


template <class T>
Result<std::vector<T>> Names(Connection& c, std::string_view sql, Id article_id) {
  Result<Statement> st = c.Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, article_id);
  std::vector<T> out;
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return out;
    out.push_back(T{st->Int(0), st->Text(1), st->Text(2)});
  }
}

Result<core::Article> FindArticleWhere(Connection& c, std::string_view where,
                                       const std::variant<Id, std::string_view>& key) {
  core::Article a;
  {
    std::string sql(kArticleColumns);
    sql += where;
    Result<Statement> st = c.Prepare(sql);
    if (!st.ok()) return std::move(st).error();
    if (std::holds_alternative<Id>(key)) {
      st->Bind(1, std::get<Id>(key));
    } else {
      st->Bind(1, std::get<std::string_view>(key));
    }
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return Error::NotFound("There is no such article.");
    a.id = st->Int(0);
    a.slug = st->Text(1);
    a.status = core::ParseStatus(st->Text(2)).value_or(core::ArticleStatus::kDraft);
    a.top = st->Int(3) != 0;
    if (!st->IsNull(4)) a.published_at = base::FromUnixSeconds(st->Int(4));
    a.created_at = base::FromUnixSeconds(st->Int(5));
    a.updated_at = base::FromUnixSeconds(st->Int(6));
    a.comment_count = st->Int(7);
    a.headline = st->Text(8);
    a.lead = st->Text(9);
    a.source = {st->Text(10), st->Text(11)};
    a.body = st->Text(12);
    a.body_html = st->Text(13);
    a.section = SectionAt(*st, 14);
    a.breaking = st->Int(18) != 0;
    a.seo_title = st->Text(19);
    a.seo_description = st->Text(20);
    a.version = st->Int(21);
    a.created_by = st->Int(22);
    a.correction_note = st->Text(23);
    if (!st->IsNull(24)) a.corrected_at = base::FromUnixSeconds(st->Int(24));
  }
  Result<std::vector<core::Tag>> tags = Names<core::Tag>(c, kArticleTags, a.id);
  if (!tags.ok()) return std::move(tags).error();
  a.tags = std::move(*tags);
  Result<std::vector<core::Author>> authors = Names<core::Author>(c, kArticleAuthors, a.id);
  if (!authors.ok()) return std::move(authors).error();
  a.authors = std::move(*authors);
  return a;
}


Status DeleteNames(Connection& c, Id id) {
  Result<Statement> del_tags = c.Prepare(kDeleteArticleTags);
  if (!del_tags.ok()) return std::move(del_tags).error();
  GZ_TRY(del_tags->Bind(1, id).Run());
  Result<Statement> del_authors = c.Prepare(kDeleteArticleAuthors);
  if (!del_authors.ok()) return std::move(del_authors).error();
  return del_authors->Bind(1, id).Run();
}

// The article's tags and authors in order; `replace` when it had some.
// Every write of an article comes here, so each link carries the time its
// tag's and author's lists sort it by: the publication time while the
// article is published, NULL otherwise (migration 0013).
Status WriteNames(Connection& c, const core::Article& a, Id id, bool replace) {
  if (replace) GZ_TRY(DeleteNames(c, id));
  std::optional<std::int64_t> listed_at;
  if (a.status == core::ArticleStatus::kPublished && a.published_at) listed_at = base::ToUnixSeconds(*a.published_at);
  for (std::size_t i = 0; i < a.tags.size(); ++i) {
    Result<Statement> st = c.Prepare(kInsertArticleTag);
    if (!st.ok()) return std::move(st).error();
    GZ_TRY(st->Bind(1, id).Bind(2, a.tags[i].id).Bind(3, static_cast<std::int64_t>(i)).Bind(4, listed_at).Run());
  }
  for (std::size_t i = 0; i < a.authors.size(); ++i) {
    Result<Statement> st = c.Prepare(kInsertArticleAuthor);
    if (!st.ok()) return std::move(st).error();
    GZ_TRY(st->Bind(1, id).Bind(2, a.authors[i].id).Bind(3, static_cast<std::int64_t>(i)).Bind(4, listed_at).Run());
  }
  return {};
}

void BindArticle(Statement& st, const core::Article& a) {
  st.Bind(1, std::string_view(a.slug))
      .Bind(2, std::string_view(core::StatusName(a.status)))
      .Bind(3, std::int64_t{a.top ? 1 : 0})
      .Bind(4, std::int64_t{a.body.empty() ? 0 : 1})
      .Bind(5, a.section ? std::optional<std::int64_t>(a.section->id) : std::nullopt)
      .Bind(6, a.published_at ? std::optional<std::int64_t>(base::ToUnixSeconds(*a.published_at)) : std::nullopt)
      .Bind(7, base::ToUnixSeconds(a.created_at))
      .Bind(8, base::ToUnixSeconds(a.updated_at))
      .Bind(9, a.comment_count)
      .Bind(10, std::string_view(a.headline))
      .Bind(11, std::string_view(a.lead))
      .Bind(12, std::string_view(a.source.name))
      .Bind(13, std::string_view(a.source.url))
      .Bind(14, std::string_view(a.body))
      .Bind(15, std::string_view(a.body_html))
      .Bind(16, std::int64_t{a.breaking ? 1 : 0})
      .Bind(17, std::string_view(a.seo_title))
      .Bind(18, std::string_view(a.seo_description))
      .Bind(19, a.version)
      .Bind(20, a.created_by)
      .Bind(21, std::string_view(a.correction_note))
      .Bind(22, a.corrected_at ? std::optional<std::int64_t>(base::ToUnixSeconds(*a.corrected_at)) : std::nullopt);
}

// `what`: "An article", "A tag"...
Error SlugConflict(Error error, std::string_view what) {
  if (error.code == base::ErrorCode::kConflict) {
    error.message = std::string(what) + " with this slug exists.";
    error.field = "slug";
  }
  return error;
}

template <class T>
Result<T> FindNamed(Connection& c, std::string_view sql, std::string_view slug, const char* what) {
  Result<Statement> st = c.Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, slug);
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row) return Error::NotFound(std::string("There is no such ") + what + ".");
  if constexpr (std::is_same_v<T, core::Section>) {
    return *SectionAt(*st, 0);
  } else {
    return T{st->Int(0), st->Text(1), st->Text(2)};
  }
}

template <class T>
Result<T> InsertNamed(Connection& c, std::string_view sql, T item, const char* what) {
  Result<Statement> st = c.Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, std::string_view(item.slug)).Bind(2, std::string_view(item.name));
  if constexpr (std::is_same_v<T, core::Section>) st->Bind(3, std::int64_t{item.position});
  Status done = st->Run();
  if (!done.ok()) return SlugConflict(std::move(done).error(), "A " + std::string(what));
  item.id = c.LastInsertId();
  return item;
}

template <class T>
Result<std::vector<T>> Named(Connection& c, std::string_view sql) {
  Result<Statement> st = c.Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  std::vector<T> out;
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return out;
    out.push_back(T{st->Int(0), st->Text(1), st->Text(2)});
  }
}

template <class T>
Result<std::optional<T>> Optional(Connection& c, std::string_view sql, std::string_view key,
                                  const std::function<T(const Statement&)>& read) {
  Result<Statement> st = c.Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, key);
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row) return std::optional<T>();
  return std::optional<T>(read(*st));
}


}  // namespace

std::optional<core::Section> SectionAt(const Statement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  return core::Section{s.Int(column), s.Text(column + 1), s.Text(column + 2), static_cast<int>(s.Int(column + 3))};
}

Result<core::Article> FindArticle(Connection& c, Id id) { return FindArticleWhere(c, kFindArticleById, id); }

Result<core::Article> FindArticleBySlug(Connection& c, std::string_view slug) {
  return FindArticleWhere(c, kFindArticleBySlug, slug);
}


Result<bool> ArticleSlugTaken(Connection& c, std::string_view slug) {
  Result<Statement> st = c.Prepare(kSlugTaken);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, slug);
  return st->Step();
}

Result<std::vector<core::Section>> ListSections(Connection& c) {
  Result<Statement> st = c.Prepare(kListSections);
  if (!st.ok()) return std::move(st).error();
  std::vector<core::Section> out;
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return out;
    out.push_back(*SectionAt(*st, 0));
  }
}

Result<core::Section> FindSection(Connection& c, std::string_view slug) {
  return FindNamed<core::Section>(c, kFindSection, slug, "section");
}
Result<core::Tag> FindTag(Connection& c, std::string_view slug) { return FindNamed<core::Tag>(c, kFindTag, slug, "tag"); }
Result<core::Author> FindAuthor(Connection& c, std::string_view slug) {
  return FindNamed<core::Author>(c, kFindAuthor, slug, "author");
}

Result<Id> InsertArticle(Connection& c, const core::Article& a) {
  Id id = 0;
  {
    Result<Statement> st = c.Prepare(kInsertArticle);
    if (!st.ok()) return std::move(st).error();
    BindArticle(*st, a);
    Status done = st->Run();
    if (!done.ok()) return SlugConflict(std::move(done).error(), "An article");
    id = c.LastInsertId();
  }
  GZ_TRY(WriteNames(c, a, id, false));
  return id;
}

Status UpdateArticle(Connection& c, const core::Article& a) {
  std::string old_slug;
  {
    Result<Statement> st = c.Prepare(kCurrentSlug);
    if (!st.ok()) return std::move(st).error();
    st->Bind(1, a.id);
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return Error::NotFound("There is no such article.");
    old_slug = st->Text(0);
  }
  {
    Result<Statement> st = c.Prepare(kUpdateArticle);
    if (!st.ok()) return std::move(st).error();
    BindArticle(*st, a);
    st->Bind(23, a.id);
    Status done = st->Run();
    if (!done.ok()) return SlugConflict(std::move(done).error(), "An article");
    if (sqlite3_changes(c.raw()) == 0) return Error::NotFound("There is no such article.");
  }
  if (old_slug != a.slug) {
    // The old address keeps working: /news/ID-old redirects anyway, and a
    // lookup by the old slug finds the article.
    GZ_TRY(c.Run(kKeepArticleSlug, [&](Statement& st) { st.Bind(1, std::string_view(old_slug)).Bind(2, a.id); }));
    GZ_TRY(c.Run(kDropArticleSlug, [&](Statement& st) { st.Bind(1, std::string_view(a.slug)); }));
  }
  return WriteNames(c, a, a.id, true);
}

Result<core::Section> InsertSection(Connection& c, const core::Section& section) {
  return InsertNamed(c, kInsertSection, section, "section");
}
Result<core::Tag> InsertTag(Connection& c, const core::Tag& tag) { return InsertNamed(c, kInsertTag, tag, "tag"); }
Result<core::Author> InsertAuthor(Connection& c, const core::Author& author) {
  return InsertNamed(c, kInsertAuthor, author, "author");
}

}  // namespace gazette::storage::sqlite::content_sql

namespace gazette::storage::sqlite::content_sql {

Result<std::vector<core::Tag>> ListTags(Connection& c) { return Named<core::Tag>(c, kListTags); }
Result<std::vector<core::Author>> ListAuthors(Connection& c) { return Named<core::Author>(c, kListAuthors); }

Result<std::optional<std::string>> RenamedSection(Connection& c, std::string_view old_slug) {
  return Optional<std::string>(c, kRenamedSection, old_slug, [](const Statement& st) { return st.Text(0); });
}
Result<std::optional<std::string>> RenamedTag(Connection& c, std::string_view old_slug) {
  return Optional<std::string>(c, kRenamedTag, old_slug, [](const Statement& st) { return st.Text(0); });
}
Result<std::optional<Id>> RenamedArticle(Connection& c, std::string_view old_slug) {
  return Optional<Id>(c, kRenamedArticle, old_slug, [](const Statement& st) { return st.Int(0); });
}

Status UpdateSection(Connection& c, const core::Section& section) {
  std::string old_slug;
  {
    Result<Statement> st = c.Prepare(kSectionById);
    if (!st.ok()) return std::move(st).error();
    st->Bind(1, section.id);
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return Error::NotFound("There is no such section.");
    old_slug = st->Text(1);
  }
  Status updated = c.Run(kUpdateSection, [&](Statement& st) {
    st.Bind(1, section.id).Bind(2, std::string_view(section.slug)).Bind(3, std::string_view(section.name))
        .Bind(4, std::int64_t{section.position});
  });
  if (!updated.ok()) return SlugConflict(std::move(updated).error(), "A section");
  if (old_slug != section.slug) {
    GZ_TRY(c.Run(kKeepSectionSlug, [&](Statement& st) { st.Bind(1, std::string_view(old_slug)).Bind(2, section.id); }));
    GZ_TRY(c.Run(kDropSectionSlug, [&](Statement& st) { st.Bind(1, std::string_view(section.slug)); }));
  }
  return {};
}

Status UpdateTag(Connection& c, const core::Tag& tag) {
  std::string old_slug;
  {
    Result<Statement> st = c.Prepare(kTagById);
    if (!st.ok()) return std::move(st).error();
    st->Bind(1, tag.id);
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return Error::NotFound("There is no such tag.");
    old_slug = st->Text(1);
  }
  Status updated = c.Run(kUpdateTag, [&](Statement& st) {
    st.Bind(1, tag.id).Bind(2, std::string_view(tag.slug)).Bind(3, std::string_view(tag.name));
  });
  if (!updated.ok()) return SlugConflict(std::move(updated).error(), "A tag");
  if (old_slug != tag.slug) {
    GZ_TRY(c.Run(kKeepTagSlug, [&](Statement& st) { st.Bind(1, std::string_view(old_slug)).Bind(2, tag.id); }));
    GZ_TRY(c.Run(kDropTagSlug, [&](Statement& st) { st.Bind(1, std::string_view(tag.slug)); }));
  }
  return {};
}

Status MergeTags(Connection& c, Id from, Id into) {
  if (from == into) return Error::Invalid("A tag cannot be merged into itself.", "into");
  std::string from_slug;
  for (Id id : {from, into}) {
    Result<Statement> st = c.Prepare(kTagById);
    if (!st.ok()) return std::move(st).error();
    st->Bind(1, id);
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return Error::NotFound("There is no such tag.");
    if (id == from) from_slug = st->Text(1);
  }
  GZ_TRY(c.Run(kMoveTagArticles, [&](Statement& st) { st.Bind(1, from).Bind(2, into); }));
  GZ_TRY(c.Run(kDropTagArticles, [&](Statement& st) { st.Bind(1, from); }));
  GZ_TRY(c.Run(kMoveTagSlugs, [&](Statement& st) { st.Bind(1, from).Bind(2, into); }));
  GZ_TRY(c.Run(kDeleteTag, [&](Statement& st) { st.Bind(1, from); }));
  return c.Run(kKeepTagSlug, [&](Statement& st) { st.Bind(1, std::string_view(from_slug)).Bind(2, into); });
}

}  // namespace gazette::storage::sqlite::content_sql
