// Comments in a real browser: Debian's Chromium, driven by playwright-core.
//
// Starts `gazette serve` on a demo site with a moderator account, then:
//
// 1. A reader's whole journey on the top story: the comment block before
//    signing in (prompt, "Leave the first comment", Sign in / Sign up links);
//    sign up and land back on the article with the comment form in place of
//    the links; a first comment in Markdown (emphasis, a nofollow link, the
//    count, the prompt kept and the "first comment" line gone); a reply
//    through the inline form; an edit with its "edited" marker; a double click
//    on Send that stores one comment (and the API given one nonce twice at
//    once stores one too); a comment held by a pre-moderated section, which
//    only its author sees (with the pending note) until a moderator signs in,
//    finds it on /moderation with its article and approves it; a second
//    reader's up-vote (aria-pressed, the score, kept after a reload); a reply
//    sent to the API shown as depth-1 right under its parent.
// 2. Hostile comments (script, img onerror, svg onload, javascript: links in
//    Markdown and HTML, an iframe; and all of them at once in a comment held
//    for review, which its author's page inserts with innerHTML) render as
//    text and run nothing: for an anonymous reader, their author and a
//    moderator there is no script, img, svg or iframe in a comment body, no
//    on* attribute and no javascript: URL in the comments, the literal text
//    "<script>" shows, and clicking every link in the comments sets nothing.
//
// On every page: no console errors, page errors, CSP violations, failed
// requests or HTTP errors. In the comment block and the moderation queue:
// text contrast (WCAG AA) and each comment's actions on one line; on a phone,
// no horizontal scrolling. Screenshots (the article with comments at desktop
// size, light and dark, and on a phone; the moderation queue; the hostile
// comments; each also of the comment block alone) go to $GAZETTE_ARTIFACTS
// (default ./artifacts) as comments-*.png.
//
// Run from tests/browser: GAZETTE_BIN=../../build/gazette node comments.test.mjs
// Exits 0 when every check passes, 1 with the list of failures otherwise.

import {
  DESKTOP, PHONE, artifact, check, fail, fetchText, gazette, launchChromium, makeDemo, pageContrast,
  pageOverflow, prepare, reportCspViolations, run, serve, serverStderr, startWatchdog, storyLinks, tearDown, watchPage,
} from './support.mjs';

// The interface text of the default theme (themes/default/locales/en.toml).
const TEXT = {
  prompt: 'What is your opinion on this topic?',
  first: 'Leave the first comment',
  signIn: 'Sign in',
  signUp: 'Sign up',
  yourComment: 'Your comment',
  writeReply: 'Write a reply',
  send: 'Send',
  reply: 'Reply',
  edit: 'Edit',
  saveChanges: 'Save changes',
  edited: 'edited',
  pendingNote: 'Only you see this comment until a moderator approves it.',
  premoderatedNote: 'Comments here appear after a moderator approves them.',
  approve: 'Approve',
  voteUp: 'Vote up',
};

startWatchdog(150);

// --- browser contexts that report what goes wrong ---------------------------

let browser = null;
let origin = '';

// A new browser context (its own cookies: a new visitor) whose pages report
// console errors, page errors, CSP violations, failed requests and HTTP errors
// as failures of `where`. Requests to other hosts (a click on a comment's
// link) get an empty 204, which leaves the page where it is.
async function newVisitor(where, options = DESKTOP, scheme = 'light') {
  const context = await browser.newContext({ ...options, colorScheme: scheme, reducedMotion: 'reduce' });
  context.setDefaultTimeout(10000);
  await context.route((url) => !url.href.startsWith(`${origin}/`), (route) => route.fulfill({ status: 204, body: '' }));
  await reportCspViolations(context, where);
  context.on('page', (page) => watchPage(page, where, { navigates: true }));
  return { context, page: await context.newPage() };
}

// Clicks `button` in a comment form and waits for the reload the script does
// after a successful send; a message in the form's alert fails instead.
async function sendAndReload(page, button, options = {}) {
  const form = button.locator('xpath=ancestor::form[1]');
  const loaded = page.waitForEvent('load', { timeout: 10000 }).then(() => 'load', () => 'timeout');
  if (options.double) await button.dblclick();
  else await button.click();
  const alert = form.locator('.form-error:not([hidden])');
  const refused = alert.waitFor({ timeout: 10000 }).then(() => 'error', () => 'timeout');
  const outcome = await Promise.race([loaded, refused]);
  if (outcome === 'error') {
    throw new Error(`the form answered "${(await alert.textContent().catch(() => '?')).trim()}"`);
  }
  if (outcome !== 'load') throw new Error('no reload within 10 s after sending');
  await page.waitForLoadState('load');
}

// Waits until the page's script has asked who is signed in and changed the
// comment block (the compose form for a reader where comments are open).
async function scriptReady(page) {
  await page.locator('#compose form.js-comment-form').waitFor();
}

async function signUp(page, name, email, password) {
  await page.locator('#display_name').fill(name);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/account/signup')),
    page.getByRole('button', { name: TEXT.signUp }).click(),
  ]);
}

// The readers' comments, as the page shows them: [{id, depth, text, ...}].
function commentsOn(page) {
  return page.locator('#comments li.comment').evaluateAll((items) => items.map((li) => ({
    id: li.dataset.comment,
    cls: li.className,
    depth: Number((li.className.match(/depth-(\d+)/) ?? [])[1] ?? -1),
    text: li.querySelector('.comment-body')?.textContent ?? '',
    edited: !!li.querySelector('.comment-meta .edited'),
    pending: li.classList.contains('pending'),
  })));
}

// Runs in the page: the comment action rows under `selector` whose items do
// not share one line (each item's vertical center within 3 px of the score's).
function pageMisalignedActions(selector) {
  const describe = (el) => el.tagName.toLowerCase() +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const misaligned = [];
  for (const root of document.querySelectorAll(selector)) {
    for (const row of root.querySelectorAll('.comment-actions')) {
      const score = row.querySelector('.score');
      if (!score) continue;
      const center = (el) => { const r = el.getBoundingClientRect(); return (r.top + r.bottom) / 2; };
      const line = center(score);
      for (const item of row.children) {
        const r = item.getBoundingClientRect();
        if (r.height === 0 || Math.abs(center(item) - line) <= 3) continue;
        misaligned.push(`${describe(item)} "${item.textContent.trim()}" in ${row.closest('li')?.id ?? 'a comment'} ` +
          `sits ${Math.round(center(item) - line)} px off the line of the score ` +
          `(margin ${getComputedStyle(item).margin}, font-weight ${getComputedStyle(item).fontWeight})`);
      }
    }
  }
  return misaligned;
}

// Checks the text contrast (WCAG AA) under `selector` and that each comment's
// actions are on one line; each distinct misalignment is reported once per page kind.
const reportedLayout = new Set();
async function checkLayout(page, where, selector) {
  const { lowContrast } = await page.evaluate(pageContrast, { selector, quote: 30, ids: false });
  const misaligned = await page.evaluate(pageMisalignedActions, selector);
  for (const low of new Set(lowContrast)) check(false, where, `low contrast: ${low}`);
  // One row is enough to show a misalignment that every row repeats.
  const kinds = new Map();
  for (const m of misaligned) {
    const kind = m.replace(/ in \S+ sits/, ' sits');
    if (!kinds.has(kind)) kinds.set(kind, m);
  }
  for (const [kind, m] of kinds) {
    if (reportedLayout.has(`${where}|${kind}`)) continue;
    reportedLayout.add(`${where}|${kind}`);
    check(false, where, `comment actions not on one line: ${m}`);
  }
  check(true, where, 'the layout');
}

async function screenshot(page, name) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: artifact(`comments-${name}`), fullPage: true });
  // The comment block alone, at full resolution, where there is one.
  const block = page.locator('section#comments');
  if (await block.count() === 1) await block.screenshot({ path: artifact(`comments-${name}-block`) });
}

// --- scenario 1: a reader's journey -------------------------------------------

// Runs one step of a journey. A step that throws is a failure; the journey
// goes on with the next step unless this one was essential.
async function step(where, fn, essential = false) {
  try {
    return await fn(where);
  } catch (error) {
    fail(`${where}: stopped: ${error.message.split('\n')[0]}`);
    if (essential) throw new Error(`${where} failed, the steps after it need it`);
    return undefined;
  }
}

// The number in the comment block's count ("3 comments"); 0 without one.
async function countOf(page) {
  const text = (await page.locator('section#comments p.count').textContent().catch(() => '')).trim();
  return Number(text.match(/^(\d+) comments?$/)?.[1] ?? 0);
}

async function signInModerator(where, moderator) {
  const mod = await newVisitor(where);
  await mod.page.goto(origin + '/account/signin?next=/moderation');
  await mod.page.locator('#email').fill(moderator.email);
  await mod.page.locator('#password').fill(moderator.password);
  await Promise.all([mod.page.waitForURL((url) => url.pathname === '/moderation'),
    mod.page.getByRole('button', { name: TEXT.signIn }).click()]);
  return mod;
}

async function readerJourney(moderator, runId) {
  const reader = await newVisitor('journey');
  const page = reader.page;
  const comments = page.locator('section#comments');
  const state = {};
  const reader1 = { name: `Rita Reader ${runId}`, email: `rita-${runId}@example.org`, password: 'correct horse battery staple' };
  const sendButton = () => page.locator('#compose').getByRole('button', { name: TEXT.send, exact: true });
  // Each step after the first comment starts from a fresh load of the article.
  const fresh = async () => {
    await page.goto(origin + state.articlePath);
    await scriptReady(page);
  };

  // a. The front page's top story; its comment block before anyone signs in.
  await step('journey/a-open', async (where) => {
    await page.goto(origin + '/');
    await Promise.all([page.waitForURL(/\/news\//), page.locator('#top-story-headline a').click()]);
    await page.waitForLoadState('load');
    state.articlePath = new URL(page.url()).pathname;
    state.headline = (await page.locator('h1#headline').textContent()).trim();
    const blockText = await comments.innerText();
    check(blockText.includes(TEXT.prompt), where, `the comment block lacks "${TEXT.prompt}": ${JSON.stringify(blockText)}`);
    check(blockText.includes(TEXT.first), where, `the comment block lacks "${TEXT.first}": ${JSON.stringify(blockText)}`);
    const signInLinks = await comments.getByRole('link', { name: TEXT.signIn, exact: true }).count();
    const signUpLinks = await comments.getByRole('link', { name: TEXT.signUp, exact: true }).count();
    check(signInLinks === 1, where, `${signInLinks} "${TEXT.signIn}" links in the comment block, want 1`);
    check(signUpLinks === 1, where, `${signUpLinks} "${TEXT.signUp}" links in the comment block, want 1`);
    const textareas = await comments.locator('textarea').count();
    check(textareas === 0, where, `an anonymous reader sees ${textareas} textareas in the comment block`);
    const rubric = await page.locator('.story-header a.rubric').getAttribute('href', { timeout: 1000 }).catch(() => null);
    state.section = rubric?.match(/^\/section\/([^/?#]+)$/)?.[1] ?? null;
  }, true);

  // b. Sign up from the comment block; back on the article with the form.
  await step('journey/b-sign-up', async (where) => {
    await Promise.all([page.waitForURL(/\/account\/signup/),
      comments.getByRole('link', { name: TEXT.signUp, exact: true }).click()]);
    const next = new URL(page.url()).searchParams.get('next') ?? '';
    check(next.startsWith(state.articlePath), where, `the Sign up link's next is "${next}", not the article ${state.articlePath}`);
    await signUp(page, reader1.name, reader1.email, reader1.password);
    check(new URL(page.url()).pathname === state.articlePath, where,
      `after signing up the browser is at ${page.url()}, not ${state.articlePath}`);
    await scriptReady(page);
    const box = page.getByLabel(TEXT.yourComment, { exact: true });
    check(await box.count() === 1 && await box.evaluate((el) => el.tagName === 'TEXTAREA'), where,
      `no single textarea labelled "${TEXT.yourComment}"`);
    const linksLeft = await comments.getByRole('link', { name: TEXT.signIn, exact: true }).count() +
      await comments.getByRole('link', { name: TEXT.signUp, exact: true }).count();
    check(linksLeft === 0, where, `the Sign in / Sign up links are still there (${linksLeft}) after signing up`);
    const accountLink = (await page.locator('#account-link').textContent()).trim();
    check(accountLink === reader1.name, where, `the account link reads "${accountLink}", not the reader's name`);
  }, true);

  // c. A first comment in Markdown.
  await step('journey/c-first-comment', async (where) => {
    const firstText = `First! *emphasis* and a [link](https://example.org) ${runId}`;
    state.firstText = firstText;
    await page.getByLabel(TEXT.yourComment, { exact: true }).fill(firstText);
    await sendAndReload(page, sendButton());
    await scriptReady(page);
    const shown = await commentsOn(page);
    const first = shown.find((c) => c.text.includes(`First! emphasis and a link ${runId}`));
    if (!first) throw new Error(`the comment is not on the page after the reload: ${JSON.stringify(shown)}`);
    state.firstId = first.id;
    const firstLi = page.locator(`#comment-${first.id}`);
    check(await firstLi.locator('.comment-body em').textContent() === 'emphasis', where, 'no <em>emphasis</em> in the comment');
    const link = firstLi.locator('.comment-body a');
    check(await link.count() === 1, where, `${await link.count()} links in the comment, want 1`);
    if (await link.count() === 1) {
      const [href, rel] = [await link.getAttribute('href'), await link.getAttribute('rel')];
      check(href === 'https://example.org', where, `the link goes to ${href}`);
      check(rel === 'nofollow ugc noopener', where, `the link has rel="${rel}", want "nofollow ugc noopener"`);
    }
    const count = (await comments.locator('p.count').textContent().catch(() => '')).trim();
    check(count === '1 comment', where, `the count reads "${count}", want "1 comment"`);
    check(await comments.locator('.first-comment').count() === 0 && !(await comments.innerText()).includes(TEXT.first),
      where, `"${TEXT.first}" is still shown with a comment on the page`);
    check((await comments.innerText()).includes(TEXT.prompt), where, `"${TEXT.prompt}" is gone once there is a comment`);
    check(new URL(page.url()).hash === `#comment-${first.id}`, where,
      `after sending, the address is ${page.url()}, not #comment-${first.id}`);
  }, true);
  const firstLi = page.locator(`#comment-${state.firstId}`);

  // d. A reply through the inline form.
  await step('journey/d-reply', async (where) => {
    await fresh();
    const before = await countOf(page);
    await firstLi.locator('.comment-actions').getByRole('link', { name: TEXT.reply, exact: true }).click();
    const replyBox = firstLi.getByLabel(TEXT.writeReply, { exact: true });
    await replyBox.waitFor();
    check(await replyBox.evaluate((el) => el === document.activeElement), where, 'the reply box does not have the focus');
    const replyText = `A reply to myself ${runId}`;
    await replyBox.fill(replyText);
    await sendAndReload(page, firstLi.locator('form.js-comment-form').getByRole('button', { name: TEXT.send, exact: true }));
    await scriptReady(page);
    const shown = await commentsOn(page);
    const reply = shown.find((c) => c.text.includes(replyText));
    check(reply && reply.depth === 1, where, `the reply is not shown as li.comment.depth-1: ${JSON.stringify(reply ?? shown)}`);
    if (reply) {
      const parentAt = shown.findIndex((c) => c.id === state.firstId);
      check(shown.indexOf(reply) === parentAt + 1, where,
        `the reply is not right under its parent: ${JSON.stringify(shown.map((c) => [c.id, c.depth]))}`);
    }
    const after = await countOf(page);
    check(after === before + 1, where, `the count went from ${before} to ${after} with a reply`);
  });

  // e. Edit the first comment.
  await step('journey/e-edit', async (where) => {
    await fresh();
    await firstLi.getByRole('button', { name: TEXT.edit, exact: true }).click();
    const editBox = firstLi.locator('form.js-comment-form textarea');
    await editBox.waitFor();
    check(await editBox.inputValue() === state.firstText, where,
      `the edit box holds ${JSON.stringify(await editBox.inputValue())}, not the comment's Markdown`);
    check(await firstLi.locator('.comment-body').isHidden(), where, 'the comment text stays visible beside the edit box');
    const editedText = `First, edited: **strong** now ${runId}`;
    await editBox.fill(editedText);
    await sendAndReload(page, firstLi.getByRole('button', { name: TEXT.saveChanges, exact: true }));
    await scriptReady(page);
    const editedBody = (await firstLi.locator('.comment-body').textContent()).trim();
    check(editedBody === `First, edited: strong now ${runId}`, where, `the comment reads "${editedBody}" after the edit`);
    check(await firstLi.locator('.comment-body strong').count() === 1, where, 'no <strong> in the edited comment');
    const marker = (await firstLi.locator('.comment-meta .edited').textContent({ timeout: 1000 }).catch(() => '')).trim();
    check(marker === TEXT.edited, where, `the edited comment's marker reads "${marker}", want "${TEXT.edited}"`);
  });

  // f. A double click on Send stores one comment.
  await step('journey/f-double-submit', async (where) => {
    await fresh();
    const before = await countOf(page);
    const doubleText = `Sent with a double click ${runId}`;
    await page.getByLabel(TEXT.yourComment, { exact: true }).fill(doubleText);
    await sendAndReload(page, sendButton(), { double: true });
    await page.waitForTimeout(300);  // a second request, if one went out, has landed
    await page.reload();
    await scriptReady(page);
    const doubles = (await commentsOn(page)).filter((c) => c.text.includes(doubleText));
    check(doubles.length === 1, where, `${doubles.length} comments "${doubleText}" after a double click, want 1`);
    const after = await countOf(page);
    check(after === before + 1, where, `the count went from ${before} to ${after} with a double click`);
  });

  // g. A held comment: its author sees it with a note, others do not, until a
  // moderator approves it.
  await step('journey/g-held', async (where) => {
    await fresh();
    let heldText;
    if (state.section) {
      gazette('comment-policy', '--db', moderator.db, '--section', state.section, 'premoderated');
      state.premoderated = true;
      // A change made by another process reaches cached pages within 100 ms
      // (docs/architecture.md, "The page cache"): a person reloading takes longer.
      await page.waitForTimeout(150);
      await page.reload();
      await scriptReady(page);
      check((await comments.innerText()).includes(TEXT.premoderatedNote), where,
        `the pre-moderated section's article lacks "${TEXT.premoderatedNote}"`);
      heldText = `Waiting for a moderator ${runId}`;
    } else {
      // No section: more links than comments.max_links (2) hold the comment.
      heldText = `Three links hold this: https://example.org/a https://example.org/b https://example.org/c ${runId}`;
    }
    state.heldKey = heldText.slice(0, 24);
    const before = await countOf(page);
    state.countBeforeHeld = before;
    await page.getByLabel(TEXT.yourComment, { exact: true }).fill(heldText);
    await sendAndReload(page, sendButton());
    await scriptReady(page);
    const pending = page.locator('#comments li.comment.pending', { hasText: state.heldKey });
    await pending.first().waitFor({ timeout: 3000 }).catch(() => {});
    check(await pending.count() === 1, where, `its author sees ${await pending.count()} pending comments "${heldText}", want 1`);
    if (await pending.count() === 1) {
      const note = (await pending.locator('.note').textContent()).trim();
      check(note === TEXT.pendingNote, where, `the pending comment's note reads "${note}", want "${TEXT.pendingNote}"`);
    }
    const publicHeld = await page.locator('#comments li.comment:not(.pending)', { hasText: state.heldKey }).count();
    check(publicHeld === 0, where, 'the held comment is in the public thread of its own author');
    const ownCount = await countOf(page);
    check(ownCount === before, where, `the count went from ${before} to ${ownCount} with a held comment`);

    const anonymous = await newVisitor(`${where}/anonymous`);
    await anonymous.page.goto(origin + state.articlePath);
    const anonText = await anonymous.page.locator('section#comments').innerText();
    check(!anonText.includes(state.heldKey), where, 'another visitor sees the held comment before approval');
    const anonCount = await countOf(anonymous.page);
    check(anonCount === before, where, `another visitor's count reads ${anonCount} with one comment held, want ${before}`);
    await anonymous.context.close();
  });

  // The moderator signs in, finds it in the queue and approves it.
  await step('journey/g-moderator', async (where) => {
    if (!state.heldKey) throw new Error('no held comment to approve');
    const mod = await signInModerator(where, moderator);
    const queued = mod.page.locator('li.queue-item', { hasText: state.heldKey });
    if (check(await queued.count() === 1, where, `${await queued.count()} entries for the held comment on /moderation, want 1`)) {
      const on = (await queued.locator('.queue-context a').textContent()).trim();
      check(on === state.headline, where, `the queue names the article "${on}", not "${state.headline}"`);
      const onHref = await queued.locator('.queue-context a').getAttribute('href');
      check(onHref === state.articlePath, where, `the queue links the article as ${onHref}, not ${state.articlePath}`);
      const author = (await queued.locator('.author').textContent()).trim();
      check(author === reader1.name, where, `the queue names the author "${author}", not "${reader1.name}"`);
      await checkLayout(mod.page, where, 'section.moderation');
      await screenshot(mod.page, 'moderation-desktop-light');
      await Promise.all([mod.page.waitForURL((url) => url.pathname === '/moderation'),
        queued.getByRole('button', { name: TEXT.approve, exact: true }).click()]);
      await mod.page.waitForLoadState('load');
      check(await mod.page.locator('li.queue-item', { hasText: state.heldKey }).count() === 0, where,
        'the approved comment is still in the queue');
    }
    await mod.context.close();

    const later = await newVisitor(`${where}/anonymous`);
    await later.page.goto(origin + state.articlePath);
    const approved = later.page.locator('section#comments li.comment:not(.pending)', { hasText: state.heldKey });
    check(await approved.count() === 1, where, `an anonymous visitor sees ${await approved.count()} copies of the approved comment, want 1`);
    const count = await countOf(later.page);
    check(count === state.countBeforeHeld + 1, where, `the count reads ${count} after the approval, want ${state.countBeforeHeld + 1}`);
    await later.context.close();
  });
  if (state.premoderated) gazette('comment-policy', '--db', moderator.db, '--section', state.section, 'inherit');

  // h. A second reader votes the first comment up.
  const second = await newVisitor('journey/h-vote', DESKTOP, 'dark');
  await step('journey/h-vote', async (where) => {
    await second.page.goto(`${origin}/account/signup?next=${encodeURIComponent(state.articlePath)}`);
    await signUp(second.page, `Victor Voter ${runId}`, `victor-${runId}@example.org`, 'another long passphrase');
    check(new URL(second.page.url()).pathname === state.articlePath, where, `after signing up the browser is at ${second.page.url()}`);
    await scriptReady(second.page);
    const target = second.page.locator(`#comment-${state.firstId}`);
    const up = target.getByRole('button', { name: TEXT.voteUp, exact: true });
    check(await up.getAttribute('aria-pressed') === 'false', where, `▲ starts with aria-pressed=${await up.getAttribute('aria-pressed')}`);
    check((await up.textContent()).trim() === '▲', where, `the up-vote button reads "${await up.textContent()}"`);
    check(await target.getByRole('button', { name: TEXT.edit, exact: true }).count() === 0, where,
      'another reader gets an Edit button on the comment');
    await up.click();
    await second.page.waitForFunction((id) =>
      document.querySelector(`#comment-${id} button.vote.up`)?.getAttribute('aria-pressed') === 'true', state.firstId,
    { timeout: 5000 }).catch(() => {});
    check(await up.getAttribute('aria-pressed') === 'true', where, `after the click ▲ has aria-pressed=${await up.getAttribute('aria-pressed')}`);
    let score = (await target.locator('.score').textContent()).trim();
    check(score === '+1', where, `the score reads "${score}" after the up-vote, want "+1"`);
    await second.page.reload();
    await scriptReady(second.page);
    check(await up.getAttribute('aria-pressed') === 'true', where, `after a reload ▲ has aria-pressed=${await up.getAttribute('aria-pressed')}`);
    score = (await target.locator('.score').textContent()).trim();
    check(score === '+1', where, `after a reload the score reads "${score}", want "+1"`);
    await checkLayout(second.page, where, 'section#comments');
    await screenshot(second.page, 'article-desktop-dark');
  });

  // The API, given one nonce twice at the same moment, stores one comment.
  await step('journey/h-api-nonce', async (where) => {
    const articleId = await second.page.locator('section#comments').getAttribute('data-article');
    const nonceText = `One nonce, two requests ${runId}`;
    const answers = await second.page.evaluate(async ({ id, body, nonce }) => {
      const session = await (await fetch(`/api/v1/session?article=${id}`)).json();
      const send = () => fetch(`/api/v1/articles/${id}/comments`, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf },
        body: JSON.stringify({ body, nonce, parent_id: null }),
      }).then(async (r) => ({ status: r.status, data: await r.json() }));
      return Promise.all([send(), send()]);
    }, { id: articleId, body: nonceText, nonce: `double-${runId}` });
    const ids = answers.map((a) => a.data?.comment?.id);
    check(answers.every((a) => a.status === 200 || a.status === 201), where,
      `answers to the same nonce twice: ${answers.map((a) => `${a.status} ${JSON.stringify(a.data)}`).join('; ')}`);
    check(ids[0] !== undefined && ids[0] === ids[1], where, `the same nonce twice gave comments ${ids.join(' and ')}`);
    check(answers.filter((a) => a.data?.duplicate === true).length === 1, where,
      `duplicate flags ${answers.map((a) => a.data?.duplicate).join(', ')}, want exactly one true`);
    await second.page.reload();
    await scriptReady(second.page);
    const stored = (await commentsOn(second.page)).filter((c) => c.text.includes(nonceText)).length;
    check(stored === 1, where, `${stored} comments "${nonceText}" stored, want 1`);
  });

  // The thread shows a reply (sent with a numeric parent_id, as the API
  // expects) under its parent, whatever the reply form does.
  await step('journey/h-api-reply', async (where) => {
    const articleId = await second.page.locator('section#comments').getAttribute('data-article');
    const replyText = `A reply through the API ${runId}`;
    const answer = await second.page.evaluate(async ({ id, body, parent }) => {
      const session = await (await fetch(`/api/v1/session?article=${id}`)).json();
      const r = await fetch(`/api/v1/articles/${id}/comments`, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf },
        body: JSON.stringify({ body, nonce: `reply-${body.length}-${parent}`, parent_id: parent }),
      });
      return { status: r.status, data: await r.json() };
    }, { id: articleId, body: replyText, parent: Number(state.firstId) });
    check(answer.status === 201, where, `a reply with parent_id ${state.firstId} answered ${answer.status} ${JSON.stringify(answer.data)}`);
    await second.page.reload();
    await scriptReady(second.page);
    const shown = await commentsOn(second.page);
    const reply = shown.find((c) => c.text.includes(replyText));
    check(reply && reply.depth === 1, where, `the reply is not shown as li.comment.depth-1: ${JSON.stringify(reply ?? shown)}`);
    if (reply) {
      const parentAt = shown.findIndex((c) => c.id === state.firstId);
      const replyAt = shown.indexOf(reply);
      check(replyAt > parentAt && shown.slice(parentAt + 1, replyAt).every((c) => c.depth >= 1), where,
        `the reply is not right under its parent: ${JSON.stringify(shown.map((c) => [c.id, c.depth]))}`);
    }
  });
  await second.context.close();

  // Screenshots of the thread: the first reader at desktop size, a phone.
  await step('journey/screenshots', async (where) => {
    await fresh();
    await checkLayout(page, `${where}/desktop-light`, 'section#comments');
    await screenshot(page, 'article-desktop-light');
    for (const scheme of ['light', 'dark']) {
      const phone = await newVisitor(`${where}/phone-${scheme}`, PHONE, scheme);
      await phone.page.goto(origin + state.articlePath);
      const o = await phone.page.evaluate(pageOverflow, PHONE.viewport.width);
      check(o.scrollWidth <= o.innerWidth && o.innerWidth <= PHONE.viewport.width, `${where}/phone-${scheme}`,
        `horizontal scrolling: the page is ${o.scrollWidth} px wide (innerWidth ${o.innerWidth}); sticking out: ${o.wide.join(', ') || '?'}`);
      await checkLayout(phone.page, `${where}/phone-${scheme}`, 'section#comments');
      await screenshot(phone.page, `article-phone-${scheme}`);
      await phone.context.close();
    }
  });
  await reader.context.close();
  return state;
}

// --- scenario 2: hostile comments ----------------------------------------------

const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '<svg onload="window.__pwned=1">',
  '[click](javascript:window.__pwned=1)',
  '<a href="javascript:window.__pwned=1">x</a>',
  '<iframe src="javascript:window.__pwned=1">',
];

// Runs in the page: whatever in the comments could run script.
function inspectComments() {
  const section = document.getElementById('comments');
  const problems = [];
  const describe = (el) => `<${el.tagName.toLowerCase()}${[...el.attributes].map((a) => ` ${a.name}="${a.value}"`).join('')}>`;
  for (const el of section.querySelectorAll('.comment-body :is(script, img, svg, iframe, object, embed, frame, style, link, meta, base, form, math, template)')) {
    problems.push(`${describe(el)} inside a comment body`);
  }
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'poster', 'background'];
  for (const el of section.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) problems.push(`${describe(el)} has an event handler attribute ${a.name}`);
      if (urlAttributes.includes(a.name.toLowerCase()) &&
          /^(javascript|vbscript|data):/i.test(a.value.replace(/[\u0000-\u0020\u007f]/g, ''))) {
        problems.push(`${describe(el)} has a script URL in ${a.name}`);
      }
    }
  }
  return {
    pwned: window.__pwned,
    problems,
    bodies: [...section.querySelectorAll('.comment-body')].map((b) => b.innerText),
  };
}

async function hostileComments(articlePath, runId, moderator) {
  let where = 'hostile/post';
  // comments.reader_burst (5 a minute) is below the number of payloads: two authors.
  const authors = [];
  const held = `All at once, held for its links https://example.org/1 https://example.org/2 https://example.org/3 ${runId}\n\n` +
    HOSTILE.join('\n\n');
  const batches = [HOSTILE.slice(0, 3), [...HOSTILE.slice(3), held]];
  for (const [i, batch] of batches.entries()) {
    const author = await newVisitor(`${where}/author-${i + 1}`);
    await author.page.goto(`${origin}/account/signup?next=${encodeURIComponent(articlePath)}`);
    await signUp(author.page, `Mallory ${i + 1} ${runId}`, `mallory-${i + 1}-${runId}@example.org`, 'a hostile but long password');
    await scriptReady(author.page);
    let rest = batch;
    if (i === 0) {
      // The first through the form, as a reader types it.
      await author.page.getByLabel(TEXT.yourComment, { exact: true }).fill(batch[0]);
      await sendAndReload(author.page, author.page.locator('#compose').getByRole('button', { name: TEXT.send, exact: true }));
      await scriptReady(author.page);
      rest = batch.slice(1);
    }
    // The others as a script would send them, with the token from /api/v1/session.
    const answers = await author.page.evaluate(async ({ id, bodies }) => {
      const session = await (await fetch(`/api/v1/session?article=${id}`)).json();
      const out = [];
      for (const [n, body] of bodies.entries()) {
        const r = await fetch(`/api/v1/articles/${id}/comments`, {
          method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf },
          body: JSON.stringify({ body, nonce: `hostile-${n}-${Date.now()}`, parent_id: null }),
        });
        out.push({ status: r.status, data: await r.json() });
      }
      return out;
    }, { id: await author.page.locator('section#comments').getAttribute('data-article'), bodies: rest });
    for (const [n, a] of answers.entries()) {
      const isHeld = rest[n] === held;
      check(a.status === 201 && a.data?.held === isHeld, where,
        `posting ${JSON.stringify(rest[n].slice(0, 40))} answered ${a.status} ${JSON.stringify(a.data).slice(0, 300)}`);
    }
    authors.push(author);
  }

  // Their authors' own pages (own-comment buttons; the held one through innerHTML).
  for (const [i, author] of authors.entries()) {
    where = `hostile/author-${i + 1}`;
    await author.page.reload();
    await scriptReady(author.page);
    await author.page.waitForTimeout(200);
    const seen = await author.page.evaluate(inspectComments);
    check(seen.pwned === undefined, where, `window.__pwned is ${seen.pwned} on the author's page`);
    for (const p of seen.problems) check(false, where, p);
    if (i === 1) {
      const pendingBodies = await author.page.locator('#comments li.comment.pending .comment-body').count();
      check(pendingBodies === 1, where, `the author sees ${pendingBodies} pending comments, want the held one`);
      const text = await author.page.locator('#comments li.comment.pending .comment-body').innerText().catch(() => '');
      check(text.includes('<script>window.__pwned=1</script>'), where,
        `the held comment, as its author sees it, does not show "<script>" as text: ${JSON.stringify(text.slice(0, 300))}`);
      await screenshot(author.page, 'hostile-author-desktop-light');
    }
    await author.context.close();
  }

  // The moderator's queue shows the held one.
  where = 'hostile/moderation';
  const mod = await signInModerator(where, moderator);
  await mod.page.waitForTimeout(200);
  const queueSeen = await mod.page.evaluate(() => {
    const problems = [];
    for (const el of document.querySelectorAll('.queue .comment-body :is(script, img, svg, iframe, object, embed)')) {
      problems.push(`<${el.tagName.toLowerCase()}> inside a queued comment`);
    }
    for (const el of document.querySelectorAll('.queue *')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) problems.push(`<${el.tagName.toLowerCase()}> in the queue has ${a.name}`);
        if (/^(href|src)$/i.test(a.name) && /^javascript:/i.test(a.value.trim())) problems.push(`<${el.tagName.toLowerCase()}> in the queue has ${a.name}=${a.value}`);
      }
    }
    return { pwned: window.__pwned, problems, text: document.querySelector('.queue')?.innerText ?? '' };
  });
  check(queueSeen.pwned === undefined, where, `window.__pwned is ${queueSeen.pwned} on /moderation`);
  for (const p of queueSeen.problems) check(false, where, p);
  check(queueSeen.text.includes('<script>window.__pwned=1</script>'), where, 'the queue does not show the held comment\'s "<script>" as text');
  await mod.context.close();

  // A new anonymous visitor.
  where = 'hostile/anonymous';
  const visitor = await newVisitor(where);
  const page = visitor.page;
  await page.goto(origin + articlePath);
  await page.waitForTimeout(300);
  const seen = await page.evaluate(inspectComments);
  check(seen.pwned === undefined, where, `window.__pwned is ${seen.pwned}`);
  for (const p of seen.problems) check(false, where, p);
  check(seen.bodies.some((t) => t.includes('<script>window.__pwned=1</script>')), where,
    `no comment shows "<script>window.__pwned=1</script>" as text; bodies: ${JSON.stringify(seen.bodies)}`);
  for (const payload of HOSTILE.filter((p) => p.startsWith('<'))) {
    check(seen.bodies.some((t) => t.trim() === payload), where, `no comment shows ${JSON.stringify(payload)} as typed`);
  }
  check(!seen.bodies.some((t) => t.includes('All at once')), where, 'the held hostile comment is public');
  const markdownLink = seen.bodies.find((t) => t.includes('click'));
  check(markdownLink !== undefined, where, 'the Markdown javascript: link left no text');
  await checkLayout(page, where, 'section#comments');
  await screenshot(page, 'hostile-desktop-light');

  // Every link in the comments, clicked, on a fresh load of the page each time.
  where = 'hostile/clicks';
  await page.goto(origin + articlePath);
  const linkCount = await page.locator('#comments li.comment a').count();
  check(linkCount > 0, where, 'no links in the comments to click');
  for (let i = 0; i < linkCount; i += 1) {
    if (i > 0) await page.goto(origin + articlePath);
    const link = page.locator('#comments li.comment a').nth(i);
    const href = await link.getAttribute('href');
    const before = page.url();
    await link.click({ noWaitAfter: true });
    await page.waitForTimeout(150);
    await page.waitForLoadState('load');
    const pwned = await page.evaluate(() => window.__pwned).catch(() => 'unknown (the page went away)');
    check(pwned === undefined, where, `after clicking link #${i} (href="${href}") on ${before}, window.__pwned is ${pwned}`);
  }
  await visitor.context.close();
}

// --- the run -----------------------------------------------------------------

async function main() {
  const tmp = prepare('gazette-comments-');
  const runId = Date.now().toString(36);
  try {
    const db = makeDemo(tmp);
    const added = gazette('user', 'add', '--db', db, '--role', 'moderator', 'mod@example.org');
    const password = added.match(/^password: (\S+)\s*$/m)?.[1];
    if (!password) throw new Error(`\`gazette user add\` printed no "password: ..." line:\n${added}`);
    const moderator = { db, email: 'mod@example.org', password };
    origin = await serve(db);
    browser = await launchChromium();

    let journey = null;
    try {
      journey = await readerJourney(moderator, runId);
    } catch (error) {
      fail(`journey: stopped: ${error.stack ?? error}`);
    }

    // The hostile comments go under another article than the top story, in
    // another section than the one the journey made pre-moderated for a while.
    let hostilePath = null;
    const { top, latest } = await storyLinks(origin);
    for (const href of latest) {
      const p = new URL(href, origin).pathname;
      if (top && p === new URL(top, origin).pathname) continue;
      const html = await fetchText(origin, p);
      const section = html.match(/<a class="rubric" href="\/section\/([^"]+)">/)?.[1];
      if (html.includes('id="comments"') && section !== journey?.section) { hostilePath = p; break; }
    }
    if (!hostilePath) throw new Error('no second article with comments open on the demo site');
    try {
      await hostileComments(hostilePath, runId, moderator);
    } catch (error) {
      fail(`hostile: stopped: ${error.stack ?? error}`);
    }
  } finally {
    await tearDown(browser, tmp);
  }
  const serverNotes = serverStderr().split('\n').filter((line) => line.trim() && !/ info: /.test(line));
  if (serverNotes.length) console.error(`gazette serve wrote to stderr:\n${serverNotes.join('\n')}`);
}

await run(main);
