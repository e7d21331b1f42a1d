// What each event changes in the page cache: the tags of web/cache_tags.h
// for the article, the lists and the comments it touches. Runs on the
// publisher's thread right after the write committed, so the very next
// request of an affected page renders it anew; it only marks pages stale
// (and reads the article or comment the event names).
#pragma once

#include <functional>
#include <string>

#include "base/events.h"
#include "cache/page_cache.h"
#include "comments/comment_store.h"
#include "core/content_store.h"

namespace gazette::app {

class PageInvalidation {
 public:
  PageInvalidation(cache::PageCache& cache, core::ContentReader& content, comments::CommentReader& comments)
      : cache_(cache), content_(content), comments_(comments) {}

  void Listen(base::EventBus& bus);
  void On(const base::Event& event);

  // Renders the page at a path into the cache, if it is stale or missing
  // (PageCache::Prerender: readers who come meanwhile render it themselves
  // rather than get the previous bytes).
  using Prerender = std::function<void(const std::string& path)>;
  // With it, publishing, scheduled publication, edits, unpublishing and
  // moderators' actions render the pages readers go to first (the article,
  // the front page, the article's section) before the action answers, on
  // the thread that took it: the first reader after a publication gets
  // stored bytes. Readers' own comments, votes and edits only invalidate:
  // under a storm of them, one render per reader request (single flight)
  // costs less than one per action.
  void PrerenderWith(Prerender prerender) { prerender_ = std::move(prerender); }

 private:
  // An article appeared, changed or went: its page, the pages that show it
  // (and the rest of their lists), the lists it belongs to now, and, when
  // the set of published articles changed, every list of the latest news.
  void ArticleChanged(core::Id id, bool membership_changed);

  // The article's page and the lists readers reach it from.
  void PrerenderArticle(const core::Article& article);

  cache::PageCache& cache_;
  core::ContentReader& content_;
  comments::CommentReader& comments_;
  Prerender prerender_;
};

}  // namespace gazette::app
