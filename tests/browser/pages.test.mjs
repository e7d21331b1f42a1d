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

import {
  DESKTOP, PHONE, artifact, check, collectCspViolations, fetchText, launchChromium, makeDemo, pageContrast,
  pageOverflow, prepare, run, serve, startWatchdog, storyLinks, tearDown, watchPage,
} from './support.mjs';

const VIEWPORTS = { desktop: DESKTOP, phone: PHONE };
const SCHEMES = ['light', 'dark'];

startWatchdog(120);

// --- one page at one size in one scheme -------------------------------------

async function checkPage(browser, origin, pageName, url, viewportName, scheme) {
  const where = `${pageName}-${viewportName}-${scheme}`;
  const page = await browser.newPage({ ...VIEWPORTS[viewportName], colorScheme: scheme, reducedMotion: 'reduce' });
  try {
    const requests = watchPage(page, where);
    const cspViolations = await collectCspViolations(page);

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

    const colors = await page.evaluate(pageContrast);
    check(colors.bodyContrast >= 4.5, where,
      `body text rgb(${colors.bodyColor.map(Math.round)}) on rgb(${colors.bodyEffectiveBackground.map(Math.round)}) ` +
      `has contrast ${colors.bodyContrast.toFixed(2)}:1, needs 4.5:1`);
    for (const low of colors.lowContrast) check(false, where, `low contrast: ${low}`);

    await page.screenshot({ path: artifact(where), fullPage: true });

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
      await page.screenshot({ path: artifact(`${where}-skip-link`) });
      await page.keyboard.press('Enter');
      const after = await page.evaluate(() => {
        const el = document.activeElement;
        return { isMain: el === document.querySelector('main'), tag: el.tagName.toLowerCase(), id: el.id };
      });
      check(after.isMain, where, `Enter on the skip link focuses <${after.tag} id="${after.id}">, not <main>`);
    }

    const csp = await cspViolations();
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
  const { top, latest } = await storyLinks(origin);
  const candidates = top ? [top, ...latest] : latest;
  for (const href of candidates) {
    const p = new URL(href, origin).pathname;
    if ((await fetchText(origin, p)).includes('class="story-body"')) return p;
  }
  throw new Error('no article with a body on the demo site');
}

async function main() {
  const tmp = prepare('gazette-browser-');
  let browser = null;
  try {
    const origin = await serve(makeDemo(tmp));

    const pages = { front: '/', article: await findArticle(origin) };
    browser = await launchChromium();
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
    await tearDown(browser, tmp);
  }
}

await run(main);
