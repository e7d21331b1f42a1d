// The newsroom's editor, for a browser with JavaScript: the preview follows
// the body as it is typed (rendered by the server's own Markdown renderer,
// so it looks as the published article will), and Ctrl/Cmd+S saves. The
// editor works without this script: its Preview button posts the form.
(function () {
  'use strict';
  const form = document.getElementById('editor-form');
  if (!form) return;

  // Ctrl+S / Cmd+S: the Save button, as a click would (with the whole form).
  document.addEventListener('keydown', function (event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || (event.key || '').toLowerCase() !== 's') return;
    event.preventDefault();
    const save = document.getElementById('save-button');
    if (!save || save.disabled) return;
    if (form.requestSubmit) form.requestSubmit(save);
    else save.click();
  });

  const body = document.getElementById('body');
  const target = document.getElementById('preview-body');
  const url = form.dataset.previewUrl;
  const csrf = form.querySelector('input[name="csrf"]');
  if (!body || !target || !url || !csrf || !window.fetch) return;
  const button = document.getElementById('preview-button');
  if (button) button.hidden = true;

  let timer = null;
  let sent = 0;
  async function refresh() {
    const mine = ++sent;
    try {
      const response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: csrf.value, body: body.value }).toString()
      });
      if (!response.ok) throw new Error(String(response.status));
      const html = await response.text();
      if (mine !== sent) return;  // a newer one is on its way
      target.innerHTML = html;  // the server's renderer drops raw HTML and unsafe links
      target.removeAttribute('data-stale');
    } catch (e) {
      if (mine !== sent) return;
      target.setAttribute('data-stale', 'true');
      if (button) button.hidden = false;  // the preview by posting the form still works
    }
  }
  body.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
  if (body.value.trim() && !target.innerHTML.trim()) refresh();
})();
