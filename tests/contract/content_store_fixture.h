// What the content contract's files share: the backends and the test
// fixture with its helpers. The suite runs once per backend
// (content_store_contract.cpp instantiates it for the tests of both files).
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "content_writes.h"
#include "core/content_store.h"
#include "temp_dir.h"

namespace gazette::content_contract {

using core::Article;
using core::ArticleQuery;
using core::ArticleStatus;
using core::ContentWriter;

struct Backend {
  std::string name;
  std::function<std::unique_ptr<core::ContentStore>(const std::filesystem::path& dir)> open;
};

inline std::ostream& operator<<(std::ostream& out, const Backend& b) { return out << b.name; }

class ContentStoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    store_ = GetParam().open(dir_.path());
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
  }

  base::Timestamp At(int minutes) { return base::FromUnixSeconds(1'760'000'000 + minutes * 60); }

  core::Section AddSection(const std::string& slug, const std::string& name, int position = 0) {
    core::Section out;
    EXPECT_TRUE(store_->Write([&](ContentWriter& w) -> base::Status {
      auto s = w.InsertSection({0, slug, name, position});
      if (!s.ok()) return s.error();
      out = *s;
      return {};
    }).ok());
    return out;
  }

  // A tag and an author, made in one write.
  std::pair<core::Tag, core::Author> AddTagAndAuthor(const core::Tag& tag, const core::Author& author) {
    std::pair<core::Tag, core::Author> out;
    EXPECT_TRUE(store_->Write([&](ContentWriter& w) -> base::Status {
      auto t = w.InsertTag(tag);
      if (!t.ok()) return t.error();
      auto a = w.InsertAuthor(author);
      if (!a.ok()) return a.error();
      out = {*t, *a};
      return {};
    }).ok());
    return out;
  }

  Article Make(const std::string& slug, int minutes, ArticleStatus status = ArticleStatus::kPublished) {
    Article a;
    a.slug = slug;
    a.headline = "Headline " + slug;
    a.status = status;
    if (status != ArticleStatus::kDraft) a.published_at = At(minutes);
    a.created_at = At(minutes);
    a.updated_at = At(minutes);
    return a;
  }

  core::Id Insert(const Article& a) { return contract::InsertArticle(*store_, a); }

  void Change(core::Id id, const std::function<void(Article&)>& edit) { contract::ChangeArticle(*store_, id, edit); }

  std::vector<std::string> Slugs(const ArticleQuery& q) {
    auto list = store_->ListArticles(q);
    EXPECT_TRUE(list.ok());
    std::vector<std::string> out;
    for (const auto& s : *list) out.push_back(s.slug);
    return out;
  }

  contract::TempDir dir_{"contract"};  // removed after the stores close (TearDown)
  std::unique_ptr<core::ContentStore> store_;
};

}  // namespace gazette::content_contract
