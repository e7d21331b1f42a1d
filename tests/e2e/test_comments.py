"""Comments end to end: posting, replies, edits, votes, reports, paging,
counts, and every refusal, over real HTTP against `gazette serve`."""

import re
import sqlite3
import unittest

from harness import Browser, E2ETest, Page


def top_story(server):
    front = server.get("/")
    link = re.search(r'<h2 id="top-story-headline"><a href="([^"]+)"', front.text).group(1)
    return link, int(re.search(r"/news/(\d+)", link).group(1))


def comment_ids(html):
    return [int(i) for i in re.findall(r'<li class="comment[^"]*" id="comment-(\d+)"', html)]


class CommentsTest(E2ETest):
    @classmethod
    def setUpClass(cls):
        config = ('[comments]\nedit_minutes = 5\nreports_to_hide = 2\nreader_burst = 1000\nip_burst = 1000\n'
                  'banned_words = ["cheap pills"]\n')
        cls.site = cls.make_site(config)
        assert cls.site.gazette("demo").returncode == 0
        cls.server = cls.start(cls.site)
        cls.link, cls.article = top_story(cls.server)
        cls.anna = Browser(cls.server)
        assert cls.anna.sign_up("Anna Reyes", "anna@example.org").status == 303
        cls.boris = Browser(cls.server)
        assert cls.boris.sign_up("Boris Lind", "boris@example.org").status == 303

    def post(self, who, body, parent=None, nonce=None, article=None):
        payload = {"body": body}
        if parent:
            payload["parent_id"] = parent
        if nonce:
            payload["nonce"] = nonce
        return who.api("POST", f"/api/v1/articles/{article or self.article}/comments", payload)

    def page(self, query=""):
        return self.server.get(self.link + query)

    def test_1_first_comment_changes_the_prompt_and_counts(self):
        before = self.page()
        self.assertIn("Leave the first comment", before.text)
        r = self.post(self.anna, "First! *really* [a link](https://example.org/x)")
        self.assertEqual(r.status, 201, r.text)
        self.assertFalse(r.json["held"])
        after = self.page()
        self.assertNotIn("Leave the first comment", after.text)
        self.assertIn("What is your opinion on this topic?", after.text)
        self.assertIn("1 comment", after.text)
        cid = r.json["comment"]["id"]
        self.assertIn(f'id="comment-{cid}"', after.text)
        self.assertIn("<em>really</em>", after.text)
        self.assertIn('<a href="https://example.org/x" rel="nofollow ugc noopener">a link</a>', after.text)
        # The count shows in the lists of articles too.
        self.assertIn("1 comment", self.server.get("/latest").text)

    def test_2_replies_nest_under_their_comment(self):
        parent = self.post(self.anna, "Parent for replies").json["comment"]["id"]
        reply = self.post(self.boris, "A reply", parent=parent)
        self.assertEqual(reply.status, 201)
        html = self.page("?sort=oldest").text
        ids = comment_ids(html)
        rid = reply.json["comment"]["id"]
        self.assertLess(ids.index(parent), ids.index(rid))
        self.assertIn(f'<li class="comment depth-1" id="comment-{rid}"', html)
        missing = self.post(self.boris, "To nothing", parent=999999)
        self.assertEqual(missing.status, 404)

    def test_3_double_submission_stores_one_comment(self):
        first = self.post(self.anna, "Only once please", nonce="same-key-1")
        second = self.post(self.anna, "Only once please", nonce="same-key-1")
        self.assertEqual(first.status, 201)
        self.assertEqual(second.status, 200)
        self.assertTrue(second.json["duplicate"])
        self.assertEqual(first.json["comment"]["id"], second.json["comment"]["id"])
        self.assertEqual(self.page("?sort=newest").text.count("Only once please"), 1)
        # The no-JS form carries its own once-only key too.
        compose = self.anna.get(f"/news/{self.article}/comment")
        nonce = re.search(r'name="nonce" value="([^"]+)"', compose.text).group(1)
        fields = {"body": "Form twice", "nonce": nonce}
        a = self.anna.post_form(f"/news/{self.article}/comments", fields, compose)
        b = self.anna.post_form(f"/news/{self.article}/comments", fields, compose)
        self.assertEqual(a.status, 303)
        self.assertEqual(b.status, 303)
        self.assertEqual(a.header("location"), b.header("location"))
        self.assertEqual(self.page("?sort=newest").text.count("Form twice"), 1)

    def test_4_edit_within_the_window_only_own(self):
        cid = self.post(self.anna, "Tpyo here").json["comment"]["id"]
        edited = self.anna.api("PUT", f"/api/v1/comments/{cid}", {"body": "Typo fixed"})
        self.assertEqual(edited.status, 200, edited.text)
        html = self.page("?sort=newest").text
        self.assertIn("Typo fixed", html)
        self.assertIn('class="edited"', html)
        foreign = self.boris.api("PUT", f"/api/v1/comments/{cid}", {"body": "Mine now"})
        self.assertEqual(foreign.status, 403)
        db = sqlite3.connect(self.site.db[len("sqlite:"):])
        db.execute("UPDATE comments SET created_at = created_at - 3600 WHERE id = ?", (cid,))
        db.commit()
        db.close()
        late = self.anna.api("PUT", f"/api/v1/comments/{cid}", {"body": "Too late"})
        self.assertEqual(late.status, 403)
        self.assertIn("5 minutes", late.json["error"]["message"])

    def test_5_delete_keeps_a_placeholder_above_replies(self):
        parent = self.post(self.anna, "Will be deleted").json["comment"]["id"]
        self.post(self.boris, "Reply stays", parent=parent)
        self.assertEqual(self.boris.api("DELETE", f"/api/v1/comments/{parent}").status, 403)
        self.assertEqual(self.anna.api("DELETE", f"/api/v1/comments/{parent}").status, 200)
        html = self.page("?sort=newest").text
        self.assertNotIn("Will be deleted", html)
        self.assertIn("This comment was deleted by its author.", html)
        self.assertIn("Reply stays", html)

    def test_6_votes_one_per_reader_and_best_sorting(self):
        low = self.post(self.anna, "Meh comment").json["comment"]["id"]
        high = self.post(self.anna, "Great comment").json["comment"]["id"]
        up = self.boris.api("POST", f"/api/v1/comments/{high}/vote", {"value": 1})
        self.assertEqual(up.json, {"upvotes": 1, "downvotes": 0, "value": 1})
        again = self.boris.api("POST", f"/api/v1/comments/{high}/vote", {"value": 1})
        self.assertEqual(again.json["upvotes"], 1)
        own = self.anna.api("POST", f"/api/v1/comments/{high}/vote", {"value": 1})
        self.assertEqual(own.status, 403)
        self.boris.api("POST", f"/api/v1/comments/{low}/vote", {"value": -1})
        ids = comment_ids(self.page("?sort=best").text)
        self.assertLess(ids.index(high), ids.index(low))
        state = self.boris.session(self.article)
        self.assertEqual(state["votes"][str(high)], 1)
        self.assertEqual(state["votes"][str(low)], -1)

    def test_7_reports_hide_after_enough_of_them(self):
        cid = self.post(self.anna, "Reported comment").json["comment"]["id"]
        carl = Browser(self.server)
        carl.sign_up("Carl Ode", "carl@example.org")
        self.assertEqual(self.boris.api("POST", f"/api/v1/comments/{cid}/report", {"reason": "spam"}).status, 200)
        self.assertEqual(self.boris.api("POST", f"/api/v1/comments/{cid}/report", {"reason": "spam"}).status, 409)
        self.assertEqual(self.anna.api("POST", f"/api/v1/comments/{cid}/report", {"reason": "spam"}).status, 403)
        self.assertEqual(carl.api("POST", f"/api/v1/comments/{cid}/report", {"reason": "why"}).status, 400)
        self.assertIn("Reported comment", self.page("?sort=newest").text)
        self.assertEqual(carl.api("POST", f"/api/v1/comments/{cid}/report", {"reason": "abuse", "text": "rude"}).status, 200)
        self.assertNotIn("Reported comment", self.page("?sort=newest").text)

    def test_8_bad_input_is_refused_with_a_clear_message_and_stores_nothing(self):
        count = lambda: len(self.anna.session(self.article)["own"])  # noqa: E731
        before = count()
        cases = [
            ({"body": ""}, 400, "empty"),
            ({"body": "   \n  "}, 400, "empty"),
            ({"body": "x" * 3001}, 400, "3000"),
            ({"body": "Buy CHEAP pills now"}, 400, "language"),
            ({"body": "bell \u0007"}, 400, "characters"),
        ]
        for payload, status, words in cases:
            r = self.anna.api("POST", f"/api/v1/articles/{self.article}/comments", payload)
            self.assertEqual(r.status, status, payload)
            self.assertIn(words, r.json["error"]["message"])
        unknown = self.anna.api("POST", "/api/v1/articles/999999/comments", {"body": "Hello"})
        self.assertEqual(unknown.status, 404)
        not_json = self.anna.request("POST", f"/api/v1/articles/{self.article}/comments", body="body=x",
                                     headers={"Content-Type": "application/x-www-form-urlencoded",
                                              "X-CSRF-Token": self.anna.session()["csrf"]})
        self.assertEqual(not_json.status, 400)
        # Invalid UTF-8 from the no-JS form.
        csrf = self.anna.csrf_from(self.anna.get(f"/news/{self.article}/comment"))
        broken = self.anna.request("POST", f"/news/{self.article}/comments", body=f"body=bad%FF%FEtext&csrf={csrf}",
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(broken.status, 400)
        self.assertIn("characters", broken.text)
        self.assertEqual(count(), before)
        # Over-long text in the no-JS form: refused with the limit, never cut.
        long_form = self.anna.post_form(f"/news/{self.article}/comments", {"body": "y" * 3001},
                                        self.anna.get(f"/news/{self.article}/comment"))
        self.assertEqual(long_form.status, 400)
        self.assertIn("3000", long_form.text)
        self.assertEqual(count(), before)

    def test_9_anonymous_and_csrf_refusals(self):
        anonymous = Browser(self.server)
        r = anonymous.api("POST", f"/api/v1/articles/{self.article}/comments", {"body": "Hi"})
        self.assertEqual(r.status, 401)
        no_token = self.anna.api("POST", f"/api/v1/articles/{self.article}/comments", {"body": "Hi"}, csrf="wrong")
        self.assertEqual(no_token.status, 403)
        other_site = self.anna.api("POST", f"/api/v1/articles/{self.article}/comments", {"body": "Hi"},
                                   origin="https://evil.example")
        self.assertEqual(other_site.status, 403)
        compose = anonymous.get(f"/news/{self.article}/comment")
        self.assertEqual(compose.status, 303)
        self.assertIn("/account/signin?next=", compose.header("location"))


class PagingAndPolicies(E2ETest):
    def test_hundreds_of_comments_are_paged(self):
        site = self.make_site('[comments]\nreader_burst = 100000\nip_burst = 100000\nrepeat_window = 0\n')
        self.assertEqual(site.gazette("demo").returncode, 0)
        server = self.start(site)
        link, article = top_story(server)
        reader = Browser(server)
        reader.sign_up("Many Words", "many@example.org")
        csrf = reader.session()["csrf"]
        for i in range(250):
            r = reader.api("POST", f"/api/v1/articles/{article}/comments", {"body": f"Comment number {i}"}, csrf=csrf)
            self.assertEqual(r.status, 201, r.text)
        first = server.get(link)
        self.assertEqual(first.status, 200)
        self.assertEqual(len(comment_ids(first.text)), 20)
        self.assertIn("250 comments", first.text)
        self.assertIn('rel="next"', first.text)
        last = server.get(link + "?sort=oldest&page=13")
        self.assertEqual(len(comment_ids(last.text)), 10)
        self.assertIn("Comment number 249", last.text)
        self.assertEqual(server.get(link + "?sort=oldest&page=14").status, 404)
        self.assertEqual(server.get(link + "?sort=sideways").status, 400)

    def test_closed_and_premoderated_threads(self):
        site = self.make_site('[comments]\nclose_after_days = 1\n')
        self.assertEqual(site.gazette("demo").returncode, 0)
        server = self.start(site)
        link, article = top_story(server)
        reader = Browser(server)
        reader.sign_up("Poster", "poster@example.org")
        # The demo's top story is less than a day old: open.
        self.assertEqual(reader.api("POST", f"/api/v1/articles/{article}/comments", {"body": "Open"}).status, 201)
        self.assertEqual(site.gazette("comment-policy", "--article", str(article), "closed").returncode, 0)
        closed = reader.api("POST", f"/api/v1/articles/{article}/comments", {"body": "Closed?"})
        self.assertEqual(closed.status, 403)
        self.assertIn("closed", closed.json["error"]["message"])
        self.assertIn("Comments on this article are closed.", server.get(link).text)
        self.assertEqual(site.gazette("comment-policy", "--article", str(article), "premoderated").returncode, 0)
        held = reader.api("POST", f"/api/v1/articles/{article}/comments", {"body": "Held for review"})
        self.assertEqual(held.status, 201)
        self.assertTrue(held.json["held"])
        self.assertNotIn("Held for review", server.get(link).text)
        self.assertEqual(reader.session(article)["pending"][0]["body"], "Held for review")
        # Articles older than close_after_days are closed unless the article says otherwise.
        old = re.findall(r'href="(/news/(\d+)-[^"]+)"', server.get("/latest?page=2").text)[-1]
        r = reader.api("POST", f"/api/v1/articles/{old[1]}/comments", {"body": "Late"})
        self.assertEqual(r.status, 403)

    def test_bursts_answer_429_with_retry_after(self):
        site = self.make_site('[comments]\nreader_burst = 2\nreader_window = 60\n')
        self.assertEqual(site.gazette("demo").returncode, 0)
        server = self.start(site)
        _, article = top_story(server)
        reader = Browser(server)
        reader.sign_up("Fast Typist", "fast@example.org")
        for i in range(2):
            self.assertEqual(reader.api("POST", f"/api/v1/articles/{article}/comments", {"body": f"n{i}"}).status, 201)
        r = reader.api("POST", f"/api/v1/articles/{article}/comments", {"body": "n3"})
        self.assertEqual(r.status, 429)
        self.assertGreater(int(r.header("retry-after")), 0)

    def test_comment_pages_need_no_javascript(self):
        site = self.make_site()
        self.assertEqual(site.gazette("demo").returncode, 0)
        server = self.start(site)
        link, article = top_story(server)
        reader = Browser(server)
        reader.sign_up("No Script", "noscript@example.org")
        compose = reader.get(f"/news/{article}/comment")
        self.assertEqual(compose.status, 200)
        self.assertEqual(compose.header("cache-control"), "private, no-store")
        r = reader.post_form(f"/news/{article}/comments", {"body": "Posted by form",
                                                            "nonce": "k1"}, compose)
        self.assertEqual(r.status, 303)
        cid = int(re.search(r"#comment-(\d+)$", r.header("location")).group(1))
        other = Browser(server)
        other.sign_up("Other Reader", "other@example.org")
        actions = other.get(f"/comments/{cid}")
        self.assertEqual(actions.status, 200)
        voted = other.post_form(f"/comments/{cid}/vote", {"value": "1"}, actions)
        self.assertEqual(voted.status, 303)
        reply_page = other.get(f"/news/{article}/comment?reply_to={cid}")
        nonce = re.search(r'name="nonce" value="([^"]+)"', reply_page.text).group(1)
        replied = other.post_form(f"/news/{article}/comments", {"body": "Reply by form", "parent_id": str(cid),
                                                                 "nonce": nonce}, reply_page)
        self.assertEqual(replied.status, 303)
        page = server.get(link).text
        self.assertIn("Posted by form", page)
        self.assertIn("Reply by form", page)
        self.assertIn(">+1<", page)
        own = reader.get(f"/comments/{cid}")
        edited = reader.post_form(f"/comments/{cid}/edit", {"body": "Edited by form"}, own)
        self.assertEqual(edited.status, 303)
        self.assertIn("Edited by form", server.get(link).text)


if __name__ == "__main__":
    unittest.main()
