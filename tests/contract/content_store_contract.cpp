// The storage contract: every ContentStore backend must pass these tests.
// Each test runs against the in-memory store and a real SQLite file.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "core/content_store.h"
#include "storage/memory/memory_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace gazette {
namespace {

using core::Article;
using core::ArticleQuery;
using core::ArticleStatus;
using core::ContentWriter;

struct Backend {
  std::string name;
  std::function<std::unique_ptr<core::ContentStore>(const std::filesystem::path& dir)> open;
};

std::ostream& operator<<(std::ostream& out, const Backend& b) { return out << b.name; }

class ContentStoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("gazette-contract-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    store_ = GetParam().open(dir_);
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  base::Timestamp At(int minutes) { return base::FromUnixSeconds(1'760'000'000 + minutes * 60); }

  core::Section AddSection(const std::string& slug, const std::string& name, int position = 0) {
    core::Section out;
    EXPECT_TRUE(store_->Write([&](ContentWriter& w) -> base::Status {
      auto s = w.InsertSection({0, slug, name, position});
      if (!s.ok()) return s.error();
      out = *s;
      return {};
    }).ok());
    return out;
  }

  // A tag and an author, made in one write.
  std::pair<core::Tag, core::Author> AddTagAndAuthor(const core::Tag& tag, const core::Author& author) {
    std::pair<core::Tag, core::Author> out;
    EXPECT_TRUE(store_->Write([&](ContentWriter& w) -> base::Status {
      auto t = w.InsertTag(tag);
      if (!t.ok()) return t.error();
      auto a = w.InsertAuthor(author);
      if (!a.ok()) return a.error();
      out = {*t, *a};
      return {};
    }).ok());
    return out;
  }

  Article Make(const std::string& slug, int minutes, ArticleStatus status = ArticleStatus::kPublished) {
    Article a;
    a.slug = slug;
    a.headline = "Headline " + slug;
    a.status = status;
    if (status != ArticleStatus::kDraft) a.published_at = At(minutes);
    a.created_at = At(minutes);
    a.updated_at = At(minutes);
    return a;
  }

  core::Id Insert(const Article& a) {
    core::Id id = 0;
    base::Status st = store_->Write([&](ContentWriter& w) -> base::Status {
      auto r = w.InsertArticle(a);
      if (!r.ok()) return r.error();
      id = *r;
      return {};
    });
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message + " " + st.error().detail);
    return id;
  }

  std::vector<std::string> Slugs(const ArticleQuery& q) {
    auto list = store_->ListArticles(q);
    EXPECT_TRUE(list.ok());
    std::vector<std::string> out;
    for (const auto& s : *list) out.push_back(s.slug);
    return out;
  }

  std::filesystem::path dir_;
  std::unique_ptr<core::ContentStore> store_;
  static inline int counter_ = 0;
};

TEST_P(ContentStoreContract, InsertAndFindRoundTripsEveryField) {
  core::Section section = AddSection("world", "World", 3);
  auto [tag, author] = AddTagAndAuthor({0, "energy", "Energy"}, {0, "anna-reyes", "Anna Reyes"});
  Article a = Make("tram-line", 10);
  a.lead = "A lead.";
  a.body = "Body *text*.";
  a.body_html = "<p>Body <em>text</em>.</p>\n";
  a.section = section;
  a.tags = {tag};
  a.authors = {author};
  a.source = {"Halden Courier", "https://example.org/x"};
  a.top = true;
  a.comment_count = 7;
  a.updated_at = At(20);
  core::Id id = Insert(a);
  ASSERT_GT(id, 0);

  auto found = store_->FindArticle(id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->slug, "tram-line");
  EXPECT_EQ(found->headline, a.headline);
  EXPECT_EQ(found->lead, "A lead.");
  EXPECT_EQ(found->body, a.body);
  EXPECT_EQ(found->body_html, a.body_html);
  ASSERT_TRUE(found->section.has_value());
  EXPECT_EQ(*found->section, section);
  EXPECT_EQ(found->tags, std::vector<core::Tag>{tag});
  EXPECT_EQ(found->authors, std::vector<core::Author>{author});
  EXPECT_EQ(found->source, a.source);
  EXPECT_EQ(found->status, ArticleStatus::kPublished);
  EXPECT_TRUE(found->top);
  EXPECT_EQ(found->published_at, At(10));
  EXPECT_EQ(found->created_at, At(10));
  EXPECT_EQ(found->updated_at, At(20));
  EXPECT_EQ(found->comment_count, 7);

  auto by_slug = store_->FindArticleBySlug("tram-line");
  ASSERT_TRUE(by_slug.ok());
  EXPECT_EQ(by_slug->id, id);
}

TEST_P(ContentStoreContract, UnknownThingsAreNotFound) {
  EXPECT_EQ(store_->FindArticle(12345).error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindArticleBySlug("nope").error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindSection("nope").error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindTag("nope").error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindAuthor("nope").error().code, base::ErrorCode::kNotFound);
  auto taken = store_->ArticleSlugTaken("nope");
  ASSERT_TRUE(taken.ok());
  EXPECT_FALSE(*taken);
}

TEST_P(ContentStoreContract, ListsNewestFirstWithTiesByIdAndPaging) {
  Insert(Make("a", 1));
  Insert(Make("b", 3));
  Insert(Make("c", 2));
  Insert(Make("d", 3));  // same time as b, inserted later: comes first
  ArticleQuery q;
  EXPECT_EQ(Slugs(q), (std::vector<std::string>{"d", "b", "c", "a"}));
  q.limit = 2;
  q.offset = 1;
  EXPECT_EQ(Slugs(q), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(*store_->CountArticles(q), 4);
}

TEST_P(ContentStoreContract, PublishedRefsPageByIdWithTheirTimes) {
  core::Id a = Insert(Make("a", 5));
  Insert(Make("draft", 6, ArticleStatus::kDraft));
  Article changed = Make("b", 1);
  changed.updated_at = At(9);
  core::Id b = Insert(changed);
  Insert(Make("scheduled", 7, ArticleStatus::kScheduled));
  core::Id c = Insert(Make("c", 3));

  auto all = store_->ListPublishedRefs(0, 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);  // published only, by id whatever their times
  EXPECT_EQ((*all)[0].id, a);
  EXPECT_EQ((*all)[0].slug, "a");
  EXPECT_EQ((*all)[1].id, b);
  EXPECT_EQ((*all)[1].published_at, At(1));
  EXPECT_EQ((*all)[1].updated_at, At(9));
  EXPECT_EQ((*all)[2].id, c);

  auto first = store_->ListPublishedRefs(0, 2);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 2u);
  auto next = store_->ListPublishedRefs(first->back().id, 2);
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->size(), 1u);
  EXPECT_EQ(next->front().id, c);
  EXPECT_TRUE(store_->ListPublishedRefs(c, 2)->empty());
  EXPECT_TRUE(store_->ListPublishedRefs(0, 0)->empty());

  // The writer sees the same.
  ASSERT_TRUE(store_->Write([&](ContentWriter& w) -> base::Status {
    auto refs = w.ListPublishedRefs(a, 10);
    EXPECT_TRUE(refs.ok());
    EXPECT_EQ(refs->size(), 2u);
    return {};
  }).ok());
}

TEST_P(ContentStoreContract, ListFiltersByStatusSectionTagAuthorAndFlags) {
  core::Section world = AddSection("world", "World");
  auto [tag, author] = AddTagAndAuthor({0, "energy", "Energy"}, {0, "anna", "Anna"});
  Article draft = Make("draft", 50, ArticleStatus::kDraft);
  Insert(draft);
  Article scheduled = Make("scheduled", 60, ArticleStatus::kScheduled);
  Insert(scheduled);
  Article in_world = Make("in-world", 5);
  in_world.section = world;
  in_world.body = "text";
  Insert(in_world);
  Article tagged = Make("tagged", 6);
  tagged.tags = {tag};
  tagged.authors = {author};
  tagged.top = true;
  core::Id tagged_id = Insert(tagged);
  Insert(Make("plain", 7));

  ArticleQuery published;
  EXPECT_EQ(Slugs(published), (std::vector<std::string>{"plain", "tagged", "in-world"}));
  ArticleQuery any;
  any.status.reset();
  EXPECT_EQ(*store_->CountArticles(any), 5);
  ArticleQuery drafts;
  drafts.status = ArticleStatus::kDraft;
  EXPECT_EQ(Slugs(drafts), std::vector<std::string>{"draft"});

  ArticleQuery by_section;
  by_section.section_id = world.id;
  EXPECT_EQ(Slugs(by_section), std::vector<std::string>{"in-world"});
  ArticleQuery by_tag;
  by_tag.tag_id = tag.id;
  EXPECT_EQ(Slugs(by_tag), std::vector<std::string>{"tagged"});
  ArticleQuery by_author;
  by_author.author_id = author.id;
  EXPECT_EQ(Slugs(by_author), std::vector<std::string>{"tagged"});
  ArticleQuery with_body;
  with_body.with_body_only = true;
  EXPECT_EQ(Slugs(with_body), std::vector<std::string>{"in-world"});
  ArticleQuery top;
  top.top_only = true;
  EXPECT_EQ(Slugs(top), std::vector<std::string>{"tagged"});
  ArticleQuery others;
  others.exclude_id = tagged_id;
  EXPECT_EQ(Slugs(others), (std::vector<std::string>{"plain", "in-world"}));
  ArticleQuery headline;
  headline.headline = "Headline plain";
  EXPECT_EQ(Slugs(headline), std::vector<std::string>{"plain"});

  auto summaries = store_->ListArticles(by_section);
  ASSERT_TRUE(summaries.ok());
  ASSERT_EQ(summaries->size(), 1u);
  const core::ArticleSummary& s = summaries->front();
  EXPECT_TRUE(s.has_body);
  ASSERT_TRUE(s.section.has_value());
  EXPECT_EQ(s.section->name, "World");
  EXPECT_EQ(s.published_at, At(5));
}

// Whether a tag or an author has anything published (the sitemap of pages
// and the public lists of tags and authors ask it of each one).
TEST_P(ContentStoreContract, AnyArticlesAnswersWhetherTheQueryMatchesOne) {
  auto [shown, hidden] = AddTagAndAuthor({0, "shown", "Shown"}, {0, "hidden", "Hidden"});
  core::Tag unused_tag = AddTagAndAuthor({0, "unused", "Unused"}, {0, "nobody", "Nobody"}).first;
  Article draft = Make("draft", 50, ArticleStatus::kDraft);
  draft.authors = {hidden};
  draft.tags = {shown};
  Insert(draft);
  Article published = Make("published", 5);
  published.tags = {shown};
  Insert(published);
  auto any = [&](const ArticleQuery& q) {
    auto r = store_->AnyArticles(q);
    EXPECT_TRUE(r.ok());
    return r.ok() && *r;
  };
  ArticleQuery by_tag;
  by_tag.tag_id = shown.id;
  EXPECT_TRUE(any(by_tag));
  by_tag.exclude_id = store_->FindArticleBySlug("published")->id;
  EXPECT_FALSE(any(by_tag)) << "only the draft is left, and drafts are not published";
  by_tag.status.reset();
  EXPECT_TRUE(any(by_tag));
  ArticleQuery by_author;
  by_author.author_id = hidden.id;
  EXPECT_FALSE(any(by_author));
  by_author.status = ArticleStatus::kDraft;
  EXPECT_TRUE(any(by_author));
  ArticleQuery unused;
  unused.tag_id = unused_tag.id;
  unused.status.reset();
  EXPECT_FALSE(any(unused));
  ArticleQuery everything;
  everything.limit = 0;  // limit and offset do not matter
  everything.offset = 10;
  EXPECT_TRUE(any(everything));
}

// A list's number of articles follows every write at once (a store may
// keep counts between writes: a million articles take a while to count).
TEST_P(ContentStoreContract, CountsFollowEveryWrite) {
  core::Section world = AddSection("world", "World");
  auto [tag, author] = AddTagAndAuthor({0, "ports", "Ports"}, {0, "oleg", "Oleg"});
  core::Tag other_tag = AddTagAndAuthor({0, "trams", "Trams"}, {0, "vera", "Vera"}).first;
  ArticleQuery published, in_world, tagged, other_tagged, drafts;
  in_world.section_id = world.id;
  tagged.tag_id = tag.id;
  other_tagged.tag_id = other_tag.id;
  drafts.status = ArticleStatus::kDraft;
  auto counts = [&] {
    std::vector<std::int64_t> out;
    for (const ArticleQuery* q : {&published, &in_world, &tagged, &other_tagged, &drafts}) {
      auto n = store_->CountArticles(*q);
      EXPECT_TRUE(n.ok());
      out.push_back(n.ok() ? *n : -1);
    }
    return out;
  };
  using Counts = std::vector<std::int64_t>;
  EXPECT_EQ(counts(), (Counts{0, 0, 0, 0, 0}));
  Article a = Make("a", 1);
  a.section = world;
  a.tags = {tag};
  core::Id a_id = Insert(a);
  EXPECT_EQ(counts(), (Counts{1, 1, 1, 0, 0}));
  core::Id draft_id = Insert(Make("draft", 2, ArticleStatus::kDraft));
  EXPECT_EQ(counts(), (Counts{1, 1, 1, 0, 1}));
  auto change = [&](core::Id id, const std::function<void(Article&)>& edit) {
    ASSERT_TRUE(store_->Write([&](ContentWriter& w) -> base::Status {
      auto found = w.FindArticle(id);
      if (!found.ok()) return found.error();
      edit(*found);
      return w.UpdateArticle(*found);
    }).ok());
  };
  change(draft_id, [&](Article& d) {
    d.status = ArticleStatus::kPublished;
    d.published_at = At(3);
  });
  EXPECT_EQ(counts(), (Counts{2, 1, 1, 0, 0}));
  change(a_id, [&](Article& x) { x.section.reset(); });
  EXPECT_EQ(counts(), (Counts{2, 0, 1, 0, 0}));
  change(a_id, [&](Article& x) { x.tags = {other_tag}; });
  EXPECT_EQ(counts(), (Counts{2, 0, 0, 1, 0}));
  ASSERT_TRUE(store_->Write([&](ContentWriter& w) { return w.MergeTags(other_tag.id, tag.id); }).ok());
  EXPECT_EQ(counts(), (Counts{2, 0, 1, 0, 0}));
  change(a_id, [&](Article& x) { x.status = ArticleStatus::kUnpublished; });
  EXPECT_EQ(counts(), (Counts{1, 0, 0, 0, 0}));
}

TEST_P(ContentStoreContract, TagAndAuthorListsOfATimeHoldExactlyThatTimesArticles) {
  auto [ports, oleg] = AddTagAndAuthor({0, "ports", "Ports"}, {0, "oleg", "Oleg"});
  core::Tag tag = ports;  // named variables: lambdas below capture them
  core::Author author = oleg;
  auto add = [&](const std::string& slug, int minutes, bool named) {
    Article a = Make(slug, minutes);
    if (named) {
      a.tags = {tag};
      a.authors = {author};
    }
    Insert(a);
  };
  for (int i = 0; i < 30; ++i) add("old-" + std::to_string(i), i, i % 3 == 0);
  for (int i = 0; i < 30; ++i) add("week-" + std::to_string(i), 1000 + i, i % 3 == 0);
  add("untagged", 1010, false);
  add("late", 5000, true);
  add("backdated", 1005, true);  // the newest id, published inside the time

  ArticleQuery in_time;
  in_time.published_from = At(1000);
  in_time.published_before = At(1030);
  in_time.limit = 100;
  std::vector<std::string> expected = {"week-27", "week-24", "week-21", "week-18", "week-15", "week-12",
                                       "week-9",  "week-6", "backdated", "week-3", "week-0"};
  ArticleQuery by_tag = in_time;
  by_tag.tag_id = tag.id;
  EXPECT_EQ(Slugs(by_tag), expected);
  EXPECT_EQ(*store_->CountArticles(by_tag), 11);
  ArticleQuery by_author = in_time;
  by_author.author_id = author.id;
  EXPECT_EQ(Slugs(by_author), expected);

  // A later article of that time shows in the very next list of it.
  add("added", 1029, true);
  std::vector<std::string> with_added = {"added"};
  with_added.insert(with_added.end(), expected.begin(), expected.end());
  EXPECT_EQ(Slugs(by_tag), with_added);
  EXPECT_EQ(Slugs(by_author), with_added);

  ArticleQuery nothing_then = by_tag;
  nothing_then.published_from = At(3000);
  nothing_then.published_before = At(4000);
  EXPECT_TRUE(Slugs(nothing_then).empty());
  EXPECT_EQ(*store_->CountArticles(nothing_then), 0);
}

TEST_P(ContentStoreContract, SlugsAreUnique) {
  Insert(Make("same", 1));
  base::Status st = store_->Write([&](ContentWriter& w) -> base::Status {
    auto r = w.InsertArticle(Make("same", 2));
    if (!r.ok()) return r.error();
    return {};
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, base::ErrorCode::kConflict);
  EXPECT_EQ(st.error().field, "slug");
  EXPECT_TRUE(*store_->ArticleSlugTaken("same"));

  AddSection("world", "World");
  base::Status dup = store_->Write([&](ContentWriter& w) -> base::Status {
    auto r = w.InsertSection({0, "world", "World again", 1});
    if (!r.ok()) return r.error();
    return {};
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, base::ErrorCode::kConflict);
}

TEST_P(ContentStoreContract, AFailedWriteLeavesNothingBehind) {
  Insert(Make("kept", 1));
  base::Status st = store_->Write([&](ContentWriter& w) -> base::Status {
    EXPECT_TRUE(w.InsertSection({0, "ghost", "Ghost", 1}).ok());
    EXPECT_TRUE(w.InsertArticle(Make("ghost-article", 2)).ok());
    // The writer sees its own uncommitted rows.
    EXPECT_TRUE(*w.ArticleSlugTaken("ghost-article"));
    return base::Error::Invalid("changed my mind");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "changed my mind");
  EXPECT_FALSE(*store_->ArticleSlugTaken("ghost-article"));
  EXPECT_EQ(store_->FindSection("ghost").error().code, base::ErrorCode::kNotFound);
  ArticleQuery any;
  any.status.reset();
  EXPECT_EQ(*store_->CountArticles(any), 1);
}

TEST_P(ContentStoreContract, AnExceptionInAWriteRollsBack) {
  EXPECT_THROW(store_->Write([&](ContentWriter& w) -> base::Status {
    EXPECT_TRUE(w.InsertArticle(Make("thrown", 2)).ok());
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_FALSE(*store_->ArticleSlugTaken("thrown"));
  // The store still takes writes afterwards.
  Insert(Make("after", 3));
  EXPECT_TRUE(*store_->ArticleSlugTaken("after"));
}

TEST_P(ContentStoreContract, UpdateReplacesFieldsAndNames) {
  core::Section a_section = AddSection("a", "A");
  core::Section b_section = AddSection("b", "B");
  core::Tag t1, t2;
  ASSERT_TRUE(store_->Write([&](ContentWriter& w) -> base::Status {
    t1 = *w.InsertTag({0, "t1", "T1"});
    t2 = *w.InsertTag({0, "t2", "T2"});
    return {};
  }).ok());
  Article a = Make("story", 1);
  a.section = a_section;
  a.tags = {t1, t2};
  core::Id id = Insert(a);
  a = *store_->FindArticle(id);
  a.headline = "New headline";
  a.slug = "new-story";
  a.section = b_section;
  a.tags = {t2};
  ASSERT_TRUE(store_->Write([&](ContentWriter& w) { return w.UpdateArticle(a); }).ok());
  auto found = store_->FindArticle(id);
  EXPECT_EQ(found->headline, "New headline");
  EXPECT_EQ(found->slug, "new-story");
  EXPECT_EQ(found->section->slug, "b");
  EXPECT_EQ(found->tags, std::vector<core::Tag>{t2});
  ArticleQuery in_a;
  in_a.section_id = a_section.id;
  EXPECT_TRUE(Slugs(in_a).empty());

  Article missing = Make("missing", 1);
  missing.id = 999999;
  base::Status st = store_->Write([&](ContentWriter& w) { return w.UpdateArticle(missing); });
  EXPECT_EQ(st.error().code, base::ErrorCode::kNotFound);
}

TEST_P(ContentStoreContract, SectionsComeInNavigationOrder) {
  AddSection("c", "Culture", 3);
  AddSection("w", "World", 1);
  AddSection("s", "Sport", 2);
  auto sections = store_->ListSections();
  ASSERT_TRUE(sections.ok());
  std::vector<std::string> names;
  for (const auto& s : *sections) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"World", "Sport", "Culture"}));
}

TEST_P(ContentStoreContract, UnicodeTextSurvives) {
  Article a = Make("ru", 1);
  a.headline = "В Веринске открылся мост — «ещё» один 🚋";
  a.body = "Текст\n\nс абзацами";
  core::Id id = Insert(a);
  auto found = store_->FindArticle(id);
  EXPECT_EQ(found->headline, a.headline);
  EXPECT_EQ(found->body, a.body);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, ContentStoreContract,
    ::testing::Values(Backend{"memory", [](const std::filesystem::path&) -> std::unique_ptr<core::ContentStore> {
                                return std::make_unique<storage::MemoryStore>();
                              }},
                      Backend{"sqlite", [](const std::filesystem::path& dir) -> std::unique_ptr<core::ContentStore> {
                                storage::sqlite::SqliteOptions options;
                                options.path = (dir / "nested" / "gazette.db").string();
                                auto store = storage::sqlite::SqliteStore::Open(options);
                                if (!store.ok()) return nullptr;
                                if (!(*store)->Migrate().ok()) return nullptr;
                                return std::move(*store);
                              }}),
    [](const ::testing::TestParamInfo<Backend>& info) { return info.param.name; });

}  // namespace
}  // namespace gazette
