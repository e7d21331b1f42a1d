// Comments on an article page, for the reader in front of it. The page
// itself is the same for everyone and works without this script (the links
// lead to the sign-in page and to plain forms); here the signed-in reader
// gets the comment form, replies, votes, edits and reports in place.
(function () {
  'use strict';
  const section = document.getElementById('comments');
  if (!section || !window.fetch) return;
  const articleId = section.dataset.article;

  let state = null;

  function t(key) {
    return (state && state.texts && state.texts[key]) || key;
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    }
    for (const child of children || []) node.appendChild(child);
    return node;
  }

  async function send(method, url, body) {
    const response = await fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': state.csrf },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    let data = {};
    try { data = await response.json(); } catch (e) { /* an empty or non-JSON answer */ }
    if (!response.ok) {
      const message = data.error && data.error.message ? data.error.message : t('error_text');
      throw new Error(message);
    }
    return data;
  }

  function randomKey() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  function reloadAt(anchor) {
    const url = new URL(window.location.href);
    url.hash = anchor;
    window.location.assign(url.toString());
    window.location.reload();
  }

  // A form with a textarea: new comments, replies and edits.
  function textForm(options) {
    const id = 'comment-text-' + Math.random().toString(36).slice(2);
    const area = el('textarea', { id: id, name: 'body', rows: options.rows || 5, required: '' });
    area.value = options.value || '';
    const status = el('p', { class: 'form-error', role: 'alert', hidden: '' });
    const submit = el('button', { type: 'submit', text: options.submitLabel });
    const nonce = randomKey();  // one key per form: a double click stores one comment
    const children = [el('label', { for: id, text: options.label }), area,
      el('p', { class: 'hint', text: t('markdown_hint') }), status, submit];
    if (options.onCancel) {
      children.push(el('button', { type: 'button', class: 'secondary', text: t('cancel'), onclick: options.onCancel }));
    }
    const form = el('form', { class: 'stacked js-comment-form' }, children);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      if (submit.disabled) return;
      submit.disabled = true;
      submit.textContent = t('sending');
      status.hidden = true;
      try {
        await options.onSubmit(area.value, nonce);
      } catch (error) {
        status.textContent = error.message;
        status.hidden = false;
        submit.disabled = false;
        submit.textContent = options.submitLabel;
      }
    });
    return form;
  }

  async function post(body, nonce, parentId) {
    const data = await send('POST', '/api/v1/articles/' + articleId + '/comments',
      { body: body, nonce: nonce, parent_id: parentId ? Number(parentId) : null });
    if (data.held) {
      reloadAt('comments');
    } else {
      reloadAt('comment-' + data.comment.id);
    }
  }

  function composeForm() {
    const compose = document.getElementById('compose');
    if (!compose) return;
    const note = compose.querySelector('.note');  // "comments here wait for a moderator"
    compose.replaceChildren(
      el('p', { class: 'signed-in', text: t('signed_in_as') + ' ' + state.account.name }),
      textForm({ label: t('your_comment'), submitLabel: t('send_comment'), onSubmit: (body, nonce) => post(body, nonce) }));
    if (note) compose.appendChild(note);
  }

  function voteButtons(item, id, actions) {
    const score = actions.querySelector('.score');
    let mine = state.votes[id] || 0;
    const up = el('button', { type: 'button', class: 'vote up', 'aria-label': t('vote_up'), text: '▲' });
    const down = el('button', { type: 'button', class: 'vote down', 'aria-label': t('vote_down'), text: '▼' });
    function show() {
      up.setAttribute('aria-pressed', mine === 1 ? 'true' : 'false');
      down.setAttribute('aria-pressed', mine === -1 ? 'true' : 'false');
    }
    async function vote(value) {
      const next = mine === value ? 0 : value;
      try {
        const data = await send('POST', '/api/v1/comments/' + id + '/vote', { value: next });
        mine = next;
        const total = data.upvotes - data.downvotes;
        score.textContent = (total > 0 ? '+' : '') + total;
        show();
      } catch (error) {
        window.alert(error.message);
      }
    }
    up.addEventListener('click', () => vote(1));
    down.addEventListener('click', () => vote(-1));
    show();
    actions.insertBefore(up, score);
    actions.insertBefore(down, score.nextSibling);
  }

  function reportForm(item, id, actions) {
    const button = el('button', { type: 'button', class: 'link', text: t('report') });
    button.addEventListener('click', () => {
      button.hidden = true;
      const reasons = ['spam', 'abuse', 'off_topic', 'other'];
      const select = el('select', { name: 'reason', 'aria-label': t('report_reason_label') },
        reasons.map(r => el('option', { value: r, text: t('report_' + r) })));
      const note = el('input', { name: 'text', 'aria-label': t('report_note'), placeholder: t('report_note') });
      const status = el('p', { role: 'status' });
      const form = el('form', { class: 'inline report-form' }, [select, note,
        el('button', { type: 'submit', text: t('report') }), status]);
      form.addEventListener('submit', async event => {
        event.preventDefault();
        try {
          const data = await send('POST', '/api/v1/comments/' + id + '/report', { reason: select.value, text: note.value });
          form.replaceChildren(el('p', { role: 'status', text: data.message || t('report_thanks_text') }));
        } catch (error) {
          status.textContent = error.message;
        }
      });
      item.appendChild(form);
    });
    actions.appendChild(button);
  }

  function replyButton(item, id, actions) {
    const link = actions.querySelector('a.reply');
    if (!link) return;
    link.addEventListener('click', event => {
      event.preventDefault();
      if (item.querySelector('.js-comment-form')) return;
      const form = textForm({
        label: t('write_reply'), submitLabel: t('send_comment'), rows: 3,
        onSubmit: (body, nonce) => post(body, nonce, id),
        onCancel: () => form.remove()
      });
      item.appendChild(form);
      form.querySelector('textarea').focus();
    });
  }

  function ownButtons(item, id, actions, own) {
    if (own.editable_until && new Date(own.editable_until) > new Date()) {
      const edit = el('button', { type: 'button', class: 'link', text: t('edit') });
      edit.addEventListener('click', () => {
        const body = item.querySelector('.comment-body');
        if (!body || item.querySelector('.js-comment-form')) return;
        const form = textForm({
          label: t('your_comment'), submitLabel: t('save_changes'), value: own.body,
          onSubmit: async text => {
            await send('PUT', '/api/v1/comments/' + id, { body: text });
            reloadAt('comment-' + id);
          },
          onCancel: () => { form.remove(); body.hidden = false; }
        });
        body.hidden = true;
        body.after(form);
      });
      actions.appendChild(edit);
    }
    const remove = el('button', { type: 'button', class: 'link danger', text: t('delete') });
    remove.addEventListener('click', async () => {
      if (!window.confirm(t('delete_comment_confirm'))) return;
      try {
        await send('DELETE', '/api/v1/comments/' + id);
        reloadAt('comments');
      } catch (error) {
        window.alert(error.message);
      }
    });
    actions.appendChild(remove);
  }

  function enhanceComments() {
    for (const item of section.querySelectorAll('li.comment[data-comment]:not([data-enhanced])')) {
      item.dataset.enhanced = '';
      const id = item.dataset.comment;
      const actions = item.querySelector('.comment-actions');
      if (!actions) continue;  // a placeholder
      const own = state.own[id];
      const more = actions.querySelector('a.more');
      if (own) {
        ownButtons(item, id, actions, own);
        item.classList.add('own');
      } else if (!state.account.banned) {
        voteButtons(item, id, actions);
        reportForm(item, id, actions);
      }
      if (state.policy !== 'closed' && !state.account.banned) replyButton(item, id, actions);
      else { const reply = actions.querySelector('a.reply'); if (reply) reply.remove(); }
      if (more && !state.account.can_moderate) more.remove();
    }
  }

  function showPending() {
    if (!state.pending.length) return;
    const list = el('ol', { class: 'comment-list pending-list' });
    for (const comment of state.pending) {
      const body = el('div', { class: 'comment-body' });
      // The server made this HTML safe (an allow-list sanitizer); it is the reader's own comment.
      body.innerHTML = comment.body_html;
      list.appendChild(el('li', { class: 'comment pending', id: 'comment-' + comment.id }, [
        el('p', { class: 'comment-meta' }, [el('span', { class: 'author', text: comment.author })]),
        body,
        el('p', { class: 'note', text: t('pending_note') })]));
    }
    const compose = document.getElementById('compose');
    (compose || section.lastElementChild).after(list);
  }

  async function start() {
    try {
      const response = await fetch('/api/v1/session?article=' + encodeURIComponent(articleId), { credentials: 'same-origin' });
      if (!response.ok) return;
      state = await response.json();
    } catch (e) {
      return;  // the page keeps its links
    }
    if (!state.signed_in) return;
    const account = document.getElementById('account-link');
    if (account) account.textContent = state.account.name;
    if (state.policy !== 'closed' && !state.account.banned) composeForm();
    enhanceComments();
    showPending();
  }

  // Comments that arrived while the page was open (live.js swapped them in)
  // get the same controls.
  document.addEventListener('gazette:regions-updated', () => {
    if (state && state.signed_in) enhanceComments();
  });

  start();
})();
