// For the tests of the layers that render pages: the default theme in
// English and the site's Pages on it, for "The Halden Gazette" at
// https://news.example.org. Fails the test when the theme does not load.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "web/pages.h"

namespace gazette::web {

struct TestPages {
  std::unique_ptr<render::Theme> theme;
  std::unique_ptr<Pages> pages;
};

inline TestPages MakeTestPages(core::ReadingService& reading, const base::Clock& clock) {
  TestPages out;
  auto theme = render::Theme::Load(std::string(GAZETTE_SOURCE_DIR) + "/themes/default", "en");
  EXPECT_TRUE(theme.ok()) << (theme.ok() ? "" : theme.error().message);
  if (!theme.ok()) return out;
  out.theme = std::move(*theme);
  SiteSettings settings;
  settings.name = "The Halden Gazette";
  settings.base_url = "https://news.example.org";
  out.pages = std::make_unique<Pages>(*out.theme, settings, reading, clock);
  return out;
}

}  // namespace gazette::web
