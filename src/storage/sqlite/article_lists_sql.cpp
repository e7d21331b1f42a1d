// The article lists: the front page, sections, tags, authors, the latest
// news and the admin's lists (core::ArticleQuery), and the span of ids a
// time holds that searches of a bounded time use.
#include <optional>
#include <utility>

#include "storage/sqlite/content_sql.h"

namespace gazette::storage::sqlite::content_sql {

using base::Result;
using core::Id;

namespace {

// From this offset on, a list's page finds its ids before its rows.
constexpr int kDeepOffset = 1000;

// By rowid; the columns read all come before the bodies in the row. `+status`
// keeps the status index out: through it SQLite sorted every published
// article by id for each page (a second a call at a million articles, 20
// calls for the sitemap index).
constexpr std::string_view kPublishedRefs =
    "SELECT id, slug, published_at, updated_at FROM articles WHERE id > ?1 AND +status = 'published' "
    "ORDER BY id LIMIT ?2";
constexpr std::string_view kPublishedIdSpan =
    "SELECT min(id), max(id) FROM articles WHERE status = 'published' AND published_at >= ?1 AND published_at < ?2";

// The FROM/WHERE part of a list query and the values it binds, in order.
struct Filter {
  std::string sql;
  SqlParams params;
  bool by_publication_time = false;
  // A tag's or an author's published articles come from their links in
  // publication time (migration 0013): "xt" or "xa", the link that orders
  // the list; empty for other lists.
  std::string listed;
  std::string id = "a.id";  // the listed article's id in `sql`
};

// Which tables a list query reads besides the filter's own: the sections
// (for the summary's columns), and the articles themselves even when the
// filter needs nothing of them (to order by their update time).
struct Reads {
  bool sections = false;
  bool articles = false;
};

// A count leaves the sections out (SQLite 3.40 keeps such a join and reads
// every counted article's row for it: a second for a million articles, 55
// ms from the index alone), and a tag's or an author's published articles
// are counted from their links alone.
Filter BuildFilter(const core::ArticleQuery& q, Reads reads) {
  Filter f;
  auto param = [&f](auto value) {
    f.params.emplace_back(value);
    std::string placeholder = "?";
    placeholder += std::to_string(f.params.size());
    return placeholder;
  };
  if ((q.tag_id || q.author_id) && q.status == core::ArticleStatus::kPublished) f.listed = q.tag_id ? "xt" : "xa";
  const bool article_filters = q.section_id || q.exclude_id || q.headline || q.created_by || !q.text.empty() ||
                               q.with_body_only || q.top_only;
  const bool articles = f.listed.empty() || reads.sections || reads.articles || article_filters;
  std::string_view sections = reads.sections ? "LEFT JOIN sections s ON s.id = a.section_id " : "";
  std::string where = " WHERE 1 = 1";
  if (!f.listed.empty()) {
    // The links first, newest first through their index; the articles (when
    // read) by id for the rows a page keeps.
    const std::string link = f.listed == "xt" ? "article_tags xt" : "article_authors xa";
    f.sql = "FROM " + link + " ";
    if (articles) f.sql += "CROSS JOIN articles a ON a.id = " + f.listed + ".article_id " + std::string(sections);
    else f.id = f.listed + ".article_id";
    if (q.tag_id) where += " AND xt.tag_id = " + param(*q.tag_id) + " AND xt.listed_at IS NOT NULL";
    if (q.tag_id && q.author_id) {
      f.sql += "JOIN article_authors xa ON xa.article_id = xt.article_id AND xa.author_id = " + param(*q.author_id) + " ";
    } else if (q.author_id) {
      where += " AND xa.author_id = " + param(*q.author_id) + " AND xa.listed_at IS NOT NULL";
    }
    if (q.published_from) where += " AND " + f.listed + ".listed_at >= " + param(base::ToUnixSeconds(*q.published_from));
    if (q.published_before) where += " AND " + f.listed + ".listed_at < " + param(base::ToUnixSeconds(*q.published_before));
    f.by_publication_time = true;
  } else {
    // A tag's or an author's other articles (the newsroom's) are found
    // through their index first (CROSS JOIN fixes the order), then sorted.
    if (q.tag_id) {
      f.sql = "FROM article_tags xt CROSS JOIN articles a ON a.id = xt.article_id AND xt.tag_id = " + param(*q.tag_id) +
              " " + std::string(sections);
    } else if (q.author_id) {
      f.sql = "FROM article_authors xa CROSS JOIN articles a ON a.id = xa.article_id AND xa.author_id = " +
              param(*q.author_id) + " " + std::string(sections);
    } else {
      f.sql = "FROM articles a " + std::string(sections);
    }
    if (q.tag_id && q.author_id) {
      f.sql += "JOIN article_authors xa ON xa.article_id = a.id AND xa.author_id = " + param(*q.author_id) + " ";
    }
    if (q.status) {
      // A literal, not a parameter: with a parameter compared to a column that
      // a partial index tests (articles_scheduled), SQLite prepares the
      // statement again for every new value bound, to see whether the index
      // applies: a fifth of an article page's render. The names are the
      // enum's own.
      where += " AND a.status = '" + std::string(core::StatusName(*q.status)) + "'";
      f.by_publication_time = *q.status != core::ArticleStatus::kDraft;
    }
    if (q.published_from) where += " AND a.published_at >= " + param(base::ToUnixSeconds(*q.published_from));
    if (q.published_before) where += " AND a.published_at < " + param(base::ToUnixSeconds(*q.published_before));
  }
  f.sql += where;
  if (q.section_id) f.sql += " AND a.section_id = " + param(*q.section_id);
  if (q.exclude_id) f.sql += " AND a.id <> " + param(*q.exclude_id);
  if (q.headline) f.sql += " AND a.headline = " + param(*q.headline);
  if (q.created_by) f.sql += " AND a.created_by = " + param(*q.created_by);
  if (!q.text.empty()) {
    std::string pattern = "%";
    for (char c : q.text) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += "%";
    f.sql += " AND a.headline LIKE " + param(pattern) + " ESCAPE '\\'";
  }
  if (q.with_body_only) f.sql += " AND a.has_body = 1";
  if (q.top_only) f.sql += " AND a.is_top = 1";
  return f;
}

void BindAll(Statement& st, const Filter& f) { BindParams(st, f.params); }

}  // namespace

core::ArticleSummary SummaryAt(const Statement& st) {
  core::ArticleSummary s;
  s.id = st.Int(0);
  s.slug = st.Text(1);
  s.headline = st.Text(2);
  s.lead = st.Text(3);
  s.published_at = base::FromUnixSeconds(st.IsNull(4) ? st.Int(5) : st.Int(4));
  s.updated_at = base::FromUnixSeconds(st.Int(6));
  s.comment_count = st.Int(7);
  s.has_body = st.Int(8) != 0;
  s.top = st.Int(9) != 0;
  s.section = SectionAt(st, 10);
  s.breaking = st.Int(14) != 0;
  s.status = core::ParseStatus(st.Text(15)).value_or(core::ArticleStatus::kDraft);
  s.created_by = st.Int(16);
  return s;
}

Result<IdSpan> PublishedIdSpan(Connection& c, base::Timestamp from, base::Timestamp before) {
  Result<Statement> st = c.Prepare(kPublishedIdSpan);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, base::ToUnixSeconds(from)).Bind(2, base::ToUnixSeconds(before));
  Result<bool> row = st->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row || st->IsNull(0)) return IdSpan();
  return IdSpan(std::pair<Id, Id>(st->Int(0), st->Int(1)));
}

Result<std::vector<core::ArticleSummary>> ListArticles(Connection& c, const core::ArticleQuery& q) {
  // A deep page (a large offset) takes its ids first, from the filter
  // alone, then their rows: the articles it skips are passed in the index
  // where it can (a page at offset 600,000 of a million articles read the
  // row and the section of each skipped one: 1.5 s). A first page reads its
  // rows at once, which is faster for it (30 latest: 28 against 38 us).
  bool deep = q.offset >= kDeepOffset;
  const bool by_update = q.order == core::ArticleQuery::Order::kRecentlyUpdated;
  Filter f = BuildFilter(q, {.sections = !deep, .articles = !deep || by_update});
  std::string order;
  if (by_update) {
    order = " ORDER BY a.updated_at DESC, a.id DESC";
  } else {
    order = f.by_publication_time ? " ORDER BY a.published_at DESC, a.id DESC"
                                  : " ORDER BY coalesce(a.published_at, a.created_at) DESC, a.id DESC";
  }
  // The same order from the links' index, for the lists they give.
  std::string filtered_order = order;
  if (!f.listed.empty() && !by_update) {
    filtered_order = " ORDER BY " + f.listed + ".listed_at DESC, " + f.listed + ".article_id DESC";
  }
  std::string page = " LIMIT ?" + std::to_string(f.params.size() + 1) + " OFFSET ?" + std::to_string(f.params.size() + 2);
  std::string sql = deep ? std::string(kSummaryColumns) +
                               "FROM articles a LEFT JOIN sections s ON s.id = a.section_id WHERE a.id IN (SELECT " +
                               f.id + " " + f.sql + filtered_order + page + ")" + order
                         : std::string(kSummaryColumns) + f.sql + filtered_order + page;
  Result<Statement> st = c.Prepare(sql);
  if (!st.ok()) return std::move(st).error();
  BindAll(*st, f);
  int n = static_cast<int>(f.params.size());
  st->Bind(n + 1, std::int64_t{std::max(0, q.limit)}).Bind(n + 2, std::int64_t{std::max(0, q.offset)});
  std::vector<core::ArticleSummary> out;
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return out;
    out.push_back(SummaryAt(*st));
  }
}

Result<std::int64_t> CountArticles(Connection& c, const core::ArticleQuery& q, const CountLookup& counts) {
  Filter f = BuildFilter(q, {});
  std::string sql = "SELECT count(*) " + f.sql;
  auto count = [&] { return c.Number(sql, [&](Statement& st) { BindAll(st, f); }); };
  if (!counts) return count();
  std::string key = sql;
  for (const auto& p : f.params) {
    key += '\x1f';
    key += std::holds_alternative<std::int64_t>(p) ? std::to_string(std::get<std::int64_t>(p)) : "'" + std::get<std::string>(p);
  }
  return counts(key, count);
}

Result<bool> AnyArticles(Connection& c, const core::ArticleQuery& q) {
  Filter f = BuildFilter(q, {});
  Result<std::int64_t> any = c.Number("SELECT EXISTS (SELECT 1 " + f.sql + ")", [&](Statement& st) { BindAll(st, f); });
  if (!any.ok()) return std::move(any).error();
  return *any != 0;
}

Result<std::vector<core::ArticleRef>> ListPublishedRefs(Connection& c, Id after_id, int limit) {
  Result<Statement> st = c.Prepare(kPublishedRefs);
  if (!st.ok()) return std::move(st).error();
  st->Bind(1, after_id).Bind(2, std::int64_t{std::max(0, limit)});
  std::vector<core::ArticleRef> out;
  for (;;) {
    Result<bool> row = st->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return out;
    core::ArticleRef ref;
    ref.id = st->Int(0);
    ref.slug = st->Text(1);
    ref.published_at = base::FromUnixSeconds(st->Int(2));
    ref.updated_at = base::FromUnixSeconds(st->Int(3));
    out.push_back(std::move(ref));
  }
}

}  // namespace gazette::storage::sqlite::content_sql
