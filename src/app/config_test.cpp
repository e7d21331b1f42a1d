#include "app/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace gazette::app {
namespace {

namespace fs = std::filesystem;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gazette-config-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string File(const std::string& text) {
    std::string path = (dir_ / "gazette.toml").string();
    std::ofstream(path) << text;
    return path;
  }
  base::Result<Config> Load(const std::string& text) {
    ConfigSources sources;
    sources.file = File(text);
    return LoadConfig(sources);
  }
  fs::path dir_;
};

TEST_F(ConfigTest, DefaultsNeedNoFile) {
  auto config = LoadConfig({});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->listen_host, "127.0.0.1");
  EXPECT_EQ(config->listen_port, 8080);
  EXPECT_EQ(config->database_url, "sqlite:var/gazette.db");
  EXPECT_EQ(config->base_url, "http://127.0.0.1:8080");
  EXPECT_EQ(config->time_zone, "UTC");
}

TEST_F(ConfigTest, FileThenEnvironmentThenFlags) {
  ConfigSources sources;
  sources.file = File("[server]\nlisten = \"127.0.0.1:9000\"\n[database]\nurl = \"sqlite:file.db\"\n"
                      "[site]\nname = \"Halden\"\nbase_url = \"https://news.example.org/\"\ntime_zone = \"Europe/Moscow\"\n");
  auto from_file = LoadConfig(sources);
  ASSERT_TRUE(from_file.ok()) << from_file.error().message;
  EXPECT_EQ(from_file->listen_port, 9000);
  EXPECT_EQ(from_file->database_url, "sqlite:file.db");
  EXPECT_EQ(from_file->site_name, "Halden");
  EXPECT_EQ(from_file->base_url, "https://news.example.org");  // the trailing slash goes

  sources.env = {{"GAZETTE_DB", "sqlite:env.db"}, {"GAZETTE_LISTEN", "127.0.0.1:9100"}};
  auto from_env = LoadConfig(sources);
  EXPECT_EQ(from_env->database_url, "sqlite:env.db");
  EXPECT_EQ(from_env->listen_port, 9100);

  sources.db = "sqlite:flag.db";
  sources.listen = "127.0.0.1:9200";
  auto from_flags = LoadConfig(sources);
  EXPECT_EQ(from_flags->database_url, "sqlite:flag.db");
  EXPECT_EQ(from_flags->listen_port, 9200);
}

TEST_F(ConfigTest, GazetteConfigInTheEnvironmentNamesTheFile) {
  ConfigSources sources;
  sources.env = {{"GAZETTE_CONFIG", File("[site]\nname = \"From env\"\n")}};
  EXPECT_EQ(LoadConfig(sources)->site_name, "From env");
}

TEST_F(ConfigTest, TheBaseUrlNeverComesFromTheRequestButFromTheListenAddress) {
  ConfigSources sources;
  sources.listen = "0.0.0.0:8088";
  EXPECT_EQ(LoadConfig(sources)->base_url, "http://localhost:8088");
  sources.listen = "[::1]:8089";
  auto v6 = LoadConfig(sources);
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->listen_host, "::1");
  EXPECT_EQ(v6->base_url, "http://[::1]:8089");
}

void ExpectError(const base::Result<Config>& config, const std::string& part) {
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().message.find(part), std::string::npos) << config.error().message;
}

TEST_F(ConfigTest, UnknownKeysAndBadValuesNameTheKey) {
  std::string path = (dir_ / "gazette.toml").string();
  ExpectError(Load("[server]\n\nlisne = \"x\"\n"), path + ":3: unknown key server.lisne");
  ExpectError(Load("[serve]\nlisten = \"x\"\n"), "unknown key serve");
  ExpectError(Load("title = \"x\"\n"), "unknown key title");
  ExpectError(Load("[server]\nthreads = \"many\"\n"), path + ":2: server.threads must be a whole number");
  ExpectError(Load("[server]\naccess_log = 1\n"), "server.access_log must be true or false");
  ExpectError(Load("[server]\nlisten = \"nohost\"\n"), "server.listen must be HOST:PORT");
  ExpectError(Load("[server]\nlisten = \"127.0.0.1:70000\"\n"), "server.listen");
  ExpectError(Load("[server]\nthreads = -1\n"), "server.threads");
  ExpectError(Load("[site]\ntime_zone = \"Mars/Olympus\"\n"), "site.time_zone");
  ExpectError(Load("[site]\nbase_url = \"ftp://x\"\n"), "site.base_url");
  ExpectError(Load("[site]\nbase_url = \"https://x.org/news\"\n"), "site.base_url");
  ExpectError(Load("[site]\nlanguage = \"English!\"\n"), "site.language");
  ExpectError(Load("[database]\nurl = \"mysql://x\"\n"), "database.url");
  ExpectError(Load("[server\n"), path + ":1");
}

TEST_F(ConfigTest, ABadValueFromAFlagOrTheEnvironmentSaysSo) {
  ConfigSources sources;
  sources.db = "nonsense";
  ExpectError(LoadConfig(sources), "--db: database.url");
  sources.db.reset();
  sources.env = {{"GAZETTE_LISTEN", "bad"}};
  ExpectError(LoadConfig(sources), "GAZETTE_LISTEN: server.listen");
}

TEST_F(ConfigTest, AMissingFileIsAnError) {
  ConfigSources sources;
  sources.file = (dir_ / "missing.toml").string();
  ExpectError(LoadConfig(sources), "missing.toml");
}

TEST_F(ConfigTest, LiveUpdatesAreOnByDefaultAndTheirLimitsAreChecked) {
  auto defaults = LoadConfig({});
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults->live_enabled);
  EXPECT_EQ(defaults->live_heartbeat, 20);
  EXPECT_EQ(defaults->live_max_streams, 1000);
  auto set = Load("[live]\nenabled = false\nheartbeat_seconds = 5\nmax_streams = 50\n");
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_FALSE(set->live_enabled);
  EXPECT_EQ(set->live_heartbeat, 5);
  EXPECT_EQ(set->live_max_streams, 50);
  auto quiet = Load("[live]\nheartbeat_seconds = 0\n");
  ASSERT_FALSE(quiet.ok());
  EXPECT_NE(quiet.error().message.find("live.heartbeat_seconds must be between 1 and 3600"), std::string::npos)
      << quiet.error().message;
  EXPECT_FALSE(Load("[live]\nmax_streams = 0\n").ok());
  EXPECT_FALSE(Load("[live]\nenabled = \"yes\"\n").ok());
}

TEST_F(ConfigTest, ReadNextBlendsByDefaultAndItsKeysAreChecked) {
  auto defaults = LoadConfig({});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->read_next_mode, "blend");
  EXPECT_EQ(defaults->read_next_related, 3);
  EXPECT_EQ(defaults->read_next_window_days, 30);
  auto set = Load("[read_next]\nmode = \"latest\"\nrelated = 5\nwindow_days = 7\n");
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->read_next_mode, "latest");
  EXPECT_EQ(set->read_next_related, 5);
  EXPECT_EQ(set->read_next_window_days, 7);
  auto bad = Load("[read_next]\nmode = \"related\"\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("read_next.mode must be blend or latest"), std::string::npos)
      << bad.error().message;
  EXPECT_FALSE(Load("[read_next]\nrelated = 6\n").ok());
  EXPECT_FALSE(Load("[read_next]\nwindow_days = 0\n").ok());
}

TEST(DescribeOptions, ListsEveryTableAndKey) {
  std::string text = DescribeOptions();
  for (const char* key : {"[server]", "listen =", "[database]", "url =", "[site]", "time_zone =", "base_url ="}) {
    EXPECT_NE(text.find(key), std::string::npos) << key;
  }
}

}  // namespace
}  // namespace gazette::app
