// What each event changes in the page cache: the tags of web/cache_tags.h
// for the article, the lists and the comments it touches. Runs on the
// publisher's thread right after the write committed, so the very next
// request of an affected page renders it anew; it only marks pages stale
// (and reads the article or comment the event names).
#pragma once

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

 private:
  // An article appeared, changed or went: its page, the pages that show it
  // (and the rest of their lists), the lists it belongs to now, and, when
  // the set of published articles changed, every list of the latest news.
  void ArticleChanged(core::Id id, bool membership_changed);

  cache::PageCache& cache_;
  core::ContentReader& content_;
  comments::CommentReader& comments_;
};

}  // namespace gazette::app
