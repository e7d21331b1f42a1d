// The API's handlers through the router, over the in-memory store: what
// the content API shows and hides, its caching, the admin API's tokens,
// and a write on the writes pool. tests/e2e/test_api.py covers every
// endpoint against the real binary.
#include "api/api.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <future>

#include "storage/memory/memory_store.h"

namespace gazette::api {
namespace {

using accounts::Role;

class Bodies final : public core::BodyRenderer {
 public:
  std::string MarkdownToHtml(std::string_view markdown) const override {
    return "<p>" + std::string(markdown) + "</p>";
  }
};
class CommentText final : public comments::CommentRenderer {
 public:
  std::string ToHtml(std::string_view text) const override { return "<p>" + std::string(text) + "</p>"; }
};

struct Answer {
  http::Response response;
  json::value body;
};

class ApiTest : public ::testing::Test {
 protected:
  ApiTest() {
    site_.base_url = "https://news.example.org";
    site_.zone = *base::TimeZone::Load("Europe/Moscow");
    api_.AddRoutes(router_);
    editor_token_ = accounts_.CreateToken(accounts::CommandLine(), "Desk bot", Role::kEditor)->second;
    author_token_ = accounts_.CreateToken(accounts::CommandLine(), "Al Author", Role::kAuthor)->second;
  }

  // Dispatches a request and waits for an answer that comes later.
  Answer Call(http::Method method, std::string target, std::string body = {}, std::string token = {},
              std::vector<std::pair<std::string, std::string>> headers = {}) {
    std::string path = target.substr(0, target.find('?'));
    std::string query = target.find('?') == std::string::npos ? "" : target.substr(target.find('?') + 1);
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    http::Request r;
    r.method = method;
    r.method_name = http::MethodName(method);
    r.target = target;
    r.path = path;
    r.query = query;
    r.body = body;
    for (const auto& [k, v] : headers) r.headers.emplace_back(k, v);
    http::Response response = router_.Dispatch(r);
    if (response.deferred) {
      std::promise<http::Response> later;
      response.deferred->OnComplete([&](http::Response done) { later.set_value(std::move(done)); });
      response = later.get_future().get();
    }
    json::value parsed = response.body.empty() ? json::value(nullptr) : json::parse(response.body);
    return {std::move(response), std::move(parsed)};
  }
  Answer Get(std::string target, std::string token = {}) {
    return Call(http::Method::kGet, std::move(target), {}, token);
  }

  // An article published by the command line (like an import).
  core::Id Published(const std::string& headline, const std::string& section, const std::string& tag) {
    core::ArticleDraft d;
    d.headline = headline;
    d.body = "Body.";
    d.section = section;
    d.tags = {tag};
    d.authors = {"Anna Petrova"};
    d.status = core::ArticleStatus::kPublished;
    d.published_at = clock_.Now() - std::chrono::hours(1);
    core::Id id = 0;
    EXPECT_TRUE(store_
                    .Write([&](core::ContentWriter& w) -> Status {
                      Result<core::Id> made = publisher_.Create(w, d);
                      if (!made.ok()) return std::move(made).error();
                      id = *made;
                      return {};
                    })
                    .ok());
    return id;
  }

  storage::MemoryStore store_;
  Bodies bodies_;
  CommentText comment_text_;
  base::FixedClock clock_{base::FromUnixSeconds(1'764'000'000)};
  core::Publisher publisher_{bodies_, clock_};
  core::ReadingService reading_{store_};
  newsroom::NewsroomService newsroom_{store_, store_, publisher_, clock_};
  accounts::AccountService accounts_{store_, clock_, accounts::AccountSettings{}};
  comments::CommentSettings comment_settings_;
  comments::CommentService comments_{store_, comment_text_, clock_, comment_settings_, comments::Pipeline::Default()};
  comments::ModerationService moderation_{store_, clock_, comment_settings_};
  web::SiteSettings site_;
  base::WorkerPool writes_{"writes", 1, 16};
  Api api_{ApiServices{store_, reading_, newsroom_, accounts_, comments_, moderation_, site_, writes_, clock_}};
  http::Router router_;
  std::string editor_token_, author_token_;
};

TEST_F(ApiTest, TheContentApiShowsPublishedArticlesOnlyInTheFullShape) {
  core::Id live = Published("Bridge reopens", "City", "Transport");
  Answer draft = Call(http::Method::kPost, "/api/v1/admin/articles",
                      R"({"headline": "Secret draft", "tags": ["Hidden"]})", editor_token_);
  ASSERT_EQ(draft.response.status, 201) << draft.response.body;
  std::int64_t draft_id = draft.body.at("id").as_int64();

  Answer list = Get("/api/v1/articles");
  EXPECT_EQ(list.response.status, 200);
  EXPECT_EQ(list.body.at("total"), 1);
  const json::object& a = list.body.at("articles").at(0).as_object();
  EXPECT_EQ(a.at("id"), live);
  EXPECT_EQ(a.at("body"), "Body.");
  EXPECT_EQ(a.at("tags"), json::array{"Transport"});
  EXPECT_EQ(a.at("authors"), json::array{"Anna Petrova"});

  EXPECT_EQ(Get("/api/v1/articles/" + std::to_string(live)).body.at("headline"), "Bridge reopens");
  EXPECT_EQ(Get("/api/v1/articles/bridge-reopens").body.at("id"), live);
  EXPECT_EQ(Get("/api/v1/articles/" + std::to_string(draft_id)).response.status, 404);
  EXPECT_EQ(Get("/api/v1/articles/secret-draft").response.status, 404);
  // A draft's tag stays unknown to the public.
  Answer tags = Get("/api/v1/tags");
  EXPECT_EQ(tags.body.at("total"), 1);
  EXPECT_EQ(tags.body.at("tags").at(0).at("slug"), "transport");
  EXPECT_EQ(Get("/api/v1/authors").body.at("authors").at(0).at("url"), "https://news.example.org/author/anna-petrova");
}

TEST_F(ApiTest, FiltersThatNameNothingAre404AndBadParametersAre422) {
  Published("Bridge reopens", "City", "Transport");
  EXPECT_EQ(Get("/api/v1/articles?section=city").body.at("total"), 1);
  EXPECT_EQ(Get("/api/v1/articles?tag=transport&author=anna-petrova").body.at("total"), 1);
  Answer section = Get("/api/v1/articles?section=nowhere");
  EXPECT_EQ(section.response.status, 404);
  EXPECT_EQ(section.body.at("error").at("field"), "section");
  EXPECT_EQ(section.response.Get("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(Get("/api/v1/articles?tag=nothing").response.status, 404);
  EXPECT_EQ(Get("/api/v1/articles?author=nobody").response.status, 404);
  for (const char* bad : {"limit=0", "offset=x", "from=yesterday", "to=2026-02-30"}) {
    Answer r = Get(std::string("/api/v1/articles?") + bad);
    EXPECT_EQ(r.response.status, 422) << bad;
    EXPECT_EQ(r.body.at("error").at("field"), json::value(std::string(bad).substr(0, std::string(bad).find('='))))
        << bad;
  }
  // Dates are read in the site's zone; `to` is exclusive.
  std::string day = base::FormatIso8601(clock_.Now(), site_.zone).substr(0, 10);
  EXPECT_EQ(Get("/api/v1/articles?from=" + day).body.at("total"), 1);
  EXPECT_EQ(Get("/api/v1/articles?to=" + day).body.at("total"), 0);
  EXPECT_EQ(Get("/api/v1/articles?from=" + day + "&to=" + day).response.status, 422);
}

TEST_F(ApiTest, ContentAnswersCarryCacheHeadersAndRevalidate) {
  Published("Bridge reopens", "City", "Transport");
  Answer first = Get("/api/v1/latest");
  EXPECT_EQ(first.response.Get("Cache-Control"), kPublicCache);
  std::string etag(first.response.Get("ETag"));
  Answer again = Call(http::Method::kGet, "/api/v1/latest", {}, {}, {{"If-None-Match", etag}});
  EXPECT_EQ(again.response.status, 304);
  Published("Second story", "City", "Transport");
  Answer changed = Call(http::Method::kGet, "/api/v1/latest", {}, {}, {{"If-None-Match", etag}});
  EXPECT_EQ(changed.response.status, 200);
  EXPECT_EQ(changed.body.at("articles").as_array().size(), 2u);
  EXPECT_EQ(changed.body.at("articles").at(0).at("headline"), "Second story");
}

TEST_F(ApiTest, TheAdminApiNeedsAValidBearerToken) {
  Answer none = Get("/api/v1/admin/articles");
  EXPECT_EQ(none.response.status, 401);
  EXPECT_EQ(none.response.Get("WWW-Authenticate"), "Bearer realm=\"gazette\"");
  Answer wrong = Get("/api/v1/admin/articles", "gzt_not-a-real-token");
  EXPECT_EQ(wrong.response.status, 401);
  EXPECT_EQ(wrong.body.at("error").at("code"), "unauthorized");
  Answer basic = Call(http::Method::kGet, "/api/v1/admin/articles", {}, {}, {{"Authorization", "Basic YTpi"}});
  EXPECT_EQ(basic.response.status, 401);
  Answer ok = Get("/api/v1/admin/articles", editor_token_);
  EXPECT_EQ(ok.response.status, 200);
  EXPECT_EQ(ok.response.Get("Cache-Control"), "no-store");
}

TEST_F(ApiTest, AnAuthorsTokenCannotTouchSomeoneElsesArticle) {
  Answer made = Call(http::Method::kPost, "/api/v1/admin/articles", R"({"headline": "Editor's piece"})", editor_token_);
  ASSERT_EQ(made.response.status, 201);
  EXPECT_EQ(made.response.Get("Location"), "/api/v1/admin/articles/" + std::to_string(made.body.at("id").as_int64()));
  std::string path = "/api/v1/admin/articles/" + std::to_string(made.body.at("id").as_int64());
  EXPECT_EQ(Get(path, author_token_).response.status, 403);
  EXPECT_EQ(Call(http::Method::kPut, path, R"({"version": 1, "headline": "Mine"})", author_token_).response.status,
            403);
  EXPECT_EQ(Call(http::Method::kPost, path + "/submit", "", author_token_).response.status, 403);
  EXPECT_EQ(Get("/api/v1/admin/articles", author_token_).body.at("total"), 0);
}

TEST_F(ApiTest, APutCarriesItsVersionAndAStaleOneChangesNothing) {
  Answer made = Call(http::Method::kPost, "/api/v1/admin/articles", R"({"headline": "First"})", author_token_);
  std::string path = "/api/v1/admin/articles/" + std::to_string(made.body.at("id").as_int64());
  Answer missing = Call(http::Method::kPut, path, R"({"headline": "Second"})", author_token_);
  EXPECT_EQ(missing.response.status, 422);
  EXPECT_EQ(missing.body.at("error").at("field"), "version");
  Answer saved = Call(http::Method::kPut, path, R"({"version": 1, "headline": "Second"})", author_token_);
  ASSERT_EQ(saved.response.status, 200) << saved.response.body;
  EXPECT_EQ(saved.body.at("version"), 2);
  Answer stale = Call(http::Method::kPut, path, R"({"version": 1, "headline": "Third"})", author_token_);
  EXPECT_EQ(stale.response.status, 409);
  EXPECT_EQ(Get(path, author_token_).body.at("headline"), "Second");
  Answer malformed = Call(http::Method::kPut, path, R"({"version": 2, "headline": )", author_token_);
  EXPECT_EQ(malformed.response.status, 400);
}

TEST_F(ApiTest, TheOpenApiDocumentIsServed) {
  Answer doc = Get("/api/v1/openapi.json");
  EXPECT_EQ(doc.response.status, 200);
  EXPECT_EQ(doc.response.Get("Content-Type"), "application/json");
  EXPECT_EQ(std::string(doc.body.at("openapi").as_string()).substr(0, 3), "3.1");
  EXPECT_TRUE(doc.body.at("paths").as_object().contains("/api/v1/admin/articles/{id}"));
}

}  // namespace
}  // namespace gazette::api
