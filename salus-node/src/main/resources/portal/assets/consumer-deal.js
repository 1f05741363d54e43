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

