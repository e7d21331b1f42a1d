// Search in a real browser: Debian's Chromium, driven by playwright-core.
//
// On a demo site: the results page at a phone size needs no horizontal
// scrolling and breaks no CSP rule; typing in the masthead's search box shows
// suggestions with the typed word marked, the arrow keys reach them and Enter
// opens the article; Escape closes them; and the box still submits to
// /search as a plain form.
//
// Run from tests/browser: GAZETTE_BIN=../../build/gazette node search.test.mjs

import {
  PHONE, DESKTOP, artifact, check, collectCspViolations, launchChromium, makeDemo, pageOverflow, prepare, run, serve,
  startWatchdog, tearDown, watchPage,
} from './support.mjs';

startWatchdog(90);

async function main() {
  const tmp = prepare('gazette-browser-search-');
  let browser = null;
  try {
    const origin = await serve(makeDemo(tmp));
    browser = await launchChromium();

    // The results page on a phone.
    {
      const where = 'search-results-phone';
      const page = await browser.newPage({ ...PHONE, reducedMotion: 'reduce' });
      watchPage(page, where);
      const csp = await collectCspViolations(page);
      const response = await page.goto(`${origin}/search?q=harbour`, { waitUntil: 'load' });
      check(response?.status() === 200, where, `GET /search?q=harbour answered ${response?.status()}`);
      const marks = await page.locator('.search-results mark').count();
      check(marks > 0, where, 'no <mark> in the results');
      const o = await page.evaluate(pageOverflow, PHONE.viewport.width);
      check(o.scrollWidth <= o.innerWidth && o.innerWidth <= PHONE.viewport.width, where,
        `horizontal scrolling: ${o.scrollWidth} px on a ${PHONE.viewport.width} px screen (${o.wide.join(', ')})`);
      await page.screenshot({ path: artifact(where), fullPage: true });
      for (const v of await csp()) check(false, where, `CSP violation: ${v}`);
      await page.close();
    }

    // Suggestions as you type in the masthead.
    {
      const where = 'search-suggestions-desktop';
      const page = await browser.newPage({ ...DESKTOP, reducedMotion: 'reduce' });
      watchPage(page, where, { navigates: true });
      const csp = await collectCspViolations(page);
      await page.goto(`${origin}/`, { waitUntil: 'load' });
      const box = page.getByRole('searchbox', { name: /search/i });
      await box.click();
      await box.pressSequentially('harb', { delay: 30 });
      const list = page.locator('#search-suggestions');
      await list.waitFor({ state: 'visible', timeout: 5000 });
      const items = await list.locator('a').count();
      check(items > 0, where, 'no suggestions for "harb"');
      const marked = await list.locator('a mark').first().textContent();
      check(/^harb/i.test(marked ?? ''), where, `the suggestion marks "${marked}", not the word typed`);
      check(await box.getAttribute('aria-expanded') === 'true', where, 'the box does not say the list is open');
      await page.screenshot({ path: artifact(where) });
      await box.press('ArrowDown');
      const focused = await page.evaluate(() => document.activeElement?.closest('#search-suggestions') !== null);
      check(focused, where, 'ArrowDown does not move into the suggestions');
      const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
      await Promise.all([page.waitForURL((u) => u.href === href, { timeout: 5000 }), page.keyboard.press('Enter')]);
      check(new URL(page.url()).pathname.startsWith('/news/'), where, `Enter opened ${page.url()}, not an article`);

      // Escape closes; Enter in the box submits the plain form.
      const box2 = page.getByRole('searchbox', { name: /search/i });
      await box2.fill('');
      await box2.pressSequentially('port', { delay: 30 });
      await page.locator('#search-suggestions').waitFor({ state: 'visible', timeout: 5000 });
      await box2.press('Escape');
      check(await page.locator('#search-suggestions').isHidden(), where, 'Escape leaves the suggestions open');
      await Promise.all([page.waitForURL(/\/search\?q=port/, { timeout: 5000 }), box2.press('Enter')]);
      check((await page.locator('.search-results li').count()) > 0, where, 'the form found nothing for "port"');
      for (const v of await csp()) check(false, where, `CSP violation: ${v}`);
      await page.close();
    }
  } finally {
    await tearDown(browser, tmp);
  }
}

await run(main);
