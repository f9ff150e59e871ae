// Kefu Insight live wall: polls /api/live and updates the page in place. Every value is put in
// with textContent, never as HTML: alert details and ids come from chat events.
(function () {
  'use strict';
  var root = document.getElementById('live');
  if (!root) { return; }
  var url = root.getAttribute('data-poll');
  var POLL_MS = 3000;
  var CHART_MS = 15000;
  var chartKey = null;
  var chartAt = 0;

  function setText(el, text) {
    if (el && el.textContent !== text) { el.textContent = text; }
  }

  function fillTable(id, rows) {
    var table = document.getElementById(id);
    if (!table) { return; }
    var columns = table.getAttribute('data-columns').split(',');
    var body = table.tBodies[0];
    var fresh = document.createElement('tbody');
    if (!rows || rows.length === 0) {
      var tr = document.createElement('tr');
      tr.className = 'empty';
      var td = document.createElement('td');
      td.colSpan = columns.length;
      td.textContent = table.getAttribute('data-empty');
      tr.appendChild(td);
      fresh.appendChild(tr);
    }
    (rows || []).forEach(function (r) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-id', r.id == null ? '' : String(r.id));
      if (r.level) { tr.className = 'wait-' + r.level; }
      columns.forEach(function (c) {
        var td = document.createElement('td');
        td.setAttribute('data-k', c);
        td.textContent = r[c] == null ? '' : String(r[c]);
        tr.appendChild(td);
      });
      fresh.appendChild(tr);
    });
    table.replaceChild(fresh, body);
  }

  function apply(d) {
    if (!d.ok) {
      // The live file appeared or went away: the page knows how to show that.
      if (document.getElementById('live-shop')) { window.location.reload(); }
      return;
    }
    if (!document.getElementById('live-shop')) { window.location.reload(); return; }
    setText(document.getElementById('live-status'), d.status);
    Object.keys(d.shop).forEach(function (k) {
      var el = document.querySelector('#live-shop [data-k="' + k + '"]');
      if (el) { setText(el, d.shop[k]); }
    });
    var longest = document.querySelector('#live-shop [data-k="longest_wait"]');
    if (longest) { longest.className = 'value wait-' + d.shop.longest_wait_level; }
    fillTable('live-waiting', d.waiting);
    fillTable('live-alerts', d.alerts);
    fillTable('live-agents', d.agents);
    var now = Date.now();
    if (d.chartKey !== chartKey && now - chartAt >= CHART_MS) {
      chartKey = d.chartKey;
      chartAt = now;
      document.querySelectorAll('img[data-which]').forEach(function (img) {
        img.src = '/live/chart.png?which=' + encodeURIComponent(img.getAttribute('data-which')) +
          '&k=' + encodeURIComponent(d.chartKey);
      });
    }
    root.setAttribute('data-updated', String(now));
  }

  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) {
        if (r.status === 401) { window.location.href = '/login?next=%2Flive'; return null; }
        return r.ok ? r.json() : null;
      })
      .then(function (d) { if (d) { apply(d); } })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { window.setTimeout(poll, POLL_MS); });
  }

  var first = document.querySelector('img[data-which]');
  if (first) {
    var m = /[?&]k=([^&]*)/.exec(first.getAttribute('src'));
    chartKey = m ? decodeURIComponent(m[1]) : null;
    chartAt = Date.now();
  }
  window.setTimeout(poll, POLL_MS);
})();
