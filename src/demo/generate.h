// `gazette demo --articles N --comments M`: a large generated site, for
// benchmarks and capacity planning. Articles (with pre-rendered bodies,
// sections, tags, authors) and reader comments are written straight through
// the stores' ports in large transactions; texts are made of plain words,
// reproducible from a seed.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "accounts/account_store.h"
#include "base/time.h"
#include "comments/comment_store.h"
#include "core/content_store.h"

namespace gazette::demo {

struct GenerateOptions {
  std::int64_t articles = 0;
  std::int64_t comments = 0;
  std::uint64_t seed = 1;
  int readers = 500;    // accounts the comments come from
  int tags = 2000;
  int authors = 200;
  // Articles and comments per transaction: large, so that the indexes
  // written at random places (slugs, headlines, tags) have each page
  // written once for many rows.
  int batch = 50000;
  int comment_batch = 100000;
  std::chrono::seconds spacing{300};  // between two articles' publication times
};

struct GenerateReport {
  std::int64_t articles = 0;
  std::int64_t comments = 0;
  int readers = 0;
  // After the articles: the time a bulk load's end took (the indexes it set
  // aside, its search index), counted by the caller that ran it.
  double finish_seconds = 0;
};

// Called after each transaction: what is being made ("articles",
// "comments"), how many so far, and of how many; a total of 0 is a step
// without a count, called with 0 as it starts and 1 when it is done.
using Progress = std::function<void(std::string_view what, std::int64_t done, std::int64_t total)>;

// Called once the articles are written, before the readers and comments;
// a failure stops the run.
using ArticlesWritten = std::function<base::Status()>;

// Adds the generated articles and comments to what the site has. The
// newest article is published at the clock's now, older ones `spacing`
// apart; recent articles get more comments than old ones.
base::Result<GenerateReport> Generate(core::ContentStore& content, comments::CommentStore& comments,
                                      accounts::AccountStore& accounts, const base::Clock& clock,
                                      const GenerateOptions& options, const Progress& progress,
                                      const ArticlesWritten& articles_written = nullptr);

}  // namespace gazette::demo
