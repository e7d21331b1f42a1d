"""The scheduler of the running server: an article scheduled through the
admin API is published at its time, and one that came due while the server
was stopped is published as soon as it starts again, at its scheduled time."""

import json
import time
import unittest
from datetime import datetime, timedelta, timezone

from harness import E2ETest


def token(site, role):
    result = site.gazette("token", "create", "--role", role, f"{role} robot")
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return result.stdout.rstrip("\n").split("\n")[-1]


def call(server, method, path, token_value, body=None):
    headers = {"Authorization": f"Bearer {token_value}"}
    data = None
    if body is not None:
        data = json.dumps(body)
        headers["Content-Type"] = "application/json"
    r = server.request(method, path, body=data, headers=headers)
    return r.status, json.loads(r.body) if r.body else None


def public_status(server, article_id):
    return server.request("GET", f"/api/v1/articles/{article_id}").status


class Scheduler(E2ETest):
    def test_a_schedule_missed_while_stopped_is_published_on_start(self):
        site = self.make_site()
        editor = token(site, "editor")
        server = site.serve()
        status, article = call(server, "POST", "/api/v1/admin/articles", editor, {"headline": "Missed while down"})
        self.assertEqual(status, 201, article)
        due = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=3)
        status, scheduled = call(server, "POST", f"/api/v1/admin/articles/{article['id']}/schedule", editor,
                                 {"at": due.isoformat()})
        self.assertEqual(status, 200, scheduled)
        self.assertEqual(scheduled["status"], "scheduled")
        server.stop()
        while datetime.now(timezone.utc) < due + timedelta(seconds=1):
            time.sleep(0.2)
        restarted = site.serve()
        self.addCleanup(restarted.stop)
        deadline = time.monotonic() + 3
        while public_status(restarted, article["id"]) != 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertEqual(public_status(restarted, article["id"]), 200, "published soon after the start")
        status, live = call(restarted, "GET", f"/api/v1/admin/articles/{article['id']}", editor)
        self.assertEqual(live["status"], "published")
        self.assertEqual(datetime.fromisoformat(live["published_at"]), due, "it keeps its scheduled time")

    def test_a_scheduled_article_appears_within_a_second_of_its_time(self):
        site = self.make_site()
        editor = token(site, "editor")
        server = self.start(site)
        status, article = call(server, "POST", "/api/v1/admin/articles", editor, {"headline": "On the dot"})
        due = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=3)
        status, _ = call(server, "POST", f"/api/v1/admin/articles/{article['id']}/schedule", editor,
                         {"at": due.isoformat()})
        self.assertEqual(status, 200)
        self.assertEqual(public_status(server, article["id"]), 404, "not public before its time")
        while public_status(server, article["id"]) != 200:
            self.assertLess(datetime.now(timezone.utc), due + timedelta(seconds=1.5), "late")
            time.sleep(0.05)
        self.assertGreaterEqual(datetime.now(timezone.utc), due - timedelta(seconds=0.05), "early")


if __name__ == "__main__":
    unittest.main()
