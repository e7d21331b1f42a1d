#include "demo/generate.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <random>
#include <thread>

#include "base/slug.h"

namespace gazette::demo {
namespace {

using base::Status;

constexpr std::array<std::string_view, 48> kNouns = {
    "council", "harbour", "tram", "budget", "school", "bridge", "river", "market", "festival", "library",
    "museum", "station", "stadium", "hospital", "airport", "ferry", "park", "factory", "port", "theatre",
    "election", "strike", "storm", "flood", "heatwave", "court", "minister", "mayor", "union", "orchestra",
    "university", "farm", "railway", "pipeline", "reservoir", "lighthouse", "observatory", "clinic", "village", "district",
    "tunnel", "canal", "cathedral", "archive", "garden", "quarry", "shipyard", "forest"};
constexpr std::array<std::string_view, 24> kVerbs = {
    "approves", "delays", "opens", "closes", "reviews", "expands", "rejects", "funds", "restores", "plans",
    "questions", "welcomes", "postpones", "confirms", "doubles", "cuts", "launches", "studies", "wins", "loses",
    "rebuilds", "moves", "names", "celebrates"};
constexpr std::array<std::string_view, 16> kFirst = {"Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo",
                                                     "Irina", "Jonas", "Katya", "Luis", "Maya", "Nikolai", "Olga", "Pavel"};
constexpr std::array<std::string_view, 16> kLast = {"Arden", "Bell", "Costa", "Dahl", "Engel", "Frost", "Grant", "Holm",
                                                    "Ivers", "Jensen", "Keller", "Lund", "Moreau", "Novak", "Ortiz", "Petrov"};

std::string Capitalized(std::string_view word) {
  std::string out(word);
  if (!out.empty()) out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

class Words {
 public:
  explicit Words(std::uint64_t seed) : rng_(seed) {}
  std::size_t Below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  std::string_view Noun() { return kNouns[Below(kNouns.size())]; }
  std::string_view Verb() { return kVerbs[Below(kVerbs.size())]; }
  std::string Sentence(int words) {
    std::string s = Capitalized(Noun());
    for (int i = 1; i < words; ++i) s.append(" ").append(i % 3 == 1 ? Verb() : Noun());
    return s + ".";
  }
  std::string Paragraph() {
    std::string p;
    int sentences = 2 + static_cast<int>(Below(3));
    for (int i = 0; i < sentences; ++i) p += (p.empty() ? "" : " ") + Sentence(6 + static_cast<int>(Below(10)));
    return p;
  }
  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

// Finds or makes the named things, returning them with ids.
template <class T, class Find, class Insert>
base::Result<std::vector<T>> Ensure(int n, const std::function<std::string(int)>& name, Find find, Insert insert) {
  std::vector<T> out;
  for (int i = 0; i < n; ++i) {
    T item;
    item.name = name(i);
    item.slug = base::Slugify(item.name);
    base::Result<T> found = find(item.slug);
    if (found.ok()) {
      out.push_back(*found);
      continue;
    }
    base::Result<T> made = insert(item);
    if (!made.ok()) return std::move(made).error();
    out.push_back(*made);
  }
  return out;
}

// Makes the articles on a thread of its own, a few chunks ahead of the
// store writing them: making one costs about a tenth of writing it, and the
// writing holds one core.
class MadeAhead {
 public:
  using Make = std::function<core::Article(std::int64_t index)>;
  MadeAhead(std::int64_t count, Make make) : thread_([this, count, make = std::move(make)] { Run(count, make); }) {}
  ~MadeAhead() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  MadeAhead(const MadeAhead&) = delete;
  MadeAhead& operator=(const MadeAhead&) = delete;

  // The next article, in index order; waits for it to be made.
  core::Article Next() {
    if (taken_ == chunk_.size()) {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return !ready_.empty(); });
      chunk_ = std::move(ready_.front());
      ready_.pop_front();
      taken_ = 0;
      changed_.notify_all();
    }
    return std::move(chunk_[taken_++]);
  }

 private:
  static constexpr std::size_t kChunk = 256;
  static constexpr std::size_t kChunksAhead = 16;

  void Run(std::int64_t count, const Make& make) {
    for (std::int64_t index = 0; index < count;) {
      std::vector<core::Article> chunk;
      chunk.reserve(kChunk);
      while (chunk.size() < kChunk && index < count) chunk.push_back(make(index++));
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stop_ || ready_.size() < kChunksAhead; });
      if (stop_) return;
      ready_.push_back(std::move(chunk));
      changed_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<core::Article>> ready_;
  bool stop_ = false;
  std::vector<core::Article> chunk_;  // the writer's, being taken
  std::size_t taken_ = 0;
  std::thread thread_;  // last: starts when the rest is ready
};

}  // namespace

base::Result<GenerateReport> Generate(core::ContentStore& content, comments::CommentStore& comments,
                                      accounts::AccountStore& accounts, const base::Clock& clock,
                                      const GenerateOptions& o, const Progress& progress,
                                      const ArticlesWritten& articles_written) {
  if (o.articles < 0 || o.comments < 0) return base::Error::Invalid("--articles and --comments must not be negative");
  if (o.comments > 0 && o.articles == 0) return base::Error::Invalid("comments need articles: give --articles too");
  Words words(o.seed);
  GenerateReport report;
  base::Timestamp now = clock.Now();

  // Sections, tags and authors.
  std::vector<core::Section> sections;
  std::vector<core::Tag> tags;
  std::vector<core::Author> authors;
  std::int64_t present = 0;  // articles the site has: the new ones are numbered after them
  Status setup = content.Write([&](core::ContentWriter& w) -> Status {
    core::ArticleQuery any;
    any.status.reset();
    base::Result<std::int64_t> counted = w.CountArticles(any);
    if (!counted.ok()) return std::move(counted).error();
    present = *counted;
    base::Result<std::vector<core::Section>> existing = w.ListSections();
    if (!existing.ok()) return std::move(existing).error();
    sections = *existing;
    if (sections.empty()) {
      for (std::string_view name : {"World", "Business", "Science", "Culture", "Sport", "City"}) {
        core::Section s;
        s.name = std::string(name);
        s.slug = base::Slugify(name);
        s.position = static_cast<int>(sections.size());
        base::Result<core::Section> made = w.InsertSection(s);
        if (!made.ok()) return std::move(made).error();
        sections.push_back(*made);
      }
    }
    auto tag_name = [](int i) { return Capitalized(kNouns[i % kNouns.size()]) + " " + std::to_string(i / kNouns.size() + 1); };
    base::Result<std::vector<core::Tag>> t = Ensure<core::Tag>(
        o.tags, tag_name, [&](std::string_view slug) { return w.FindTag(slug); },
        [&](const core::Tag& tag) { return w.InsertTag(tag); });
    if (!t.ok()) return std::move(t).error();
    tags = std::move(*t);
    auto author_name = [](int i) {
      return std::string(kFirst[i % kFirst.size()]) + " " + std::string(kLast[(i / kFirst.size()) % kLast.size()]) +
             (i >= 256 ? " " + std::to_string(i / 256 + 1) : "");
    };
    base::Result<std::vector<core::Author>> a = Ensure<core::Author>(
        o.authors, author_name, [&](std::string_view slug) { return w.FindAuthor(slug); },
        [&](const core::Author& author) { return w.InsertAuthor(author); });
    if (!a.ok()) return std::move(a).error();
    authors = std::move(*a);
    return {};
  });
  if (!setup.ok()) return std::move(setup).error();

  // Articles, oldest first so that ids grow with time, in big transactions.
  std::vector<core::Id> ids;
  ids.reserve(static_cast<std::size_t>(o.articles));
  // Numbers go on from the site's articles, so that a second run's slugs
  // and readers' addresses are new.
  std::string run = std::to_string(present + 1);
  auto make = [&](std::int64_t index) {
    core::Article a;
    a.headline = Capitalized(words.Noun()) + " " + std::string(words.Verb()) + " " + std::string(words.Noun()) + " " +
                 std::string(words.Noun()) + " plan";
    a.slug = base::Slugify(a.headline, 60) + "-" + std::to_string(present + 1 + index);
    a.lead = words.Sentence(14);
    for (int p = 0, paragraphs = 2 + static_cast<int>(words.Below(3)); p < paragraphs; ++p) {
      std::string text = words.Paragraph();
      a.body += (a.body.empty() ? "" : "\n\n") + text;
      a.body_html += "<p>" + text + "</p>\n";  // plain words: the Markdown renderer's output exactly
    }
    a.section = sections[words.Below(sections.size())];
    if (!tags.empty()) {
      a.tags.push_back(tags[words.Below(tags.size())]);
      core::Tag second = tags[words.Below(tags.size())];
      if (second.id != a.tags[0].id) a.tags.push_back(second);
    }
    if (!authors.empty()) a.authors.push_back(authors[words.Below(authors.size())]);
    a.status = core::ArticleStatus::kPublished;
    a.published_at = now - o.spacing * (o.articles - 1 - index);
    a.created_at = *a.published_at;
    a.updated_at = *a.published_at;
    return a;
  };
  {
    MadeAhead made(o.articles, make);  // uses `words` until it is gone
    for (std::int64_t done = 0; done < o.articles;) {
      std::int64_t n = std::min<std::int64_t>(o.batch, o.articles - done);
      Status written = content.Write([&](core::ContentWriter& w) -> Status {
        for (std::int64_t i = 0; i < n; ++i) {
          base::Result<core::Id> id = w.InsertArticle(made.Next());
          if (!id.ok()) return std::move(id).error();
          ids.push_back(*id);
        }
        return {};
      });
      if (!written.ok()) return std::move(written).error();
      done += n;
      report.articles = done;
      if (progress) progress("articles", done, o.articles);
    }
  }
  if (articles_written) GZ_TRY(articles_written());
  if (o.comments == 0) return report;

  // Readers.
  std::vector<accounts::Id> readers;
  for (int i = 0; i < o.readers; ++i) {
    accounts::NewAccount account;
    account.email = "reader" + std::to_string(i) + "." + run + "@generated.invalid";
    account.display_name = std::string(kFirst[i % kFirst.size()]) + " " + std::string(1, static_cast<char>('A' + i % 26)) + ".";
    account.password_hash = "!";  // no password: these readers cannot sign in
    account.email_verified = true;
    account.created_at = now;
    base::Result<accounts::Id> id = accounts.CreateAccount(account);
    if (!id.ok()) return std::move(id).error();
    readers.push_back(*id);
  }
  report.readers = o.readers;

  // Comments: newer articles get more (a long tail), in article order.
  std::vector<double> weight(ids.size());
  double total_weight = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    weight[i] = 1.0 / std::sqrt(static_cast<double>(ids.size() - i));
    total_weight += weight[i];
  }
  std::vector<std::int64_t> per_article(ids.size());
  std::int64_t assigned = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    per_article[i] = static_cast<std::int64_t>(std::floor(static_cast<double>(o.comments) * weight[i] / total_weight));
    assigned += per_article[i];
  }
  // What rounding left over goes to the newest articles, one each.
  for (std::size_t i = ids.size(); assigned < o.comments; ++assigned) {
    if (i == 0) i = ids.size();
    ++per_article[--i];
  }
  std::vector<std::int64_t> approved(readers.size());
  std::size_t article = 0;
  std::int64_t done = 0;
  const std::int64_t per_batch = o.comment_batch;
  while (done < o.comments) {
    std::int64_t in_batch = 0;
    Status written = comments.WriteComments([&](comments::CommentWriter& w) -> Status {
      while (article < ids.size() && in_batch < per_batch) {
        std::int64_t n = per_article[article];
        base::Timestamp published = now - o.spacing * static_cast<std::int64_t>(ids.size() - 1 - article);
        comments::Id root = 0;
        for (std::int64_t c = 0; c < n; ++c) {
          comments::Comment m;
          m.article_id = ids[article];
          std::size_t who = words.Below(readers.size());
          m.account_id = readers[who];
          if (root != 0 && words.Below(3) == 0) {
            m.parent_id = root;
            m.root_id = root;
          }
          m.body = words.Sentence(8 + static_cast<int>(words.Below(20)));
          m.body_html = "<p>" + m.body + "</p>";
          m.status = comments::CommentStatus::kVisible;
          m.upvotes = static_cast<std::int64_t>(words.Below(20));
          m.downvotes = static_cast<std::int64_t>(words.Below(5));
          m.score = comments::WilsonScore(m.upvotes, m.downvotes);
          m.created_at = published + std::chrono::seconds(60 * (c + 1));
          m.ip = "192.0.2." + std::to_string(who % 250 + 1);
          base::Result<comments::Id> id = w.InsertComment(m);
          if (!id.ok()) return std::move(id).error();
          if (!m.parent_id) root = *id;
          ++approved[who];
        }
        if (n > 0) GZ_TRY(w.AdjustCommentCount(ids[article], n));
        in_batch += n;
        ++article;
      }
      if (article >= ids.size()) {
        for (std::size_t r = 0; r < readers.size(); ++r) {
          if (approved[r] > 0) GZ_TRY(w.AddApproved(readers[r], approved[r]));
        }
      }
      return {};
    });
    if (!written.ok()) return std::move(written).error();
    done += in_batch;
    report.comments = done;
    if (progress) progress("comments", done, o.comments);
    if (article >= ids.size()) break;
  }
  return report;
}

}  // namespace gazette::demo
