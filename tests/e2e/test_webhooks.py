"""Webhooks end to end: a webhook added on the command line, a comment posted
through the reader JSON API, and a real receiver (Python's http.server on
127.0.0.1) that checks the POST, its headers and its signature; a retry after
a 500, the delivery log, and a delivery that was pending across a restart."""

import hashlib
import hmac
import json
import re
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from harness import Browser, E2ETest

CONFIG = """[webhooks]
retry_base_seconds = 1

[comments]
reader_burst = 100
ip_burst = 100
"""


class Receiver:
    """An HTTP server in a thread that records every POST and answers with
    the statuses it is told (200 when none are left). With `hold` set, the
    next request waits for the event before it is answered."""

    def __init__(self):
        self.requests = []  # {"path", "headers" (lower-case names), "body" (bytes), "at"}
        self.answers = []
        self.hold = None
        self.held = threading.Event()  # set once a request waits for `hold`
        self.changed = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver.changed:
                    receiver.requests.append({"path": self.path, "body": body, "at": time.time(),
                                              "headers": {k.lower(): v for k, v in self.headers.items()}})
                    status = receiver.answers.pop(0) if receiver.answers else 200
                    hold, receiver.hold = receiver.hold, None
                    receiver.changed.notify_all()
                if hold:
                    receiver.held.set()
                    hold.wait(30)
                answer = b"thanks" if status < 300 else b"try again later"
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:
                    pass  # the sender gave up on this one

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/hooks/gazette"

    def wait_for(self, count, timeout=30):
        """The first `count` requests, once they arrived."""
        with self.changed:
            if not self.changed.wait_for(lambda: len(self.requests) >= count, timeout):
                raise AssertionError(f"the receiver got {len(self.requests)} request(s), not {count}")
            return list(self.requests[:count])

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def signed_by(secret, request):
    """Checks the signature as docs/webhooks.md tells receivers to."""
    timestamp = request["headers"]["x-gazette-timestamp"]
    expected = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + request["body"],
                                    hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, request["headers"]["x-gazette-signature"])


def top_story(server):
    link = re.search(r'<h2 id="top-story-headline"><a href="([^"]+)"', server.get("/").text).group(1)
    return int(re.search(r"/news/(\d+)", link).group(1))


class WebhooksTest(E2ETest):
    @classmethod
    def setUpClass(cls):
        cls.receiver = Receiver()
        cls.addClassCleanup(cls.receiver.close)
        cls.site = cls.make_site(CONFIG)
        assert cls.site.gazette("demo").returncode == 0
        added = cls.site.gazette("webhook", "add", "--events", "comment.created", "--description", "Moderation bot",
                                 cls.receiver.url)
        assert added.returncode == 0, added.stderr
        cls.webhook = int(re.search(r"Webhook (\d+) is ready", added.stdout).group(1))
        cls.secret = added.stdout.strip().splitlines()[-1]
        cls.server = cls.start(cls.site)
        cls.article = top_story(cls.server)
        cls.reader = Browser(cls.server)
        assert cls.reader.sign_up("Wanda Webhook", "wanda@example.org").status == 303

    def post_comment(self, text):
        r = self.reader.api("POST", f"/api/v1/articles/{self.article}/comments", {"body": text})
        self.assertEqual(r.status, 201, r.text)
        return r.json["comment"]["id"]

    def log(self):
        """The delivery log as `gazette webhook deliveries` prints it: one dict per delivery."""
        result = self.site.gazette("webhook", "deliveries", str(self.webhook))
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.strip().splitlines()
        self.assertEqual(lines[0].split("\t"), ["DELIVERY", "TIME", "EVENT", "SUBJECT", "STATE", "ATTEMPTS",
                                                "LAST STATUS", "DETAIL"])
        rows = [dict(zip(["id", "time", "event", "subject", "state", "attempts", "status", "detail"],
                         line.split("\t"))) for line in lines[1:]]
        return {int(row["id"]): row for row in rows}

    def wait_for_log(self, delivery, state, timeout=20):
        deadline = time.monotonic() + timeout
        while True:
            row = self.log().get(delivery)
            if row and row["state"] == state:
                return row
            if time.monotonic() > deadline:
                self.fail(f"delivery {delivery} is not {state}: {row}")
            time.sleep(0.2)

    def test_1_the_command_line_lists_webhooks_and_refuses_bad_ones(self):
        listed = self.site.gazette("webhook", "list")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        self.assertEqual(listed.stdout.strip().split("\t"),
                         [str(self.webhook), "active", "comment.created", self.receiver.url, "Moderation bot"])
        self.assertRegex(self.secret, r"^whsec_[A-Za-z0-9_-]{43}$")
        self.assertNotIn(self.secret, listed.stdout)
        unknown = self.site.gazette("webhook", "add", "--events", "comment.deleted", self.receiver.url)
        self.assertEqual(unknown.returncode, 1)
        self.assertIn('Unknown event "comment.deleted"', unknown.stderr)
        bad_url = self.site.gazette("webhook", "add", "--events", "comment.created", "ftp://127.0.0.1/x")
        self.assertEqual(bad_url.returncode, 1)
        self.assertIn("http:// or https://", bad_url.stderr)
        usage = self.site.gazette("webhook", "add", self.receiver.url)
        self.assertEqual(usage.returncode, 2)
        self.assertEqual(self.site.gazette("webhook", "list").stdout, listed.stdout)  # nothing was added
        self.assertEqual(self.site.gazette("webhook", "deliveries", "999").returncode, 1)

    def test_2_a_new_comment_is_posted_to_the_receiver_signed(self):
        before = len(self.receiver.requests)
        comment = self.post_comment("Webhooks should see this one.")
        request = self.receiver.wait_for(before + 1)[-1]
        self.assertEqual(request["path"], "/hooks/gazette")
        headers = request["headers"]
        self.assertEqual(headers["content-type"], "application/json")
        self.assertEqual(headers["user-agent"], "Gazette-Webhooks")
        self.assertEqual(headers["x-gazette-event"], "comment.created")
        self.assertRegex(headers["x-gazette-delivery"], r"^\d+$")
        self.assertLess(abs(int(headers["x-gazette-timestamp"]) - time.time()), 60)
        self.assertRegex(headers["x-gazette-signature"], r"^sha256=[0-9a-f]{64}$")
        self.assertTrue(signed_by(self.secret, request), "the signature does not verify with the secret")
        self.assertFalse(signed_by("whsec_" + "x" * 43, request))
        payload = json.loads(request["body"])
        self.assertEqual(payload["event"], "comment.created")
        self.assertRegex(payload["occurred_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")
        data = payload["data"]
        self.assertEqual(data["id"], comment)
        self.assertEqual(data["article_id"], self.article)
        self.assertIsNone(data["parent_id"])
        self.assertEqual(data["author_name"], "Wanda Webhook")
        self.assertEqual(data["body"], "Webhooks should see this one.")
        self.assertEqual(data["status"], "visible")
        self.assertRegex(data["url"], rf"^{re.escape(self.server.base)}/news/{self.article}-[a-z0-9-]+#comment-{comment}$")
        # The comment's own address leads to it.
        page = self.server.get(data["url"].split("#")[0][len(self.server.base):])
        self.assertEqual(page.status, 200)
        self.assertIn(f'id="comment-{comment}"', page.text)
        # The log shows it delivered at the first attempt.
        row = self.wait_for_log(int(headers["x-gazette-delivery"]), "delivered")
        self.assertEqual((row["event"], row["subject"], row["attempts"], row["status"]),
                         ("comment.created", str(comment), "1", "200"))

    def test_3_a_failed_attempt_is_tried_again(self):
        before = len(self.receiver.requests)
        self.receiver.answers = [500]
        comment = self.post_comment("The receiver is down at first.")
        first, second = self.receiver.wait_for(before + 2)[-2:]
        delivery = first["headers"]["x-gazette-delivery"]
        self.assertEqual(second["headers"]["x-gazette-delivery"], delivery)  # the same delivery, again
        self.assertEqual(second["body"], first["body"])
        self.assertEqual(json.loads(second["body"])["data"]["id"], comment)
        # Signed anew for each attempt, retried after retry_base_seconds (1).
        self.assertGreaterEqual(int(second["headers"]["x-gazette-timestamp"]),
                                int(first["headers"]["x-gazette-timestamp"]) + 1)
        self.assertTrue(signed_by(self.secret, first))
        self.assertTrue(signed_by(self.secret, second))
        row = self.wait_for_log(int(delivery), "delivered")
        self.assertEqual((row["attempts"], row["status"]), ("2", "200"))
        # Nothing more comes for it.
        time.sleep(2.5)
        self.assertEqual(len(self.receiver.requests), before + 2)

    def test_4_a_pending_delivery_is_sent_after_a_restart(self):
        before = len(self.receiver.requests)
        release = threading.Event()
        self.receiver.hold = release
        self.receiver.held.clear()
        comment = self.post_comment("Sent while the site restarts.")
        self.assertTrue(self.receiver.held.wait(20), "the delivery never arrived")
        delivery = int(self.receiver.requests[before]["headers"]["x-gazette-delivery"])
        # The server stops while the receiver keeps the attempt waiting: it is
        # abandoned, not counted, and the delivery stays pending in the database.
        self.assertEqual(self.server.stop(), 0, self.server.stderr())
        release.set()
        row = self.log()[delivery]
        self.assertEqual((row["state"], row["attempts"], row["subject"]), ("pending", "0", str(comment)))
        server = self.start(self.site)
        request = self.receiver.wait_for(before + 2)[-1]
        self.assertEqual(int(request["headers"]["x-gazette-delivery"]), delivery)
        self.assertEqual(json.loads(request["body"])["data"]["id"], comment)
        self.assertTrue(signed_by(self.secret, request))
        row = self.wait_for_log(delivery, "delivered")
        self.assertEqual((row["attempts"], row["status"]), ("1", "200"))
        self.assertEqual(server.stop(), 0)

    def test_5_removing_the_webhook_removes_its_log(self):
        removed = self.site.gazette("webhook", "remove", str(self.webhook))
        self.assertEqual(removed.returncode, 0, removed.stderr)
        self.assertEqual(self.site.gazette("webhook", "list").stdout.strip(), "No webhooks.")
        gone = self.site.gazette("webhook", "deliveries", str(self.webhook))
        self.assertEqual(gone.returncode, 1)
        self.assertIn("no such webhook", gone.stderr)


if __name__ == "__main__":
    unittest.main()
