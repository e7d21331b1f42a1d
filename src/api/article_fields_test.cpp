// Reading what the admin API's clients send for an article: editable fields
// over the current content, read-only fields that may only come back
// unchanged, the version, and names that must find the very section and
// tags the article has.
#include "api/article_fields.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "storage/memory/memory_store.h"

namespace gazette::api {
namespace {

using accounts::Account;
using accounts::Role;
using base::ErrorCode;

class Bodies final : public core::BodyRenderer {
 public:
  std::string MarkdownToHtml(std::string_view markdown) const override {
    return "<p>" + std::string(markdown) + "</p>";
  }
};

json::object Object(std::string_view text) { return json::parse(text).as_object(); }

class ArticleFieldsTest : public ::testing::Test {
 protected:
  ArticleFieldsTest() {
    editor_.id = 2;
    editor_.display_name = "Eve Editor";
    editor_.role = Role::kEditor;
    author_.id = 3;
    author_.display_name = "Al Author";
    author_.role = Role::kAuthor;
    site_.base_url = "https://news.example.org";
    site_.zone = *base::TimeZone::Load("Europe/Moscow");
    EXPECT_TRUE(newsroom_.CreateSection(editor_, "World").ok());
    EXPECT_TRUE(newsroom_.CreateSection(editor_, "Science", "sci").ok());
  }

  newsroom::Story Create(const Account& who, const std::string& headline) {
    newsroom::ArticleEdit edit;
    edit.content.headline = headline;
    edit.content.lead = "The lead.";
    edit.content.body = "The body.";
    edit.content.section = "World";
    edit.content.tags = {"Transport"};
    Result<newsroom::Story> made = newsroom_.Create(who, edit);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().message);
    return *made;
  }

  json::object Current(const newsroom::Story& story) { return AdminArticleJson(story, std::nullopt, site_, store_); }

  storage::MemoryStore store_;
  Bodies bodies_;
  base::FixedClock clock_{base::FromUnixSeconds(1'764'000'000)};
  core::Publisher publisher_{bodies_, clock_};
  newsroom::NewsroomService newsroom_{store_, store_, publisher_, clock_};
  web::SiteSettings site_;
  Account editor_, author_;
};

TEST_F(ArticleFieldsTest, TheAdminShapeIsThePublicOneWithPendingAndCommentPolicy) {
  newsroom::Story story = Create(editor_, "Tram line extended");
  json::object o = AdminArticleJson(story, comments::Policy::kClosed, site_, store_);
  EXPECT_EQ(o.at("url"),
            json::value("https://news.example.org/news/" + std::to_string(story.article.id) + "-tram-line-extended"));
  EXPECT_EQ(o.at("section"), "world");
  EXPECT_EQ(o.at("status"), "draft");
  EXPECT_TRUE(o.at("published_at").is_null());
  EXPECT_TRUE(o.at("pending").is_null());
  EXPECT_EQ(o.at("comment_policy"), "closed");
  EXPECT_TRUE(Current(story).at("comment_policy").is_null());
}

TEST_F(ArticleFieldsTest, ReadOnlyFieldsSentBackUnchangedPassChangedOnesAreNamed) {
  newsroom::Story story = Create(editor_, "Tram line extended");
  json::object now = Current(story);
  // The whole object as a client got it passes, even with a time in another offset.
  json::object same = now;
  same["created_at"] = base::FormatIso8601(story.article.created_at, base::TimeZone::Utc());
  EXPECT_NE(same["created_at"], now["created_at"]);
  EXPECT_TRUE(CheckReadOnly(same, now).ok());
  EXPECT_TRUE(CheckReadOnly(Object(R"({"headline": "New"})"), now).ok());

  json::object changed = now;
  changed["status"] = "published";
  Status refused = CheckReadOnly(changed, now);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(refused.error().field, "status");
  EXPECT_NE(refused.error().message.find("POST /api/v1/admin/articles/" + std::to_string(story.article.id) + "/submit"),
            std::string::npos);
  EXPECT_NE(refused.error().message.find("/publish"), std::string::npos);

  for (const char* key : {"id", "url", "published_at", "updated_at", "comment_count", "correction", "pending"}) {
    json::object c = now;
    c[key] = json::object{{"x", 1}};
    Status r = CheckReadOnly(c, now);
    ASSERT_FALSE(r.ok()) << key;
    EXPECT_EQ(r.error().field, key);
  }
}

TEST_F(ArticleFieldsTest, TheVersionIsRequiredAndAWholeNumber) {
  EXPECT_EQ(VersionField(Object("{}"), true).error().field, "version");
  EXPECT_FALSE(*VersionField(Object("{}"), false));
  EXPECT_EQ(**VersionField(Object(R"({"version": 3})"), true), 3);
  EXPECT_EQ(VersionField(Object(R"({"version": "3"})"), true).error().field, "version");
  EXPECT_EQ(VersionField(Object(R"({"version": 0})"), true).error().field, "version");
}

TEST_F(ArticleFieldsTest, AbsentFieldsKeepTheirValueSentOnesReplaceIt) {
  newsroom::Story story = Create(editor_, "Tram line extended");
  Result<ArticleRequest> r =
      ParseUpdate(Object(R"({"version": 1, "lead": "New lead", "section": "sci", "tags": ["Transport", "Trams"],
                 "source": {"url": "https://example.org/x"}, "breaking": true, "comment_policy": null})"),
                  BaseDraft(story, false), store_);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->content.headline, "Tram line extended");
  EXPECT_EQ(r->content.body, "The body.");
  EXPECT_EQ(r->content.lead, "New lead");
  EXPECT_EQ(r->content.section, "sci");  // "Science" would not find the section with the slug "sci"
  EXPECT_EQ(r->content.tags, (std::vector<std::string>{"Transport", "Trams"}));
  EXPECT_EQ(r->content.source.url, "https://example.org/x");
  EXPECT_TRUE(r->content.breaking);
  EXPECT_TRUE(r->set_policy);
  EXPECT_FALSE(r->policy);
  EXPECT_TRUE(r->correction_note.empty());

  Result<ArticleRequest> cleared =
      ParseUpdate(Object(R"({"section": null, "tags": [], "source": null})"), BaseDraft(story, false), store_);
  ASSERT_TRUE(cleared.ok());
  EXPECT_TRUE(cleared->content.section.empty());
  EXPECT_TRUE(cleared->content.tags.empty());
  EXPECT_FALSE(cleared->set_policy);
}

TEST_F(ArticleFieldsTest, BadFieldsAreRefusedByName) {
  newsroom::Story story = Create(editor_, "Tram line extended");
  core::ArticleDraft base = BaseDraft(story, false);
  struct Case {
    const char* body;
    const char* field;
  };
  for (const Case& c :
       {Case{R"({"section": "nowhere"})", "section"}, Case{R"({"section": 5})", "section"},
        Case{R"({"tags": "Transport"})", "tags"}, Case{R"({"headline": null})", "headline"},
        Case{R"({"breaking": "yes"})", "breaking"}, Case{R"({"comment_policy": "maybe"})", "comment_policy"},
        Case{R"({"source": "Reuters"})", "source"}, Case{R"({"source": {"nm": "x"}})", "source.nm"},
        Case{R"({"colour": "red"})", "colour"}}) {
    Result<ArticleRequest> r = ParseUpdate(Object(c.body), base, store_);
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid) << c.body;
    EXPECT_EQ(r.error().field, c.field) << c.body;
  }
  Result<ArticleRequest> unknown_section = ParseUpdate(Object(R"({"section": "nowhere"})"), base, store_);
  EXPECT_NE(unknown_section.error().message.find("POST /api/v1/admin/sections"), std::string::npos);
}

TEST_F(ArticleFieldsTest, CreatingNeedsAHeadlineAndOnlyEditableFields) {
  Result<ArticleRequest> r =
      ParseCreate(Object(R"({"headline": "New", "section": "world", "comment_policy": "closed"})"), store_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->content.headline, "New");
  EXPECT_EQ(r->content.section, "World");
  EXPECT_EQ(r->policy, comments::Policy::kClosed);
  EXPECT_EQ(ParseCreate(Object(R"({"lead": "x"})"), store_).error().field, "headline");
  EXPECT_EQ(ParseCreate(Object(R"({"headline": "x", "status": "published"})"), store_).error().field, "status");
  EXPECT_EQ(ParseCreate(Object(R"({"headline": "x", "version": 1})"), store_).error().field, "version");
  EXPECT_EQ(ParseCreate(Object(R"({"headline": "x", "correction_note": "y"})"), store_).error().field,
            "correction_note");
}

TEST_F(ArticleFieldsTest, ARenamedTagOrSectionKeepsItsArticlesThroughASave) {
  newsroom::Story story = Create(editor_, "Tram line extended");
  core::Id tag_id = story.article.tags.at(0).id;
  core::Id section_id = story.article.section->id;
  // Renamed with addresses that the new names would not make.
  ASSERT_TRUE(newsroom_.UpdateTag(editor_, tag_id, "Public transport", "transport").ok());
  ASSERT_TRUE(newsroom_.UpdateSection(editor_, section_id, "International", "world").ok());
  Result<newsroom::Story> reloaded = newsroom_.Open(editor_, story.article.id);
  ASSERT_TRUE(reloaded.ok());
  // A save that leaves them alone, and one that names the tag as clients see it.
  for (const char* body : {R"({"lead": "Changed"})", R"({"tags": ["Public transport"]})"}) {
    Result<ArticleRequest> r = ParseUpdate(Object(body), BaseDraft(*reloaded, false), store_);
    ASSERT_TRUE(r.ok());
    newsroom::ArticleEdit edit;
    edit.content = r->content;
    edit.version = reloaded->article.version;
    Result<newsroom::Story> saved = newsroom_.Save(editor_, story.article.id, edit);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    ASSERT_EQ(saved->article.tags.size(), 1u) << body;
    EXPECT_EQ(saved->article.tags[0].id, tag_id) << body;
    EXPECT_EQ(saved->article.section->id, section_id) << body;
    reloaded = saved;
  }
  EXPECT_EQ(store_.ListTags()->size(), 1u);
  EXPECT_EQ(store_.ListSections()->size(), 2u);
}

TEST_F(ArticleFieldsTest, AnAuthorsEditOfTheirPublishedArticleShowsAsPending) {
  newsroom::Story story = Create(author_, "Bridge reopens");
  ASSERT_TRUE(newsroom_.Publish(editor_, story.article.id).ok());
  story = *newsroom_.Open(author_, story.article.id);
  ASSERT_TRUE(newsroom_.Can(author_, story).edit_pending);
  Result<ArticleRequest> r =
      ParseUpdate(Object(R"({"headline": "Bridge reopens early", "section": "sci"})"), BaseDraft(story, true), store_);
  ASSERT_TRUE(r.ok());
  newsroom::ArticleEdit edit;
  edit.content = r->content;
  edit.version = story.article.version;
  Result<newsroom::Story> saved = newsroom_.Save(author_, story.article.id, edit);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  json::object o = Current(*saved);
  EXPECT_EQ(o.at("headline"), "Bridge reopens");  // readers still see the live version
  ASSERT_TRUE(o.at("pending").is_object());
  const json::object& p = o.at("pending").as_object();
  EXPECT_EQ(p.at("state"), "draft");
  EXPECT_EQ(p.at("headline"), "Bridge reopens early");
  EXPECT_EQ(p.at("section"), "sci");
  EXPECT_EQ(p.at("tags"), json::array{"Transport"});
  EXPECT_EQ(p.at("author"), "Al Author");
  EXPECT_TRUE(p.at("publish_at").is_null());

  // The next partial edit starts from the pending one, not from the live article.
  Result<ArticleRequest> next = ParseUpdate(Object(R"({"lead": "Now a lead"})"), BaseDraft(*saved, true), store_);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->content.headline, "Bridge reopens early");
  EXPECT_EQ(next->content.lead, "Now a lead");
}

}  // namespace
}  // namespace gazette::api
