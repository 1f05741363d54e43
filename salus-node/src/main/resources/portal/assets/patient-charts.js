// Draws one Chart.js line chart per measurement from the charts fragment. Uses the global Chart (chart.umd.min.js).
'use strict';
document.addEventListener('DOMContentLoaded', async function () {
  const box = document.getElementById('charts');
  const status = document.getElementById('charts-status');
  if (!box) { return; }
  let data;
  try {
    data = await Salus.getJson(box.dataset.src);
  } catch (e) {
    status.textContent = 'Your measurements cannot be shown: ' + e.message;
    return;
  }
  if (data.series.length === 0) {
    status.textContent = 'You have no numeric vital signs or lab values yet.';
    return;
  }
  status.textContent = data.series.length + (data.series.length === 1 ? ' kind' : ' kinds') + ' of measurement from '
    + data.observations + ' observations.';
  data.series.forEach(function (s, i) {
    const fig = document.createElement('figure');
    fig.className = 'chart';
    fig.dataset.code = s.code;
    const cap = document.createElement('figcaption');
    cap.textContent = s.display + (s.unit ? ' (' + s.unit + ')' : '') + ', ' + s.category.toLowerCase();
    const canvas = document.createElement('canvas');
    canvas.id = 'chart-' + i;
    canvas.setAttribute('role', 'img');
    const first = s.points[0], last = s.points[s.points.length - 1];
    canvas.setAttribute('aria-label', s.display + ': ' + s.points.length + ' readings from ' + first.t.substring(0, 10)
      + ' to ' + last.t.substring(0, 10) + ', latest ' + last.v + (s.unit ? ' ' + s.unit : ''));
    fig.appendChild(cap);
    const holder = document.createElement('div');
    holder.className = 'chart-box';
    holder.appendChild(canvas);
    fig.appendChild(holder);
    box.appendChild(fig);
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: s.points.map(function (p) { return p.t.substring(0, 10); }),
        datasets: [{ label: s.display, data: s.points.map(function (p) { return p.v; }),
          borderColor: '#0b5394', backgroundColor: '#0b5394', pointRadius: 2, tension: 0 }]
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } },
        scales: { x: { ticks: { color: '#1a1a1a', maxTicksLimit: 6 } }, y: { ticks: { color: '#1a1a1a' } } } }
    });
  });
  box.dataset.ready = 'true';
});
