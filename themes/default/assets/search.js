// Suggestions under the masthead's search box, as the reader types: the
// best matching headlines from /api/v1/search, links to the articles. The
// box works without this script (it is a plain GET form to /search).
(function () {
  'use strict';
  const input = document.getElementById('masthead-q');
  if (!input || !window.fetch || !window.AbortController) return;
  const form = input.form;
  const list = document.createElement('ul');
  list.id = 'search-suggestions';
  list.className = 'search-suggestions';
  list.hidden = true;
  list.setAttribute('aria-label', form.dataset.suggestions || 'Suggestions');
  form.appendChild(list);
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  let timer = 0;
  let pending = null;
  let asked = '';

  function hide() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  }

  function links() {
    return Array.from(list.querySelectorAll('a'));
  }

  function show(articles) {
    list.replaceChildren();
    for (const a of articles) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = a.url;
      // The server escapes the headline; its only markup is <mark>.
      link.innerHTML = a.headline_html;
      item.appendChild(link);
      list.appendChild(item);
    }
    list.hidden = articles.length === 0;
    input.setAttribute('aria-expanded', String(articles.length > 0));
  }

  function ask() {
    const q = input.value;
    if (q === asked) return;
    asked = q;
    if (pending) pending.abort();
    if (q.trim().length < 2) {
      hide();
      return;
    }
    pending = new AbortController();
    fetch('/api/v1/search?limit=6&q=' + encodeURIComponent(q), { signal: pending.signal })
      .then((r) => (r.ok ? r.json() : { articles: [] }))
      .then((answer) => {
        if (input.value === q) show(answer.articles || []);
      })
      .catch(() => {});
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && !list.hidden) {
      e.preventDefault();
      links()[0].focus();
    } else if (e.key === 'Escape' && !list.hidden) {
      e.preventDefault();  // closes the list, keeps the text (Escape would clear a search box)
      hide();
    }
  });
  list.addEventListener('keydown', (e) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && at + 1 < all.length) {
      e.preventDefault();
      all[at + 1].focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (at > 0) all[at - 1].focus();
      else input.focus();
    } else if (e.key === 'Escape') {
      hide();
      input.focus();
    }
  });
  document.addEventListener('click', (e) => {
    if (!form.contains(e.target)) hide();
  });
  form.addEventListener('focusout', () => {
    // After a click has had its chance: a link clicked keeps the list until it navigates.
    setTimeout(() => {
      if (!form.contains(document.activeElement)) hide();
    }, 200);
  });
})();
