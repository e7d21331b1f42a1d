// The content API: published articles, sections, tags, authors and the
// latest feed, for anyone, cached by CDNs for a minute.
#include <boost/json/array.hpp>

#include "api/api.h"
#include "web/article_json.h"
#include "web/pages.h"

namespace gazette::api {

using base::Error;

namespace {

// An error of the content API: readable by scripts on other sites too.
http::Response Refused(const base::Error& error) {
  http::Response r = ApiError(error);
  AllowAnyOrigin(r);
  return r;
}

base::Error NoSuch(const std::string& what, const std::string& slug, const std::string& field) {
  base::Error e = base::Error::NotFound("There is no " + what + " \"" + slug + "\".");
  e.field = field;
  return e;
}

// A query parameter that is present and not empty.
std::optional<std::string> Param(const http::Request& request, std::string_view name) {
  std::optional<std::string> value = request.QueryParam(name);
  if (value && value->empty()) return std::nullopt;
  return value;
}

}  // namespace

Result<json::array> Api::FullArticles(core::ArticleQuery query) const {
  query.status = core::ArticleStatus::kPublished;
  Result<std::vector<core::ArticleSummary>> page = s_.content.ListArticles(query);
  if (!page.ok()) return std::move(page).error();
  json::array out;
  for (const core::ArticleSummary& summary : *page) {
    Result<core::Article> article = s_.reading.PublishedArticle(summary.id);
    if (!article.ok()) {
      if (article.error().code == base::ErrorCode::kNotFound) continue;  // taken down meanwhile
      return std::move(article).error();
    }
    out.push_back(web::ArticleJson(*article, s_.site));
  }
  return out;
}

http::Response Api::Articles(const http::Request& request) const {
  Result<Paging> paging = PagingParams(request);
  if (!paging.ok()) return Refused(paging.error());
  core::ArticleQuery query;
  query.limit = paging->limit;
  query.offset = paging->offset;
  if (std::optional<std::string> slug = Param(request, "section")) {
    Result<core::Section> section = s_.reading.FindSection(*slug);
    if (!section.ok() && section.error().code == base::ErrorCode::kNotFound) {
      Result<std::optional<std::string>> renamed = s_.reading.RenamedSection(*slug);
      if (renamed.ok() && *renamed) section = s_.reading.FindSection(**renamed);
    }
    if (!section.ok()) {
      return Refused(section.error().code == base::ErrorCode::kNotFound ? NoSuch("section", *slug, "section")
                                                                        : section.error());
    }
    query.section_id = section->id;
  }
  if (std::optional<std::string> slug = Param(request, "tag")) {
    Result<core::Tag> tag = s_.reading.FindTag(*slug);
    if (!tag.ok() && tag.error().code == base::ErrorCode::kNotFound) {
      Result<std::optional<std::string>> renamed = s_.reading.RenamedTag(*slug);
      if (renamed.ok() && *renamed) tag = s_.reading.FindTag(**renamed);
    }
    if (!tag.ok()) {
      return Refused(tag.error().code == base::ErrorCode::kNotFound ? NoSuch("tag", *slug, "tag") : tag.error());
    }
    query.tag_id = tag->id;
  }
  if (std::optional<std::string> slug = Param(request, "author")) {
    Result<core::Author> author = s_.reading.FindAuthor(*slug);
    if (!author.ok()) {
      return Refused(author.error().code == base::ErrorCode::kNotFound ? NoSuch("author", *slug, "author")
                                                                       : author.error());
    }
    query.author_id = author->id;
  }
  if (std::optional<std::string> from = request.QueryParam("from")) {
    Result<base::Timestamp> t = ParseMoment(*from, s_.site.zone, "from");
    if (!t.ok()) return Refused(t.error());
    query.published_from = *t;
  }
  if (std::optional<std::string> to = request.QueryParam("to")) {
    Result<base::Timestamp> t = ParseMoment(*to, s_.site.zone, "to");
    if (!t.ok()) return Refused(t.error());
    query.published_before = *t;
  }
  if (query.published_from && query.published_before && *query.published_before <= *query.published_from) {
    return Refused(Error::Invalid("to must be later than from (to is exclusive).", "to"));
  }
  query.status = core::ArticleStatus::kPublished;
  Result<std::int64_t> total = s_.content.CountArticles(query);
  if (!total.ok()) return Refused(total.error());
  Result<json::array> articles = FullArticles(query);
  if (!articles.ok()) return Refused(articles.error());
  return Public(
      request,
      json::object{
          {"articles", std::move(*articles)}, {"total", *total}, {"limit", paging->limit}, {"offset", paging->offset}});
}

http::Response Api::Article(const http::Request& request, std::string_view ref) const {
  // An id, else a slug (a slug of digits only is tried when no id matches).
  std::optional<std::int64_t> id = web::ParseId(ref);
  if (id) {
    Result<core::Article> article = s_.reading.PublishedArticle(*id);
    if (article.ok()) return Public(request, web::ArticleJson(*article, s_.site));
    if (article.error().code != base::ErrorCode::kNotFound) return Refused(article.error());
  }
  Result<core::Article> by_slug = s_.content.FindArticleBySlug(ref);
  if (!by_slug.ok() && by_slug.error().code == base::ErrorCode::kNotFound) {
    // A slug the article had before its headline changed.
    Result<std::optional<core::Id>> renamed = s_.content.RenamedArticle(ref);
    if (renamed.ok() && *renamed) by_slug = s_.content.FindArticle(**renamed);
  }
  if (by_slug.ok() && by_slug->status == core::ArticleStatus::kPublished) {
    return Public(request, web::ArticleJson(*by_slug, s_.site));
  }
  if (!by_slug.ok() && by_slug.error().code != base::ErrorCode::kNotFound) return Refused(by_slug.error());
  return Refused(Error::NotFound("There is no published article \"" + std::string(ref) + "\"."));
}

http::Response Api::Sections(const http::Request& request) const {
  Result<std::vector<core::Section>> sections = s_.reading.Sections();
  if (!sections.ok()) return Refused(sections.error());
  json::array out;
  for (const core::Section& s : *sections) out.push_back(web::SectionJson(s, s_.site));
  return Public(request, json::object{{"sections", std::move(out)}});
}

namespace {

// Whether any published article has the tag or the author.
Result<bool> HasPublished(core::ContentReader& content, core::ArticleQuery query) {
  query.status = core::ArticleStatus::kPublished;
  return content.AnyArticles(query);
}

// One page of `items` as {"<key>": [...], "total", "limit", "offset"}.
template <class T, class ToJson>
json::object Page(const char* key, const std::vector<T>& items, const Paging& paging, ToJson to_json) {
  json::array out;
  for (std::size_t i = static_cast<std::size_t>(paging.offset);
       i < items.size() && out.size() < static_cast<std::size_t>(paging.limit); ++i) {
    out.push_back(to_json(items[i]));
  }
  return {{key, std::move(out)},
          {"total", static_cast<std::int64_t>(items.size())},
          {"limit", paging.limit},
          {"offset", paging.offset}};
}

}  // namespace

http::Response Api::Tags(const http::Request& request) const {
  Result<Paging> paging = PagingParams(request);
  if (!paging.ok()) return Refused(paging.error());
  Result<std::vector<core::Tag>> all = s_.content.ListTags();
  if (!all.ok()) return Refused(all.error());
  // Only tags readers can see articles of: a draft's tags stay unknown.
  std::vector<core::Tag> shown;
  for (const core::Tag& t : *all) {
    core::ArticleQuery query;
    query.tag_id = t.id;
    Result<bool> has = HasPublished(s_.content, query);
    if (!has.ok()) return Refused(has.error());
    if (*has) shown.push_back(t);
  }
  return Public(request, Page("tags", shown, *paging, [this](const core::Tag& t) { return web::TagJson(t, s_.site); }));
}

http::Response Api::Authors(const http::Request& request) const {
  Result<Paging> paging = PagingParams(request);
  if (!paging.ok()) return Refused(paging.error());
  Result<std::vector<core::Author>> all = s_.content.ListAuthors();
  if (!all.ok()) return Refused(all.error());
  std::vector<core::Author> shown;
  for (const core::Author& a : *all) {
    core::ArticleQuery query;
    query.author_id = a.id;
    Result<bool> has = HasPublished(s_.content, query);
    if (!has.ok()) return Refused(has.error());
    if (*has) shown.push_back(a);
  }
  return Public(request,
                Page("authors", shown, *paging, [this](const core::Author& a) { return web::AuthorJson(a, s_.site); }));
}

http::Response Api::Latest(const http::Request& request) const {
  Result<int> limit = IntParam(request, "limit", 1, kMaxLimit, kDefaultLimit);
  if (!limit.ok()) return Refused(limit.error());
  core::ArticleQuery query;
  query.limit = *limit;
  Result<json::array> articles = FullArticles(query);
  if (!articles.ok()) return Refused(articles.error());
  return Public(request, json::object{{"articles", std::move(*articles)}});
}

}  // namespace gazette::api
