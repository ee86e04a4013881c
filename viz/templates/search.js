// Search and facets of the offline site. Data arrive through PKG.set*/addTasks calls made by
// the data/*.js files; results are built with textContent only (never HTML).
"use strict";
var PKG = (function () {
  var docs = [], agencies = [], tasks = [], loadedShards = 0;
  var LIMIT = 100;
  var api = {levelNames: {}, shards: []};
  api.setDocuments = function (rows) { docs = rows; };
  api.setAgencies = function (rows) { agencies = rows; };
  api.addTasks = function (rows) { tasks = tasks.concat(rows); };

  function el(id) { return document.getElementById(id); }
  function fill(id, values, name) {
    var select = el(id);
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v;
      o.textContent = name ? name(v) : v;
      select.appendChild(o);
    });
    select.addEventListener("change", render);
  }
  function distinct(col) {
    var seen = {};
    docs.forEach(function (d) { if (d[col]) { seen[d[col]] = (seen[d[col]] || 0) + 1; } });
    return Object.keys(seen).sort();
  }
  function docPasses(d, f) {
    return (!f.issuer || d[3] === f.issuer) && (!f.level || d[4] === f.level) &&
           (!f.region || d[5] === f.region) && (!f.year || d[6] === f.year);
  }
  function hit(kind, cls, href, text, info) {
    var div = document.createElement("div");
    div.className = "hit";
    var k = document.createElement("span");
    k.className = "kind " + cls;
    k.textContent = kind;
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    div.appendChild(k);
    div.appendChild(a);
    if (info) {
      var i = document.createElement("span");
      i.className = "info";
      i.textContent = info;
      div.appendChild(i);
    }
    return div;
  }
  function heading(text) {
    var h = document.createElement("div");
    h.className = "count";
    h.textContent = text;
    return h;
  }
  function render() {
    var q = el("q").value.trim().toLowerCase();
    var f = {issuer: el("f-issuer").value, level: el("f-level").value,
             region: el("f-region").value, year: el("f-year").value};
    var out = el("results");
    out.textContent = "";
    var docHits = [], taskHits = [], agencyHits = [];
    var docOk = docs.map(function (d) { return docPasses(d, f); });
    docs.forEach(function (d, i) {
      if (docOk[i] && (!q || (d[1] + " " + d[2] + " " + d[3]).toLowerCase().indexOf(q) >= 0)) {
        docHits.push(d);
      }
    });
    if (q) {
      tasks.forEach(function (t) {
        if (docOk[t[0]] && (t[1] + " " + t[2]).toLowerCase().indexOf(q) >= 0) { taskHits.push(t); }
      });
      agencies.forEach(function (a) {
        if ((!f.region || a[2] === f.region) && a[1].toLowerCase().indexOf(q) >= 0) { agencyHits.push(a); }
      });
    }
    out.dataset.documents = String(docHits.length);
    out.dataset.tasks = String(taskHits.length);
    out.dataset.agencies = String(agencyHits.length);
    out.appendChild(heading("文件 " + docHits.length + " 个" + (docHits.length > LIMIT ? "（显示前 " + LIMIT + " 个）" : "")));
    docHits.slice(0, LIMIT).forEach(function (d) {
      out.appendChild(hit("文件", "doc", d[0], (d[1] ? d[1] + " " : "") + d[2],
                          [d[3], api.levelNames[d[4]] || d[4], d[5], d[6], d[7] + " 项任务"].filter(Boolean).join(" · ")));
    });
    if (q) {
      out.appendChild(heading("任务 " + taskHits.length + " 项" + (taskHits.length > LIMIT ? "（显示前 " + LIMIT + " 项）" : "")));
      taskHits.slice(0, LIMIT).forEach(function (t) {
        var d = docs[t[0]];
        out.appendChild(hit("任务", "task", d[0], (t[1] ? t[1] + " " : "") + t[2],
                            (d[1] || d[2]) + (t[3] ? " · 牵头：" + t[3] : "")));
      });
      out.appendChild(heading("单位 " + agencyHits.length + " 个" + (agencyHits.length > LIMIT ? "（显示前 " + LIMIT + " 个）" : "")));
      agencyHits.slice(0, LIMIT).forEach(function (a) {
        out.appendChild(hit("单位", "agency", a[0], a[1], [a[2], a[3] + " 项任务"].filter(Boolean).join(" · ")));
      });
    }
    out.dataset.ready = "1";
  }
  function loadShards() {
    // one after another, so that the page answers while the task index arrives
    if (loadedShards >= api.shards.length) {
      var s = el("task-status");
      s.textContent = "任务索引已载入（" + tasks.length + " 项）";
      s.dataset.loaded = "1";
      render();
      return;
    }
    var script = document.createElement("script");
    script.src = api.shards[loadedShards];
    script.onload = function () { loadedShards += 1; loadShards(); };
    script.onerror = function () { el("task-status").textContent = "任务索引缺失：" + api.shards[loadedShards]; };
    document.head.appendChild(script);
  }
  api.start = function () {
    fill("f-issuer", distinct(3));
    fill("f-level", distinct(4), function (v) { return api.levelNames[v] || v; });
    fill("f-region", distinct(5));
    fill("f-year", distinct(6).reverse());
    var timer = null;
    el("q").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(render, 150); });
    render();
    loadShards();
  };
  return api;
})();
