#include "core/publishing.h"

#include <gtest/gtest.h>

#include "storage/memory/memory_store.h"

namespace gazette::core {
namespace {

// Marks bodies so tests can see the renderer ran.
class FakeBodies final : public BodyRenderer {
 public:
  std::string MarkdownToHtml(std::string_view markdown) const override { return "<p>" + std::string(markdown) + "</p>"; }
};

class PublishingTest : public ::testing::Test {
 protected:
  Result<Id> Create(const ArticleDraft& draft) {
    Result<Id> id = base::Error::Internal("not run");
    base::Status st = store_.Write([&](ContentWriter& w) -> base::Status {
      id = publisher_.Create(w, draft);
      if (!id.ok()) return id.error();
      return {};
    });
    (void)st;
    return id;
  }

  storage::MemoryStore store_;
  FakeBodies bodies_;
  base::FixedClock clock_{base::FromUnixSeconds(1'764'000'000)};
  Publisher publisher_{bodies_, clock_};
};

TEST_F(PublishingTest, CreatesWithSlugNamesAndRenderedBody) {
  ArticleDraft d;
  d.headline = "  Port Halden extends its tram line ";
  d.body = "Body";
  d.section = "World";
  d.tags = {"Transport", "transport", "Cities"};
  d.authors = {"Anna Reyes"};
  d.source = {"Halden Courier", "https://example.org/x"};
  d.status = ArticleStatus::kPublished;
  Result<Id> id = Create(d);
  ASSERT_TRUE(id.ok()) << id.error().message;
  Article a = *store_.FindArticle(*id);
  EXPECT_EQ(a.headline, "Port Halden extends its tram line");
  EXPECT_EQ(a.slug, "port-halden-extends-its-tram-line");
  EXPECT_EQ(a.body_html, "<p>Body</p>");
  EXPECT_EQ(a.section->slug, "world");
  ASSERT_EQ(a.tags.size(), 2u);  // "transport" is the same tag as "Transport"
  EXPECT_EQ(a.tags[0].name, "Transport");
  EXPECT_EQ(a.authors[0].slug, "anna-reyes");
  EXPECT_EQ(a.published_at, clock_.Now());
}

TEST_F(PublishingTest, SlugsStayUniqueAndSectionsAreReused) {
  ArticleDraft d;
  d.headline = "Same headline";
  d.section = "World";
  d.status = ArticleStatus::kPublished;
  Id first = *Create(d);
  Id second = *Create(d);
  Id third = *Create(d);
  EXPECT_EQ(store_.FindArticle(first)->slug, "same-headline");
  EXPECT_EQ(store_.FindArticle(second)->slug, "same-headline-2");
  EXPECT_EQ(store_.FindArticle(third)->slug, "same-headline-3");
  EXPECT_EQ(store_.ListSections()->size(), 1u);
}

TEST_F(PublishingTest, NewSectionsGoToTheEndOfTheNavigation) {
  for (const char* name : {"World", "Sport", "Culture"}) {
    ArticleDraft d;
    d.headline = std::string("In ") + name;
    d.section = name;
    ASSERT_TRUE(Create(d).ok());
  }
  std::vector<std::string> names;
  auto sections = store_.ListSections();  // named: a temporary would die before the loop
  for (const Section& s : *sections) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"World", "Sport", "Culture"}));
}

TEST_F(PublishingTest, RefusesBadDraftsNamingTheField) {
  struct Case {
    std::function<void(ArticleDraft&)> change;
    std::string field;
  };
  std::vector<Case> cases = {
      {[](ArticleDraft& d) { d.headline = "   "; }, "headline"},
      {[](ArticleDraft& d) { d.headline = std::string(301, 'x'); }, "headline"},
      {[](ArticleDraft& d) { d.headline = "bad \xff utf8"; }, "headline"},
      {[](ArticleDraft& d) { d.headline = "control \x07 char"; }, "headline"},
      {[](ArticleDraft& d) { d.lead = std::string(1001, 'x'); }, "lead"},
      {[](ArticleDraft& d) { d.body = std::string(kMaxBodyBytes + 1, 'x'); }, "body"},
      {[](ArticleDraft& d) { d.source = {"Evil", "javascript:alert(1)"}; }, "source.url"},
      {[](ArticleDraft& d) { d.source = {"", "https://example.org"}; }, "source.name"},
      {[](ArticleDraft& d) { d.status = ArticleStatus::kScheduled; }, "published_at"},
      {[](ArticleDraft& d) { d.slug = "Not A Slug"; }, "slug"},
      {[](ArticleDraft& d) { d.section = "!!!"; }, "section"},
  };
  for (const Case& c : cases) {
    ArticleDraft d;
    d.headline = "Fine";
    c.change(d);
    Result<Id> id = Create(d);
    ASSERT_FALSE(id.ok()) << c.field;
    EXPECT_EQ(id.error().code, base::ErrorCode::kInvalid) << c.field;
    EXPECT_EQ(id.error().field, c.field);
    EXPECT_FALSE(id.error().message.empty());
  }
  ArticleQuery any;
  any.status.reset();
  EXPECT_EQ(*store_.CountArticles(any), 0);
  EXPECT_TRUE(store_.ListSections()->empty());
}

TEST_F(PublishingTest, ABriefHasNoBodyAndAPastTimeIsKept) {
  ArticleDraft d;
  d.headline = "A brief.";
  d.status = ArticleStatus::kPublished;
  d.published_at = clock_.Now() - std::chrono::hours(5);
  Article a = *store_.FindArticle(*Create(d));
  EXPECT_TRUE(a.IsBrief());
  EXPECT_TRUE(a.body_html.empty());
  EXPECT_EQ(a.published_at, clock_.Now() - std::chrono::hours(5));
  EXPECT_EQ(a.updated_at, a.published_at);  // not shown as "updated"
}

}  // namespace
}  // namespace gazette::core

namespace gazette::core {
namespace {

// Revisions and forms name sections and tags by name: after a rename (with
// or without a new address) the name still finds the same one.
TEST_F(PublishingTest, RenamedSectionsAndTagsAreFoundByTheirNewAndOldNames) {
  ArticleDraft d;
  d.headline = "Story";
  d.section = "World";
  d.tags = {"Energy"};
  ASSERT_TRUE(Create(d).ok());
  ASSERT_TRUE(store_.Write([&](ContentWriter& w) -> base::Status {
    Section world = *w.FindSection("world");
    world.name = "International";  // same address
    GZ_TRY(w.UpdateSection(world));
    Tag energy = *w.FindTag("energy");
    energy.name = "Power";
    energy.slug = "power";
    return w.UpdateTag(energy);
  }).ok());
  d.headline = "Another";
  d.section = "International";
  d.tags = {"Energy", "Power"};
  auto id = Create(d);
  ASSERT_TRUE(id.ok());
  auto a = store_.FindArticle(*id);
  EXPECT_EQ(a->section->slug, "world");
  ASSERT_EQ(a->tags.size(), 1u);
  EXPECT_EQ(a->tags[0].slug, "power");
  EXPECT_EQ(store_.ListSections()->size(), 1u);
  EXPECT_EQ(store_.ListTags()->size(), 1u);
}

}  // namespace
}  // namespace gazette::core
