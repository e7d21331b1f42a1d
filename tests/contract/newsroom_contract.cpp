// The newsroom's storage contract: the editorial fields of articles, renames
// and merges that keep old addresses, revisions, pending edits, the audit
// log, settings and what the scheduler has due; the in-memory store and a
// real SQLite file alike. Also the SQLite migration that brought them, run
// over a database of the version before it.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "storage/memory/memory_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "old_site.h"
#include "temp_dir.h"

namespace gazette {
namespace {

using core::Article;
using core::ArticleQuery;
using core::ArticleStatus;
using newsroom::NewsroomWriter;
using newsroom::PendingEdit;

struct Either {
  std::unique_ptr<core::ContentStore> holder;
  newsroom::NewsroomStore* newsroom = nullptr;
};

struct Backend {
  std::string name;
  std::function<Either(const std::filesystem::path& dir)> open;
};
std::ostream& operator<<(std::ostream& out, const Backend& b) { return out << b.name; }

template <class T>
Either Hold(std::unique_ptr<T> store) {
  Either e;
  e.newsroom = store.get();
  e.holder = std::move(store);
  return e;
}

base::Timestamp At(int minutes) { return base::FromUnixSeconds(1'760'000'000 + minutes * 60); }

class NewsroomContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    store_ = GetParam().open(dir_.path());
    ASSERT_NE(store_.newsroom, nullptr);
  }
  void TearDown() override {
    store_ = {};
  }

  core::ContentStore& content() { return *store_.holder; }
  newsroom::NewsroomStore& news() { return *store_.newsroom; }

  void Write(const std::function<base::Status(NewsroomWriter&)>& work) {
    base::Status st = news().WriteNewsroom(work);
    ASSERT_TRUE(st.ok()) << st.error().message << " " << st.error().detail;
  }

  core::Id AddArticle(const std::string& slug, ArticleStatus status, std::optional<base::Timestamp> at,
                      std::int64_t created_by = 0) {
    core::Id id = 0;
    Write([&](NewsroomWriter& w) -> base::Status {
      Article a;
      a.slug = slug;
      a.headline = "Headline " + slug;
      a.status = status;
      a.published_at = at;
      a.created_at = a.updated_at = at.value_or(At(0));
      a.created_by = created_by;
      auto r = w.InsertArticle(a);
      if (!r.ok()) return r.error();
      id = *r;
      return {};
    });
    return id;
  }

  contract::TempDir dir_{"newsroom"};  // removed after the stores close (TearDown)
  Either store_;
};

TEST_P(NewsroomContract, EditorialFieldsRoundTrip) {
  core::Id id = 0;
  Write([&](NewsroomWriter& w) -> base::Status {
    Article a;
    a.slug = "storm";
    a.headline = "Storm";
    a.status = ArticleStatus::kReview;
    a.created_at = a.updated_at = At(1);
    a.breaking = true;
    a.seo_title = "Storm warning";
    a.seo_description = "What to expect tonight.";
    a.version = 4;
    a.created_by = 17;
    a.correction_note = "The wind speed was wrong.";
    a.corrected_at = At(5);
    id = *w.InsertArticle(a);
    return {};
  });
  auto found = content().FindArticle(id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->status, ArticleStatus::kReview);
  EXPECT_FALSE(found->published_at.has_value());
  EXPECT_TRUE(found->breaking);
  EXPECT_EQ(found->seo_title, "Storm warning");
  EXPECT_EQ(found->seo_description, "What to expect tonight.");
  EXPECT_EQ(found->version, 4);
  EXPECT_EQ(found->created_by, 17);
  EXPECT_EQ(found->correction_note, "The wind speed was wrong.");
  EXPECT_EQ(found->corrected_at, At(5));
  ArticleQuery any;
  any.status = std::nullopt;
  auto list = content().ListArticles(any);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].status, ArticleStatus::kReview);
  EXPECT_TRUE((*list)[0].breaking);
  EXPECT_EQ((*list)[0].created_by, 17);
}

TEST_P(NewsroomContract, NewsroomListsFilterByAuthorTextDatesAndSortByChange) {
  AddArticle("early-storm", ArticleStatus::kPublished, At(10), 1);
  core::Id late = AddArticle("late-sun", ArticleStatus::kPublished, At(20), 2);
  AddArticle("draft-storm", ArticleStatus::kDraft, std::nullopt, 1);
  ArticleQuery q;
  q.status = std::nullopt;
  q.created_by = 1;
  EXPECT_EQ(*content().CountArticles(q), 2);
  q.created_by.reset();
  q.text = "STORM";
  EXPECT_EQ(*content().CountArticles(q), 2);
  q.text = "";
  q.status = ArticleStatus::kPublished;
  q.published_from = At(15);
  EXPECT_EQ(*content().CountArticles(q), 1);
  q.published_from.reset();
  q.published_before = At(15);
  EXPECT_EQ(*content().CountArticles(q), 1);
  // Recently changed first: touch the late one's update time.
  Write([&](NewsroomWriter& w) -> base::Status {
    Article a = *w.FindArticle(late);
    a.updated_at = At(100);
    return w.UpdateArticle(a);
  });
  ArticleQuery changed;
  changed.status = std::nullopt;
  changed.order = ArticleQuery::Order::kRecentlyUpdated;
  auto list = content().ListArticles(changed);
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].id, late);
}

TEST_P(NewsroomContract, RenamesKeepOldAddressesAndMergesMoveArticles) {
  core::Id id = AddArticle("old-slug", ArticleStatus::kPublished, At(1));
  core::Section section;
  core::Tag a, b;
  Write([&](NewsroomWriter& w) -> base::Status {
    section = *w.InsertSection({0, "world", "World", 1});
    a = *w.InsertTag({0, "storms", "Storms"});
    b = *w.InsertTag({0, "weather", "Weather"});
    Article art = *w.FindArticle(id);
    art.slug = "new-slug";
    art.section = section;
    art.tags = {a};
    return w.UpdateArticle(art);
  });
  EXPECT_EQ(*content().RenamedArticle("old-slug"), id);
  EXPECT_EQ(*content().RenamedArticle("new-slug"), std::nullopt);
  EXPECT_FALSE(content().FindArticleBySlug("old-slug").ok());
  // A section renamed and moved.
  Write([&](NewsroomWriter& w) -> base::Status { return w.UpdateSection({section.id, "planet", "Planet", 5}); });
  EXPECT_EQ(*content().RenamedSection("world"), "planet");
  EXPECT_EQ(content().FindSection("planet")->position, 5);
  // Another section cannot take a used slug.
  base::Status clash = news().WriteNewsroom([&](NewsroomWriter& w) -> base::Status {
    auto other = w.InsertSection({0, "sport", "Sport", 2});
    if (!other.ok()) return other.error();
    return w.UpdateSection({other->id, "planet", "Sport", 2});
  });
  EXPECT_EQ(clash.error().code, base::ErrorCode::kConflict);
  // Tags: rename, then merge the renamed tag into another.
  Write([&](NewsroomWriter& w) -> base::Status { return w.UpdateTag({a.id, "gales", "Gales"}); });
  EXPECT_EQ(*content().RenamedTag("storms"), "gales");
  Write([&](NewsroomWriter& w) -> base::Status { return w.MergeTags(a.id, b.id); });
  EXPECT_FALSE(content().FindTag("gales").ok());
  EXPECT_EQ(*content().RenamedTag("gales"), "weather");
  EXPECT_EQ(*content().RenamedTag("storms"), "weather");
  auto article = content().FindArticle(id);
  ASSERT_EQ(article->tags.size(), 1u);
  EXPECT_EQ(article->tags[0].slug, "weather");
  auto tags = content().ListTags();
  ASSERT_EQ(tags->size(), 1u);
  // Authors are listed by name.
  Write([&](NewsroomWriter& w) -> base::Status {
    (void)w.InsertAuthor({0, "zed", "Zed"});
    (void)w.InsertAuthor({0, "amy", "Amy"});
    return {};
  });
  auto authors = content().ListAuthors();
  ASSERT_EQ(authors->size(), 2u);
  EXPECT_EQ((*authors)[0].name, "Amy");
}

TEST_P(NewsroomContract, RevisionsKeepContentNewestFirst) {
  core::Id id = AddArticle("story", ArticleStatus::kDraft, std::nullopt);
  newsroom::Revision r;
  r.article_id = id;
  r.version = 1;
  r.account_id = 3;
  r.account_name = "Anna";
  r.kind = "created";
  r.created_at = At(1);
  r.slug = "story";
  r.content.headline = "First";
  r.content.tags = {"Energy", "Трамваи"};
  r.content.authors = {"Anna Reyes"};
  r.content.section = "World";
  r.content.source = {"Courier", "https://example.org"};
  r.content.breaking = true;
  r.content.top = true;
  r.content.body = "Body\n\nwith lines";
  core::Id first = 0, second = 0;
  Write([&](NewsroomWriter& w) -> base::Status {
    first = *w.InsertRevision(r);
    r.version = 2;
    r.kind = "correction";
    r.note = "Fixed a name.";
    r.content.headline = "Second";
    second = *w.InsertRevision(r);
    return {};
  });
  auto list = news().Revisions(id);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, second);
  EXPECT_EQ((*list)[0].note, "Fixed a name.");
  auto found = news().FindRevision(first);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->content.headline, "First");
  EXPECT_EQ(found->content.tags, (std::vector<std::string>{"Energy", "Трамваи"}));
  EXPECT_EQ(found->content.authors, std::vector<std::string>{"Anna Reyes"});
  EXPECT_EQ(found->content.section, "World");
  EXPECT_EQ(found->content.source.url, "https://example.org");
  EXPECT_EQ(found->content.body, "Body\n\nwith lines");
  EXPECT_EQ(found->content.slug, "story");
  EXPECT_TRUE(found->content.breaking);
  EXPECT_TRUE(found->content.top);
  EXPECT_EQ(found->account_name, "Anna");
  EXPECT_EQ(found->created_at, At(1));
  EXPECT_EQ(news().FindRevision(9999).error().code, base::ErrorCode::kNotFound);
  EXPECT_TRUE(news().Revisions(9999)->empty());
}

TEST_P(NewsroomContract, PendingEditsAndScheduledArticlesComeDueInOrder) {
  core::Id live = AddArticle("live", ArticleStatus::kPublished, At(0));
  core::Id later = AddArticle("later", ArticleStatus::kScheduled, At(30));
  core::Id sooner = AddArticle("sooner", ArticleStatus::kScheduled, At(20));
  EXPECT_EQ(*news().NextDue(), At(20));
  EXPECT_EQ(*news().Pending(live), std::nullopt);
  PendingEdit p;
  p.article_id = live;
  p.account_id = 5;
  p.account_name = "Al";
  p.state = PendingEdit::State::kScheduled;
  p.version = 2;
  p.publish_at = At(10);
  p.updated_at = At(1);
  p.content.headline = "Live, revised";
  p.content.slug = "live-revised";
  p.content.top = true;
  Write([&](NewsroomWriter& w) { return w.SavePending(p); });
  auto pending = news().Pending(live);
  ASSERT_TRUE(pending->has_value());
  EXPECT_EQ((*pending)->state, PendingEdit::State::kScheduled);
  EXPECT_EQ((*pending)->publish_at, At(10));
  EXPECT_EQ((*pending)->content.headline, "Live, revised");
  EXPECT_EQ((*pending)->content.slug, "live-revised");
  EXPECT_TRUE((*pending)->content.top);
  EXPECT_EQ((*pending)->version, 2);
  EXPECT_EQ(*news().NextDue(), At(10));
  EXPECT_EQ(*news().DueArticles(At(25)), std::vector<core::Id>{sooner});
  EXPECT_EQ(*news().DueArticles(At(30)), (std::vector<core::Id>{sooner, later}));
  EXPECT_EQ(*news().DuePending(At(9)), std::vector<core::Id>{});
  EXPECT_EQ(*news().DuePending(At(10)), std::vector<core::Id>{live});
  // Replacing and removing.
  p.state = PendingEdit::State::kReview;
  p.publish_at.reset();
  p.note = "Please check the figures.";
  Write([&](NewsroomWriter& w) { return w.SavePending(p); });
  EXPECT_EQ((*news().Pending(live))->note, "Please check the figures.");
  EXPECT_TRUE(news().DuePending(At(100))->empty());
  Write([&](NewsroomWriter& w) { return w.DeletePending(live); });
  EXPECT_EQ(*news().Pending(live), std::nullopt);
}

TEST_P(NewsroomContract, AuditLogPagesNewestFirst) {
  Write([&](NewsroomWriter& w) -> base::Status {
    for (int i = 0; i < 5; ++i) {
      GZ_TRY(w.AppendAudit({0, 7, "Editor", "article.publish", "article", i, "detail " + std::to_string(i), At(i)}));
    }
    return {};
  });
  auto page = news().Audit(1, 2);
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].target_id, 3);
  EXPECT_EQ((*page)[1].target_id, 2);
  EXPECT_EQ((*page)[0].actor_name, "Editor");
  EXPECT_EQ((*page)[0].action, "article.publish");
  EXPECT_EQ((*page)[0].created_at, At(3));
}

TEST_P(NewsroomContract, SettingsAreStoredAndRemoved) {
  Write([&](NewsroomWriter& w) { return w.SaveSettings({{"site.name", "Courier"}, {"site.time_zone", "Europe/Oslo"}}); });
  Write([&](NewsroomWriter& w) { return w.SaveSettings({{"site.name", "Halden Courier"}, {"site.time_zone", ""}}); });
  auto settings = news().LoadSettings();
  EXPECT_EQ(*settings, (std::map<std::string, std::string>{{"site.name", "Halden Courier"}}));
}

TEST_P(NewsroomContract, AFailedNewsroomWriteKeepsNothing) {
  core::Id id = AddArticle("story", ArticleStatus::kDraft, std::nullopt);
  base::Status failed = news().WriteNewsroom([&](NewsroomWriter& w) -> base::Status {
    Article a = *w.FindArticle(id);
    a.headline = "Changed";
    GZ_TRY(w.UpdateArticle(a));
    GZ_TRY(w.AppendAudit({0, 1, "X", "article.save", "article", id, "", At(1)}));
    return base::Error::Conflict("stale");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(content().FindArticle(id)->headline, "Headline story");
  EXPECT_TRUE(news().Audit(0, 10)->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, NewsroomContract,
                         ::testing::Values(Backend{"memory",
                                                   [](const std::filesystem::path&) {
                                                     return Hold(std::make_unique<storage::MemoryStore>());
                                                   }},
                                           Backend{"sqlite",
                                                   [](const std::filesystem::path& dir) {
                                                     storage::sqlite::SqliteOptions options;
                                                     options.path = (dir / "gazette.db").string();
                                                     auto store = storage::sqlite::SqliteStore::Open(options);
                                                     if (!store.ok() || !(*store)->Migrate().ok()) return Either{};
                                                     return Hold(std::move(*store));
                                                   }}),
                         [](const ::testing::TestParamInfo<Backend>& info) { return info.param.name; });

// A site made before the newsroom (schema 2) keeps its articles, accounts,
// sessions and comments through migration 3, and their links hold.
TEST(NewsroomMigration, ASiteOfTheVersionBeforeKeepsItsData) {
  std::string path = OldSite("newsroom", 2);
  ASSERT_FALSE(path.empty());
  auto dir = std::filesystem::path(path).parent_path();
  const char* sql =
      "PRAGMA foreign_keys = ON;"
      "INSERT INTO sections (id, slug, name, position) VALUES (1, 'world', 'World', 1);"
      "INSERT INTO articles (id, slug, status, section_id, published_at, created_at, updated_at, comment_count, "
      "  comment_policy, headline, lead, body, body_html) "
      "VALUES (10, 'bridge', 'published', 1, 1760000000, 1760000000, 1760000000, 1, 'premoderated', 'Bridge', "
      "  'Lead', 'Body', '<p>Body</p>');"
      "INSERT INTO accounts (id, email, display_name, password_hash, role, email_verified, created_at) "
      "VALUES (20, 'mod@example.org', 'Mod', 'hash', 'moderator', 1, 1760000000);"
      "INSERT INTO sessions (account_id, token_hash, created_at, last_seen_at, expires_at) "
      "VALUES (20, 'session-hash', 1760000000, 1760000000, 1960000000);"
      "INSERT INTO comments (id, article_id, root_id, account_id, status, created_at, body, body_html) "
      "VALUES (30, 10, 30, 20, 'visible', 1760000000, 'Hi', '<p>Hi</p>');";
  ASSERT_TRUE(OnOldSite(path, sql));
  auto store = storage::sqlite::SqliteStore::Open({path});
  ASSERT_TRUE(store.ok());
  auto report = (*store)->Migrate();
  ASSERT_TRUE(report.ok()) << report.error().message << " " << report.error().detail;
  EXPECT_GE(report->to_version, 3);
  auto article = (*store)->FindArticle(10);
  ASSERT_TRUE(article.ok());
  EXPECT_EQ(article->headline, "Bridge");
  EXPECT_EQ(article->section->slug, "world");
  EXPECT_EQ(article->version, 1);
  EXPECT_FALSE(article->breaking);
  EXPECT_EQ((*store)->Article(10)->article_policy, comments::Policy::kPremoderated);
  auto session = (*store)->FindSession("session-hash", base::FromUnixSeconds(1760000001));
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->second.role, accounts::Role::kModerator);
  auto comment = (*store)->FindComment(30);
  ASSERT_TRUE(comment.ok());
  EXPECT_EQ(comment->author_name, "Mod");
  // Still linked: removing the article would cascade to the comment.
  EXPECT_EQ((*store)->Threads(10, comments::Sort::kOldest, 0, 10)->comments.size(), 1u);
  store->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gazette
