// What the community contract's files share: each backend's stores as the
// accounts and comments ports, and the test fixture with its helpers. The
// suite runs once per backend (community_contract.cpp instantiates it for
// the tests of both files).
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <functional>

#include "comments/checks.h"
#include "storage/memory/memory_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "temp_dir.h"

namespace gazette::community {

using accounts::Account;
using accounts::Role;
using comments::Comment;
using comments::CommentStatus;

using contract::TempDir;

// The three ports of one backend.
struct AnyStore {
  std::unique_ptr<core::ContentStore> holder;
  core::ContentStore* content = nullptr;
  accounts::AccountStore* accounts = nullptr;
  comments::CommentStore* comments = nullptr;
};

using Open = std::function<AnyStore(const std::filesystem::path&)>;
struct NamedOpen {
  std::string name;
  Open open;
};
inline std::ostream& operator<<(std::ostream& out, const NamedOpen& n) { return out << n.name; }

template <class T>
inline AnyStore Wrap(std::unique_ptr<T> store) {
  AnyStore any;
  if (!store) return any;
  any.content = store.get();
  any.accounts = store.get();
  any.comments = store.get();
  any.holder = std::move(store);
  return any;
}

class CommunityContract : public ::testing::TestWithParam<NamedOpen> {
 protected:
  void SetUp() override {
    store_ = GetParam().open(dir_.path());
    ASSERT_NE(store_.content, nullptr);
    accounts_ = store_.accounts;
    comments_ = store_.comments;
    // One published article to comment on.
    ASSERT_TRUE(store_.content->Write([&](core::ContentWriter& w) -> base::Status {
      auto section = w.InsertSection({0, "world", "World", 1});
      if (!section.ok()) return section.error();
      core::Article a;
      a.slug = "story";
      a.headline = "A story";
      a.status = core::ArticleStatus::kPublished;
      a.published_at = a.created_at = a.updated_at = At(0);
      a.section = *section;
      auto id = w.InsertArticle(a);
      if (!id.ok()) return id.error();
      article_ = *id;
      return {};
    }).ok());
  }

  base::Timestamp At(int minutes) { return base::FromUnixSeconds(1'760'000'000 + minutes * 60); }

  accounts::Id NewAccount(const std::string& email, Role role = Role::kReader) {
    auto id = accounts_->CreateAccount({email, "Name " + email, "hash-" + email, role, false, At(0)});
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }

  comments::Id Post(accounts::Id author, int minute, std::optional<comments::Id> parent = std::nullopt,
                    CommentStatus status = CommentStatus::kVisible, std::string nonce = "") {
    Comment c;
    c.article_id = article_;
    c.parent_id = parent;
    c.account_id = author;
    c.body = "text " + std::to_string(minute);
    c.body_html = "<p>" + c.body + "</p>";
    c.status = status;
    c.created_at = At(minute);
    c.ip = "192.0.2.1";
    c.nonce = std::move(nonce);
    if (parent) c.root_id = comments_->FindComment(*parent)->root_id;
    comments::Id id = 0;
    base::Status st = comments_->WriteComments([&](comments::CommentWriter& w) -> base::Status {
      auto r = w.InsertComment(c);
      if (!r.ok()) return r.error();
      id = *r;
      if (c.Counted()) return w.AdjustCommentCount(article_, +1);
      return {};
    });
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
    return id;
  }

  base::Status Update(const Comment& c) {
    return comments_->WriteComments([&](comments::CommentWriter& w) { return w.UpdateComment(c); });
  }

  std::vector<comments::Id> ThreadIds(comments::Sort sort = comments::Sort::kOldest) {
    auto page = comments_->Threads(article_, sort, 0, 100);
    EXPECT_TRUE(page.ok());
    std::vector<comments::Id> ids;
    for (const Comment& c : page->comments) ids.push_back(c.id);
    return ids;
  }

  TempDir dir_{"community"};
  AnyStore store_;
  accounts::AccountStore* accounts_ = nullptr;
  comments::CommentStore* comments_ = nullptr;
  core::Id article_ = 0;
};

}  // namespace gazette::community
