#include "render/theme.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>
#include <vector>

#include "render/excerpt.h"

namespace gazette::render {
namespace {

namespace fs = std::filesystem;
const std::string kTheme = std::string(GAZETTE_SOURCE_DIR) + "/themes/default";

TEST(Theme, TheDefaultThemeLoadsInEveryLanguage) {
  for (const char* language : {"en", "ru"}) {
    auto theme = Theme::Load(kTheme, language);
    ASSERT_TRUE(theme.ok()) << theme.error().message;
    EXPECT_EQ((*theme)->locale().code(), language);
    const Asset* css = (*theme)->assets().Find("site.css");
    ASSERT_NE(css, nullptr);
    EXPECT_TRUE(std::regex_match(css->url, std::regex("/assets/site\\.[0-9a-f]{10}\\.css")));
    EXPECT_EQ((*theme)->assets().FindFingerprinted(css->url.substr(8)), css);
  }
  EXPECT_FALSE(Theme::Load(kTheme, "xx").ok());
  EXPECT_FALSE(Theme::Load("/nonexistent", "en").ok());
}

TEST(Theme, OnlyHtmlVariablesAreUnescaped) {
  // The :none modifier switches escaping off; only *_html variables, which
  // carry HTML the server made safe, may use it.
  std::regex none("\\{\\{([A-Za-z0-9_]+):none\\}\\}");
  for (const auto& entry : fs::directory_iterator(kTheme + "/templates")) {
    std::ifstream in(entry.path());
    std::string text((std::istreambuf_iterator<char>(in)), {});
    for (std::sregex_iterator it(text.begin(), text.end(), none), end; it != end; ++it) {
      std::string name = (*it)[1];
      EXPECT_TRUE(name.size() > 5 && name.ends_with("_html")) << entry.path() << " uses " << name << ":none";
    }
  }
}

class RenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gazette-theme-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "templates");
    fs::create_directories(dir_ / "locales");
    fs::copy_file(kTheme + "/locales/en.toml", dir_ / "locales" / "en.toml", fs::copy_options::overwrite_existing);
    Write("layout.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<p title=\"{{title}}\">{{title}}</p>{{>CONTENT}}");
    Write("page.tpl",
          "{{%AUTOESCAPE context=\"HTML\"}}\n<a href=\"{{url}}\">{{text}}</a>{{#ITEM}}<i>{{n}}</i>{{/ITEM}}{{body_html:none}}"
          "<b>{{t_read_next}}</b>");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / "templates" / name) << text; }

  fs::path dir_;
};

TEST_F(RenderTest, EscapesByContextAndLoops) {
  auto theme = Theme::Load(dir_.string(), "en");
  ASSERT_TRUE(theme.ok()) << theme.error().message;
  std::string html = (*theme)->Render("page.tpl", [](Dict& layout, Dict& content) {
    layout.Set("title", "\"Tom & Jerry\" <b>");
    content.Set("url", "javascript:alert(1)").Set("text", "<script>x</script>");
    content.Add("ITEM").Set("n", 1L);
    content.Add("ITEM").Set("n", 2L);
    content.Set("body_html", "<em>trusted</em>");
  });
  EXPECT_NE(html.find("<p title=\"&quot;Tom &amp; Jerry&quot; &lt;b&gt;\">&quot;Tom &amp; Jerry&quot; &lt;b&gt;</p>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<a href=\"#\">&lt;script&gt;x&lt;/script&gt;</a>"), std::string::npos) << html;
  EXPECT_NE(html.find("<i>1</i><i>2</i>"), std::string::npos);
  EXPECT_NE(html.find("<em>trusted</em>"), std::string::npos);
  EXPECT_NE(html.find("<b>Read next</b>"), std::string::npos);
}

// Keys are registered once per name (see Key in theme.cpp); renders on
// several threads and more names than are kept registered still fill every
// variable.
TEST_F(RenderTest, ManyKeysOnSeveralThreadsRenderAlike) {
  Write("page.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<a href=\"{{url}}\">{{text}}</a>{{late_key_4999}}");
  auto theme = Theme::Load(dir_.string(), "en");
  ASSERT_TRUE(theme.ok()) << theme.error().message;
  auto render = [&](int run) {
    return (*theme)->Render("page.tpl", [run](Dict&, Dict& content) {
      content.Set("url", "/a").Set("text", "run " + std::to_string(run));
      for (int i = 0; i < 5000; ++i) content.Set("late_key_" + std::to_string(i), "v" + std::to_string(i));
    });
  };
  std::vector<std::string> pages(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([&, t] { pages[t] = render(t); });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) {
    EXPECT_NE(pages[t].find("<a href=\"/a\">run " + std::to_string(t) + "</a>v4999"), std::string::npos) << pages[t];
  }
}

TEST_F(RenderTest, PagesGetTheTextsOfTheTemplatesTheyInclude) {
  Write("page.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<h1>{{t_latest_news}}</h1>{{>FEED}}");
  Write("feed.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<b>{{t_read_next}}</b>");
  Write("other.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<i>{{t_search_button}}</i>");
  auto theme = Theme::Load(dir_.string(), "en");
  ASSERT_TRUE(theme.ok()) << theme.error().message;
  std::string html = (*theme)->Render("page.tpl", [](Dict&, Dict& content) { content.Include("FEED", "feed.tpl"); });
  EXPECT_NE(html.find("<h1>Latest news</h1>"), std::string::npos) << html;
  EXPECT_NE(html.find("<b>Read next</b>"), std::string::npos) << html;  // through the include
  // A template a page does not use brings no texts along.
  std::string other = (*theme)->Render("other.tpl", [](Dict&, Dict&) {});
  EXPECT_NE(other.find("<i>Search</i>"), std::string::npos) << other;
}

TEST_F(RenderTest, RefusesTemplatesWithoutAutoescape) {
  Write("bad.tpl", "<p>{{x}}</p>");
  auto theme = Theme::Load(dir_.string(), "en");
  ASSERT_FALSE(theme.ok());
  EXPECT_NE(theme.error().message.find("bad.tpl:1"), std::string::npos);
}

TEST_F(RenderTest, RefusesTemplatesThatDoNotParse) {
  Write("broken.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n{{#OPEN}}never closed");
  auto theme = Theme::Load(dir_.string(), "en");
  ASSERT_FALSE(theme.ok());
  EXPECT_NE(theme.error().message.find("broken.tpl"), std::string::npos);
}

TEST(HtmlExcerpt, FirstParagraphWithoutTagsCutAtAWord) {
  EXPECT_EQ(HtmlExcerpt("<p>Short <em>one</em>.</p>\n<p>Second.</p>", 100), "Short one.");
  EXPECT_EQ(HtmlExcerpt("<p>one two three four</p>", 10), "one two\u2026");
  EXPECT_EQ(HtmlExcerpt("<p>Tom &amp; Jerry &amp; more</p>", 12), "Tom &amp; Jerry\u2026");
  EXPECT_EQ(HtmlExcerpt("<h2>No paragraph</h2>", 10), "");
  EXPECT_EQ(HtmlExcerpt("<p>Ёлки стоят у дороги</p>", 10), "Ёлки стоят\u2026");
}

}  // namespace
}  // namespace gazette::render
