// The storage contract: every ContentStore backend must pass these tests.
// Each test runs against the in-memory store and a real SQLite file (the
// lists' tests are in content_lists_contract.cpp).
#include "content_store_fixture.h"
#include "storage/memory/memory_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace gazette::content_contract {

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

}  // namespace gazette::content_contract
