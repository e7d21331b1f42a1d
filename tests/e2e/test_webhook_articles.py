"""Article events end to end: a webhook for article.published,
article.updated and article.unpublished added on the command line, an
editor's API token, and an article published, changed and taken down
through the admin API (/api/v1/admin). A real receiver (Python's http.server
on 127.0.0.1) gets the three events in order, signed with the webhook's
secret, each carrying the article as the content API shows it."""

import json
import re
import time
import unittest
from urllib.parse import urlsplit

from harness import E2ETest
from test_webhooks import Receiver, signed_by

CONFIG = '[site]\ntime_zone = "Europe/Moscow"\n\n[webhooks]\nretry_base_seconds = 1\n'
EVENTS = ["article.published", "article.updated", "article.unpublished"]
ISO_MOSCOW = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$"


class WebhookArticlesTest(E2ETest):
    @classmethod
    def setUpClass(cls):
        cls.receiver = Receiver()
        cls.addClassCleanup(cls.receiver.close)
        cls.site = cls.make_site(CONFIG)
        added = cls.site.gazette("webhook", "add", "--events", ",".join(EVENTS), "--description", "Search index",
                                 cls.receiver.url)
        assert added.returncode == 0, added.stderr
        cls.webhook = int(re.search(r"Webhook (\d+) is ready", added.stdout).group(1))
        cls.secret = added.stdout.strip().splitlines()[-1]
        made = cls.site.gazette("token", "create", "--role", "editor", "Wire desk")
        assert made.returncode == 0, made.stderr
        cls.token = made.stdout.strip().splitlines()[-1]
        cls.server = cls.start(cls.site)

    def api(self, method, path, payload=None, token=True):
        headers = {"Authorization": f"Bearer {self.token}"} if token else {}
        body = None
        if payload is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(payload)
        r = self.server.request(method, path, body=body, headers=headers)
        r.json = json.loads(r.text) if r.body else None
        return r

    def content_api(self, aid):
        """The article as the public content API shows it (None when it does not)."""
        r = self.api("GET", f"/api/v1/articles/{aid}", token=False)
        if r.status == 404:
            return None
        self.assertEqual(r.status, 200, r.text)
        return r.json

    def admin_api(self, aid):
        """The article as the admin API shows it, without the two fields only that API adds."""
        r = self.api("GET", f"/api/v1/admin/articles/{aid}")
        self.assertEqual(r.status, 200, r.text)
        return {k: v for k, v in r.json.items() if k not in ("pending", "comment_policy")}

    def step(self, aid, step, version):
        r = self.api("POST", f"/api/v1/admin/articles/{aid}/{step}", {"version": version})
        self.assertEqual(r.status, 200, r.text)
        return r.json

    def delivery(self, index, event):
        """The receiver's request number `index` (from 0), once it came, checked as a receiver would."""
        request = self.receiver.wait_for(index + 1)[index]
        headers = request["headers"]
        self.assertEqual(request["path"], "/hooks/gazette")
        self.assertEqual(headers["content-type"], "application/json")
        self.assertEqual(headers["x-gazette-event"], event)
        self.assertLess(abs(int(headers["x-gazette-timestamp"]) - time.time()), 60)
        self.assertTrue(signed_by(self.secret, request), f"{event}: the signature does not verify")
        self.assertFalse(signed_by(self.secret + "x", request))
        payload = json.loads(request["body"])
        self.assertEqual(sorted(payload), ["data", "event", "occurred_at"])
        self.assertEqual(payload["event"], event)
        self.assertRegex(payload["occurred_at"], ISO_MOSCOW)
        return request, payload["data"]

    def test_published_updated_unpublished_reach_the_receiver_in_order(self):
        # A draft, created and saved: no event yet (article.updated is for live articles).
        created = self.api("POST", "/api/v1/admin/articles", {
            "headline": "Harbour tram gets the green light", "lead": "The council voted for it.",
            "body": "The line opens **next spring**.\n\nTickets cost as much as the bus.",
            "tags": ["Transport", "Harbour"], "authors": ["Anna Petrova"],
            "source": {"name": "City Hall", "url": "https://example.org/council"}})
        self.assertEqual(created.status, 201, created.text)
        aid, version = created.json["id"], created.json["version"]
        self.assertEqual(created.json["status"], "draft")
        saved = self.api("PUT", f"/api/v1/admin/articles/{aid}", {"version": version, "lead": "The council voted 31 to 4."})
        self.assertEqual(saved.status, 200, saved.text)
        self.assertIsNone(self.content_api(aid))

        # Published: the receiver gets the article as readers now see it.
        published = self.step(aid, "publish", saved.json["version"])
        self.assertEqual(published["status"], "published")
        first, data = self.delivery(0, "article.published")
        shown = self.content_api(aid)
        self.assertEqual(data, shown)
        self.assertEqual((data["id"], data["headline"], data["status"], data["lead"]),
                         (aid, "Harbour tram gets the green light", "published", "The council voted 31 to 4."))
        self.assertEqual(data["tags"], ["Transport", "Harbour"])
        self.assertEqual(data["authors"], ["Anna Petrova"])
        self.assertRegex(data["url"], rf"/news/{aid}-harbour-tram-gets-the-green-light$")
        self.assertRegex(data["published_at"], ISO_MOSCOW)
        page = self.server.get(urlsplit(data["url"]).path)
        self.assertEqual(page.status, 200)
        self.assertIn("Harbour tram gets the green light", page.text)

        # Changed while live: article.updated with the new content and version.
        updated = self.api("PUT", f"/api/v1/admin/articles/{aid}", {
            "version": published["version"], "headline": "Harbour tram approved: line opens in spring"})
        self.assertEqual(updated.status, 200, updated.text)
        second, data = self.delivery(1, "article.updated")
        self.assertEqual(data, self.content_api(aid))
        self.assertEqual((data["id"], data["headline"], data["status"], data["version"]),
                         (aid, "Harbour tram approved: line opens in spring", "published", updated.json["version"]))
        self.assertGreater(data["version"], shown["version"])

        # Taken down: the content API no longer shows it; the payload is the article as it now is.
        unpublished = self.step(aid, "unpublish", updated.json["version"])
        self.assertEqual(unpublished["status"], "unpublished")
        third, data = self.delivery(2, "article.unpublished")
        self.assertIsNone(self.content_api(aid))
        self.assertEqual(data, self.admin_api(aid))
        self.assertEqual((data["id"], data["headline"], data["status"]),
                         (aid, "Harbour tram approved: line opens in spring", "unpublished"))
        self.assertEqual(set(data), set(shown))  # the same shape as the content API's

        # In order, one delivery each, and nothing else came.
        requests = [first, second, third]
        self.assertEqual([r["headers"]["x-gazette-event"] for r in requests], EVENTS)
        ids = [int(r["headers"]["x-gazette-delivery"]) for r in requests]
        self.assertEqual(ids, sorted(set(ids)))
        stamps = [int(r["headers"]["x-gazette-timestamp"]) for r in requests]
        self.assertEqual(stamps, sorted(stamps))
        time.sleep(1.5)
        self.assertEqual(len(self.receiver.requests), 3)

        # The delivery log agrees: three delivered, about this article, at the first attempt.
        log = self.site.gazette("webhook", "deliveries", str(self.webhook))
        self.assertEqual(log.returncode, 0, log.stderr)
        rows = [line.split("\t") for line in log.stdout.strip().splitlines()[1:]]
        self.assertEqual([(int(r[0]), r[2], r[3], r[4], r[5], r[6]) for r in reversed(rows)],
                         [(i, e, str(aid), "delivered", "1", "200") for i, e in zip(ids, EVENTS)])

        # Steps in quick succession, without waiting for the receiver, still arrive in order.
        quick = self.api("POST", "/api/v1/admin/articles", {"headline": "Ferry timetable changes",
                                                             "body": "Ferries run later from Monday."})
        self.assertEqual(quick.status, 201, quick.text)
        qid = quick.json["id"]
        v = self.step(qid, "publish", quick.json["version"])["version"]
        changed = self.api("PUT", f"/api/v1/admin/articles/{qid}", {"version": v, "lead": "From Monday."})
        self.assertEqual(changed.status, 200, changed.text)
        self.step(qid, "unpublish", changed.json["version"])
        datas = [self.delivery(3 + i, event)[1] for i, event in enumerate(EVENTS)]
        self.assertEqual([d["id"] for d in datas], [qid] * 3)
        # Each is the article as it was when it was sent, and the last one sees it taken down.
        self.assertEqual(datas[-1]["status"], "unpublished")
        self.assertEqual(datas[-1], self.admin_api(qid))


if __name__ == "__main__":
    unittest.main()
