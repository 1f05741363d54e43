// Consumer portal: a deal's page polls its status (GET .../status) every 3 seconds and reloads when it changes,
// so the next step's form appears without the consumer refreshing.
'use strict';
(function () {
  const deal = document.getElementById('deal');
  if (!deal) { return; }
  const shown = deal.dataset.status;
  const url = '/portal/consumer/deals/' + encodeURIComponent(deal.dataset.deal) + '/status';
  async function poll() {
    try {
      const s = await window.Salus.getJson(url);
      document.getElementById('chain-status').textContent = s.chainStatus;
      document.getElementById('cohort-size').textContent = s.cohortSize;
      document.getElementById('delivered').textContent = s.delivered;
      document.getElementById('escrow').textContent = s.escrow + ' units';
      if (s.status !== shown) { window.location.reload(); return; }
    } catch (e) {
      // a failed poll is retried at the next tick
    }
    setTimeout(poll, 3000);
  }
  setTimeout(poll, 3000);
})();

// The package link: the portal serves the encrypted package as base64 JSON; save it as a file.
(function () {
  const link = document.getElementById('download-package');
  if (!link) { return; }
  const status = document.getElementById('download-status');
  link.addEventListener('click', async ev => {
    ev.preventDefault();
    status.textContent = 'downloading…';
    try {
      const p = await window.Salus.getJson(link.getAttribute('href'));
      const raw = atob(p.base64);
      const bytes = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
      const url = URL.createObjectURL(new Blob([bytes], { type: p.contentType }));
      const a = document.createElement('a');
      a.href = url;
      a.download = p.fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      status.textContent = 'saved as ' + p.fileName + ' (' + bytes.length + ' bytes)';
    } catch (e) {
      status.textContent = 'download failed: ' + e.message;
    }
  });
})();
