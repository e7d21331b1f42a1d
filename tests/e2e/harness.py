"""Starts real `gazette` processes for end-to-end tests and talks HTTP to them.

The binary is found through the GAZETTE_BIN environment variable (CTest sets
it) or at build/gazette. Each Server gets its own temporary folder, database
file and free port, and is stopped by its process id.
"""

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("GAZETTE_BIN", ROOT / "build" / "gazette"))
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "000_33d0c8a4c591b570.txt"
FIXTURES = ROOT / "tests" / "fixtures"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args, env=None, cwd=None, timeout=60):
    """Runs `gazette ARGS...`; returns the CompletedProcess (text mode)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("GAZETTE_")}
    full_env.update(env or {})
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=timeout)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-cased names
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8")

    def header(self, name):
        return self.headers.get(name.lower(), "")


class Site:
    """A temporary site: a folder with a database, and helpers to run commands on it."""

    def __init__(self, extra_config=None):
        self.dir = tempfile.TemporaryDirectory(prefix="gazette-e2e-")
        self.path = Path(self.dir.name)
        self.db = f"sqlite:{self.path / 'gazette.db'}"
        self.config = None
        if extra_config is not None:
            self.config = self.path / "gazette.toml"
            self.config.write_text(extra_config, encoding="utf-8")

    def args(self):
        args = ["--db", self.db]
        if self.config:
            args += ["--config", str(self.config)]
        return args

    def gazette(self, command, *args, **kwargs):
        return run(command, *self.args(), *args, **kwargs)

    def serve(self, **kwargs):
        return Server(self, **kwargs)

    def close(self):
        self.dir.cleanup()


class Server:
    """`gazette serve` on a free port; stop() sends SIGTERM and waits."""

    def __init__(self, site, env=None, cwd=None, extra_args=()):
        self.site = site
        self.port = free_port()
        self.out_path = site.path / f"serve-{self.port}.out"
        self.err_path = site.path / f"serve-{self.port}.err"
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("GAZETTE_")}
        full_env.update(env or {})
        with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
            self.process = subprocess.Popen(
                [str(BIN), "serve", *site.args(), "--listen", f"127.0.0.1:{self.port}", *extra_args],
                stdout=out, stderr=err, env=full_env, cwd=cwd)
        self.wait_ready()

    def wait_ready(self, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gazette serve exited with {self.process.returncode}: {self.stderr()}")
            if "is serving" in self.stdout():
                return
            time.sleep(0.02)
        raise RuntimeError("gazette serve did not start: " + self.stderr())

    def stdout(self):
        return self.out_path.read_text(encoding="utf-8", errors="replace")

    def stderr(self):
        return self.err_path.read_text(encoding="utf-8", errors="replace")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        finally:
            conn.close()

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def raw(self, data, read_timeout=5.0):
        """Sends raw bytes on a new connection and returns all it reads until the server closes or goes quiet."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=read_timeout) as s:
            s.sendall(data)
            chunks = []
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
            except socket.timeout:
                pass
            return b"".join(chunks)

    def stop(self, timeout=20):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def status_of(raw_response):
    """The status code of a raw HTTP response, or None."""
    m = re.match(rb"HTTP/1\.[01] (\d{3}) ", raw_response)
    return int(m.group(1)) if m else None


class Page(HTMLParser):
    """Collects what tests look at in a page: elements with their text, links, times."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.elements = []  # (tag, attrs dict, text) in document order; text filled on close
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = [tag, dict(attrs), ""]
        self.elements.append(element)
        if tag not in ("meta", "link", "br", "img", "input", "hr", "source"):
            self.stack.append(element)

    def handle_endtag(self, tag):
        while self.stack:
            element = self.stack.pop()
            if element[0] == tag:
                break

    def handle_data(self, data):
        for element in self.stack:
            element[2] += data

    def find_all(self, tag, **attrs):
        out = []
        for t, a, text in self.elements:
            if t != tag:
                continue
            if all((a.get(k.rstrip("_")) or "").split().count(v) if k.rstrip("_") == "class" else a.get(k.rstrip("_")) == v
                   for k, v in attrs.items()):
                out.append((a, " ".join(text.split())))
        return out

    def text_of(self, tag, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0][1] if found else None


class E2ETest(unittest.TestCase):
    """Base class: a fresh site per test class, with helpers."""

    @classmethod
    def make_site(cls, config=None):
        site = Site(config)
        cls.addClassCleanup(site.close)
        return site

    @classmethod
    def start(cls, site, **kwargs):
        server = site.serve(**kwargs)
        cls.addClassCleanup(server.stop)
        return server


class Browser:
    """A visitor with cookies: signs up and in, fills forms, calls the JSON API.

    Requests carry Origin like a browser's, so the CSRF checks pass; pass
    origin=None (or another) to test refusals.
    """

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def _headers(self, extra=None, origin="default"):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if origin == "default":
            headers["Origin"] = self.server.base
        elif origin is not None:
            headers["Origin"] = origin
        headers.update(extra or {})
        return headers

    def _keep(self, response):
        for name, value in response.raw_headers:
            if name.lower() != "set-cookie":
                continue
            pair = value.split(";", 1)[0]
            key, _, val = pair.partition("=")
            if "Max-Age=0" in value:
                self.cookies.pop(key, None)
            else:
                self.cookies[key] = val
        return response

    def request(self, method, path, body=None, headers=None, origin="default"):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=self._headers(headers, origin))
            r = conn.getresponse()
            response = Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
            response.raw_headers = r.getheaders()
            return self._keep(response)
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def csrf_from(self, page):
        m = re.search(r'name="csrf" value="([^"]+)"', page.text)
        return m.group(1) if m else self.cookies.get("gz_csrf", "")

    def post_form(self, path, fields, page_with_form=None, origin="default", csrf=None):
        if csrf is None:
            page = page_with_form or self.get("/account/signin")
            csrf = self.csrf_from(page)
        data = dict(fields)
        data.setdefault("csrf", csrf)
        body = urllib.parse.urlencode(data)
        return self.request("POST", path, body=body, origin=origin,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})

    def session(self, article=None):
        path = "/api/v1/session" + (f"?article={article}" if article else "")
        return json.loads(self.get(path).text)

    def api(self, method, path, payload=None, origin="default", csrf=None):
        if csrf is None:
            csrf = self.session()["csrf"]
        headers = {"X-CSRF-Token": csrf}
        body = None
        if payload is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(payload)
        r = self.request(method, path, body=body, headers=headers, origin=origin)
        r.json = json.loads(r.text) if r.body else None
        return r

    def sign_up(self, name, email, password="correct horse battery", next_path="/"):
        r = self.post_form("/account/signup", {"display_name": name, "email": email, "password": password,
                                                "next": next_path}, self.get("/account/signup"))
        return r

    def sign_in(self, email, password):
        return self.post_form("/account/signin", {"email": email, "password": password, "next": "/"},
                              self.get("/account/signin"))
