// Salus portals: small helpers shared by the pages' scripts. No inline scripts anywhere (CSP script-src 'self').
'use strict';
window.Salus = (function () {
  function csrf() {
    const m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute('content') : '';
  }
  async function getJson(url) {
    const r = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) { const e = new Error(body.detail || ('HTTP ' + r.status)); e.status = r.status; e.body = body; throw e; }
    return body;
  }
  async function postJson(url, data) {
    const r = await fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf() },
      body: JSON.stringify(data)
    });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) { const e = new Error(body.detail || ('HTTP ' + r.status)); e.status = r.status; e.body = body; throw e; }
    return body;
  }
  // Forms marked data-confirm ask before they are sent (used for revocations).
  document.addEventListener('submit', function (ev) {
    const f = ev.target;
    if (f instanceof HTMLFormElement && f.dataset.confirm && !window.confirm(f.dataset.confirm)) {
      ev.preventDefault();
    }
  });
  return { csrf: csrf, getJson: getJson, postJson: postJson };
})();
