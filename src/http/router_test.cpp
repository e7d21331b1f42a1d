#include "http/router.h"

#include <gtest/gtest.h>

#include "http/access_log.h"
#include "http/status.h"

namespace gazette::http {
namespace {

Request Make(Method method, std::string path, std::string_view name = "") {
  Request r;
  r.method = method;
  r.method_name = name.empty() ? MethodName(method) : name;
  r.path = std::move(path);
  return r;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Get("/", [](const Request&, const PathParams&) { return Response::Text(200, "front"); });
    router_.Get("/news/{ref}", [](const Request&, const PathParams& p) { return Response::Text(200, "news " + std::string(p.Get("ref"))); });
    router_.Post("/news/{ref}/report", [](const Request&, const PathParams&) { return Response::Text(202, "reported"); });
    router_.SetNotFound([](const Request&) { return Response::Html(404, "<p>nope</p>"); });
  }
  Router router_;
};

TEST_F(RouterTest, MatchesLiteralAndParameterSegments) {
  EXPECT_EQ(router_.Dispatch(Make(Method::kGet, "/")).body, "front");
  EXPECT_EQ(router_.Dispatch(Make(Method::kGet, "/news/42-slug")).body, "news 42-slug");
  EXPECT_EQ(router_.Dispatch(Make(Method::kPost, "/news/42/report")).status, 202);
}

TEST_F(RouterTest, HeadUsesTheGetRoute) { EXPECT_EQ(router_.Dispatch(Make(Method::kHead, "/")).body, "front"); }

TEST_F(RouterTest, UnknownPathsGoToTheNotFoundHandler) {
  for (const char* path : {"/news", "/news/", "/news/1/2", "/nothing", "//"}) {
    EXPECT_EQ(router_.Dispatch(Make(Method::kGet, path)).status, 404) << path;
  }
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
  Response r = router_.Dispatch(Make(Method::kDelete, "/news/1"));
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Get("Allow"), "GET, HEAD");
  EXPECT_EQ(router_.Dispatch(Make(Method::kGet, "/news/1/report")).Get("allow"), "POST");
}

TEST_F(RouterTest, UnknownMethodsAre501) {
  EXPECT_EQ(router_.Dispatch(Make(Method::kOther, "/", "BREW")).status, 501);
}

TEST(SplitTarget, DecodesThePathAndKeepsTheQuery) {
  std::string path;
  std::string_view query;
  ASSERT_TRUE(SplitTarget("/tag/caf%C3%A9?page=2&x=%20", path, query));
  EXPECT_EQ(path, "/tag/café");
  EXPECT_EQ(query, "page=2&x=%20");
  EXPECT_FALSE(SplitTarget("no-slash", path, query));
  EXPECT_FALSE(SplitTarget("/a%zz", path, query));
  EXPECT_FALSE(SplitTarget("/a%00b", path, query));
  EXPECT_FALSE(SplitTarget("", path, query));
  ASSERT_TRUE(SplitTarget("http://news.example.org/latest?page=2", path, query));  // the absolute form
  EXPECT_EQ(path, "/latest");
  EXPECT_EQ(query, "page=2");
  ASSERT_TRUE(SplitTarget("http://news.example.org", path, query));
  EXPECT_EQ(path, "/");
}

TEST(SplitTarget, PlainTargetsSplitAsTheUrlParserWould) {
  std::string path;
  std::string_view query;
  ASSERT_TRUE(SplitTarget("/news/a-b_c.d~e", path, query));
  EXPECT_EQ(path, "/news/a-b_c.d~e");
  EXPECT_EQ(query, "");
  ASSERT_TRUE(SplitTarget("/?page=2", path, query));
  EXPECT_EQ(path, "/");
  EXPECT_EQ(query, "page=2");
  ASSERT_TRUE(SplitTarget("/search?q=a+b&x=y?z", path, query));  // the first '?' ends the path
  EXPECT_EQ(path, "/search");
  EXPECT_EQ(query, "q=a+b&x=y?z");
  ASSERT_TRUE(SplitTarget("/a//b:c@d", path, query));
  EXPECT_EQ(path, "/a//b:c@d");
  // Anything else goes through the URL parser: decoded, or refused.
  ASSERT_TRUE(SplitTarget("/caf%C3%A9?q=%20", path, query));
  EXPECT_EQ(path, "/café");
  EXPECT_EQ(query, "q=%20");
  EXPECT_FALSE(SplitTarget("/a b", path, query));
  EXPECT_FALSE(SplitTarget("/a\"b", path, query));
  EXPECT_FALSE(SplitTarget("/a<b>", path, query));
  EXPECT_FALSE(SplitTarget("/a\\b", path, query));
}

TEST(Request, HeadersAreCaseInsensitiveAndQueryParamsDecoded) {
  Request r;
  r.headers = {{"Content-Type", "text/plain"}, {"X-Thing", "1"}};
  // A view into a longer buffer, as the server makes them: the parameter
  // must end where the view ends.
  std::string buffer = "page=2&q=caf%C3%A9+au+lait&empty HTTP/1.1\r\n";
  r.query = std::string_view(buffer).substr(0, buffer.find(' '));
  EXPECT_EQ(r.Header("content-type"), "text/plain");
  EXPECT_EQ(r.Header("x-missing"), "");
  EXPECT_EQ(r.QueryParam("page"), "2");
  EXPECT_EQ(r.QueryParam("empty"), "");
  EXPECT_EQ(r.QueryParam("q"), "café au lait");
  EXPECT_FALSE(r.QueryParam("missing").has_value());
}

TEST(Response, SerializesWithServerHeadersAndHeadOmitsTheBody) {
  Response r = Response::Html(200, "<p>hi</p>");
  r.Set("content-type", "text/html; charset=utf-8");  // replaces, case-insensitively
  std::string out;
  HeaderList common = {{"X-Content-Type-Options", "nosniff"}, {"Content-Type", "ignored: the response sets its own"}};
  Serialize(r, common, "Wed, 25 Nov 2026 12:00:00 GMT", true, false, out);
  EXPECT_EQ(out,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n"
            "Date: Wed, 25 Nov 2026 12:00:00 GMT\r\nContent-Length: 9\r\nConnection: keep-alive\r\n\r\n<p>hi</p>");
  std::string head;
  Serialize(r, {}, "D", false, true, head);
  EXPECT_NE(head.find("Content-Length: 9\r\nConnection: close\r\n\r\n"), std::string::npos);
  EXPECT_EQ(head.substr(head.size() - 4), "\r\n\r\n");
  std::string not_modified;
  Response nm;
  nm.status = 304;
  Serialize(nm, {}, "D", true, false, not_modified);
  EXPECT_EQ(not_modified.find("Content-Length"), std::string::npos);
}

TEST(StatusFor, MapsEveryErrorCode) {
  EXPECT_EQ(StatusFor(base::ErrorCode::kInvalid), 400);
  EXPECT_EQ(StatusFor(base::ErrorCode::kNotFound), 404);
  EXPECT_EQ(StatusFor(base::ErrorCode::kConflict), 409);
  EXPECT_EQ(StatusFor(base::ErrorCode::kForbidden), 403);
  EXPECT_EQ(StatusFor(base::ErrorCode::kUnavailable), 503);
  EXPECT_EQ(StatusFor(base::ErrorCode::kRateLimited), 429);
  EXPECT_EQ(StatusFor(base::ErrorCode::kInternal), 500);
}

TEST(AccessLog, OneLineAndNoForgedLines) {
  AccessRecord r;
  r.remote_address = "127.0.0.1";
  r.method = "GET";
  r.target = "/x\n127.0.0.1 \"GET /forged\"";
  r.status = 404;
  r.bytes = 12;
  r.duration = std::chrono::microseconds(1500);
  std::string line = FormatAccessLine(r, "2026-11-25T12:00:00Z");
  EXPECT_EQ(line, "127.0.0.1 [2026-11-25T12:00:00Z] \"GET /x\\x0A127.0.0.1 \\x22GET /forged\\x22 HTTP/1.1\" 404 12 1.500ms\n");
}

}  // namespace
}  // namespace gazette::http
