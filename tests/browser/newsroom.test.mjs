// The newsroom (/admin) in a real browser: Debian's Chromium, driven by
// playwright-core.
//
// Starts `gazette serve` on a demo site with an admin, an author and an
// editor, then:
//
// 1. The admin signs in and gives the site a time zone far from UTC
//    (Asia/Kathmandu, UTC+5:45) in the settings; the site uses it at once.
// 2. An author signs in, writes a draft in Markdown and sees the live preview
//    (rendered by the server) follow the text without a reload; saves it;
//    saves a change with Ctrl+S; submits it for review.
// 3. An editor signs in, finds it in review, opens it (the page names the
//    site's time zone) and schedules it a few seconds ahead, in the site's
//    time zone. Before that time the article is neither on the front page nor
//    in another article's "Read next" (and its address answers 404); once the
//    server's scheduler has published it, it is on the front page and in the
//    other article's "Read next", with the time that was picked.
// 4. Keyboard: the fields have labels, focus is visible, Ctrl+S saves.
//
// On every page: no console errors, page errors, CSP violations, failed
// requests or HTTP errors. Screenshots (the editor with its preview, the
// article list, the scheduled article) go to $GAZETTE_ARTIFACTS (default
// ./artifacts) as newsroom-*.png.
//
// Run from tests/browser: GAZETTE_BIN=../../build/gazette node newsroom.test.mjs
// Exits 0 when every check passes, 1 with the list of failures otherwise.

import {
  DESKTOP, artifact, check, fail, fetchText, gazette, launchChromium, makeDemo, prepare, reportCspViolations, run,
  serve, serverStderr, startWatchdog, storyLinks, tearDown, watchPage,
} from './support.mjs';

const ZONE = 'Asia/Kathmandu';
const AHEAD_SECONDS = 12;

startWatchdog(180);

let browser = null;
let origin = '';

// A new browser context (its own cookies) whose pages report what goes wrong as failures of `where`.
async function newContext(where) {
  const context = await browser.newContext({ ...DESKTOP, colorScheme: 'light', reducedMotion: 'reduce' });
  context.setDefaultTimeout(10000);
  await reportCspViolations(context, where);
  context.on('page', (page) => watchPage(page, where, { navigates: true }));
  return { context, page: await context.newPage() };
}

async function signIn(page, email, password) {
  await page.goto(origin + '/admin');
  check(new URL(page.url()).pathname === '/admin/signin', 'sign-in', `/admin without a session went to ${page.url()}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/admin'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

// "2026-11-25T21:30:05": the wall-clock reading of `date` in `zone`, as a datetime-local input takes it.
function wallClock(date, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    second: '2-digit', hourCycle: 'h23',
  }).formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

async function screenshot(page, name) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: artifact(`newsroom-${name}`), fullPage: true });
}

function passwordOf(output) {
  const password = output.match(/^password: (\S+)\s*$/m)?.[1];
  if (!password) throw new Error(`\`gazette user add\` printed no "password: ..." line:\n${output}`);
  return password;
}

// --- 1. the admin sets the time zone -----------------------------------------------

async function setTimeZone(admin) {
  const where = 'settings';
  const { context, page } = await newContext(where);
  await signIn(page, admin.email, admin.password);
  await page.goto(origin + '/admin/settings');
  await page.getByLabel('Time zone').fill(ZONE);
  await Promise.all([page.waitForURL(/\/admin\/settings\?done=/), page.getByRole('button', { name: 'Save' }).click()]);
  check(await page.locator('#settings-notice').isVisible(), where, 'no notice after saving the settings');
  check(await page.getByLabel('Time zone').inputValue() === ZONE, where, 'the time zone was not kept');
  await context.close();
}

// --- 2. the author writes and submits ----------------------------------------------------

async function authorWrites(author, headline) {
  const where = 'author';
  const { context, page } = await newContext(where);
  await signIn(page, author.email, author.password);
  await page.getByRole('link', { name: 'New article' }).first().click();
  await page.waitForURL(/\/admin\/articles\/new$/);
  check(await page.locator('#preview-button').isHidden(), where, 'the Preview button shows although the preview is live');

  await page.getByLabel('Headline', { exact: true }).fill(headline);
  const loadsBefore = await page.evaluate(() => performance.getEntriesByType('navigation').length);
  const url = page.url();
  const body = page.getByLabel('Body', { exact: true });
  await body.fill('The harbour board **approved** the plan on Tuesday.\n\n## What changes\n\n- longer quays\n- a new *ferry* berth');
  // The preview follows the text, rendered by the server (Markdown to HTML), without a reload.
  const preview = page.locator('#preview-body');
  await preview.locator('h2', { hasText: 'What changes' }).waitFor({ timeout: 5000 });
  check(await preview.locator('strong', { hasText: 'approved' }).count() === 1, where, 'the preview has no <strong>');
  check(await preview.locator('li').count() === 2, where, 'the preview has no list of two items');
  check(page.url() === url, where, 'the page changed while typing');
  check(await page.evaluate(() => performance.getEntriesByType('navigation').length) === loadsBefore, where,
    'the page reloaded for the preview');
  await body.type('\n\nA late paragraph.');
  await preview.locator('p', { hasText: 'A late paragraph.' }).waitFor({ timeout: 5000 });
  await page.getByLabel('Tags').fill('Harbour, Ferries');
  await screenshot(page, 'editor-new');

  await Promise.all([page.waitForURL(/\/admin\/articles\/\d+\?done=created$/), page.getByRole('button', { name: 'Save draft' }).click()]);
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  check(await page.locator('#story-state').textContent() === 'Draft', where, 'the new article is not a draft');
  check(await page.locator('#public-address').textContent().then((t) => t.includes(`/news/${id}-`)), where,
    'the draft does not show the address it will have');
  check(await page.getByRole('button', { name: 'Publish now' }).count() === 0, where, 'an author sees Publish');

  // Keyboard: Ctrl+S saves, from inside a field.
  await page.getByLabel('Lead', { exact: true }).click();
  await page.keyboard.type('The quays grow by a third.');
  await Promise.all([page.waitForURL(/\?done=save$/), page.keyboard.press('Control+s')]);
  check(await page.getByLabel('Lead', { exact: true }).inputValue() === 'The quays grow by a third.', 'keyboard', 'Ctrl+S did not save the lead');

  await Promise.all([page.waitForURL(/\?done=submit$/), page.getByRole('button', { name: 'Submit for review' }).click()]);
  check(await page.locator('#story-state').textContent() === 'In review', where, 'the article is not in review after submitting');
  await context.close();
  return id;
}

// --- 3. the editor schedules ------------------------------------------------------------

async function editorSchedules(editor, id, headline) {
  const where = 'editor';
  const { context, page } = await newContext(where);
  await signIn(page, editor.email, editor.password);
  await page.getByLabel('State').selectOption('review');
  await Promise.all([page.waitForURL(/state=review/), page.getByRole('button', { name: 'Filter' }).click()]);
  await screenshot(page, 'list');
  await Promise.all([page.waitForURL(new RegExp(`/admin/articles/${id}$`)), page.getByRole('link', { name: headline }).click()]);
  check((await page.locator('#zone-hint').textContent()).includes(ZONE), where, 'the editor does not name the site\'s time zone');
  check(await page.getByRole('button', { name: 'Publish now' }).count() === 1, where, 'the editor has no Publish button');

  // Keyboard: tabbing reaches the fields, and focus shows.
  await page.getByLabel('Headline', { exact: true }).focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return { id: el.id, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  check(focused.id === 'lead', 'keyboard', `Tab from the headline went to #${focused.id}, not the lead`);
  check(focused.outline !== 'none' && focused.width >= 2, 'keyboard', `no visible focus on #${focused.id}`);

  const due = new Date(Math.ceil((Date.now() + AHEAD_SECONDS * 1000) / 1000) * 1000);
  await page.getByLabel('Publish at').fill(wallClock(due, ZONE));
  await Promise.all([page.waitForURL(/\?done=schedule$/), page.getByRole('button', { name: 'Schedule' }).click()]);
  check(await page.locator('#story-state').textContent() === 'Scheduled', where, 'the article is not scheduled');
  const shown = await page.locator('.due time').getAttribute('datetime');
  check(shown && Date.parse(shown) === due.getTime(), where, `the schedule shows ${shown}, not ${due.toISOString()}`);
  check(shown && shown.endsWith('+05:45'), where, `the schedule is not shown in the site's zone: ${shown}`);
  await screenshot(page, 'scheduled');
  await context.close();
  return due;
}

// --- the reader's side -------------------------------------------------------------------

async function onFront(id) {
  return (await fetchText(origin, '/')).includes(`href="/news/${id}-`);
}

async function inReadNext(otherPath, id) {
  const html = await fetchText(origin, otherPath);
  const aside = html.match(/<aside class="read-next"[\s\S]*?<\/aside>/)?.[0] ?? '';
  return aside.includes(`href="/news/${id}-`);
}

async function appearsOnTime(id, due, otherPath) {
  const where = 'schedule';
  check(Date.now() < due.getTime() - 1000, where,
    `too slow: the checks before the due time ran ${Date.now() - due.getTime()} ms after it`);
  check(!(await onFront(id)), where, 'the article is on the front page before its time');
  check(!(await inReadNext(otherPath, id)), where, 'the article is in Read next before its time');
  check((await fetch(`${origin}/news/${id}`)).status === 404, where, 'the article answers before its time');

  // The scheduler publishes within a second or two of the due time.
  const deadline = due.getTime() + 5000;
  let seenAt = null;
  while (Date.now() < deadline) {
    if (Date.now() >= due.getTime() - 200 && await onFront(id)) { seenAt = Date.now(); break; }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!check(seenAt !== null, where, 'the article was not on the front page 5 s after its time')) return;
  check(seenAt >= due.getTime() - 200, where, `the article appeared ${due.getTime() - seenAt} ms early`);
  console.log(`published ${seenAt - due.getTime()} ms after the due time`);
  check(await inReadNext(otherPath, id), where, 'the article is not in the other article\'s Read next');
  const page = await fetchText(origin, (await fetch(`${origin}/news/${id}`, { redirect: 'manual' })).headers.get('location') ?? `/news/${id}`);
  const published = page.match(/<p class="meta"><time datetime="([^"]+)"/)?.[1];
  check(published && Date.parse(published) === due.getTime(), where, `the article shows ${published}, not its due time`);
}

// --- the run -------------------------------------------------------------------------------

async function main() {
  const tmp = prepare('gazette-newsroom-');
  try {
    const db = makeDemo(tmp);
    const people = {};
    for (const role of ['admin', 'author', 'editor']) {
      const email = `${role}@example.org`;
      people[role] = { email, password: passwordOf(gazette('user', 'add', '--db', db, '--role', role, '--name', `${role} person`, email)) };
    }
    origin = await serve(db);
    browser = await launchChromium();
    const headline = `Harbour expansion approved ${Date.now().toString(36)}`;
    await setTimeZone(people.admin);
    const { top } = await storyLinks(origin);
    if (!top) throw new Error('the demo front page has no top story');
    const otherPath = new URL(top, origin).pathname;
    const id = await authorWrites(people.author, headline);
    const due = await editorSchedules(people.editor, id, headline);
    await appearsOnTime(id, due, otherPath);
  } catch (error) {
    fail(`newsroom: stopped: ${error.stack ?? error}`);
  } finally {
    await tearDown(browser, tmp);
  }
  const serverNotes = serverStderr().split('\n').filter((line) => line.trim() && !/ info: /.test(line));
  if (serverNotes.length) console.error(`gazette serve wrote to stderr:\n${serverNotes.join('\n')}`);
}

await run(main);
