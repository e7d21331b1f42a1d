#include "newsroom/site_settings.h"

#include <gtest/gtest.h>

#include "storage/memory/memory_store.h"

namespace gazette::newsroom {
namespace {

SiteSettings Defaults() { return {"Courier", "http://127.0.0.1:8080", "en", "UTC", "open", 0}; }

class SettingsTest : public ::testing::Test {
 protected:
  SettingsTest() {
    admin_.id = 1;
    admin_.display_name = "Ada";
    admin_.role = accounts::Role::kAdmin;
    editor_ = admin_;
    editor_.role = accounts::Role::kEditor;
  }
  storage::MemoryStore store_;
  SettingsService service_{store_, Defaults(), {"en", "ru"}};
  accounts::Account admin_, editor_;
  base::Timestamp now_ = base::FromUnixSeconds(1'764'000'000);
};

TEST_F(SettingsTest, StoredValuesOverrideTheConfigDefaults) {
  EXPECT_EQ(*service_.Current(), Defaults());
  SiteSettings wanted{" Halden Courier ", "https://news.example.org/", "ru", "Europe/Moscow", "premoderated", 30};
  auto saved = service_.Update(admin_, wanted, now_);
  ASSERT_TRUE(saved.ok());
  SiteSettings expected{"Halden Courier", "https://news.example.org", "ru", "Europe/Moscow", "premoderated", 30};
  EXPECT_EQ(*saved, expected);
  EXPECT_EQ(*service_.Current(), expected);
  auto audit = store_.Audit(0, 5);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "settings.update");
  EXPECT_NE((*audit)[0].detail.find("site.language: en -> ru"), std::string::npos);
  // A second service (another node, a restart) reads the same.
  SettingsService again(store_, Defaults(), {"en", "ru"});
  EXPECT_EQ(*again.Current(), expected);
}

TEST_F(SettingsTest, OnlyAdminsChangeSettingsAndBadValuesAreNamed) {
  SiteSettings s = Defaults();
  EXPECT_EQ(service_.Update(editor_, s, now_).error().code, base::ErrorCode::kForbidden);
  auto field = [&](SiteSettings wanted) { return service_.Update(admin_, wanted, now_).error().field; };
  s = Defaults();
  s.name = "  ";
  EXPECT_EQ(field(s), "name");
  s = Defaults();
  s.base_url = "ftp://example.org";
  EXPECT_EQ(field(s), "base_url");
  s.base_url = "https://exa mple.org";
  EXPECT_EQ(field(s), "base_url");
  s = Defaults();
  s.language = "de";
  EXPECT_EQ(field(s), "language");
  s = Defaults();
  s.time_zone = "Mars/Olympus";
  EXPECT_EQ(field(s), "time_zone");
  s = Defaults();
  s.comment_policy = "anything";
  EXPECT_EQ(field(s), "comment_policy");
  s = Defaults();
  s.close_after_days = -1;
  EXPECT_EQ(field(s), "close_after_days");
  EXPECT_TRUE(store_.Audit(0, 5)->empty());
}

TEST_F(SettingsTest, AStoredValueTheThemeNoLongerHasFallsBackToTheDefault) {
  ASSERT_TRUE(store_.WriteNewsroom([](NewsroomWriter& w) {
    return w.SaveSettings({{"site.language", "de"}, {"site.name", "Kept"}});
  }).ok());
  auto current = service_.Current();
  EXPECT_EQ(current->language, "en");
  EXPECT_EQ(current->name, "Kept");
}

}  // namespace
}  // namespace gazette::newsroom
