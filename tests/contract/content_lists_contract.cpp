// The content contract, lists: pages of articles by time and by id, their
// filters, counts and whether any article matches, on every backend
// (instantiated in content_store_contract.cpp).
#include "content_store_fixture.h"

namespace gazette::content_contract {

TEST_P(ContentStoreContract, ListsNewestFirstWithTiesByIdAndPaging) {
  Insert(Make("a", 1));
  Insert(Make("b", 3));
  Insert(Make("c", 2));
  Insert(Make("d", 3));  // same time as b, inserted later: comes first
  ArticleQuery q;
  EXPECT_EQ(Slugs(q), (std::vector<std::string>{"d", "b", "c", "a"}));
  q.limit = 2;
  q.offset = 1;
  EXPECT_EQ(Slugs(q), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(*store_->CountArticles(q), 4);
}

TEST_P(ContentStoreContract, PublishedRefsPageByIdWithTheirTimes) {
  core::Id a = Insert(Make("a", 5));
  Insert(Make("draft", 6, ArticleStatus::kDraft));
  Article changed = Make("b", 1);
  changed.updated_at = At(9);
  core::Id b = Insert(changed);
  Insert(Make("scheduled", 7, ArticleStatus::kScheduled));
  core::Id c = Insert(Make("c", 3));

  auto all = store_->ListPublishedRefs(0, 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);  // published only, by id whatever their times
  EXPECT_EQ((*all)[0].id, a);
  EXPECT_EQ((*all)[0].slug, "a");
  EXPECT_EQ((*all)[1].id, b);
  EXPECT_EQ((*all)[1].published_at, At(1));
  EXPECT_EQ((*all)[1].updated_at, At(9));
  EXPECT_EQ((*all)[2].id, c);

  auto first = store_->ListPublishedRefs(0, 2);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 2u);
  auto next = store_->ListPublishedRefs(first->back().id, 2);
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->size(), 1u);
  EXPECT_EQ(next->front().id, c);
  EXPECT_TRUE(store_->ListPublishedRefs(c, 2)->empty());
  EXPECT_TRUE(store_->ListPublishedRefs(0, 0)->empty());

  // The writer sees the same.
  ASSERT_TRUE(store_->Write([&](ContentWriter& w) -> base::Status {
    auto refs = w.ListPublishedRefs(a, 10);
    EXPECT_TRUE(refs.ok());
    EXPECT_EQ(refs->size(), 2u);
    return {};
  }).ok());
}

TEST_P(ContentStoreContract, ListFiltersByStatusSectionTagAuthorAndFlags) {
  core::Section world = AddSection("world", "World");
  auto [tag, author] = AddTagAndAuthor({0, "energy", "Energy"}, {0, "anna", "Anna"});
  Article draft = Make("draft", 50, ArticleStatus::kDraft);
  Insert(draft);
  Article scheduled = Make("scheduled", 60, ArticleStatus::kScheduled);
  Insert(scheduled);
  Article in_world = Make("in-world", 5);
  in_world.section = world;
  in_world.body = "text";
  Insert(in_world);
  Article tagged = Make("tagged", 6);
  tagged.tags = {tag};
  tagged.authors = {author};
  tagged.top = true;
  core::Id tagged_id = Insert(tagged);
  Insert(Make("plain", 7));

  ArticleQuery published;
  EXPECT_EQ(Slugs(published), (std::vector<std::string>{"plain", "tagged", "in-world"}));
  ArticleQuery any;
  any.status.reset();
  EXPECT_EQ(*store_->CountArticles(any), 5);
  ArticleQuery drafts;
  drafts.status = ArticleStatus::kDraft;
  EXPECT_EQ(Slugs(drafts), std::vector<std::string>{"draft"});

  ArticleQuery by_section;
  by_section.section_id = world.id;
  EXPECT_EQ(Slugs(by_section), std::vector<std::string>{"in-world"});
  ArticleQuery by_tag;
  by_tag.tag_id = tag.id;
  EXPECT_EQ(Slugs(by_tag), std::vector<std::string>{"tagged"});
  ArticleQuery by_author;
  by_author.author_id = author.id;
  EXPECT_EQ(Slugs(by_author), std::vector<std::string>{"tagged"});
  ArticleQuery with_body;
  with_body.with_body_only = true;
  EXPECT_EQ(Slugs(with_body), std::vector<std::string>{"in-world"});
  ArticleQuery top;
  top.top_only = true;
  EXPECT_EQ(Slugs(top), std::vector<std::string>{"tagged"});
  ArticleQuery others;
  others.exclude_id = tagged_id;
  EXPECT_EQ(Slugs(others), (std::vector<std::string>{"plain", "in-world"}));
  ArticleQuery headline;
  headline.headline = "Headline plain";
  EXPECT_EQ(Slugs(headline), std::vector<std::string>{"plain"});

  auto summaries = store_->ListArticles(by_section);
  ASSERT_TRUE(summaries.ok());
  ASSERT_EQ(summaries->size(), 1u);
  const core::ArticleSummary& s = summaries->front();
  EXPECT_TRUE(s.has_body);
  ASSERT_TRUE(s.section.has_value());
  EXPECT_EQ(s.section->name, "World");
  EXPECT_EQ(s.published_at, At(5));
}

// Whether a tag or an author has anything published (the sitemap of pages
// and the public lists of tags and authors ask it of each one).
TEST_P(ContentStoreContract, AnyArticlesAnswersWhetherTheQueryMatchesOne) {
  auto [shown, hidden] = AddTagAndAuthor({0, "shown", "Shown"}, {0, "hidden", "Hidden"});
  core::Tag unused_tag = AddTagAndAuthor({0, "unused", "Unused"}, {0, "nobody", "Nobody"}).first;
  Article draft = Make("draft", 50, ArticleStatus::kDraft);
  draft.authors = {hidden};
  draft.tags = {shown};
  Insert(draft);
  Article published = Make("published", 5);
  published.tags = {shown};
  Insert(published);
  auto any = [&](const ArticleQuery& q) {
    auto r = store_->AnyArticles(q);
    EXPECT_TRUE(r.ok());
    return r.ok() && *r;
  };
  ArticleQuery by_tag;
  by_tag.tag_id = shown.id;
  EXPECT_TRUE(any(by_tag));
  by_tag.exclude_id = store_->FindArticleBySlug("published")->id;
  EXPECT_FALSE(any(by_tag)) << "only the draft is left, and drafts are not published";
  by_tag.status.reset();
  EXPECT_TRUE(any(by_tag));
  ArticleQuery by_author;
  by_author.author_id = hidden.id;
  EXPECT_FALSE(any(by_author));
  by_author.status = ArticleStatus::kDraft;
  EXPECT_TRUE(any(by_author));
  ArticleQuery unused;
  unused.tag_id = unused_tag.id;
  unused.status.reset();
  EXPECT_FALSE(any(unused));
  ArticleQuery everything;
  everything.limit = 0;  // limit and offset do not matter
  everything.offset = 10;
  EXPECT_TRUE(any(everything));
}

// A list's number of articles follows every write at once (a store may
// keep counts between writes: a million articles take a while to count).
TEST_P(ContentStoreContract, CountsFollowEveryWrite) {
  core::Section world = AddSection("world", "World");
  auto [tag, author] = AddTagAndAuthor({0, "ports", "Ports"}, {0, "oleg", "Oleg"});
  core::Tag other_tag = AddTagAndAuthor({0, "trams", "Trams"}, {0, "vera", "Vera"}).first;
  ArticleQuery published, in_world, tagged, other_tagged, drafts;
  in_world.section_id = world.id;
  tagged.tag_id = tag.id;
  other_tagged.tag_id = other_tag.id;
  drafts.status = ArticleStatus::kDraft;
  auto counts = [&] {
    std::vector<std::int64_t> out;
    for (const ArticleQuery* q : {&published, &in_world, &tagged, &other_tagged, &drafts}) {
      auto n = store_->CountArticles(*q);
      EXPECT_TRUE(n.ok());
      out.push_back(n.ok() ? *n : -1);
    }
    return out;
  };
  using Counts = std::vector<std::int64_t>;
  EXPECT_EQ(counts(), (Counts{0, 0, 0, 0, 0}));
  Article a = Make("a", 1);
  a.section = world;
  a.tags = {tag};
  core::Id a_id = Insert(a);
  EXPECT_EQ(counts(), (Counts{1, 1, 1, 0, 0}));
  core::Id draft_id = Insert(Make("draft", 2, ArticleStatus::kDraft));
  EXPECT_EQ(counts(), (Counts{1, 1, 1, 0, 1}));
  Change(draft_id, [&](Article& d) {
    d.status = ArticleStatus::kPublished;
    d.published_at = At(3);
  });
  EXPECT_EQ(counts(), (Counts{2, 1, 1, 0, 0}));
  Change(a_id, [&](Article& x) { x.section.reset(); });
  EXPECT_EQ(counts(), (Counts{2, 0, 1, 0, 0}));
  Change(a_id, [&](Article& x) { x.tags = {other_tag}; });
  EXPECT_EQ(counts(), (Counts{2, 0, 0, 1, 0}));
  ASSERT_TRUE(store_->Write([&](ContentWriter& w) { return w.MergeTags(other_tag.id, tag.id); }).ok());
  EXPECT_EQ(counts(), (Counts{2, 0, 1, 0, 0}));
  Change(a_id, [&](Article& x) { x.status = ArticleStatus::kUnpublished; });
  EXPECT_EQ(counts(), (Counts{1, 0, 0, 0, 0}));
}

TEST_P(ContentStoreContract, TagAndAuthorListsOfATimeHoldExactlyThatTimesArticles) {
  auto [ports, oleg] = AddTagAndAuthor({0, "ports", "Ports"}, {0, "oleg", "Oleg"});
  core::Tag tag = ports;  // named variables: lambdas below capture them
  core::Author author = oleg;
  auto add = [&](const std::string& slug, int minutes, bool named) {
    Article a = Make(slug, minutes);
    if (named) {
      a.tags = {tag};
      a.authors = {author};
    }
    Insert(a);
  };
  for (int i = 0; i < 30; ++i) add("old-" + std::to_string(i), i, i % 3 == 0);
  for (int i = 0; i < 30; ++i) add("week-" + std::to_string(i), 1000 + i, i % 3 == 0);
  add("untagged", 1010, false);
  add("late", 5000, true);
  add("backdated", 1005, true);  // the newest id, published inside the time

  ArticleQuery in_time;
  in_time.published_from = At(1000);
  in_time.published_before = At(1030);
  in_time.limit = 100;
  std::vector<std::string> expected = {"week-27", "week-24", "week-21", "week-18", "week-15", "week-12",
                                       "week-9",  "week-6", "backdated", "week-3", "week-0"};
  ArticleQuery by_tag = in_time;
  by_tag.tag_id = tag.id;
  EXPECT_EQ(Slugs(by_tag), expected);
  EXPECT_EQ(*store_->CountArticles(by_tag), 11);
  ArticleQuery by_author = in_time;
  by_author.author_id = author.id;
  EXPECT_EQ(Slugs(by_author), expected);

  // A later article of that time shows in the very next list of it.
  add("added", 1029, true);
  std::vector<std::string> with_added = {"added"};
  with_added.insert(with_added.end(), expected.begin(), expected.end());
  EXPECT_EQ(Slugs(by_tag), with_added);
  EXPECT_EQ(Slugs(by_author), with_added);

  ArticleQuery nothing_then = by_tag;
  nothing_then.published_from = At(3000);
  nothing_then.published_before = At(4000);
  EXPECT_TRUE(Slugs(nothing_then).empty());
  EXPECT_EQ(*store_->CountArticles(nothing_then), 0);
}

// A tag's and an author's lists follow each write of their articles: a
// publication time moved, a draft published, an article taken down, a page
// of one, the newsroom's order by update, and the other filters with them.
TEST_P(ContentStoreContract, TagAndAuthorListsFollowEachArticlesPublicationTime) {
  core::Section world = AddSection("world", "World");
  auto [ports, oleg] = AddTagAndAuthor({0, "ports", "Ports"}, {0, "oleg", "Oleg"});
  core::Tag tag = ports;
  core::Author author = oleg;
  auto named = [&](const std::string& slug, int minutes, ArticleStatus status = ArticleStatus::kPublished) {
    Article a = Make(slug, minutes, status);
    a.tags = {tag};
    a.authors = {author};
    return Insert(a);
  };
  core::Id a = named("a", 10);
  core::Id b = named("b", 20);
  core::Id c = named("c", 30, ArticleStatus::kDraft);
  named("d", 40, ArticleStatus::kScheduled);
  Insert(Make("untagged", 35));
  ArticleQuery by_tag, by_author, by_both;
  by_tag.tag_id = tag.id;
  by_author.author_id = author.id;
  by_both.tag_id = tag.id;
  by_both.author_id = author.id;
  auto lists = [&](const std::vector<std::string>& expected) {
    for (const ArticleQuery* q : {&by_tag, &by_author, &by_both}) {
      EXPECT_EQ(Slugs(*q), expected);
      EXPECT_EQ(*store_->CountArticles(*q), static_cast<std::int64_t>(expected.size()));
      EXPECT_EQ(*store_->AnyArticles(*q), !expected.empty());
    }
  };
  lists({"b", "a"});
  Change(a, [&](Article& x) { x.published_at = At(25); });
  lists({"a", "b"});
  Change(c, [&](Article& x) {
    x.status = ArticleStatus::kPublished;
    x.published_at = At(15);
  });
  lists({"a", "b", "c"});
  Change(b, [&](Article& x) { x.status = ArticleStatus::kUnpublished; });
  lists({"a", "c"});
  Change(b, [&](Article& x) { x.status = ArticleStatus::kPublished; });
  lists({"a", "b", "c"});

  ArticleQuery second = by_tag;
  second.limit = 1;
  second.offset = 1;
  EXPECT_EQ(Slugs(second), std::vector<std::string>{"b"});
  ArticleQuery in_time = by_author;
  in_time.published_from = At(15);
  in_time.published_before = At(25);
  EXPECT_EQ(Slugs(in_time), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(*store_->CountArticles(in_time), 2);
  Change(c, [&](Article& x) {
    x.section = world;
    x.updated_at = At(90);
  });
  ArticleQuery in_world = by_tag;
  in_world.section_id = world.id;
  EXPECT_EQ(Slugs(in_world), std::vector<std::string>{"c"});
  EXPECT_EQ(*store_->CountArticles(in_world), 1);
  ArticleQuery updated = by_tag;
  updated.order = ArticleQuery::Order::kRecentlyUpdated;
  EXPECT_EQ(Slugs(updated), (std::vector<std::string>{"c", "b", "a"}));
  auto listed = store_->ListArticles(by_tag);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ(listed->front().published_at, At(25));
  ASSERT_TRUE(listed->back().section.has_value());
  EXPECT_EQ(listed->back().section->slug, "world");
}

}  // namespace gazette::content_contract
