#include "base/hand_offs.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace gazette::base {
namespace {

// A target that records what it was handed: each post is one wake-up.
struct Target {
  std::vector<std::function<void()>> posts;
  HandOffs::Post post() {
    return [this](std::function<void()> fn) { posts.push_back(std::move(fn)); };
  }
  void RunAll() {
    for (auto& fn : posts) fn();
  }
};

TEST(HandOffsTest, WithoutABatchEachFunctionIsHandedOverAtOnce) {
  Target t;
  std::string ran;
  HandOffs::HandOff(&t, t.post(), [&] { ran += "a"; });
  HandOffs::HandOff(&t, t.post(), [&] { ran += "b"; });
  EXPECT_EQ(t.posts.size(), 2u);
  t.RunAll();
  EXPECT_EQ(ran, "ab");
}

TEST(HandOffsTest, ABatchHandsEachTargetItsFunctionsOnceInOrder) {
  Target server, live;
  std::string ran;
  {
    HandOffs::Batch batch;
    for (char c : std::string("abc")) HandOffs::HandOff(&server, server.post(), [&ran, c] { ran += c; });
    HandOffs::HandOff(&live, live.post(), [&] { ran += "L"; });
    EXPECT_TRUE(server.posts.empty());  // held until the batch ends
    EXPECT_TRUE(live.posts.empty());
  }
  ASSERT_EQ(server.posts.size(), 1u);
  ASSERT_EQ(live.posts.size(), 1u);
  server.RunAll();
  EXPECT_EQ(ran, "abc");
  live.RunAll();
  EXPECT_EQ(ran, "abcL");
}

TEST(HandOffsTest, NestedBatchesHandOverWhenTheOutermostEnds) {
  Target t;
  {
    HandOffs::Batch outer;
    {
      HandOffs::Batch inner;
      HandOffs::HandOff(&t, t.post(), [] {});
    }
    EXPECT_TRUE(t.posts.empty());
    HandOffs::HandOff(&t, t.post(), [] {});
  }
  EXPECT_EQ(t.posts.size(), 1u);
}

TEST(HandOffsTest, ABatchHoldsOnlyItsOwnThreadsHandOffs) {
  Target t;
  HandOffs::Batch batch;
  std::thread other([&] { HandOffs::HandOff(&t, t.post(), [] {}); });
  other.join();
  EXPECT_EQ(t.posts.size(), 1u);  // the other thread had no batch open
}

}  // namespace
}  // namespace gazette::base
