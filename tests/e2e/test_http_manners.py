"""How `gazette serve` behaves as an HTTP/1.1 server: status codes, headers,
keep-alive, limits, timeouts, caching of assets, the access log and a
graceful shutdown. Most requests are hand-written bytes on a raw socket."""

import email.utils
import re
import signal
import socket
import time
import unittest
import uuid
from datetime import datetime, timezone

from harness import E2ETest, Page, Response, status_of

SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")


class Connection:
    """One client connection that reads whole responses (by Content-Length)."""

    def __init__(self, port, timeout=5.0):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buf = b""

    def close(self):
        self.sock.close()

    def send(self, data):
        self.sock.sendall(data)

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError(f"the server closed the connection; unread: {self.buf[:200]!r}")
        self.buf += chunk

    def response(self, head=False):
        """The next response; `head`: it answers a HEAD request (no body follows)."""
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head_bytes, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head_bytes.decode("latin-1").split("\r\n")
        m = re.match(r"HTTP/1\.[01] (\d{3}) ", lines[0])
        if not m:
            raise AssertionError(f"not a status line: {lines[0]!r}")
        status = int(m.group(1))
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        bodiless = head or status in (204, 304) or status < 200
        length = 0 if bodiless else int(headers.get("content-length", "0"))
        while len(self.buf) < length:
            self._fill()
        body, self.buf = self.buf[:length], self.buf[length:]
        return Response(status, headers, body)

    def rest(self, timeout=3.0):
        """Everything the server still sends, until it closes; None if it stays open for `timeout` seconds."""
        self.sock.settimeout(timeout)
        data = self.buf
        self.buf = b""
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return data
                data += chunk
        except ConnectionResetError:
            return data
        except socket.timeout:
            return None


def request_bytes(method, path, headers=(), version="HTTP/1.1", host=True, body=b""):
    lines = [f"{method} {path} {version}"]
    if host:
        lines.append("Host: 127.0.0.1")
    lines += list(headers)
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class ServerTest(E2ETest):
    def connect(self, server, timeout=5.0):
        conn = Connection(server.port, timeout)
        self.addCleanup(conn.close)
        return conn

    def exchange(self, server, data, head=False):
        """Sends `data` on a new connection; returns (the response, whether the server then closed it)."""
        conn = self.connect(server)
        conn.send(data)
        response = conn.response(head=head)
        rest = conn.rest(timeout=3.0)
        return response, rest

    def assert_closed_after(self, rest, what):
        self.assertIsNotNone(rest, f"the server keeps the connection open after {what}")
        self.assertEqual(rest, b"", f"the server sends more bytes after {what}")

    def assert_security_headers(self, response, what):
        csp = response.header("content-security-policy")
        self.assertIn("script-src 'self'", csp, f"CSP on {what}")
        self.assertIn("object-src 'none'", csp, f"CSP on {what}")
        self.assertEqual(response.header("x-content-type-options"), "nosniff", f"X-Content-Type-Options on {what}")
        self.assertTrue(response.header("referrer-policy"), f"Referrer-Policy on {what}")


class DemoSiteManners(ServerTest):
    """One server over a demo site, shared by the tests of this class."""

    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site()
        filled = cls.site.gazette("demo")
        if filled.returncode != 0:
            raise RuntimeError("gazette demo failed: " + filled.stderr)
        cls.server = cls.start(cls.site)
        front = cls.server.get("/")
        cls.front_html = front.text
        links = re.findall(r'href="(/news/(\d+)-[a-z0-9-]+)"', front.text)
        if not links:
            raise RuntimeError("the demo front page links no article")
        cls.article_path, cls.article_id = links[0]
        cls.stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', front.text).group(1)

    # --- the front page and its headers ---------------------------------------------------------------

    def test_front_page_headers(self):
        r = self.server.get("/")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("content-type"), "text/html; charset=utf-8")
        self.assertEqual(r.header("content-length"), str(len(r.body)))
        date = email.utils.parsedate_to_datetime(r.header("date"))
        self.assertLess(abs((datetime.now(timezone.utc) - date).total_seconds()), 120, r.header("date"))
        self.assert_security_headers(r, "GET /")
        self.assertTrue(r.text.lstrip().lower().startswith("<!doctype html>"))

    def test_security_headers_on_site_answers(self):
        cases = [
            ("GET", "/", 200),
            ("GET", self.article_path, 200),
            ("GET", "/no/such/page", 404),
            ("GET", f"/news/{self.article_id}", 301),
            ("GET", "/latest?page=abc", 400),
            ("GET", "/healthz", 200),
            ("GET", self.stylesheet, 200),
            ("POST", "/", 405),
            ("BREW", "/", 501),
        ]
        for method, path, status in cases:
            with self.subTest(f"{method} {path}"):
                extra = ["Content-Length: 0"] if method == "POST" else []
                r, _ = self.exchange(self.server, request_bytes(method, path, extra + ["Connection: close"]))
                self.assertEqual(r.status, status)
                self.assert_security_headers(r, f"{method} {path}")

    def test_security_headers_on_protocol_error_answers(self):
        # The answers the server gives before a request reaches the site are answers too.
        cases = {
            "400 malformed": (b"GARBAGE\r\n\r\n", 400),
            "400 no Host": (request_bytes("GET", "/", host=False), 400),
            "431 huge head": (request_bytes("GET", "/", ["X-Filler: " + "a" * 20000]), 431),
            "413 huge body": (request_bytes("POST", "/", ["Content-Length: 2000000"]), 413),
        }
        for name, (data, status) in cases.items():
            with self.subTest(name):
                r, _ = self.exchange(self.server, data)
                self.assertEqual(r.status, status)
                self.assert_security_headers(r, name)

    # --- HEAD -------------------------------------------------------------------------------------------

    def test_head_is_get_without_body(self):
        for path in ("/", self.article_path, "/healthz", self.stylesheet):
            with self.subTest(path):
                get, _ = self.exchange(self.server, request_bytes("GET", path, ["Connection: close"]))
                head, rest = self.exchange(self.server, request_bytes("HEAD", path, ["Connection: close"]), head=True)
                self.assertEqual(head.status, get.status)
                self.assertEqual(get.status, 200)
                self.assertEqual(head.header("content-type"), get.header("content-type"))
                self.assertEqual(head.header("content-length"), get.header("content-length"))
                self.assertEqual(head.header("content-length"), str(len(get.body)))
                self.assertEqual(head.body, b"")
                self.assert_closed_after(rest, "HEAD")  # and nothing but the head was sent

    def test_head_keeps_the_connection_in_step(self):
        # A HEAD answer must carry no body, or the next answer on the connection would be garbled.
        conn = self.connect(self.server)
        conn.send(request_bytes("HEAD", "/") + request_bytes("GET", "/healthz", ["Connection: close"]))
        head = conn.response(head=True)
        self.assertEqual(head.status, 200)
        after = conn.response()
        self.assertEqual(after.status, 200)
        self.assertEqual(after.body, b"ok\n")

    # --- 404 --------------------------------------------------------------------------------------------

    def test_unknown_path_is_404_page_with_ways_back(self):
        r = self.server.get("/no/such/page")
        self.assertEqual(r.status, 404)
        self.assertEqual(r.header("content-type"), "text/html; charset=utf-8")
        hrefs = {a.get("href") for a, _ in Page(r.text).find_all("a")}
        self.assertIn("/", hrefs)
        self.assertIn("/latest", hrefs)

    # --- keep-alive and closing -------------------------------------------------------------------------

    def test_pipelined_requests_on_one_connection(self):
        conn = self.connect(self.server)
        conn.send(request_bytes("GET", "/healthz") + request_bytes("GET", "/no-such-thing") +
                  request_bytes("GET", "/healthz"))
        first, second, third = conn.response(), conn.response(), conn.response()
        self.assertEqual([first.status, second.status, third.status], [200, 404, 200])
        self.assertEqual(first.body, b"ok\n")
        self.assertEqual(third.body, b"ok\n")
        for r in (first, second, third):
            self.assertNotEqual(r.header("connection").lower(), "close")
        # Still open for more.
        conn.send(request_bytes("GET", "/healthz"))
        self.assertEqual(conn.response().status, 200)

    def test_sequential_requests_on_one_connection(self):
        conn = self.connect(self.server)
        for path in ("/", "/healthz", self.article_path):
            conn.send(request_bytes("GET", path))
            r = conn.response()
            self.assertEqual(r.status, 200, path)
            self.assertEqual(r.header("content-length"), str(len(r.body)))
        # Nothing more arrives and the connection stays open while idle.
        self.assertIsNone(conn.rest(timeout=0.3))

    def test_connection_close_is_honoured(self):
        r, rest = self.exchange(self.server, request_bytes("GET", "/healthz", ["Connection: close"]))
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("connection").lower(), "close")
        self.assert_closed_after(rest, "Connection: close")

    def test_http_10_closes_unless_kept_alive(self):
        r, rest = self.exchange(self.server, request_bytes("GET", "/healthz", version="HTTP/1.0", host=False))
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body, b"ok\n")
        self.assertNotEqual(r.header("connection").lower(), "keep-alive")
        self.assert_closed_after(rest, "an HTTP/1.0 request")

    # --- malformed and refused requests ------------------------------------------------------------------

    def test_malformed_requests_are_400_and_close(self):
        cases = {
            "garbage request line": b"GARBAGE\r\n\r\n",
            "header line without colon": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNoColonHere\r\n\r\n",
            "HTTP/1.1 without Host": request_bytes("GET", "/", host=False),
        }
        for name, data in cases.items():
            with self.subTest(name):
                r, rest = self.exchange(self.server, data)
                self.assertEqual(r.status, 400)
                self.assert_closed_after(rest, name)

    def test_http_10_needs_no_host(self):
        r, _ = self.exchange(self.server, request_bytes("GET", "/healthz", version="HTTP/1.0", host=False))
        self.assertEqual(r.status, 200)

    def test_huge_request_head_is_431(self):
        data = request_bytes("GET", "/", ["X-Filler: " + "a" * 20 * 1024])
        r, rest = self.exchange(self.server, data)
        self.assertEqual(r.status, 431)
        self.assert_closed_after(rest, "431")

    def test_request_head_under_the_limit_is_fine(self):
        r, _ = self.exchange(self.server, request_bytes("GET", "/healthz", ["X-Filler: " + "a" * 8 * 1024]))
        self.assertEqual(r.status, 200)

    def test_huge_body_is_413_before_it_is_sent(self):
        conn = self.connect(self.server)
        conn.send(request_bytes("POST", "/", [f"Content-Length: {2 * 1024 * 1024}", "Content-Type: text/plain"],
                                body=b"x" * 1000))
        started = time.monotonic()
        r = conn.response()
        self.assertEqual(r.status, 413)
        self.assertLess(time.monotonic() - started, 3, "the answer does not wait for the body")
        self.assert_closed_after(conn.rest(), "413")

    def test_http_2_request_line_is_505(self):
        r, rest = self.exchange(self.server, request_bytes("GET", "/", version="HTTP/2.0"))
        self.assertEqual(r.status, 505)
        self.assert_closed_after(rest, "505")

    def test_unknown_method_is_501(self):
        r, _ = self.exchange(self.server, request_bytes("BREW", "/", ["Connection: close"]))
        self.assertEqual(r.status, 501)

    def test_post_to_a_get_route_is_405_with_allow(self):
        r, _ = self.exchange(self.server, request_bytes("POST", "/", ["Content-Length: 3", "Connection: close"],
                                                        body=b"a=b"))
        self.assertEqual(r.status, 405)
        allowed = [m.strip() for m in r.header("allow").split(",")]
        self.assertIn("GET", allowed)
        self.assertNotIn("POST", allowed)

    # --- article addresses ------------------------------------------------------------------------------

    def location_path(self, r):
        location = r.header("location")
        for prefix in (self.server.base, f"http://localhost:{self.server.port}"):
            if location.startswith(prefix):
                location = location[len(prefix):]
        return location

    def test_article_canonical_address(self):
        r = self.server.get(self.article_path)
        self.assertEqual(r.status, 200)
        self.assertIn(f'href="{self.server.base}{self.article_path}"', r.text.replace("&#39;", "'"),
                      "the canonical link names the address")

    def test_article_short_and_wrong_addresses_redirect(self):
        for path in (f"/news/{self.article_id}", f"/news/{self.article_id}-wrong-slug"):
            with self.subTest(path):
                r = self.server.get(path)
                self.assertEqual(r.status, 301)
                self.assertEqual(self.location_path(r), self.article_path)

    def test_unknown_articles_are_404(self):
        for path in ("/news/999999", "/news/abc", "/news/999999-some-slug"):
            with self.subTest(path):
                r = self.server.get(path)
                self.assertEqual(r.status, 404)
                self.assertEqual(r.header("content-type"), "text/html; charset=utf-8")

    # --- paging -----------------------------------------------------------------------------------------

    def test_latest_paging(self):
        bad = self.server.get("/latest?page=abc")
        self.assertEqual(bad.status, 400)
        self.assertEqual(bad.header("content-type"), "text/html; charset=utf-8")
        self.assertIn("<html", bad.text)
        self.assertEqual(self.server.get("/latest?page=2").status, 200)
        self.assertEqual(self.server.get("/latest?page=999").status, 404)

    def test_paging_is_stable_across_requests(self):
        # The same address must get the same answer every time.
        cases = [("/latest", 200), ("/latest?page=1", 200), ("/latest?page=2", 200), ("/latest?page=3", 404),
                 ("/latest?page=10", 404), ("/latest?page=999", 404), ("/latest?page=abc", 400)]
        conn = self.connect(self.server)
        seen = {}
        for _ in range(8):
            for path, _ in cases:
                conn.send(request_bytes("GET", path))
                seen.setdefault(path, []).append(conn.response().status)
        for path, want in cases:
            self.assertEqual(seen[path], [want] * len(seen[path]), path)

    # --- static assets ----------------------------------------------------------------------------------

    def test_fingerprinted_stylesheet_is_cached_forever(self):
        self.assertRegex(self.stylesheet, r"^/assets/site\.[0-9a-zA-Z]+\.css$")
        r = self.server.get(self.stylesheet)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("content-type"), "text/css; charset=utf-8")
        cache = r.header("cache-control")
        self.assertIn("immutable", cache)
        self.assertIn("max-age=31536000", cache)
        etag = r.header("etag")
        self.assertTrue(etag)
        self.assertGreater(len(r.body), 0)

        conn = self.connect(self.server)
        conn.send(request_bytes("GET", self.stylesheet, [f"If-None-Match: {etag}", "Connection: close"]))
        again = conn.response()
        self.assertEqual(again.status, 304)
        self.assertEqual(again.body, b"")
        self.assert_closed_after(conn.rest(), "304")  # no body bytes follow the head

        changed = self.server.get(self.stylesheet, headers={"If-None-Match": '"something-else"'})
        self.assertEqual(changed.status, 200)
        self.assertEqual(changed.body, r.body)

    def test_plain_stylesheet_name_is_revalidated(self):
        r = self.server.get("/assets/site.css")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("content-type"), "text/css; charset=utf-8")
        self.assertIn("no-cache", r.header("cache-control"))
        self.assertNotIn("immutable", r.header("cache-control"))
        self.assertEqual(r.body, self.server.get(self.stylesheet).body)

    def test_unknown_asset_is_404(self):
        self.assertEqual(self.server.get("/assets/nope.css").status, 404)

    # --- health and access log --------------------------------------------------------------------------

    def test_healthz(self):
        r = self.server.get("/healthz")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.text.strip(), "ok")

    def test_access_log_has_one_line_per_request(self):
        token = uuid.uuid4().hex
        wanted = [("GET", f"/healthz?probe={token}", 200), ("GET", f"/missing-{token}", 404),
                  ("POST", f"/?probe={token}", 405), ("HEAD", f"/?probe={token}", 200)]
        conn = self.connect(self.server)
        for method, path, status in wanted:
            extra = ["Content-Length: 0"] if method == "POST" else []
            conn.send(request_bytes(method, path, extra))
            self.assertEqual(conn.response(head=method == "HEAD").status, status)
        deadline = time.monotonic() + 3
        while True:
            lines = [line for line in self.server.stdout().splitlines() if token in line]
            if len(lines) >= len(wanted) or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        self.assertEqual(len(lines), len(wanted), lines)
        for (method, path, status), line in zip(wanted, lines):
            self.assertIn(f"{method} {path}", line)
            self.assertRegex(line, rf'"\s*{re.escape(method)} {re.escape(path)}[^"]*" {status}\b')


class IdleTimeout(ServerTest):
    """A server with idle_timeout = 1 closes connections that send nothing, or too little."""

    @classmethod
    def setUpClass(cls):
        cls.site = cls.make_site("[server]\nidle_timeout = 1\n")
        cls.server = cls.start(cls.site)

    def test_quiet_connections_are_closed(self):
        cases = {
            "nothing sent": b"",
            "half a request line": b"GET / HT",
            "headers never finished": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n",
        }
        conns = {}
        started = time.monotonic()
        for name, data in cases.items():
            conn = self.connect(self.server)
            if data:
                conn.send(data)
            conns[name] = conn
        # A kept-alive connection that went quiet after an answer.
        kept = self.connect(self.server)
        kept.send(request_bytes("GET", "/healthz"))
        self.assertEqual(kept.response().status, 200)
        conns["idle after an answer"] = kept
        for name, conn in conns.items():
            with self.subTest(name):
                rest = conn.rest(timeout=max(0.1, started + 3.5 - time.monotonic()))
                self.assertIsNotNone(rest, f"{name}: still open after 3.5 s")
                if rest:  # closing may come with a 408 answer, and with nothing else
                    self.assertEqual(status_of(rest), 408, rest[:100])
        elapsed = time.monotonic() - started
        self.assertGreater(elapsed, 0.8, "connections are given the idle time before being closed")

    def test_prompt_requests_are_answered(self):
        conn = self.connect(self.server)
        conn.send(request_bytes("GET", "/healthz"))
        self.assertEqual(conn.response().status, 200)
        time.sleep(0.4)
        conn.send(request_bytes("GET", "/healthz", ["Connection: close"]))
        self.assertEqual(conn.response().status, 200)


class GracefulShutdown(ServerTest):
    def test_sigterm_finishes_the_request_in_flight(self):
        site = self.make_site()
        server = site.serve()
        self.addCleanup(server.stop)

        idle = self.connect(server)
        idle.send(request_bytes("GET", "/healthz"))
        self.assertEqual(idle.response().status, 200)

        busy = self.connect(server)
        busy.send(request_bytes("POST", "/", ["Content-Length: 10", "Content-Type: text/plain"], body=b"12345"))
        time.sleep(0.2)  # the server has read the head and waits for the rest of the body

        server.process.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        self.assertIsNone(server.process.poll(), "the server waits for the request in flight")

        # New connections are no longer served.
        try:
            late = socket.create_connection(("127.0.0.1", server.port), timeout=2)
        except OSError:
            pass
        else:
            with late:
                late.sendall(request_bytes("GET", "/healthz", ["Connection: close"]))
                try:
                    answer = late.recv(65536)
                except (socket.timeout, ConnectionResetError):
                    answer = b""
                self.assertNotEqual(status_of(answer), 200, "a connection made while draining is served")

        # The idle kept-alive connection is closed by the shutdown.
        self.assert_closed_after(idle.rest(timeout=3), "shutdown (idle connection)")

        busy.send(b"67890")
        r = busy.response()
        self.assertEqual(r.status, 405)
        self.assertEqual(r.header("connection").lower(), "close")
        self.assert_closed_after(busy.rest(), "the last answer before shutdown")

        self.assertEqual(server.process.wait(timeout=5), 0)
        with self.assertRaises(OSError):
            socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
        self.assertIn('"POST / HTTP/1.1" 405', server.stdout())

    def test_sigterm_on_an_idle_server_exits_promptly(self):
        site = self.make_site()
        server = site.serve()
        self.addCleanup(server.stop)
        self.assertEqual(server.get("/healthz").status, 200)
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        self.assertEqual(server.process.wait(timeout=5), 0)
        self.assertLess(time.monotonic() - started, 3)


if __name__ == "__main__":
    unittest.main()
