#include "app/page_invalidation.h"

#include "web/cache_tags.h"
#include "web/urls.h"

namespace gazette::app {

namespace tags = web::cache;

void PageInvalidation::Listen(base::EventBus& bus) {
  bus.Subscribe([this](const base::Event& event) { On(event); });
}

void PageInvalidation::On(const base::Event& e) {
  if (e.type == "article.published" || e.type == "article.unpublished") {
    ArticleChanged(e.id, true);
  } else if (e.type == "article.updated") {
    ArticleChanged(e.id, false);
  } else if (e.type == "comment.created" || e.type == "comment.approved" || e.type == "comment.changed") {
    core::Id article = e.article;
    if (article == 0) {
      base::Result<comments::Comment> comment = comments_.FindComment(e.id);
      if (!comment.ok()) return;
      article = comment->article_id;
    }
    cache_.Invalidate(tags::Comments(article));
    if (e.by_moderator && prerender_) {
      if (base::Result<core::Article> shown = content_.FindArticle(article); shown.ok()) PrerenderArticle(*shown);
    }
  } else if (e.type == "account.deleted") {
    // Their comments now show "Deleted account".
    base::Result<std::vector<comments::Comment>> theirs = comments_.ByAccount(e.id);
    if (theirs.ok()) {
      for (const comments::Comment& c : *theirs) cache_.Invalidate(tags::Comments(c.article_id));
    }
  } else if (e.type == "comments.policy") {
    cache_.Invalidate(tags::Article(e.id));
  } else if (e.type == "taxonomy.changed" || e.type == "comments.section_policy") {
    cache_.InvalidateAll();  // the navigation, rubrics and tags of every page
  }
}

void PageInvalidation::ArticleChanged(core::Id id, bool membership_changed) {
  cache_.Invalidate(tags::Article(id));
  cache_.Invalidate(tags::kSitemaps);
  // Lists that showed it, all of their pages: it may have left them (a new
  // section, a tag taken off), moving their later items up.
  cache_.InvalidateWithLists(tags::Shows(id), [](std::string_view tag) {
    return tag.starts_with(tags::kListPrefix) && tag != tags::kAllLists;
  });
  // Lists it belongs to now.
  base::Result<core::Article> article = content_.FindArticle(id);
  if (article.ok()) {
    if (article->section) cache_.Invalidate(tags::SectionList(article->section->id));
    for (const core::Tag& tag : article->tags) cache_.Invalidate(tags::TagList(tag.id));
    for (const core::Author& author : article->authors) cache_.Invalidate(tags::AuthorList(author.id));
  }
  if (membership_changed) cache_.Invalidate(tags::kAllLists);
  if (article.ok() && prerender_) PrerenderArticle(*article);
}

void PageInvalidation::PrerenderArticle(const core::Article& article) {
  // An unpublished article's page is a 404 now: rendering it is cheap too.
  prerender_(web::ArticlePath(article.id, article.slug));
  prerender_("/");
  if (article.section) prerender_(web::SectionPath(article.section->slug));
}

}  // namespace gazette::app
