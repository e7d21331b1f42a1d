// Live updates in a real browser: Debian's Chromium, driven by playwright-core.
//
// Starts `gazette serve` on a demo site, with an editor's and a moderator's
// API tokens, then:
//
// 1. The front page is open; an editor publishes a breaking article through
//    the admin API. Within a second it is in the page's latest news and in
//    the breaking strip, without a reload (a marker set on window survives,
//    and the page never navigated), and the polite status region says so.
// 2. The new article is open in one browser; a reader (another browser,
//    signed up through the site) comments on it: the comment and the count
//    appear on the open page. A comment held for a moderator does not, until
//    the moderator approves it through the admin API.
// 3. Time labels: with the page's clock at 23:59:30 in the site's zone
//    (UTC), the labels of today's news read HH:MM; one minute later, past
//    midnight, they read "25 Nov 16:20" as the server writes other days.
//
// On every page: no console errors, page errors, CSP violations, failed
// requests or HTTP errors. Screenshots go to $GAZETTE_ARTIFACTS as live-*.png.
//
// Run from tests/browser: GAZETTE_BIN=../../build/gazette node live.test.mjs

import {
  DESKTOP, artifact, check, gazette, launchChromium, makeDemo, prepare, reportCspViolations, run, serve,
  startWatchdog, tearDown, watchPage,
} from './support.mjs';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

startWatchdog(150);

let browser = null;
let origin = '';

async function newVisitor(where, clockAt = null) {
  const context = await browser.newContext({ ...DESKTOP, reducedMotion: 'reduce' });
  context.setDefaultTimeout(10000);
  await reportCspViolations(context, where);
  const page = await context.newPage();
  if (clockAt) await page.clock.install({ time: clockAt });
  watchPage(page, where);
  return { context, page };
}

function token(db, role, name) {
  return gazette('token', 'create', '--db', db, '--role', role, name).trim().split('\n').pop();
}

async function api(bearer, method, path, payload) {
  const r = await fetch(origin + path, {
    method, headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const data = await r.json();
  if (!r.ok) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(data)}`);
  return data;
}

async function publish(editor, fields) {
  const created = await api(editor, 'POST', '/api/v1/admin/articles', fields);
  return api(editor, 'POST', `/api/v1/admin/articles/${created.id}/publish`, { version: created.version });
}

// Waits until `predicate` (run in the page) holds, at most `ms`; true if it did.
async function within(page, ms, predicate, arg) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: ms, polling: 20 });
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const tmp = prepare('gazette-live-');
  try {
    const db = makeDemo(tmp);
    const editor = token(db, 'editor', 'Live desk');
    const moderator = token(db, 'moderator', 'Night moderator');
    origin = await serve(db);
    browser = await launchChromium();
    const runId = Date.now().toString(36);

    // 1. The front page follows the news.
    const front = await newVisitor('front');
    let navigations = 0;
    await front.page.goto(origin + '/');
    front.page.on('framenavigated', (frame) => { if (frame === front.page.mainFrame()) navigations += 1; });
    await front.page.evaluate(() => { window.__stillHere = 'yes'; });
    await front.page.waitForTimeout(300);  // the stream is open
    const headline = `Dam breach forces evacuation ${runId}`;
    const publishedAt = Date.now();
    const article = await publish(editor, { headline, breaking: true, lead: 'Thousands leave the valley.',
      body: 'Rescue teams are on their way.' });
    const inFeed = await within(front.page, 1000, (h) =>
      [...document.querySelectorAll('[data-live-region="front-feed"] a.headline')].some((a) => a.textContent === h), headline);
    if (inFeed) console.log(`published to shown on the open front page: ${Date.now() - publishedAt} ms (publishing included)`);
    check(inFeed, 'front', `"${headline}" is not in the latest news within a second of publishing`);
    const inStrip = await within(front.page, 500, (h) =>
      [...document.querySelectorAll('.breaking-strip a')].some((a) => a.textContent === h), headline);
    check(inStrip, 'front', 'the breaking strip does not show the new breaking article');
    check(await front.page.evaluate(() => window.__stillHere) === 'yes' && navigations === 0, 'front',
      `the page reloaded (marker ${await front.page.evaluate(() => window.__stillHere)}, ${navigations} navigations)`);
    const said = await within(front.page, 1000, () => document.getElementById('live-status')?.textContent.length > 0);
    check(said, 'front', 'the status region announced nothing');
    await front.page.screenshot({ path: artifact('live-front'), fullPage: false });

    // 2. An open article page follows its comments.
    const articlePath = new URL(article.url).pathname;
    const watcher = await newVisitor('article');
    await watcher.page.goto(origin + articlePath);
    await watcher.page.evaluate(() => { window.__stillHere = 'yes'; });
    const reader = await newVisitor('reader');
    await reader.page.goto(origin + `/account/signup?next=${encodeURIComponent(articlePath)}`);
    await reader.page.locator('#display_name').fill(`Rita ${runId}`);
    await reader.page.locator('#email').fill(`rita-${runId}@example.org`);
    await reader.page.locator('#password').fill('correct horse battery staple');
    await Promise.all([reader.page.waitForURL((url) => url.pathname === articlePath),
      reader.page.getByRole('button', { name: 'Sign up' }).click()]);
    const session = await (await reader.context.request.get(origin + '/api/v1/session')).json();
    const comment = async (text) => {
      const r = await reader.context.request.post(origin + `/api/v1/articles/${article.id}/comments`, {
        data: { body: text }, headers: { 'X-CSRF-Token': session.csrf, Origin: origin } });
      check(r.status() === 201, 'reader', `posting a comment answered ${r.status()}: ${await r.text()}`);
      return r.json();
    };
    const shows = (text) => within(watcher.page, 2000, (t) =>
      [...document.querySelectorAll('#comments li.comment .comment-body')].some((b) => b.textContent.includes(t)), text);
    const countReads = (label) => within(watcher.page, 1000, (l) =>
      document.querySelector('[data-live-region="comments-count"]')?.textContent.trim() === l, label);

    await comment(`First to say it ${runId}`);
    check(await shows(`First to say it ${runId}`), 'article', 'a new comment did not appear on the open article page');
    check(await countReads('1 comment'), 'article', 'the comment count did not become "1 comment"');

    gazette('comment-policy', '--db', db, '--article', String(article.id), 'premoderated');
    const held = await comment(`Held for review ${runId}`);
    check(held.held === true, 'reader', 'the comment on a pre-moderated article was not held');
    check(!(await shows(`Held for review ${runId}`)), 'article', 'a held comment appeared on the open page');
    await api(moderator, 'POST', `/api/v1/admin/comments/${held.comment.id}/approve`, {});
    check(await shows(`Held for review ${runId}`), 'article', 'an approved comment did not appear on the open page');
    check(await countReads('2 comments'), 'article', 'the comment count did not become "2 comments"');
    check(await watcher.page.evaluate(() => window.__stillHere) === 'yes', 'article', 'the article page reloaded');
    await watcher.page.screenshot({ path: artifact('live-article'), fullPage: true });

    // 3. Time labels after midnight (the demo's zone is UTC).
    const now = new Date();
    const lastMinute = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 23, 59, 30));
    if (now < lastMinute) {
      const night = await newVisitor('midnight', lastMinute);
      await night.page.goto(origin + '/');
      const labels = () => night.page.locator('main time[datetime]').evaluateAll((els) =>
        els.map((el) => ({ iso: el.getAttribute('datetime'), text: el.textContent.trim() })));
      const before = (await labels()).filter((l) => /^\d\d:\d\d$/.test(l.text));
      check(before.length > 0, 'midnight', 'no time labels of today on the front page');
      const next = await night.page.evaluate(() => window.gazetteTime.nextMidnight(new Date()).toISOString());
      const tomorrow = new Date(lastMinute.getTime() + 30000).toISOString();
      check(next === tomorrow, 'midnight', `the next midnight is ${next}, not ${tomorrow}`);
      await night.page.clock.fastForward(60000);
      const after = new Map((await labels()).map((l) => [l.iso, l.text]));
      for (const { iso } of before) {
        const d = new Date(iso);
        const hhmm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
        const want = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${hhmm}`;
        check(after.get(iso) === want, 'midnight', `after midnight ${iso} reads "${after.get(iso)}", not "${want}"`);
      }
      const otherYear = await night.page.evaluate(() =>
        window.gazetteTime.label(new Date('2024-03-05T07:08:00Z'), new Date()));
      check(otherYear === '5 Mar 2024 07:08', 'midnight', `a time of another year reads "${otherYear}"`);
      await night.page.screenshot({ path: artifact('live-after-midnight'), fullPage: false });
    }
  } finally {
    await tearDown(browser, tmp);
  }
}

run(main);
