// What every endpoint shares: statuses and the error shape, bodies and
// typed fields, query parameters, times, ETags and the public cache policy.
#include "api/api_json.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace gazette::api {
namespace {

using base::ErrorCode;

json::object Parsed(const http::Response& r) { return json::parse(r.body).as_object(); }

http::Request WithQuery(std::string_view query) {
  http::Request r;
  r.path = "/api/v1/articles";
  r.query = query;
  return r;
}

json::object Object(std::string_view text) { return json::parse(text).as_object(); }

base::TimeZone Moscow() { return *base::TimeZone::Load("Europe/Moscow"); }

TEST(ApiJson, InvalidIs422AndTheOtherCodesKeepTheSiteStatuses) {
  EXPECT_EQ(StatusFor(ErrorCode::kInvalid), 422);
  EXPECT_EQ(StatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(StatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kForbidden), 403);
  EXPECT_EQ(StatusFor(ErrorCode::kRateLimited), 429);
}

TEST(ApiJson, ErrorsHaveOneShapeWithFieldNullWhenNoneIsNamed) {
  http::Response r = ApiError(base::Error::Invalid("The headline is empty.", "headline"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.Get("Content-Type"), "application/json");
  EXPECT_EQ(r.Get("Cache-Control"), "no-store");
  json::object e = Parsed(r).at("error").as_object();
  EXPECT_EQ(e.at("code"), "invalid");
  EXPECT_EQ(e.at("message"), "The headline is empty.");
  EXPECT_EQ(e.at("field"), "headline");

  json::object missing = Parsed(ApiError(base::Error::NotFound("There is no such article."))).at("error").as_object();
  EXPECT_TRUE(missing.at("field").is_null());

  http::Response limited = ApiError(base::Error::RateLimited("Slow down.", 30));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.Get("Retry-After"), "30");
  EXPECT_EQ(Parsed(limited).at("error").at("retry_after"), 30);
}

TEST(ApiJson, UnauthorizedAsksForABearerToken) {
  http::Response none = Unauthorized("Send a token.", false);
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.Get("WWW-Authenticate"), "Bearer realm=\"gazette\"");
  http::Response bad = Unauthorized("Unknown token.", true);
  EXPECT_NE(bad.Get("WWW-Authenticate").find("error=\"invalid_token\""), std::string_view::npos);
  EXPECT_EQ(Parsed(bad).at("error").at("code"), "unauthorized");
  EXPECT_EQ(BadRequest("Not JSON.").status, 400);
}

TEST(ApiJson, BodiesAreObjectsAndAnEmptyOneIsAcceptedWhereAllowed) {
  std::string problem;
  EXPECT_EQ(ParseBody("", true, problem)->size(), 0u);
  EXPECT_EQ(ParseBody("  \n", true, problem)->size(), 0u);
  EXPECT_FALSE(ParseBody("", false, problem));
  EXPECT_NE(problem.find("JSON object"), std::string::npos);
  EXPECT_FALSE(ParseBody("{\"headline\": ", false, problem));
  EXPECT_NE(problem.find("not valid JSON"), std::string::npos);
  EXPECT_FALSE(ParseBody("[1, 2]", true, problem));
  EXPECT_NE(problem.find("must be a JSON object"), std::string::npos);
  EXPECT_EQ(ParseBody("{\"a\": 1}", false, problem)->at("a"), 1);
}

TEST(ApiJson, TypedFieldsNameTheFieldOfTheWrongType) {
  json::object o = Object(R"({"s": "text", "n": 5, "b": true, "list": ["a", "b"], "nil": null, "bad": [1]})");
  EXPECT_EQ(**StringField(o, "s"), "text");
  EXPECT_FALSE(*StringField(o, "absent"));
  EXPECT_EQ(StringField(o, "n").error().field, "n");
  EXPECT_EQ(**StringField(o, "nil", true), "");
  EXPECT_FALSE(StringField(o, "nil").ok());
  EXPECT_EQ(**IntField(o, "n"), 5);
  EXPECT_EQ(IntField(o, "s").error().code, ErrorCode::kInvalid);
  EXPECT_TRUE(**BoolField(o, "b"));
  EXPECT_EQ(BoolField(o, "n").error().field, "n");
  EXPECT_EQ((**StringListField(o, "list")).size(), 2u);
  EXPECT_TRUE((**StringListField(o, "nil")).empty());
  EXPECT_EQ(StringListField(o, "bad").error().field, "bad");
  EXPECT_EQ(IntField(Object(R"({"v": 2.0})"), "v").value(), 2);
  EXPECT_FALSE(IntField(Object(R"({"v": 2.5})"), "v").ok());
}

TEST(ApiJson, OnlyKnownFieldsPass) {
  json::object o = Object(R"({"name": "World", "colour": "red"})");
  EXPECT_TRUE(OnlyFields(o, {"name", "colour"}, "a section").ok());
  Status unknown = OnlyFields(o, {"name", "slug"}, "a section");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "colour");
  EXPECT_NE(unknown.error().message.find("\"colour\""), std::string::npos);
}

TEST(ApiJson, LimitAndOffsetAreCheckedAndNamed) {
  Result<Paging> defaults = PagingParams(WithQuery(""));
  EXPECT_EQ(defaults->limit, 20);
  EXPECT_EQ(defaults->offset, 0);
  Result<Paging> given = PagingParams(WithQuery("limit=100&offset=40"));
  EXPECT_EQ(given->limit, 100);
  EXPECT_EQ(given->offset, 40);
  for (std::string_view bad : {"limit=0", "limit=101", "limit=ten", "limit=-1", "limit=", "limit=5x", "limit=+5"}) {
    Result<Paging> p = PagingParams(WithQuery(bad));
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.error().field, "limit") << bad;
    EXPECT_NE(p.error().message.find("1 to 100"), std::string::npos);
  }
  EXPECT_EQ(PagingParams(WithQuery("offset=-3")).error().field, "offset");
  EXPECT_EQ(PagingParams(WithQuery("offset=99999999999")).error().field, "offset");
}

TEST(ApiJson, MomentsAreInstantsWithOffsetsOrDatesInTheSiteZone) {
  base::TimeZone zone = Moscow();
  // A date is its first second in the site's zone (Moscow is UTC+3).
  EXPECT_EQ(*ParseMoment("2026-11-25", zone, "from"), *base::ParseIso8601("2026-11-24T21:00:00Z"));
  EXPECT_EQ(*ParseMoment("2026-11-25T19:29:00+03:00", zone, "to"), *base::ParseIso8601("2026-11-25T16:29:00Z"));
  EXPECT_EQ(*ParseMoment("2026-11-25T16:29:00Z", zone, "to"), *base::ParseIso8601("2026-11-25T16:29:00Z"));
  for (std::string_view bad : {"2026-02-30", "yesterday", "2026-11-25T19:29", "2026-11-25 19:29:00+03:00", ""}) {
    Result<base::Timestamp> t = ParseMoment(bad, zone, "from");
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().field, "from");
    EXPECT_NE(t.error().message.find("Europe/Moscow"), std::string::npos);
  }
}

TEST(ApiJson, PublishTimesMayBeWallClockTimesInTheSiteZone) {
  base::TimeZone zone = Moscow();
  EXPECT_EQ(*ParsePublishTime("2026-11-25T19:29", zone), *base::ParseIso8601("2026-11-25T16:29:00Z"));
  EXPECT_EQ(*ParsePublishTime("2026-11-25T19:29:30", zone), *base::ParseIso8601("2026-11-25T16:29:30Z"));
  EXPECT_EQ(*ParsePublishTime("2026-11-25T19:29:00-05:00", zone), *base::ParseIso8601("2026-11-26T00:29:00Z"));
  for (std::string_view bad :
       {"2026-11-25T24:00", "2026-11-25T19:29:61", "2026-13-01T10:00", "tomorrow", "2026-11-25"}) {
    Result<base::Timestamp> t = ParsePublishTime(bad, zone);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().field, "at");
  }
}

TEST(ApiJson, IfNoneMatchComparesEntityTagsWeakly) {
  std::string tag = StrongEtag("{\"a\":1}");
  EXPECT_EQ(tag.size(), 34u);
  EXPECT_EQ(tag.front(), '"');
  EXPECT_NE(tag, StrongEtag("{\"a\":2}"));
  EXPECT_TRUE(EtagMatches(tag, tag));
  EXPECT_TRUE(EtagMatches("\"other\", " + tag, tag));
  EXPECT_TRUE(EtagMatches("W/" + tag, tag));
  EXPECT_TRUE(EtagMatches("*", tag));
  EXPECT_FALSE(EtagMatches("", tag));
  EXPECT_FALSE(EtagMatches("\"other\"", tag));
}

TEST(ApiJson, PublicAnswersAreCacheableAndRevalidate) {
  http::Request request = WithQuery("");
  http::Response first = Public(request, json::object{{"sections", json::array{}}});
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.Get("Cache-Control"), kPublicCache);
  EXPECT_EQ(first.Get("Access-Control-Allow-Origin"), "*");
  std::string etag(first.Get("ETag"));
  EXPECT_EQ(etag, StrongEtag(first.body));

  std::vector<std::pair<std::string_view, std::string_view>> headers{{"If-None-Match", etag}};
  request.headers = headers;
  http::Response again = Public(request, json::object{{"sections", json::array{}}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.Get("ETag"), etag);
  EXPECT_EQ(again.Get("Cache-Control"), kPublicCache);
  // A changed answer has another tag, so the client gets it in full.
  http::Response changed = Public(request, json::object{{"sections", json::array{1}}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.Get("ETag"), etag);
}

}  // namespace
}  // namespace gazette::api
