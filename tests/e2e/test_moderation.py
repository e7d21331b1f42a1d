"""The moderation desk end to end: who may use it, the queues, every action,
and the audit log, over real HTTP against `gazette serve`."""

import re
import unittest

from harness import Browser, E2ETest


def top_story(server):
    front = server.get("/")
    link = re.search(r'<h2 id="top-story-headline"><a href="([^"]+)"', front.text).group(1)
    return link, int(re.search(r"/news/(\d+)", link).group(1))


class ModerationTest(E2ETest):
    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site('[comments]\nsuspect_words = ["idiot"]\nreports_to_hide = 1\nreader_burst = 1000\n')
        assert cls.site.gazette("demo").returncode == 0
        added = cls.site.gazette("user", "add", "--role", "moderator", "--name", "Mo Derator", "mod@example.org")
        assert added.returncode == 0, added.stderr
        password = re.search(r"^password: (\S+)$", added.stdout, re.M).group(1)
        cls.server = cls.start(cls.site)
        cls.link, cls.article = top_story(cls.server)
        cls.mod = Browser(cls.server)
        assert cls.mod.sign_in("mod@example.org", password).status == 303
        cls.reader = Browser(cls.server)
        assert cls.reader.sign_up("Rita Reader", "rita@example.org").status == 303
        cls.other = Browser(cls.server)
        assert cls.other.sign_up("Otto Other", "otto@example.org").status == 303

    def post(self, who, body):
        r = who.api("POST", f"/api/v1/articles/{self.article}/comments", {"body": body})
        self.assertEqual(r.status, 201, r.text)
        return r.json["comment"]["id"], r.json["held"]

    def act(self, path, fields=None, who=None):
        who = who or self.mod
        page = who.get("/moderation")
        return who.post_form(path, dict(fields or {}, **{"return": "/moderation"}), page)

    def test_readers_and_anonymous_visitors_cannot_moderate(self):
        anonymous = Browser(self.server)
        r = anonymous.get("/moderation")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("location"), "/account/signin?next=/moderation")
        self.assertEqual(self.reader.get("/moderation").status, 403)
        self.assertEqual(self.reader.get("/moderation/log").status, 403)
        cid, _ = self.post(self.other, "Nobody approves this but a moderator, idiot")
        refused = self.act(f"/moderation/comments/{cid}/approve", who=self.reader)
        self.assertEqual(refused.status, 403)
        self.assertEqual(self.act(f"/moderation/accounts/{cid}/ban", {"length": "1"}, who=self.reader).status, 403)

    def test_held_comment_is_approved_from_the_queue(self):
        cid, held = self.post(self.reader, "You are an idiot, sir")  # a suspect word holds it
        self.assertTrue(held)
        self.assertNotIn("You are an idiot, sir", self.server.get(self.link).text)
        queue = self.mod.get("/moderation")
        self.assertEqual(queue.status, 200)
        self.assertEqual(queue.header("cache-control"), "private, no-store")
        self.assertIn("You are an idiot, sir", queue.text)
        self.assertIn('contains &quot;idiot&quot;', queue.text)
        headline = re.search(r'id="top-story-headline"><a href="[^"]+">([^<]+)<', self.server.get("/").text).group(1)
        self.assertIn(headline, queue.text)
        r = self.act(f"/moderation/comments/{cid}/approve")
        self.assertEqual(r.status, 303)
        self.assertIn("You are an idiot, sir", self.server.get(self.link).text)
        log = self.mod.get("/moderation/log").text
        self.assertIn("Mo Derator", log)
        self.assertIn("approved", log)
        self.assertIn(f"/moderation/comments/{cid}", log)

    def test_reject_with_a_reason(self):
        cid, _ = self.post(self.reader, "Another idiot remark")
        r = self.act(f"/moderation/comments/{cid}/reject", {"reason": "personal attack"})
        self.assertEqual(r.status, 303)
        self.assertNotIn("Another idiot remark", self.server.get(self.link).text)
        self.assertNotIn("Another idiot remark", self.mod.get("/moderation").text)
        self.assertIn("personal attack", self.mod.get("/moderation/log").text)

    def test_reported_comment_is_hidden_then_reviewed(self):
        cid, _ = self.post(self.reader, "A sharp but fair point")
        self.assertEqual(self.other.api("POST", f"/api/v1/comments/{cid}/report", {"reason": "abuse", "text": "too sharp"}).status, 200)
        self.assertNotIn("A sharp but fair point", self.server.get(self.link).text)
        reported = self.mod.get("/moderation/reported").text
        self.assertIn("A sharp but fair point", reported)
        self.assertIn("too sharp", reported)
        self.assertIn("Otto Other", reported)
        self.assertEqual(self.act(f"/moderation/comments/{cid}/approve").status, 303)
        self.assertIn("A sharp but fair point", self.server.get(self.link).text)
        self.assertNotIn("A sharp but fair point", self.mod.get("/moderation/reported").text)

    def test_ban_for_a_period_and_lift_it(self):
        troll = Browser(self.server)
        troll.sign_up("Tom Troll", "troll@example.org")
        state = troll.session()
        troll_id = state["account"]["id"]
        held_id, held = self.post(troll, "idiot idiot")
        self.assertTrue(held)
        r = self.act(f"/moderation/accounts/{troll_id}/ban", {"length": "7", "reason": "trolling"})
        self.assertEqual(r.status, 303)
        refused = troll.api("POST", f"/api/v1/articles/{self.article}/comments", {"body": "Let me speak"})
        self.assertEqual(refused.status, 403)
        self.assertIn("may not comment", refused.json["error"]["message"])
        self.assertNotIn("idiot idiot", self.mod.get("/moderation").text)  # its held comment went too
        log = self.mod.get("/moderation/log").text
        self.assertIn("banned", log)
        self.assertIn("trolling", log)
        self.assertEqual(self.act(f"/moderation/accounts/{troll_id}/ban", {"length": "eternity"}).status, 400)
        self.assertEqual(self.act(f"/moderation/accounts/{troll_id}/unban").status, 303)
        self.assertEqual(troll.api("POST", f"/api/v1/articles/{self.article}/comments", {"body": "Back again"}).status, 201)

    def test_feature_a_comment(self):
        cid, _ = self.post(self.reader, "An insightful comment")
        self.assertEqual(self.act(f"/moderation/comments/{cid}/feature").status, 303)
        page = self.server.get(self.link).text
        self.assertIn("Featured comments", page)
        self.assertIn(f'<li class="comment depth-0 featured" id="featured-{cid}"', page)
        self.assertIn(f'<li class="comment depth-0 featured" id="comment-{cid}"', page)  # and in its thread
        self.assertEqual(self.act(f"/moderation/comments/{cid}/unfeature").status, 303)
        self.assertNotIn("Featured comments", self.server.get(self.link).text)

    def test_article_policy_from_the_moderation_page(self):
        cid, _ = self.post(self.reader, "Policy test comment")
        page = self.mod.get(f"/moderation/comments/{cid}")
        self.assertEqual(page.status, 200)
        r = self.mod.post_form(f"/moderation/articles/{self.article}/policy", {"policy": "closed", "return": "/moderation"}, page)
        self.assertEqual(r.status, 303)
        self.assertEqual(self.reader.api("POST", f"/api/v1/articles/{self.article}/comments", {"body": "Closed"}).status, 403)
        r = self.mod.post_form(f"/moderation/articles/{self.article}/policy", {"policy": "inherit", "return": "/moderation"}, page)
        self.assertEqual(r.status, 303)
        self.assertEqual(self.reader.api("POST", f"/api/v1/articles/{self.article}/comments", {"body": "Open again"}).status, 201)
        self.assertIn("set a comment policy", self.mod.get("/moderation/log").text)

    def test_moderation_forms_check_csrf(self):
        cid, _ = self.post(self.reader, "CSRF target idiot")
        page = self.mod.get("/moderation")
        forged = self.mod.post_form(f"/moderation/comments/{cid}/approve", {"return": "/moderation"}, page,
                                    origin="https://evil.example")
        self.assertEqual(forged.status, 403)
        no_token = self.mod.post_form(f"/moderation/comments/{cid}/approve", {"return": "/moderation"}, csrf="nope")
        self.assertEqual(no_token.status, 403)
        self.assertNotIn("CSRF target idiot", self.server.get(self.link).text)

    def test_a_return_address_off_the_desk_is_ignored(self):
        cid, _ = self.post(self.reader, "Return test idiot")
        page = self.mod.get("/moderation")
        r = self.mod.post_form(f"/moderation/comments/{cid}/approve", {"return": "https://evil.example/"}, page)
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("location"), "/moderation")


if __name__ == "__main__":
    unittest.main()
