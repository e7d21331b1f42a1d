"""Live updates end to end: the Server-Sent Events streams read with a raw
socket, as a browser's EventSource (or a proxy) sees them. Articles are
published through the admin API with an editor's token, comments posted by a
signed-up reader and approved with a moderator's token."""

import json
import re
import signal
import socket
import time
import unittest

from harness import Browser, E2ETest, Page

CONFIG = ('[live]\nheartbeat_seconds = 1\nmax_streams = 6\n\n'
          '[comments]\nreader_burst = 1000\nip_burst = 1000\n')
ISO = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$"


class EventStream:
    """One connection to a stream: the head, then messages as they come."""

    def __init__(self, port, path, last_event_id=None, version="1.1"):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        lines = [f"GET {path} HTTP/{version}", "Host: 127.0.0.1", "Accept: text/event-stream"]
        if last_event_id is not None:
            lines.append(f"Last-Event-ID: {last_event_id}")
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        self.raw = b""
        while b"\r\n\r\n" not in self.raw:
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            self.raw += chunk
        head, _, self.raw = self.raw.partition(b"\r\n\r\n")
        head_lines = head.decode("latin-1").split("\r\n")
        self.status = int(head_lines[0].split()[1])
        self.headers = {}
        for line in head_lines[1:]:
            name, _, value = line.partition(":")
            self.headers[name.strip().lower()] = value.strip()
        self.chunked = self.headers.get("transfer-encoding") == "chunked"
        self.text = ""     # decoded body not yet split into messages
        self.ended = False  # the server ended the body (last chunk, or closed)
        self.messages = []  # every message read so far, in order
        self._decode()

    def close(self):
        self.sock.close()

    def _decode(self):
        if not self.chunked:
            self.text += self.raw.decode("utf-8")
            self.raw = b""
            return
        while True:
            line_end = self.raw.find(b"\r\n")
            if line_end < 0:
                return
            size = int(self.raw[:line_end], 16)
            if len(self.raw) < line_end + 2 + size + 2:
                return
            if size == 0:
                self.ended = True
                self.raw = b""
                return
            self.text += self.raw[line_end + 2:line_end + 2 + size].decode("utf-8")
            self.raw = self.raw[line_end + 2 + size + 2:]

    def _split(self):
        out = []
        while "\n\n" in self.text:
            block, self.text = self.text.split("\n\n", 1)
            message = {"comments": []}
            for line in block.split("\n"):
                if line.startswith(":"):
                    message["comments"].append(line[1:].strip())
                    continue
                field, _, value = line.partition(":")
                message[field] = value[1:] if value.startswith(" ") else value
            out.append(message)
        self.messages += out
        return out

    def read(self, seconds, until=None):
        """Messages that arrive within `seconds`, or until one satisfies `until`."""
        got = []
        deadline = time.monotonic() + seconds
        while not self.ended:
            got += self._split()
            if until and any(until(m) for m in got):
                break
            left = deadline - time.monotonic()
            if left <= 0:
                break
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                self.ended = True
                break
            self.raw += chunk
            self._decode()
        return got + self._split()

    def events(self, seconds, count=1, name=None):
        """Messages with data (named `name`), read until `count` came or `seconds` passed."""
        def data_of(messages):
            return [m for m in messages if "data" in m and (name is None or m.get("event") == name)]
        got = self.read(seconds, until=lambda m: len(data_of(self.messages)) >= count)
        return data_of(got)


class LiveTest(E2ETest):
    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site(CONFIG)
        assert cls.site.gazette("demo").returncode == 0
        editor = cls.site.gazette("token", "create", "--role", "editor", "Wire desk")
        assert editor.returncode == 0, editor.stderr
        cls.editor = editor.stdout.strip().splitlines()[-1]
        moderator = cls.site.gazette("token", "create", "--role", "moderator", "Night moderator")
        assert moderator.returncode == 0, moderator.stderr
        cls.moderator = moderator.stdout.strip().splitlines()[-1]
        cls.server = cls.start(cls.site)
        cls.reader = Browser(cls.server)
        assert cls.reader.sign_up("Anna Reyes", "anna@example.org").status == 303

    def setUp(self):
        self.streams = []

    def tearDown(self):
        for s in self.streams:
            s.close()

    def open(self, path, **kw):
        stream = EventStream(self.server.port, path, **kw)
        self.streams.append(stream)
        return stream

    def api(self, token, method, path, payload=None):
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        r = self.server.request(method, path, body=json.dumps(payload) if payload is not None else None,
                                headers=headers)
        r.json = json.loads(r.text) if r.body else None
        return r

    def publish(self, headline, **fields):
        created = self.api(self.editor, "POST", "/api/v1/admin/articles", {"headline": headline, **fields})
        self.assertEqual(created.status, 201, created.text)
        published = self.api(self.editor, "POST", f"/api/v1/admin/articles/{created.json['id']}/publish",
                             {"version": created.json["version"]})
        self.assertEqual(published.status, 200, published.text)
        return published.json

    def comment(self, article, body):
        r = self.reader.api("POST", f"/api/v1/articles/{article}/comments", {"body": body})
        self.assertEqual(r.status, 201, r.text)
        return r.json

    def start_of(self, stream):
        """The messages a stream starts with: retry, then the id to resume from."""
        first = stream.read(2, until=lambda m: "id" in m)
        ids = [i for i, m in enumerate(first) if "id" in m]
        return first[:ids[0] + 1] if ids else first

    def test_headers_retry_and_heartbeats(self):
        stream = self.open("/live/news")
        self.assertEqual(stream.status, 200)
        self.assertEqual(stream.headers["content-type"], "text/event-stream; charset=utf-8")
        self.assertEqual(stream.headers["cache-control"], "no-store")
        self.assertEqual(stream.headers["x-accel-buffering"], "no")
        self.assertEqual(stream.headers["transfer-encoding"], "chunked")
        self.assertNotIn("content-length", stream.headers)
        first = self.start_of(stream)
        self.assertEqual(first[0].get("retry"), "3000")
        self.assertRegex(first[-1]["id"], r"^\d{13}-\d+$")
        self.assertNotIn("data", first[-1])  # sets the id to resume from, dispatches nothing
        # Quiet for over a second: a heartbeat comment, more than once.
        beats = stream.read(2.6)
        self.assertGreaterEqual(sum(m["comments"].count("ping") for m in beats), 2, beats)
        self.assertFalse(stream.ended)

    def test_http_10_stream_ends_with_the_connection(self):
        stream = self.open("/live/news", version="1.0")
        self.assertEqual(stream.status, 200)
        self.assertNotIn("transfer-encoding", stream.headers)
        self.assertEqual(stream.headers["connection"], "close")
        self.assertEqual(self.start_of(stream)[0].get("retry"), "3000")

    def test_a_published_article_arrives_with_what_a_page_needs(self):
        stream = self.open("/live/news")
        self.start_of(stream)
        article = self.publish("Storm closes the harbour", lead="Ferries stay in port.", section="world",
                               breaking=True, body="All sailings are cancelled until noon.")
        [event] = stream.events(3, name="article")
        data = json.loads(event["data"])
        self.assertEqual(data["id"], article["id"])
        self.assertEqual(data["type"], "published")
        self.assertEqual(data["headline"], "Storm closes the harbour")
        self.assertTrue(data["breaking"])
        self.assertEqual(data["url"], f"/news/{article['id']}-storm-closes-the-harbour")
        self.assertRegex(data["published_at"], ISO)
        self.assertEqual(data["section"], {"slug": "world", "name": "World"})
        self.assertEqual(self.server.get(data["url"]).status, 200)
        # The breaking strip on the front page shows it, without any script.
        front = Page(self.server.get("/").text)
        strip = front.find_all("section", class_="breaking-strip")
        self.assertEqual(len(strip), 1)
        self.assertIn("Storm closes the harbour", strip[0][1])
        # Taken down: readers hear only that it went.
        down = self.api(self.editor, "POST", f"/api/v1/admin/articles/{article['id']}/unpublish",
                        {"version": article["version"]})
        self.assertEqual(down.status, 200, down.text)
        [gone] = stream.events(3, name="article")
        self.assertEqual(json.loads(gone["data"]), {"id": article["id"], "type": "unpublished"})
        self.assertNotIn("Storm closes the harbour", self.server.get("/").text)

    def test_drafts_are_never_announced(self):
        stream = self.open("/live/news")
        self.start_of(stream)
        created = self.api(self.editor, "POST", "/api/v1/admin/articles", {"headline": "An unfinished draft"})
        self.assertEqual(created.status, 201, created.text)
        self.assertEqual(stream.events(1.5), [])

    def test_resuming_returns_exactly_the_missed_events(self):
        watcher = self.open("/live/news")  # stays connected throughout
        self.start_of(watcher)
        leaver = self.open("/live/news")
        last_id = self.start_of(leaver)[-1]["id"]
        leaver.close()
        one = self.publish("Missed while away: one")
        two = self.publish("Missed while away: two")
        seen = watcher.events(3, count=2, name="article")
        self.assertEqual([json.loads(m["data"])["id"] for m in seen], [one["id"], two["id"]])
        back = self.open("/live/news", last_event_id=last_id)
        replayed = back.events(2, count=2)
        self.assertEqual([(m["event"], m["id"], m["data"]) for m in replayed],
                         [(m["event"], m["id"], m["data"]) for m in seen])
        self.assertEqual(back.events(1.2), [])  # and nothing else
        # From the newest id: nothing to send again.
        current = self.open("/live/news", last_event_id=seen[-1]["id"])
        self.assertEqual(current.events(1.2), [])

    def test_an_unknown_id_asks_the_page_to_reload(self):
        for unknown in ("1000000000000-5", "garbage", "99999999999999-1"):
            stream = self.open("/live/news", last_event_id=unknown)
            [reset] = stream.events(2, name="reset")
            self.assertRegex(reset["id"], r"^\d{13}-\d+$")
            stream.close()

    def test_visible_comments_arrive_and_held_ones_do_not(self):
        article = self.publish("Council votes on the tram", body="The vote is on Friday.")
        stream = self.open(f"/live/comments/{article['id']}")
        self.assertEqual(stream.status, 200)
        self.start_of(stream)
        posted = self.comment(article["id"], "About time too.")
        [event] = stream.events(3, name="comment")
        self.assertEqual(json.loads(event["data"]),
                         {"id": posted["comment"]["id"], "article_id": article["id"], "comment_count": 1})
        # Held for a moderator: nothing, until the moderator approves it.
        held_on = self.site.gazette("comment-policy", "--article", str(article["id"]), "premoderated")
        self.assertEqual(held_on.returncode, 0, held_on.stderr)
        held = self.comment(article["id"], "I have doubts about the budget.")
        self.assertTrue(held["held"])
        self.assertEqual(stream.events(1.5), [])
        approved = self.api(self.moderator, "POST", f"/api/v1/admin/comments/{held['comment']['id']}/approve", {})
        self.assertEqual(approved.status, 200, approved.text)
        [event] = stream.events(3, name="comment")
        self.assertEqual(json.loads(event["data"]),
                         {"id": held["comment"]["id"], "article_id": article["id"], "comment_count": 2})
        # A stream of another article hears none of it; one with ?news=1 hears articles too.
        both = self.open(f"/live/comments/{article['id']}?news=1")
        self.start_of(both)
        other = self.publish("Another story")
        self.assertEqual(json.loads(both.events(3, name="article")[0]["data"])["id"], other["id"])
        self.assertEqual(stream.events(1), [])

    def test_streams_of_unknown_articles_are_404(self):
        for path in ("/live/comments/999999", "/live/comments/abc", "/live/comments/0"):
            r = self.server.get(path)
            self.assertEqual(r.status, 404, path)
            self.assertIn("article", r.text)

    def test_too_many_streams_are_refused_with_503(self):
        time.sleep(0.3)  # streams of other tests are gone
        open_streams = [self.open("/live/news") for _ in range(6)]
        self.assertEqual([s.status for s in open_streams], [200] * 6)
        refused = self.server.get("/live/news")
        self.assertEqual(refused.status, 503)
        self.assertEqual(refused.header("retry-after"), "5")
        self.assertIn("try again", refused.text)
        # A page keeps loading meanwhile, and a place comes free when a reader leaves.
        self.assertEqual(self.server.get("/").status, 200)
        open_streams[0].close()
        time.sleep(0.3)
        self.assertEqual(self.open("/live/news").status, 200)

    def test_pages_name_their_time_zone_and_follow_live_updates(self):
        front = self.server.get("/").text
        self.assertRegex(front, r'<html lang="en" data-time-zone="UTC" data-format-date-time="\{day\} \{month_short\} '
                                r'\{time\}" [^>]*data-months-short="Jan\|Feb\|Mar[^"]*" data-live="on">')
        self.assertRegex(front, r'<script src="/assets/live\.[0-9a-f]+\.js" defer></script>')
        self.assertIn('data-live-region="front-feed"', front)
        self.assertIn('id="live-status" role="status"', front)


class LiveOffTest(E2ETest):
    def test_without_live_updates_there_are_no_streams(self):
        site = self.make_site('[live]\nenabled = false\n')
        server = self.start(site)
        self.assertEqual(server.get("/live/news").status, 404)
        front = server.get("/").text
        self.assertNotIn('data-live="on"', front)
        self.assertNotIn('id="live-status"', front)


class LiveRussianTest(E2ETest):
    def test_pages_carry_the_russian_month_names_and_the_site_zone(self):
        site = self.make_site('[site]\nlanguage = "ru"\ntime_zone = "Europe/Moscow"\n')
        assert site.gazette("demo").returncode == 0
        server = self.start(site)
        front = server.get("/").text
        self.assertIn('<html lang="ru" data-time-zone="Europe/Moscow" ', front)
        self.assertIn('data-months-short="янв|фев|мар|апр|мая|июн|июл|авг|сен|окт|ноя|дек"', front)
        self.assertIn('data-live-region="front-feed"', front)
        self.assertIn('data-news="Новости на странице обновились."', front)


class LiveShutdownTest(E2ETest):
    def test_sigterm_ends_open_streams_and_the_server_promptly(self):
        site = self.make_site(CONFIG)
        server = site.serve()
        try:
            stream = EventStream(server.port, "/live/news")
            stream.read(1, until=lambda m: "id" in m)
            started = time.monotonic()
            server.process.send_signal(signal.SIGTERM)
            server.process.wait(timeout=10)
            self.assertLess(time.monotonic() - started, 2.0)
            self.assertEqual(server.process.returncode, 0)
            stream.read(2)
            self.assertTrue(stream.ended)  # a clean end of the body, then the close
            stream.close()
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
