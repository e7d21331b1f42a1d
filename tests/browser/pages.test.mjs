// The reader pages in a real browser: Debian's Chromium, driven by playwright-core.
//
// Starts `gazette serve` on a demo site and opens the front page and an article
// at a desktop and a phone size, in the light and the dark color scheme. For each
// it checks that nothing goes wrong in the console or the network (errors, CSP
// violations, failed requests, requests to other hosts), that the phone needs
// no horizontal scrolling, that the dark scheme is dark and all text keeps its
// contrast, that the landmarks and a single h1 are there, and that the first Tab
// reaches a visible "skip to content" link whose Enter moves focus to <main>.
// Screenshots go to $GAZETTE_ARTIFACTS (default ./artifacts).
//
// Run from tests/browser: GAZETTE_BIN=../../build/gazette node pages.test.mjs
// Exits 0 when every check passes, 1 with the list of failures otherwise.

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(process.env.GAZETTE_BIN ?? path.join(here, '..', '..', 'build', 'gazette'));
const ARTIFACTS = path.resolve(process.env.GAZETTE_ARTIFACTS ?? 'artifacts');
const CHROMIUM = '/usr/bin/chromium';

const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};
const SCHEMES = ['light', 'dark'];

const started = Date.now();
const failures = [];
let checks = 0;

function check(ok, where, message) {
  checks += 1;
  if (!ok) failures.push(`${where}: ${message}`);
  return ok;
}

// --- the server ------------------------------------------------------------

// The children get no GAZETTE_* variables from CTest: GAZETTE_BIN and
// GAZETTE_ARTIFACTS are for this script, and the binary reads GAZETTE_DB etc.
const childEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GAZETTE_')));

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

function startServer(db, port) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`],
      { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`gazette serve did not start in 15 s:\n${out}${err}`)), 15000);
    // Keep reading both pipes for the whole run: the access log goes to stdout.
    child.stdout.on('data', (chunk) => {
      if (out.length < 100000) out += chunk;
      if (out.includes('is serving')) { clearTimeout(timer); resolve(child); }
    });
    child.stderr.on('data', (chunk) => { if (err.length < 100000) err += chunk; });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`gazette serve exited (${code ?? signal}) before serving:\n${err}`));
    });
  });
}

function stopServer() {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGTERM');
  });
}

// If this script dies or is stopped, the server goes too.
process.on('exit', () => { if (server && server.exitCode === null) server.kill('SIGTERM'); });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { if (server) server.kill('SIGTERM'); process.exit(1); });
}

// A hung browser or server must not hold CTest for its whole timeout.
setTimeout(() => {
  console.error(`FAIL: still running after 120 s; failures so far:\n  ${failures.join('\n  ') || '(none)'}`);
  process.exit(1);
}, 120000).unref();

// --- checks inside the page --------------------------------------------------

// Runs in the page: colors as [r, g, b, a] (0-255, alpha 0-1) through a canvas,
// so any CSS color syntax works; the contrast ratio of every piece of text.
function pageColors() {
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
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') +
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
  // Every element that has text of its own, as rendered.
  const seen = new Set();
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
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
      result.lowContrast.push(`${describe(el)} "${node.data.trim().slice(0, 40)}": ` +
        `rgb(${fg.slice(0, 3).map(Math.round)}) on rgb(${bg.slice(0, 3).map(Math.round)}) ` +
        `is ${ratio.toFixed(2)}:1, needs ${needed}:1`);
    }
  }
  return result;
}

// Runs in the page: how wide the page is, and what sticks out past `width`.
function pageOverflow(width) {
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

// --- one page at one size in one scheme -------------------------------------

async function checkPage(browser, origin, pageName, url, viewportName, scheme) {
  const where = `${pageName}-${viewportName}-${scheme}`;
  const page = await browser.newPage({ ...VIEWPORTS[viewportName], colorScheme: scheme, reducedMotion: 'reduce' });
  const requests = [];
  try {
    page.on('console', (msg) => {
      if (msg.type() === 'error') check(false, where, `console error: ${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (error) => check(false, where, `page error: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    page.on('requestfailed', (request) =>
      check(false, where, `request failed: ${request.url()}: ${request.failure()?.errorText}`));
    page.on('response', (response) => {
      if (response.status() >= 400) check(false, where, `HTTP ${response.status()} for ${response.url()}`);
    });
    // CSP violations also reach the console; this catches them even if Chromium changes its message.
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__cspViolations.push(
          `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
    });

    const response = await page.goto(url, { waitUntil: 'load' });
    check(response?.status() === 200, where, `GET ${url} answered ${response?.status()}`);
    await page.evaluate(() => document.fonts.ready);

    // Landmarks and headings, as the accessibility tree sees them.
    const banner = await page.getByRole('banner').count();
    const main = await page.getByRole('main').count();
    const contentinfo = await page.getByRole('contentinfo').count();
    check(banner === 1, where, `${banner} banner landmarks (a <header> outside the content), want 1`);
    check(main === 1, where, `${main} main landmarks, want 1`);
    check(contentinfo === 1, where, `${contentinfo} contentinfo landmarks (the page's <footer>), want 1`);
    const navs = await page.locator('nav').evaluateAll((els) => els.map((el) => {
      const by = el.getAttribute('aria-labelledby');
      return (el.getAttribute('aria-label') ?? '').trim() || (by ? document.getElementById(by)?.textContent.trim() ?? '' : '');
    }));
    check(navs.length >= 1, where, 'no <nav>');
    navs.forEach((label, i) => check(label !== '', where, `<nav> #${i + 1} has no aria-label`));
    const h1s = await page.locator('h1').count();
    check(h1s === 1, where, `${h1s} <h1> elements, want exactly 1`);

    // Phones scroll only down. (A mobile browser zooms out to fit a page that is
    // too wide, so innerWidth grows too: compare with the screen's width.)
    if (viewportName === 'phone') {
      const width = VIEWPORTS.phone.viewport.width;
      const o = await page.evaluate(pageOverflow, width);
      check(o.scrollWidth <= o.innerWidth && o.innerWidth <= width, where,
        `horizontal scrolling: the page is ${o.scrollWidth} px wide (innerWidth ${o.innerWidth}) on a ${width} px screen; ` +
        `sticking out: ${o.wide.join(', ') || '?'}`);
    }

    const colors = await page.evaluate(pageColors);
    check(colors.bodyContrast >= 4.5, where,
      `body text rgb(${colors.bodyColor.map(Math.round)}) on rgb(${colors.bodyEffectiveBackground.map(Math.round)}) ` +
      `has contrast ${colors.bodyContrast.toFixed(2)}:1, needs 4.5:1`);
    for (const low of colors.lowContrast) check(false, where, `low contrast: ${low}`);

    await page.screenshot({ path: path.join(ARTIFACTS, `${where}.png`), fullPage: true });

    // Keyboard: the first Tab shows the skip link; Enter on it focuses <main>.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      return {
        tag: el.tagName.toLowerCase(), cls: el.className, href: el.getAttribute('href'), text: el.textContent.trim(),
        mainHref: '#' + (document.querySelector('main')?.id ?? ''),
        rect: { top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height },
        viewport: { width: window.innerWidth, height: window.innerHeight },
      };
    });
    const isSkip = check(focused.tag === 'a' && focused.href === focused.mainHref && focused.mainHref !== '#', where,
      `the first Tab focuses <${focused.tag} class="${focused.cls}" href="${focused.href}"> "${focused.text}", ` +
      `not a skip link to <main> (${focused.mainHref})`);
    if (isSkip) {
      const { rect, viewport } = focused;
      check(rect.width > 0 && rect.height > 0 && rect.top >= 0 && rect.left >= 0 &&
        rect.bottom <= viewport.height && rect.right <= viewport.width, where,
      `the focused skip link "${focused.text}" is not inside the viewport: ` +
      `[${Math.round(rect.left)}, ${Math.round(rect.top)}]-[${Math.round(rect.right)}, ${Math.round(rect.bottom)}]`);
      await page.screenshot({ path: path.join(ARTIFACTS, `${where}-skip-link.png`) });
      await page.keyboard.press('Enter');
      const after = await page.evaluate(() => {
        const el = document.activeElement;
        return { isMain: el === document.querySelector('main'), tag: el.tagName.toLowerCase(), id: el.id };
      });
      check(after.isMain, where, `Enter on the skip link focuses <${after.tag} id="${after.id}">, not <main>`);
    }

    const csp = await page.evaluate(() => window.__cspViolations);
    for (const v of csp) check(false, where, `CSP violation: ${v}`);

    for (const u of requests) check(u.startsWith(`${origin}/`), where, `request to another origin: ${u}`);
    check(requests.length > 0, where, 'no requests recorded');
    return colors;
  } finally {
    await page.close();
  }
}

// --- the run -----------------------------------------------------------------

async function findArticle(origin) {
  // The top story if it has a body, else the first non-brief item on /latest.
  const get = async (p) => {
    const r = await fetch(origin + p);
    if (r.status !== 200) throw new Error(`GET ${p} answered ${r.status}`);
    return r.text();
  };
  const candidates = [];
  const top = (await get('/')).match(/<h2 id="top-story-headline"><a href="([^"]+)"/);
  if (top) candidates.push(top[1]);
  const latest = await get('/latest');
  for (const m of latest.matchAll(/<li class="item">.*?<a class="headline" href="([^"]+)"/g)) candidates.push(m[1]);
  for (const href of candidates) {
    const p = new URL(href, origin).pathname;
    if ((await get(p)).includes('class="story-body"')) return p;
  }
  throw new Error('no article with a body on the demo site');
}

async function main() {
  if (!fs.existsSync(BIN)) throw new Error(`no gazette binary at ${BIN} (set GAZETTE_BIN)`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (\`make test\` installs it)`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-browser-'));
  let browser = null;
  try {
    const db = `sqlite:${path.join(tmp, 'g.db')}`;
    execFileSync(BIN, ['demo', '--db', db], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const port = await freePort();
    await startServer(db, port);
    const origin = `http://127.0.0.1:${port}`;

    const pages = { front: '/', article: await findArticle(origin) };
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run'],
    });
    for (const [pageName, p] of Object.entries(pages)) {
      for (const viewportName of Object.keys(VIEWPORTS)) {
        const seen = {};
        for (const scheme of SCHEMES) {
          seen[scheme] = await checkPage(browser, origin, pageName, origin + p, viewportName, scheme);
        }
        const where = `${pageName}-${viewportName}`;
        check(seen.light.bodyBackground !== seen.dark.bodyBackground, where,
          `the dark scheme keeps the body background ${seen.light.bodyBackground}`);
        const lum = (c) => c.reduce((s, v) => s + v, 0) / 3;
        if (seen.light.bodyBackground === seen.dark.bodyBackground) continue;
        check(lum(seen.dark.bodyEffectiveBackground) < lum(seen.light.bodyEffectiveBackground), where,
          `the dark background rgb(${seen.dark.bodyEffectiveBackground.map(Math.round)}) is not darker than ` +
          `the light one rgb(${seen.light.bodyEffectiveBackground.map(Math.round)})`);
      }
    }
  } finally {
    if (browser) await browser.close();
    await stopServer();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

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
