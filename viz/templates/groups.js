// The grouped overview (viz/groups.py). A double-click on a group, or its button beside the
// drawing, opens it: its listed members are laid out in a band opened below its row (the rows
// beneath move down to make room), and their links are drawn — to the other member when that
// member's group is open too, to its group otherwise. While a group is open only the links of
// open groups are drawn. Another double-click folds it back. Members come from the page itself
// (no request); all text is set as data, never as HTML.
var GROUPS = {{ page['groups']|tojson }};
var MEMBER_DX = 175, MEMBER_DY = 66, BLOCK_TOP = 115;
var expanded = {};
var openOrder = [];
var memberEdgeIds = [];
var membersOf = {};
var groupLabels = {};
var home = {};  // each group's place in the closed drawing
var groupButton = null;  // the expand button beside the drawing, for the selected group
GROUPS.members.forEach(function (m, j) { (membersOf[m[0]] = membersOf[m[0]] || []).push(j); });
nodes.forEach(function (n) { groupLabels[n.id] = n.label; home[n.id] = {x: n.x, y: n.y}; });
// a group is found by the names and titles of its members too
nodes.update(Object.keys(membersOf).map(function (i) {
  var words = membersOf[i].map(function (j) { return GROUPS.members[j][2]; }).join(" ");
  return {id: "g" + i, search: nodes.get("g" + i).search + " " + words.toLowerCase()};
}));

function groupIndex(id) { return /^g[0-9]+$/.test(String(id)) ? Number(String(id).slice(1)) : -1; }
function columns(n) { return Math.max(1, Math.min(n, Math.ceil(Math.sqrt(n * 6)))); }
function blockHeight(i) {
  var n = (membersOf[i] || []).length;
  return BLOCK_TOP + Math.ceil(n / columns(n)) * MEMBER_DY;
}

function memberNode(i, j) {
  var d = GROUPS.members[j], g = nodes.get("g" + i);
  return {id: "m" + j, member_of: i, label: d[1], title: d[2], size: d[3], kind: g.kind,
          region: g.region, level: g.level, shape: g.shape, color: g.color,
          font: {size: 12}, physics: false, search: (d[1] + " " + d[2]).toLowerCase()};
}

// Places: every row of groups below an open group moves down by the height of the open blocks
// above it; the blocks of one row are stacked in the order they were opened.
function relayout() {
  var gap = {};
  openOrder.forEach(function (i) {
    var y = home["g" + i].y;
    gap[y] = (gap[y] || 0) + blockHeight(i);
  });
  var rows = Object.keys(gap).map(Number).sort(function (a, b) { return a - b; });
  function shift(y) {
    var s = 0;
    rows.forEach(function (r) { if (r < y - 1) { s += gap[r]; } });
    return s;
  }
  var moved = [];
  nodes.forEach(function (n) {
    if (home[n.id]) {
      var y = home[n.id].y + shift(home[n.id].y);
      if (y !== n.y) { moved.push({id: n.id, y: y}); }
    }
  });
  var used = {};
  openOrder.forEach(function (i) {
    var at = home["g" + i], list = membersOf[i] || [], cols = columns(list.length);
    var top = at.y + shift(at.y) + BLOCK_TOP + (used[at.y] || 0);
    used[at.y] = (used[at.y] || 0) + blockHeight(i);
    list.forEach(function (j, k) {
      moved.push({id: "m" + j, x: at.x + (k % cols - (cols - 1) / 2) * MEMBER_DX,
                  y: top + Math.floor(k / cols) * MEMBER_DY});
    });
  });
  nodes.update(moved);
}

function memberEdges() {
  var merged = {};
  GROUPS.pairs.forEach(function (p) {
    // from a listed member: drawn when its group is open; from a group (its members' links
    // counted together by the store): drawn when that group is closed and the member shown
    if (p[0] >= 0 ? !expanded[p[1]] : (expanded[p[1]] || !expanded[p[3]])) { return; }
    var from = p[0] >= 0 ? "m" + p[0] : "g" + p[1];
    var to = (p[2] >= 0 && expanded[p[3]]) ? "m" + p[2] : "g" + p[3];
    var key = from + ">" + to + ">" + p[4];
    var e = merged[key] || (merged[key] = {from: from, to: to, type: p[4], tasks: 0, docs: 0});
    e.tasks += p[5];
    e.docs += p[6];
  });
  return Object.keys(merged).map(function (key) {
    var e = merged[key], style = GROUPS.types[e.type], words = [];
    if (e.docs) { words.push(e.docs + " 份文件"); }
    if (e.tasks) { words.push(e.tasks + " 项任务"); }
    var weight = e.docs || e.tasks || 1;
    return {id: "x" + key, from: e.from, to: e.to, kind: style.kind, arrows: style.arrows,
            dashes: style.dashes, color: Object.assign({}, style.color, {opacity: 0.85}),
            width: 1 + Math.min(5, Math.log2(weight)),
            title: style.name + " — " + words.join("，") + "\n" +
                   String((nodes.get(e.from) || {}).label || "").replace("\n", " ") + " → " +
                   String((nodes.get(e.to) || {}).label || "").replace("\n", " ")};
  });
}

function showCounts() {
  var open = openOrder.length, shown = edges.get({filter: function (e) { return !e.hidden; }}).length;
  statusEl.dataset.nodes = String(nodes.length);
  statusEl.dataset.edges = String(shown);
  statusEl.dataset.expanded = String(open);
  statusEl.textContent = nodes.length + " 个节点 · " + shown + " 条连线" +
    (open ? "（已展开 " + open + " 组，只显示其连线）" : "（双击一组可展开）");
}

function buttonText(i) {
  return expanded[i] ? "收起此组" : "展开此组（列出 " + GROUPS.listed[i] + " 个）";
}

function toggleGroup(i) {
  var id = "g" + i, list = membersOf[i] || [];
  if (expanded[i]) {
    delete expanded[i];
    openOrder = openOrder.filter(function (k) { return k !== i; });
    nodes.remove(list.map(function (j) { return "m" + j; }));
    nodes.update({id: id, label: groupLabels[id], borderWidth: 1});
  } else {
    expanded[i] = true;
    openOrder.push(i);
    nodes.add(list.map(function (j) { return memberNode(i, j); }));
    var hidden = GROUPS.sizes[i] - GROUPS.listed[i];
    nodes.update({id: id, borderWidth: 4,
                  label: groupLabels[id] + (hidden > 0 ? "\n（列出 " + GROUPS.listed[i] + "，另有 " + hidden + " 未列出）"
                                                         : "\n（已展开）")});
  }
  relayout();
  edges.remove(memberEdgeIds);
  var added = memberEdges();
  // while a group is open, the links between closed groups step back
  var focus = openOrder.length > 0;
  edges.update(edges.get({filter: function (e) { return e.id.charAt(0) === "e"; }}).map(function (e) {
    return {id: e.id, hidden: focus && !(expanded[groupIndex(e.from)] || expanded[groupIndex(e.to)])};
  }));
  edges.add(added);
  memberEdgeIds = added.map(function (e) { return e.id; });
  applyFilter();
  showCounts();
  if (groupButton && groupButton.dataset.group === String(i)) { groupButton.textContent = buttonText(i); }
  if (expanded[i]) {
    network.fit({nodes: [id].concat(list.map(function (j) { return "m" + j; })), animation: false});
    if (network.getScale() > 1.1) { network.moveTo({scale: 1.1, animation: false}); }
  }
}

network.on("doubleClick", function (p) {
  var i = p.nodes.length ? groupIndex(p.nodes[0]) : -1;
  if (i >= 0) { toggleGroup(i); }
});
network.on("selectNode", function (p) {
  var i = groupIndex(p.nodes[0]);
  groupButton = null;
  if (i < 0) { return; }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "open";
  button.id = "pkg-expand";
  button.dataset.group = String(i);
  button.textContent = buttonText(i);
  button.addEventListener("click", function () { toggleGroup(i); });
  selectedEl.appendChild(button);
  groupButton = button;
});
network.once("afterDrawing", showCounts);
