// Pages that keep themselves current. Everything here is an enhancement:
// without this script (or without EventSource) the pages show the same news,
// only as of the moment they were loaded.
//
// - Time labels: "19:29" today, "24 Nov 19:29" on other days, in the site's
//   time zone (the rules of render/time_labels.cpp; the zone, formats and
//   month names come from data attributes on <html>). At the site's midnight
//   the labels that said "today" are rewritten.
// - Live updates (when <html data-live="on">): the front page follows
//   /live/news, an article page /live/comments/ID?news=1. When something
//   arrives, the page fetches itself again and swaps the marked regions
//   (data-live-region) for their new versions, keeping focus and scroll
//   position, and says so in a polite live region.
(function () {
  'use strict';
  const root = document.documentElement;
  const zone = root.dataset.timeZone || 'UTC';
  const months = (root.dataset.monthsShort || '').split('|');
  const formats = { sameYear: root.dataset.formatDateTime || '{day} {month_short} {time}',
    otherYear: root.dataset.formatDateTimeYear || '{day} {month_short} {year} {time}' };

  // --- time labels --------------------------------------------------------

  let partsFormat = null;
  try {
    partsFormat = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  } catch (e) {
    partsFormat = null;  // an unknown zone: leave the labels as the server wrote them
  }

  // The wall clock of `date` in the site's zone.
  function local(date) {
    const out = {};
    for (const part of partsFormat.formatToParts(date)) {
      if (part.type !== 'literal') out[part.type] = Number(part.value);
    }
    if (out.hour === 24) out.hour = 0;
    return out;
  }

  function sameDay(a, b) {
    return a.year === b.year && a.month === b.month && a.day === b.day;
  }

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  // The label the server gives `date` when it is `now`.
  function label(date, now) {
    const t = local(date);
    const today = local(now);
    const time = pad(t.hour) + ':' + pad(t.minute);
    if (sameDay(t, today)) return time;
    const format = t.year === today.year ? formats.sameYear : formats.otherYear;
    return format.replace(/\{(day|month_short|year|time)\}/g, (whole, key) => {
      if (key === 'day') return String(t.day);
      if (key === 'month_short') return months[t.month - 1] || String(t.month);
      if (key === 'year') return String(t.year);
      return time;
    });
  }

  // Rewrites the labels that were right at `before` and are not at `now`.
  // Only <time> elements whose text is the label the rules give are
  // touched, so other uses of <time> keep their text.
  function relabel(now, before) {
    if (!partsFormat) return 0;
    let changed = 0;
    for (const el of document.querySelectorAll('time[datetime]')) {
      const date = new Date(el.getAttribute('datetime'));
      if (Number.isNaN(date.getTime())) continue;
      const text = el.textContent.trim();
      const fresh = label(date, now);
      if (text === fresh || text !== label(date, before)) continue;
      el.textContent = fresh;
      changed += 1;
    }
    return changed;
  }

  // The first instant of the next day in the site's zone, after `now`.
  function nextMidnight(now) {
    const t = local(now);
    const intoDay = ((t.hour * 60 + t.minute) * 60 + t.second) * 1000 + now.getMilliseconds();
    let guess = new Date(now.getTime() - intoDay + 24 * 3600 * 1000);
    // Days of 23 or 25 hours (daylight saving): correct by what the clock reads.
    for (let i = 0; i < 3; i += 1) {
      const g = local(guess);
      const off = ((g.hour * 60 + g.minute) * 60 + g.second) * 1000 + guess.getMilliseconds();
      if (off === 0) break;
      guess = new Date(guess.getTime() + (off > 12 * 3600 * 1000 ? 24 * 3600 * 1000 - off : -off));
    }
    return guess;
  }

  let labelledAt = new Date();
  let midnightTimer = null;

  function scheduleMidnight() {
    if (!partsFormat) return;
    clearTimeout(midnightTimer);
    const now = new Date();
    const wait = Math.max(0, nextMidnight(now).getTime() - now.getTime()) + 50;
    midnightTimer = setTimeout(atMidnight, wait);
  }

  function atMidnight() {
    const now = new Date();
    relabel(now, labelledAt);
    labelledAt = now;
    // Day headings ("Today") come from the server: refresh what can be.
    if (live) live.refresh(live.allRegions(), false);
    scheduleMidnight();
  }

  // A computer that slept past midnight runs late timers late: look again
  // whenever the page comes back into view.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || !partsFormat) return;
    const now = new Date();
    if (!sameDay(local(now), local(labelledAt))) atMidnight();
  });

  // --- live regions -------------------------------------------------------

  let live = null;

  function startLive() {
    if (root.dataset.live !== 'on' || !window.EventSource || !window.fetch || !window.DOMParser) return null;
    const front = document.querySelector('[data-live-region="front-feed"]');
    const comments = document.getElementById('comments');
    let url = null;
    let newsRegions = [];
    if (front) {
      url = '/live/news';
      newsRegions = ['breaking', 'front-top', 'front-feed'];
    } else if (comments && comments.dataset.article) {
      url = '/live/comments/' + encodeURIComponent(comments.dataset.article) + '?news=1';
      newsRegions = ['read-next'];
    }
    if (!url) return null;
    const commentRegions = ['comments-count', 'comments-list'];
    const status = document.getElementById('live-status');
    // Our own anchoring (below) replaces the browser's, which would fight it.
    root.style.overflowAnchor = 'none';

    const wanted = new Set();
    let announce = new Set();
    let timer = null;
    let busy = false;
    let again = false;

    function allRegions() {
      return Array.from(document.querySelectorAll('[data-live-region]'), el => el.dataset.liveRegion);
    }

    // A reader typing in (or focused on) a form in the region: not now.
    function inUse(region) {
      for (const field of region.querySelectorAll('textarea, input, select')) {
        if (field === document.activeElement || (field.tagName === 'TEXTAREA' && field.value.trim())) return true;
      }
      return false;
    }

    function say(kind) {
      if (!status) return;
      const text = status.dataset[kind];
      if (!text) return;
      status.textContent = '';
      setTimeout(() => { status.textContent = text; }, 50);
    }

    // Something to keep in view: the first link or heading at or below the
    // top of the viewport, and where it is now.
    function anchor() {
      if (window.scrollY === 0) return null;  // at the top, what is new shows at the top
      for (const el of document.querySelectorAll('main a[href], main h2, main h3')) {
        const top = el.getBoundingClientRect().top;
        if (top >= 0) return { el: el, top: top, href: el.getAttribute('href'), text: el.textContent };
      }
      return null;
    }

    function find(saved, within) {
      if (saved.el.isConnected) return saved.el;
      for (const region of within) {
        for (const el of region.querySelectorAll(saved.el.tagName)) {
          if (saved.href ? el.getAttribute('href') === saved.href : el.textContent === saved.text) return el;
        }
      }
      return null;
    }

    function swap(pairs) {
      const kept = anchor();
      const active = document.activeElement;
      let focus = null;
      const placed = [];
      for (const [old, fresh] of pairs) {
        if (active && old.contains(active) && active !== old) {
          focus = { id: active.id, href: active.getAttribute('href'), tag: active.tagName };
        }
        const before = new Set(Array.from(old.querySelectorAll('a[href]'), a => a.getAttribute('href')));
        const node = document.importNode(fresh, true);
        for (const a of node.querySelectorAll('a[href]')) {
          if (before.has(a.getAttribute('href'))) continue;
          const item = a.closest('li');
          if (item && old.querySelector('li')) item.classList.add('live-new');
        }
        old.replaceWith(node);
        placed.push(node);
      }
      if (focus) {
        let el = null;
        for (const region of placed) {
          el = (focus.id && region.querySelector('#' + CSS.escape(focus.id))) ||
            (focus.href && region.querySelector(focus.tag + '[href="' + CSS.escape(focus.href) + '"]'));
          if (el) break;
        }
        if (el) el.focus({ preventScroll: true });
      }
      if (kept) {
        const el = find(kept, placed);
        if (el) window.scrollBy(0, el.getBoundingClientRect().top - kept.top);
      }
      document.dispatchEvent(new CustomEvent('gazette:regions-updated',
        { detail: { regions: placed.map(el => el.dataset.liveRegion) } }));
    }

    async function run() {
      if (busy) { again = true; return; }
      busy = true;
      const names = Array.from(wanted);
      const kinds = announce;
      wanted.clear();
      announce = new Set();
      try {
        const response = await fetch(window.location.href, { credentials: 'same-origin', cache: 'no-store',
          headers: { Accept: 'text/html' } });
        if (!response.ok) throw new Error('HTTP ' + response.status);
        const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
        const pairs = [];
        for (const name of names) {
          const old = document.querySelector('[data-live-region="' + name + '"]');
          const fresh = doc.querySelector('[data-live-region="' + name + '"]');
          if (!old || !fresh) continue;
          if (inUse(old)) {  // try again in a while
            wanted.add(name);
            continue;
          }
          if (old.innerHTML !== fresh.innerHTML) pairs.push([old, fresh]);
        }
        if (pairs.length) {
          swap(pairs);
          labelledAt = new Date();
          for (const kind of kinds) say(kind);
        }
      } catch (e) {
        for (const name of names) wanted.add(name);  // the next event, or the retry, tries again
      } finally {
        busy = false;
        if (again || wanted.size) {
          const delay = again ? 100 : 3000;  // news that came meanwhile, or a region to try again
          again = false;
          clearTimeout(timer);
          timer = setTimeout(run, delay);
        }
      }
    }

    function refresh(names, kind) {
      for (const name of names) wanted.add(name);
      if (kind) announce.add(kind);
      clearTimeout(timer);
      timer = setTimeout(run, 100);  // a burst of events: one fetch
    }

    const source = new EventSource(url);
    source.addEventListener('article', () => refresh(newsRegions, 'news'));
    source.addEventListener('comment', () => refresh(commentRegions, 'comments'));
    // The server no longer has the events this page missed: bring it all up to date.
    source.addEventListener('reset', () => refresh(allRegions(), 'news'));
    return { refresh: refresh, allRegions: allRegions, source: source };
  }

  live = startLive();
  scheduleMidnight();
  // For tests and the curious: the rules, and the time of the next relabelling.
  window.gazetteTime = { label: label, relabel: relabel, nextMidnight: nextMidnight };
})();
