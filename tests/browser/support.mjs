// What the browser tests (*.test.mjs here) share: the paths they use, the
// bookkeeping of checks and the final report, the watchdog, `gazette serve` on
// a demo site, Chromium, watchers that turn what goes wrong on a page into
// failures, and functions that run in the page (contrast, overflow).
//
// Not a test itself: CTest runs only *.test.mjs.

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The gazette binary: $GAZETTE_BIN, else ../../build/gazette. */
export const BIN = path.resolve(process.env.GAZETTE_BIN ?? path.join(here, '..', '..', 'build', 'gazette'));
/** Where screenshots go: $GAZETTE_ARTIFACTS, else ./artifacts. */
export const ARTIFACTS = path.resolve(process.env.GAZETTE_ARTIFACTS ?? 'artifacts');
/** Debian's Chromium. */
export const CHROMIUM = '/usr/bin/chromium';

/** Browser page options for a desktop and for a phone. */
export const DESKTOP = { viewport: { width: 1280, height: 900 } };
export const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

// --- checks and the report ----------------------------------------------------

const started = Date.now();
const failures = [];
let checks = 0;

/** Counts one check; when `ok` is false, records "`where`: `message`" as a failure. Returns `ok`. */
export function check(ok, where, message) {
  checks += 1;
  if (!ok) failures.push(`${where}: ${message}`);
  return ok;
}

/** Records a failure that is not a check of its own (a step that stopped, an error). */
export function fail(message) {
  failures.push(message);
}

/** The path of the screenshot `name` in ARTIFACTS. */
export function artifact(name) {
  return path.join(ARTIFACTS, `${name}.png`);
}

/**
 * Runs `main`, an error it throws being a failure, then reports and exits:
 * 0 when every check passed, 1 with the list of failures otherwise.
 */
export async function run(main) {
  try {
    await main();
  } catch (error) {
    failures.push(`error: ${error.stack ?? error}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failures.length) {
    console.error(`FAIL: ${failures.length} of ${checks} checks failed (${seconds} s):`);
    for (const f of failures) console.error(`  ${f}`);
    console.error(`screenshots: ${ARTIFACTS}`);
    process.exit(1);
  }
  console.log(`ok: ${checks} checks passed (${seconds} s); screenshots in ${ARTIFACTS}`);
}

/** Fails the test with the failures so far if it still runs after `seconds`: a hung browser or server must not hold CTest for its whole timeout. */
export function startWatchdog(seconds) {
  setTimeout(() => {
    console.error(`FAIL: still running after ${seconds} s; failures so far:\n  ${failures.join('\n  ') || '(none)'}`);
    process.exit(1);
  }, seconds * 1000).unref();
}

// --- the command line and the server ---------------------------------------------

// The children get no GAZETTE_* variables from CTest: GAZETTE_BIN and
// GAZETTE_ARTIFACTS are for the tests, and the binary reads GAZETTE_DB etc.
const childEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GAZETTE_')));

/** Runs `gazette args...` and returns what it printed on stdout; throws if it fails. */
export function gazette(...args) {
  return execFileSync(BIN, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

/**
 * Checks that the gazette binary and Chromium are there, makes ARTIFACTS, and
 * returns a new temporary folder whose name starts with `prefix`.
 */
export function prepare(prefix) {
  if (!fs.existsSync(BIN)) throw new Error(`no gazette binary at ${BIN} (set GAZETTE_BIN)`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (\`make test\` installs it)`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Makes a demo site in a database in `tmp`; returns the database's address. */
export function makeDemo(tmp) {
  const db = `sqlite:${path.join(tmp, 'g.db')}`;
  gazette('demo', '--db', db);
  return db;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

let server = null;
let serverErr = '';

function startServer(db, port) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`],
      { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    serverErr = '';
    let out = '';
    const timer = setTimeout(() => reject(new Error(`gazette serve did not start in 15 s:\n${out}${serverErr}`)), 15000);
    // Keep reading both pipes for the whole run: the access log goes to stdout.
    child.stdout.on('data', (chunk) => {
      if (out.length < 100000) out += chunk;
      if (out.includes('is serving')) { clearTimeout(timer); resolve(child); }
    });
    child.stderr.on('data', (chunk) => { if (serverErr.length < 100000) serverErr += chunk; });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`gazette serve exited (${code ?? signal}) before serving:\n${serverErr}`));
    });
  });
}

/**
 * Starts `gazette serve` on `db` on a free port of 127.0.0.1 and waits (15 s
 * at most) until it says it is serving; returns its origin, http://127.0.0.1:port.
 */
export async function serve(db) {
  const port = await freePort();
  await startServer(db, port);
  return `http://127.0.0.1:${port}`;
}

/** What the server has written to stderr so far (the first 100 000 characters). */
export function serverStderr() {
  return serverErr;
}

/** Stops the server (SIGTERM, SIGKILL after 10 s) and waits until it has gone. */
export function stopServer() {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGTERM');
  });
}

// If the test dies or is stopped, the server goes too.
process.on('exit', () => { if (server && server.exitCode === null) server.kill('SIGTERM'); });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { if (server) server.kill('SIGTERM'); process.exit(1); });
}

/** Closes `browser` (if any), stops the server and removes `tmp`. */
export async function tearDown(browser, tmp) {
  if (browser) await browser.close();
  await stopServer();
  fs.rmSync(tmp, { recursive: true, force: true });
}

/** GETs `p` from `origin` and returns the text; throws unless the answer is 200. */
export async function fetchText(origin, p) {
  const r = await fetch(origin + p);
  if (r.status !== 200) throw new Error(`GET ${p} answered ${r.status}`);
  return r.text();
}

/** The links of the demo site's stories: the top story's on / (undefined without one) and those on /latest, in order. */
export async function storyLinks(origin) {
  const top = (await fetchText(origin, '/')).match(/<h2 id="top-story-headline"><a href="([^"]+)"/)?.[1];
  const latest = await fetchText(origin, '/latest');
  return { top, latest: [...latest.matchAll(/<li class="item">.*?<a class="headline" href="([^"]+)"/g)].map((m) => m[1]) };
}

// --- the browser ------------------------------------------------------------------

/** Launches Chromium headless, without the sandbox, the GPU or any traffic of its own. */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
}

/**
 * Reports what goes wrong on `page` as failures of `where`: console errors,
 * page errors, failed requests and HTTP errors (400 and up). Returns the list
 * of the URLs it requests, which grows as it does.
 *
 * `navigates: true` is for pages that go from one address to another (links,
 * forms): each message then names the page's address and the request's method,
 * a request cancelled by a navigation is not a failure, and a dialog is one
 * (and is dismissed).
 */
export function watchPage(page, where, { navigates = false } = {}) {
  const on = () => (navigates ? ` on ${page.url()}` : '');
  const requests = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') check(false, where, `console error${on()}: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (error) => check(false, where, `page error${on()}: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  page.on('requestfailed', (request) => {
    if (!navigates) {
      check(false, where, `request failed: ${request.url()}: ${request.failure()?.errorText}`);
      return;
    }
    const error = request.failure()?.errorText ?? '';
    // Cancelled because the page went on to another (a navigation replaced
    // it, or the icon of a page left at once) is not a failure.
    if (error === 'net::ERR_ABORTED') return;
    check(false, where, `request failed: ${request.method()} ${request.url()}: ${error}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      const method = navigates ? `${response.request().method()} ` : '';
      check(false, where, `HTTP ${response.status()} for ${method}${response.url()}`);
    }
  });
  if (navigates) {
    page.on('dialog', (dialog) => {
      check(false, where, `unexpected ${dialog.type()} dialog: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
  }
  return requests;
}

// CSP violations also reach the console; these catch them even if Chromium
// changes its message.

/**
 * Makes `page` (before it opens anything) collect its CSP violations; returns
 * a function that reads those of the document it shows.
 */
export async function collectCspViolations(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
  return () => page.evaluate(() => window.__cspViolations);
}

/** Reports each CSP violation on any page of `context` as a failure of `where` as it happens, across navigations. */
export async function reportCspViolations(context, where) {
  await context.exposeBinding('__gazetteCspViolation', ({ page }, text) =>
    check(false, where, `CSP violation on ${page.url()}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__gazetteCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
}

// --- run in the page (page.evaluate) ------------------------------------------------

/**
 * Runs in the page: the contrast of text. Colors are read through a canvas,
 * so any CSS color syntax works; backgrounds are composed up to the canvas of
 * the color scheme. Returns the body's background and color and their
 * contrast, and in `lowContrast` a line for each element under `selector` with
 * text of its own, as rendered, below WCAG AA (4.5:1, or 3:1 for large text):
 * its tag and classes (and id with `ids`) and the first `quote` characters of
 * its text.
 */
export function pageContrast({ selector = 'body', quote = 40, ids = true } = {}) {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    return [0, 1, 2].map((i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat(a);
  };
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  const canvasColor = dark ? [18, 18, 18, 1] : [255, 255, 255, 1];
  // The color behind an element: its own and its ancestors' backgrounds, on the canvas.
  const backgroundOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
    return layers.reduceRight((below, layer) => over(layer, below), canvasColor);
  };
  const luminance = ([r, g, b]) => {
    const lin = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (fg, bg) => {
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const describe = (el) => el.tagName.toLowerCase() + (ids && el.id ? `#${el.id}` : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');

  const body = document.body;
  const bodyBg = backgroundOf(body);
  const bodyFg = over(rgba(getComputedStyle(body).color), bodyBg);
  const result = {
    bodyBackground: getComputedStyle(body).backgroundColor,
    bodyEffectiveBackground: bodyBg.slice(0, 3),
    bodyColor: bodyFg.slice(0, 3),
    bodyContrast: contrast(bodyFg, bodyBg),
    lowContrast: [],
  };
  for (const root of document.querySelectorAll(selector)) {
    const seen = new Set();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.data.trim() || !el || seen.has(el)) continue;
      seen.add(el);
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.visibility !== 'visible' || rect.width <= 1 || rect.height <= 1) continue; // hidden, or visually-hidden
      const bg = backgroundOf(el);
      const fg = over(rgba(style.color), bg);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const ratio = contrast(fg, bg);
      const needed = large ? 3 : 4.5;
      if (ratio < needed) {
        result.lowContrast.push(`${describe(el)} "${node.data.trim().slice(0, quote)}": ` +
          `rgb(${fg.slice(0, 3).map(Math.round)}) on rgb(${bg.slice(0, 3).map(Math.round)}) ` +
          `is ${ratio.toFixed(2)}:1, needs ${needed}:1`);
      }
    }
  }
  return result;
}

/** Runs in the page: how wide the page is, and what sticks out past `width`. */
export function pageOverflow(width) {
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5) && getComputedStyle(el).position !== 'absolute') {
      wide.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : ''}` +
        ` [${Math.round(r.left)}..${Math.round(r.right)}]`);
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide: wide.slice(0, 5) };
}
