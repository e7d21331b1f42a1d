#include "admin/article_form.h"

#include <gtest/gtest.h>

namespace gazette::admin {
namespace {

http::Form Parse(std::string_view body) {
  std::optional<http::Form> form = http::Form::Parse(body);
  EXPECT_TRUE(form.has_value()) << body;
  return form.value_or(*http::Form::Parse(""));
}

base::Timestamp Utc(int y, int mo, int d, int h, int mi, int s = 0) {
  return base::TimeZone::Utc().FromLocal({y, mo, d}, {h, mi, s});
}

TEST(ArticleForm, EveryFieldReachesTheEdit) {
  ArticleForm form = ReadArticleForm(Parse(
      "headline=+Talks+in+Geneva+&lead=Line+one%0D%0ALine+two&body=%23+Title%0D%0A%0D%0AText%0D%0A"
      "&section=World&new_section=&tags=Diplomacy%2C+%2C+Ukraine+&authors=Anna+Petrova&source_name=Kommersant"
      "&source_url=https%3A%2F%2Fkommersant.ru%2Fdoc%2F1&breaking=on&seo_title=SEO&seo_description=About"
      "&slug=talks-in-geneva&policy=premoderated&publish_at=2026-11-25T19%3A30&version=7"
      "&correction=on&correction_note=Fixed+a+name&note=Please+check"));
  EXPECT_EQ(form.lead, "Line one\nLine two");
  EXPECT_EQ(form.body, "# Title\n\nText\n");
  EXPECT_TRUE(form.breaking);
  EXPECT_FALSE(form.top);
  EXPECT_EQ(form.policy, "premoderated");
  EXPECT_EQ(form.publish_at, "2026-11-25T19:30");
  EXPECT_EQ(form.note, "Please check");

  base::Result<newsroom::ArticleEdit> edit = EditOf(form);
  ASSERT_TRUE(edit.ok()) << edit.error().message;
  const core::ArticleDraft& d = edit->content;
  EXPECT_EQ(d.headline, "Talks in Geneva");
  EXPECT_EQ(d.body, "# Title\n\nText");
  EXPECT_EQ(d.section, "World");
  EXPECT_EQ(d.tags, (std::vector<std::string>{"Diplomacy", "Ukraine"}));
  EXPECT_EQ(d.authors, (std::vector<std::string>{"Anna Petrova"}));
  EXPECT_EQ(d.source.name, "Kommersant");
  EXPECT_EQ(d.source.url, "https://kommersant.ru/doc/1");
  EXPECT_TRUE(d.breaking);
  EXPECT_FALSE(d.top);
  EXPECT_EQ(d.seo_title, "SEO");
  EXPECT_EQ(d.seo_description, "About");
  EXPECT_EQ(d.slug, "talks-in-geneva");
  EXPECT_EQ(edit->version, 7);
  EXPECT_TRUE(edit->correction);
  EXPECT_EQ(edit->correction_note, "Fixed a name");
}

TEST(ArticleForm, ANewSectionWinsOverTheChosenOne) {
  ArticleForm form = ReadArticleForm(Parse("headline=H&section=World&new_section=+Science+&version=1"));
  EXPECT_EQ(EditOf(form)->content.section, "Science");
  form = ReadArticleForm(Parse("headline=H&section=&version=1"));
  EXPECT_EQ(EditOf(form)->content.section, "");
}

TEST(ArticleForm, UntickedBoxesAndMissingPolicy) {
  ArticleForm form = ReadArticleForm(Parse("headline=H&version=1"));
  EXPECT_FALSE(form.breaking);
  EXPECT_FALSE(form.correction);
  EXPECT_EQ(form.policy, "inherit");
}

TEST(ArticleForm, AVersionThatIsNotANumberNamesTheField) {
  for (const char* body : {"headline=H&version=x", "headline=H&version=-3", "headline=H&version=1e3",
                           "headline=H&version=9999999999999999999999"}) {
    base::Result<newsroom::ArticleEdit> edit = EditOf(ReadArticleForm(Parse(body)));
    ASSERT_FALSE(edit.ok()) << body;
    EXPECT_EQ(edit.error().field, "version");
  }
  // A new article's form has no version.
  EXPECT_EQ(EditOf(ReadArticleForm(Parse("headline=H")))->version, 0);
}

TEST(ArticleForm, RoundTripsThroughTheForm) {
  core::ArticleDraft d;
  d.headline = "Talks";
  d.lead = "Lead";
  d.body = "Para one\n\nPara two";
  d.section = "World";
  d.tags = {"Diplomacy", "Ukraine"};
  d.authors = {"Anna Petrova", "Ivan Sidorov"};
  d.source = {"TASS", "https://tass.ru"};
  d.top = true;
  d.slug = "talks";
  ArticleForm form = FormOf(d, 12);
  EXPECT_EQ(form.tags, "Diplomacy, Ukraine");
  EXPECT_EQ(form.authors, "Anna Petrova, Ivan Sidorov");
  EXPECT_EQ(form.version, "12");
  base::Result<newsroom::ArticleEdit> edit = EditOf(form);
  ASSERT_TRUE(edit.ok());
  EXPECT_EQ(edit->version, 12);
  EXPECT_TRUE(SameContent(edit->content, d));
}

TEST(SplitNames, CommasTrimmedAndEmptyDropped) {
  EXPECT_EQ(SplitNames(""), std::vector<std::string>{});
  EXPECT_EQ(SplitNames(" , ,"), std::vector<std::string>{});
  EXPECT_EQ(SplitNames("a"), std::vector<std::string>{"a"});
  EXPECT_EQ(SplitNames(" Anna Petrova ,Ivan,"), (std::vector<std::string>{"Anna Petrova", "Ivan"}));
  EXPECT_EQ(JoinNames({}), "");
  EXPECT_EQ(JoinNames({"a", "b c"}), "a, b c");
}

TEST(SameContent, NoticesEveryFieldButNotSpacingOrAnEmptySlug) {
  core::ArticleDraft current;
  current.headline = "Talks";
  current.body = "Body";
  current.section = "World News";
  current.tags = {"Diplomacy"};
  current.slug = "talks";
  core::ArticleDraft edited = current;
  edited.headline = " Talks ";
  edited.section = "world news";
  edited.tags = {" Diplomacy"};
  edited.slug = "";
  EXPECT_TRUE(SameContent(edited, current));

  auto changed = [&](auto change) {
    core::ArticleDraft e = current;
    change(e);
    return !SameContent(e, current);
  };
  EXPECT_TRUE(changed([](core::ArticleDraft& e) { e.headline = "Talks end"; }));
  EXPECT_TRUE(changed([](core::ArticleDraft& e) { e.lead = "New lead"; }));
  EXPECT_TRUE(changed([](core::ArticleDraft& e) { e.body = "Body\n\nMore"; }));
  EXPECT_TRUE(changed([](core::ArticleDraft& e) { e.section = ""; }));
  EXPECT_TRUE(changed([](core::ArticleDraft& e) { e.tags = {"Diplomacy", "Ukraine"}; }));
  EXPECT_TRUE(changed([](core::ArticleDraft& e) { e.tags = {}; }));
  EXPECT_TRUE(changed([](core::ArticleDraft& e) { e.authors = {"Anna"}; }));
  EXPECT_TRUE(changed([](core::ArticleDraft& e) { e.source.name = "TASS"; }));
  EXPECT_TRUE(changed([](core::ArticleDraft& e) { e.source.url = "https://tass.ru"; }));
  EXPECT_TRUE(changed([](core::ArticleDraft& e) { e.breaking = true; }));
  EXPECT_TRUE(changed([](core::ArticleDraft& e) { e.top = true; }));
  EXPECT_TRUE(changed([](core::ArticleDraft& e) { e.seo_title = "SEO"; }));
  EXPECT_TRUE(changed([](core::ArticleDraft& e) { e.seo_description = "About"; }));
  EXPECT_TRUE(changed([](core::ArticleDraft& e) { e.slug = "talks-2"; }));
}

TEST(LocalDateTime, ReadInTheSitesZone) {
  base::TimeZone moscow = *base::TimeZone::Load("Europe/Moscow");  // UTC+3 all year
  EXPECT_EQ(*ParseLocalDateTime("2026-11-25T19:30", moscow), Utc(2026, 11, 25, 16, 30));
  EXPECT_EQ(*ParseLocalDateTime("2026-11-25T19:30:15", moscow), Utc(2026, 11, 25, 16, 30, 15));
  EXPECT_EQ(*ParseLocalDateTime(" 2026-11-25 19:30 ", moscow), Utc(2026, 11, 25, 16, 30));
  EXPECT_EQ(*ParseLocalDateTime("2026-01-01T01:00", moscow), Utc(2025, 12, 31, 22, 0));

  base::TimeZone kathmandu = *base::TimeZone::Load("Asia/Kathmandu");  // UTC+5:45
  EXPECT_EQ(*ParseLocalDateTime("2026-06-01T12:00", kathmandu), Utc(2026, 6, 1, 6, 15));

  // Summer and winter time: New York is UTC-4 in July, UTC-5 in January.
  base::TimeZone ny = *base::TimeZone::Load("America/New_York");
  EXPECT_EQ(*ParseLocalDateTime("2026-07-01T09:00", ny), Utc(2026, 7, 1, 13, 0));
  EXPECT_EQ(*ParseLocalDateTime("2026-01-15T09:00", ny), Utc(2026, 1, 15, 14, 0));
  // 02:30 on the night clocks go forward does not exist: the moment after the gap.
  EXPECT_EQ(*ParseLocalDateTime("2026-03-08T02:30", ny), Utc(2026, 3, 8, 7, 0));
}

TEST(LocalDateTime, RefusesWhatIsNotADateAndTime) {
  base::TimeZone utc = base::TimeZone::Utc();
  for (const char* text : {"", "   ", "2026-11-25", "19:30", "2026-02-30T10:00", "2026-11-25T24:00",
                           "2026-11-25T10:60", "2026-11-25T10:00:61", "2026-11-25T10:00:5x", "tomorrow",
                           "2026-11-25X10:00", "2026-11-25T10"}) {
    base::Result<base::Timestamp> at = ParseLocalDateTime(text, utc);
    EXPECT_FALSE(at.ok()) << '"' << text << '"';
    if (!at.ok()) {
      EXPECT_EQ(at.error().field, "publish_at");
    }
  }
}

TEST(LocalDateTime, TheInputShowsTheSitesWallClock) {
  base::TimeZone moscow = *base::TimeZone::Load("Europe/Moscow");
  EXPECT_EQ(LocalDateTimeValue(Utc(2026, 11, 25, 16, 30), moscow), "2026-11-25T19:30");
  EXPECT_EQ(LocalDateTimeValue(Utc(2026, 11, 25, 16, 30, 5), moscow), "2026-11-25T19:30:05");
  EXPECT_EQ(LocalDateTimeValue(Utc(2025, 12, 31, 22, 0), moscow), "2026-01-01T01:00");
  base::Timestamp t = Utc(2026, 4, 2, 3, 4, 59);
  EXPECT_EQ(*ParseLocalDateTime(LocalDateTimeValue(t, moscow), moscow), t);
}

}  // namespace
}  // namespace gazette::admin
