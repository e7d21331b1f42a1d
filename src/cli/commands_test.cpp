#include "cli/commands.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

namespace gazette::cli {
namespace {

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome Gazette(std::vector<std::string> args) {
  std::ostringstream out, err;
  int code = Run(args, out, err);
  return {code, out.str(), err.str()};
}

TEST(Commands, HelpAndVersion) {
  Outcome help = Gazette({"--help"});
  EXPECT_EQ(help.code, kExitOk);
  for (const char* word : {"serve", "migrate", "import-text", "demo", "--db", "--config", "--listen", "--date",
                           "GAZETTE_DB", "GAZETTE_LISTEN", "GAZETTE_CONFIG", "webhook add", "--events",
                           "deliveries", "send-again", "[webhooks]", "retry_base_seconds ="}) {
    EXPECT_NE(help.out.find(word), std::string::npos) << word;
  }
  EXPECT_EQ(Gazette({"serve", "--help"}).code, kExitOk);
  Outcome version = Gazette({"--version"});
  EXPECT_EQ(version.code, kExitOk);
  EXPECT_EQ(version.out.rfind("gazette ", 0), 0u);
}

TEST(Commands, BadUsageIsExitCode2WithAMessage) {
  std::vector<std::vector<std::string>> cases = {
      {},
      {"publish"},
      {"serve", "--port", "80"},
      {"serve", "--db"},
      {"serve", "extra"},
      {"import-text"},
      {"import-text", "--date"},
      {"demo", "--if-empty=yes"},
      {"migrate", "--listen", "127.0.0.1:1"},
      {"webhook"},
      {"webhook", "add", "https://example.org/hook"},
      {"webhook", "add", "--events", "comment.created"},
      {"webhook", "remove"},
      {"webhook", "list", "--events", "comment.created"},
      {"webhook", "list", "--limit", "5"},
      {"webhook", "fire", "1"},
  };
  for (const auto& args : cases) {
    Outcome o = Gazette(args);
    EXPECT_EQ(o.code, kExitUsage) << (args.empty() ? "(none)" : args[0]);
    EXPECT_FALSE(o.err.empty());
  }
}

TEST(Commands, FailuresAreExitCode1WithAMessage) {
  Outcome pg = Gazette({"migrate", "--db", "postgresql://localhost/gazette"});
  EXPECT_EQ(pg.code, kExitFailure);
  EXPECT_NE(pg.err.find("sqlite:"), std::string::npos);
  Outcome bad_db = Gazette({"migrate", "--db", "nonsense"});
  EXPECT_EQ(bad_db.code, kExitFailure);
  EXPECT_NE(bad_db.err.find("--db"), std::string::npos);
}

TEST(Commands, MigrateCreatesTheDatabaseAndItsFolder) {
  auto dir = std::filesystem::temp_directory_path() / ("gazette-cli-" + std::to_string(::getpid()));
  std::string db = "sqlite:" + (dir / "var" / "gazette.db").string();
  Outcome first = Gazette({"migrate", "--db", db});
  EXPECT_EQ(first.code, kExitOk) << first.err;
  EXPECT_NE(first.out.find("schema version 0 -> "), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir / "var" / "gazette.db"));
  Outcome second = Gazette({"migrate", "--db=" + db});
  EXPECT_EQ(second.code, kExitOk);
  EXPECT_NE(second.out.find("up to date"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Commands, WebhooksAreAddedListedAndRemoved) {
  auto dir = std::filesystem::temp_directory_path() / ("gazette-cli-hooks-" + std::to_string(::getpid()));
  std::string db = "sqlite:" + (dir / "gazette.db").string();
  Outcome added = Gazette({"webhook", "add", "--db", db, "--events", "comment.created,article.published",
                           "--description", "CRM", "https://example.org/hook"});
  ASSERT_EQ(added.code, kExitOk) << added.err;
  EXPECT_EQ(added.out.rfind("Webhook 1 is ready", 0), 0u) << added.out;
  std::string last = added.out.substr(added.out.rfind('\n', added.out.size() - 2) + 1);
  EXPECT_EQ(last.rfind("whsec_", 0), 0u) << last;
  EXPECT_EQ(last.size(), 6u + 43u + 1u);  // and the newline
  Outcome listed = Gazette({"webhook", "list", "--db", db});
  EXPECT_EQ(listed.out, "1\tactive\tarticle.published,comment.created\thttps://example.org/hook\tCRM\n");
  EXPECT_EQ(Gazette({"webhook", "deliveries", "--db", db, "1"}).out, "No deliveries yet.\n");
  Outcome refused = Gazette({"webhook", "add", "--db", db, "--events", "article.scheduled", "https://example.org/x"});
  EXPECT_EQ(refused.code, kExitFailure);
  EXPECT_NE(refused.err.find("article.scheduled"), std::string::npos);
  EXPECT_EQ(Gazette({"webhook", "remove", "--db", db, "one"}).code, kExitUsage);
  EXPECT_EQ(Gazette({"webhook", "remove", "--db", db, "2"}).code, kExitFailure);
  EXPECT_EQ(Gazette({"webhook", "remove", "--db", db, "1"}).code, kExitOk);
  EXPECT_EQ(Gazette({"webhook", "list", "--db", db}).out, "No webhooks.\n");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gazette::cli
