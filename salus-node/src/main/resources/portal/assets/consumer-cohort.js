// Consumer portal: the cohort builder. Code search (GET /portal/consumer/codes), selected codes as form rows
// (code.N, op.N, value.N, unit.N, exclude.N), and the noisy count (POST /portal/consumer/count with the form,
// CSRF token in the X-CSRF-Token header). Every count spends the epsilon typed, so it only runs on request.
'use strict';
(function () {
  const form = document.getElementById('cohort-form');
  if (!form) { return; }
  const search = document.getElementById('code-search');
  const kind = document.getElementById('code-kind');
  const results = document.getElementById('code-results');
  const rows = document.getElementById('term-rows');
  const countButton = document.getElementById('count-button');
  const countResult = document.getElementById('count-result');
  const countError = document.getElementById('count-error');
  const remaining = document.getElementById('remaining-budget');
  const deadline = document.getElementById('deadline');
  let next = 0;
  let timer = null;

  if (deadline && !deadline.value) {
    const d = new Date(Date.now() + 7 * 24 * 3600 * 1000);
    deadline.value = d.toISOString().slice(0, 16);
  }

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function addTerm(c) {
    if (rows.querySelectorAll('tr').length >= 20) { return; }
    const i = next++;
    const tr = el('tr', { 'data-key': c.key });
    const name = c.kind + ' ' + c.system + ' ' + c.code;
    const codeCell = el('td');
    codeCell.appendChild(el('input', { type: 'hidden', name: 'code.' + i, value: c.key }));
    codeCell.appendChild(el('span', {}, name));
    tr.appendChild(codeCell);
    const threshold = el('td');
    if (c.kind === 'observation') {
      const op = el('select', { name: 'op.' + i, id: 'op-' + i });
      ['', '<', '<=', '>', '>=', '='].forEach(o => op.appendChild(el('option', { value: o }, o === '' ? 'no threshold' : o)));
      threshold.appendChild(el('label', { for: 'op-' + i, class: 'visually-hidden' }, 'Comparison for ' + name));
      threshold.appendChild(op);
      threshold.appendChild(el('label', { for: 'value-' + i, class: 'visually-hidden' }, 'Value for ' + name));
      threshold.appendChild(el('input', { type: 'text', inputmode: 'decimal', name: 'value.' + i, id: 'value-' + i, size: '6' }));
      const unit = el('select', { name: 'unit.' + i, id: 'unit-' + i });
      unit.appendChild(el('option', { value: '' }, 'any unit'));
      (c.units || []).forEach(u => unit.appendChild(el('option', { value: u }, u)));
      threshold.appendChild(el('label', { for: 'unit-' + i, class: 'visually-hidden' }, 'Unit for ' + name));
      threshold.appendChild(unit);
    } else {
      threshold.textContent = '—';
    }
    tr.appendChild(threshold);
    const ex = el('td');
    ex.appendChild(el('input', { type: 'checkbox', name: 'exclude.' + i, id: 'exclude-' + i, value: 'on' }));
    ex.appendChild(el('label', { for: 'exclude-' + i, class: 'inline' }, 'exclude'));
    tr.appendChild(ex);
    const rm = el('td');
    const b = el('button', { type: 'button', class: 'secondary' }, 'Remove');
    b.setAttribute('aria-label', 'Remove ' + name);
    b.addEventListener('click', () => { tr.remove(); search.focus(); });
    rm.appendChild(b);
    tr.appendChild(rm);
    rows.appendChild(tr);
  }

  async function runSearch() {
    const q = search.value.trim();
    results.replaceChildren();
    if (!q) { return; }
    try {
      const url = '/portal/consumer/codes?q=' + encodeURIComponent(q) + '&kind=' + encodeURIComponent(kind.value);
      const body = await window.Salus.getJson(url);
      if (body.codes.length === 0) { results.appendChild(el('li', {}, 'No code matches.')); }
      body.codes.forEach(c => {
        const li = el('li');
        const add = el('button', { type: 'button', class: 'secondary', 'data-key': c.key },
          'Add ' + c.kind + ' ' + c.system + ' ' + c.code + (c.units.length ? ' (' + c.units.join(', ') + ')' : ''));
        add.addEventListener('click', () => { addTerm(c); });
        li.appendChild(add);
        results.appendChild(li);
      });
    } catch (e) {
      results.appendChild(el('li', {}, e.message));
    }
  }

  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(runSearch, 250); });
  kind.addEventListener('change', runSearch);
  search.addEventListener('keydown', ev => { if (ev.key === 'Enter') { ev.preventDefault(); runSearch(); } });

  countButton.addEventListener('click', async () => {
    countError.hidden = true;
    countButton.disabled = true;
    countResult.textContent = 'counting…';
    try {
      const r = await fetch('/portal/consumer/count', {
        method: 'POST', credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-CSRF-Token': window.Salus.csrf() },
        body: new URLSearchParams(new FormData(form))
      });
      const body = await r.json().catch(() => ({}));
      if (!r.ok) { throw new Error(body.detail || ('HTTP ' + r.status)); }
      countResult.textContent = body.count + ' (ε ' + body.epsilon + ')';
      if (remaining) { remaining.textContent = body.remaining; }
    } catch (e) {
      countResult.textContent = 'no count';
      countError.textContent = e.message;
      countError.hidden = false;
    } finally {
      countButton.disabled = false;
    }
  });
})();
