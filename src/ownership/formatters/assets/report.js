/* The HTML report's treemap, legend and filter. Reads the JSON in #ownership-data; no network at all. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ownership-data").textContent);
  var UNOWNED = -1, CONFLICT = -2, IGNORED = -3;
  var NAMES = {"-1": "unowned", "-2": "conflict", "-3": "ignored"};
  var COLORS = {"-1": "#e0112b", "-2": "#ff9f1c", "-3": "#d9d9d9"};
  var MAX_TILES = 2500, MIN_FILE_AREA = 48, HEAD = 15, MAX_MATCHES = 200;
  var box = document.getElementById("treemap"), tip = document.getElementById("tip");
  var details = document.getElementById("details"), crumbs = document.getElementById("crumbs");
  var filter = document.getElementById("filter"), matchPanel = document.getElementById("match-panel");
  var matchList = document.getElementById("matches"), matchCount = document.getElementById("match-count");

  // --- the tree: directories (parents first) and files, with file counts per owner key up every ancestor
  // Each directory is [name, parent index], parents first: the page holds every name once, not every path
  // (a path 20,000 directories deep would otherwise make a page of 400 MB).
  var dirs = [];
  data.dirs.forEach(function (entry) {
    var parent = entry[1] >= 0 ? dirs[entry[1]] : null, name = entry[0];
    var dir = {path: parent && parent.path ? parent.path + "/" + name : name, name: name, parent: parent,
               dirs: [], files: [], count: 0, counts: {}};
    if (parent) parent.dirs.push(dir);
    dirs.push(dir);
  });
  var root = dirs[0], files = data.files.map(function (row) {
    var dir = dirs[row[0]], file = {dir: dir, name: row[1], key: row[2], rule: row[3], extra: row[4] || []};
    file.path = dir.path ? dir.path + "/" + row[1] : row[1];
    dir.files.push(file);
    for (var d = dir; d; d = d.parent) { d.count++; d.counts[file.key] = (d.counts[file.key] || 0) + 1; }
    return file;
  });

  // --- the alignment view (report --history): the same tiles coloured by whether the owner's members author
  // them; its three states are keys past the roles', so colour, label and grouping need no other change
  var align = data.alignment || null, mode = "owner", base = data.roles.length;
  if (align) align.names.forEach(function (name, i) { data.roles.push({name: name, color: align.colors[i]}); });
  files.forEach(function (f, i) { f.align = align && align.keys[i] >= 0 ? base + align.keys[i] : null; });
  function vkey(file) { return mode === "alignment" && file.align !== null ? file.align : file.key; }
  function recount() {
    dirs.forEach(function (d) { d.counts = {}; });
    files.forEach(function (f) {
      var k = vkey(f);
      for (var d = f.dir; d; d = d.parent) d.counts[k] = (d.counts[k] || 0) + 1;
    });
  }

  function color(key) { return key >= 0 ? data.roles[key].color : COLORS[key]; }
  function label(key) { return key >= 0 ? data.roles[key].name : NAMES[key]; }
  function owners(file) { return [file.key].concat(file.extra).map(label).join(", "); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function rule(index) { var r = data.rules[index]; return r[1] + "  (" + r[0] + ", " + r[2] + ")"; }
  function decision(file) {
    if (file.key === CONFLICT) return data.conflicts[file.rule].map(rule).join("\n");
    if (file.rule >= 0) return rule(file.rule);
    return file.key === UNOWNED ? "no rule matches" : "(not recorded)";
  }
  function status(file) {
    if (file.key >= 0) return "owned by " + owners(file);
    return file.key === CONFLICT ? "conflict: " + data.conflicts[file.rule].map(function (i) { return data.rules[i][0]; }).join(" vs ") : NAMES[file.key];
  }

  // --- squarified treemap (Bruls, Huizing, van Wijk): rectangles [x, y, w, h] aligned with items
  function worst(row, added, sum, side) {
    var min = added, max = added;
    for (var i = 0; i < row.length; i++) { min = Math.min(min, row[i]); max = Math.max(max, row[i]); }
    return Math.max(side * side * max / (sum * sum), (sum * sum) / (side * side * min));
  }
  function squarify(items, x, y, w, h) {
    var rects = [], total = 0, i = 0;
    items.forEach(function (item) { total += item.size; });
    var scale = total > 0 ? (w * h) / total : 0;
    while (i < items.length) {
      var side = Math.min(w, h), row = [], sum = 0, best = Infinity;
      while (i < items.length) {
        var area = items[i].size * scale, ratio = worst(row, area, sum + area, side);
        if (row.length && ratio > best) break;
        row.push(area); sum += area; best = ratio; i++;
      }
      var thick = side > 0 ? sum / side : 0, offset = 0;
      row.forEach(function (area) {
        var length = thick > 0 ? area / thick : 0;
        rects.push(w >= h ? [x, y + offset, thick, length] : [x + offset, y, length, thick]);
        offset += length;
      });
      if (w >= h) { x += thick; w -= thick; } else { y += thick; h -= thick; }
    }
    return rects;
  }

  // --- rendering: breadth first, so a big tree spends its tile budget on the top levels
  var view = root, selected = null, matched = null, hitDirs = null, tiles = 0;

  function place(cls, r) {
    var el = document.createElement("div");
    el.className = cls;
    el.style.cssText = "left:" + r[0].toFixed(1) + "px;top:" + r[1].toFixed(1) + "px;width:" +
      Math.max(0, r[2]).toFixed(1) + "px;height:" + Math.max(0, r[3]).toFixed(1) + "px";
    tiles++;
    return el;
  }
  function stripes(counts, total) {
    var keys = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; }), at = 0;
    return "linear-gradient(to right," + keys.map(function (k) {
      var from = 100 * at / total; at += counts[k];
      return color(+k) + " " + from.toFixed(2) + "% " + (100 * at / total).toFixed(2) + "%";
    }).join(",") + ")";
  }
  function fileTile(file, r, out) {
    var key = vkey(file), el = place("tile file" + (key < 0 ? " " + NAMES[key] : ""), r);
    if (key >= 0) el.style.background = color(key);
    if (file.key === CONFLICT) el.textContent = "!";
    if (r[2] > 34 && r[3] > 12) el.textContent = (file.key === CONFLICT ? "! " : "") + file.name;
    el.dataset.path = file.path;
    el.dataset.owner = owners(file);
    el._item = {file: file};
    if (matched && !matched.has(file)) el.classList.add("dim");
    if (file === selected) el.classList.add("selected");
    out.appendChild(el);
  }
  function groupTile(dir, key, members, r, out) {
    var el = place("tile agg group" + (key < 0 ? " " + NAMES[key] : ""), r);
    if (key >= 0) el.style.background = color(key);
    el.dataset.dir = dir.path;
    el.dataset.label = r[2] > 60 && r[3] > 14 ? plural(members.length, "file") : "";
    el._item = {dir: dir, key: key, members: members};
    if (matched && !members.some(function (f) { return matched.has(f); })) el.classList.add("dim");
    out.appendChild(el);
  }
  function dirTile(dir, r, out) {
    var el = place("tile agg", r);
    el.style.background = stripes(dir.counts, dir.count);
    el.dataset.dir = dir.path;
    el.dataset.label = r[2] > 50 && r[3] > 14 ? dir.name + "/" : "";
    el._item = {dir: dir};
    if (hitDirs && !hitDirs.has(dir)) el.classList.add("dim");
    out.appendChild(el);
  }
  function layout(dir, r, out, queue) {
    var items = dir.dirs.map(function (d) { return {size: d.count, dir: d}; });
    var roomy = r[2] * r[3] / Math.max(1, dir.count) >= MIN_FILE_AREA && tiles + dir.files.length < MAX_TILES;
    if (roomy) {
      dir.files.forEach(function (f) { items.push({size: 1, file: f}); });
    } else {
      var groups = {};
      dir.files.forEach(function (f) { var k = vkey(f); (groups[k] = groups[k] || []).push(f); });
      Object.keys(groups).forEach(function (k) { items.push({size: groups[k].length, key: +k, members: groups[k]}); });
    }
    items = items.filter(function (item) { return item.size > 0; });
    items.sort(function (a, b) { return b.size - a.size; });
    squarify(items, r[0], r[1], r[2], r[3]).forEach(function (rect, i) {
      var item = items[i];
      if (item.file) fileTile(item.file, rect, out);
      else if (item.members) groupTile(dir, item.key, item.members, rect, out);
      else if (rect[2] >= 40 && rect[3] >= HEAD + 16 && tiles < MAX_TILES) {
        var frame = place("frame", rect), head = document.createElement("div");
        head.className = "head";
        head.textContent = item.dir.name + "/ \u00b7 " + item.dir.count;
        frame.appendChild(head);
        frame.dataset.dir = item.dir.path;
        frame._item = {dir: item.dir};
        if (hitDirs && !hitDirs.has(item.dir)) frame.classList.add("dim");
        out.appendChild(frame);
        queue.push([item.dir, [rect[0] + 1, rect[1] + HEAD, rect[2] - 2, rect[3] - HEAD - 1]]);
      } else dirTile(item.dir, rect, out);
    });
  }
  function render() {
    var out = document.createDocumentFragment(), queue = [[view, [0, 0, box.clientWidth, box.clientHeight]]];
    tiles = 0;
    while (queue.length) { var next = queue.shift(); layout(next[0], next[1], out, queue); }
    box.textContent = "";
    if (!view.count) box.textContent = "No files.";
    box.appendChild(out);
    renderCrumbs();
  }
  function renderCrumbs() {
    crumbs.textContent = "";
    var chain = [];
    for (var d = view; d; d = d.parent) chain.unshift(d);
    chain.forEach(function (d, i) {
      var a = document.createElement("a");
      a.textContent = i === 0 ? data.root + "/" : d.name + "/";
      a.addEventListener("click", function () { zoom(d); });
      crumbs.appendChild(a);
    });
    crumbs.appendChild(document.createTextNode(" \u2014 " + plural(view.count, "file") + (view === root ? "" : " (click a directory to zoom, the path to go back)")));
  }
  function zoom(dir) { view = dir; render(); }

  // --- what a tile says: on hover in the tooltip, on click in the details panel
  function describe(item) {
    if (item.file) {
      var rows = [["path", item.file.path], ["owner", status(item.file)], ["rule", decision(item.file)]];
      if (item.file.align !== null) rows.push(["alignment", label(item.file.align)]);
      return rows;
    }
    var dir = item.dir, where = (dir.path || data.root) + "/";
    if (item.members) return [["files", plural(item.members.length, "file") + " directly in " + where], ["owner", label(item.key)]];
    var keys = Object.keys(dir.counts).sort(function (a, b) { return dir.counts[b] - dir.counts[a]; });
    return [["directory", where + " \u00b7 " + plural(dir.count, "file")]].concat(keys.slice(0, 8).map(function (k) {
      return [label(+k), String(dir.counts[k])];
    }));
  }
  function show(target, rows) {
    target.textContent = "";
    var list = document.createElement("dl");
    rows.forEach(function (row) {
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = row[0]; dd.textContent = row[1];
      if (row[0] === "path") dd.className = "path";
      dd.style.whiteSpace = "pre-wrap";
      list.appendChild(dt); list.appendChild(dd);
    });
    target.appendChild(list);
  }
  function select(file) {
    selected = file;
    var old = box.querySelector(".tile.selected");
    if (old) old.classList.remove("selected");
    Array.prototype.forEach.call(box.querySelectorAll(".tile.file"), function (el) {
      if (el._item.file === file) el.classList.add("selected");
    });
    show(details, describe({file: file}));
    details.dataset.path = file.path;
    details.dataset.owner = owners(file);
  }
  box.addEventListener("click", function (event) {
    var el = event.target.closest(".tile, .frame");
    if (!el || !el._item) return;
    if (el._item.file) select(el._item.file); else zoom(el._item.dir);
  });
  box.addEventListener("mousemove", function (event) {
    var el = event.target.closest(".tile, .frame");
    if (!el || !el._item) { tip.style.display = "none"; return; }
    show(tip, describe(el._item));
    tip.style.display = "block";
    var x = event.clientX + 14, y = event.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth) x = event.clientX - tip.offsetWidth - 10;
    if (y + tip.offsetHeight > window.innerHeight) y = event.clientY - tip.offsetHeight - 10;
    tip.style.left = x + "px"; tip.style.top = y + "px";
  });
  box.addEventListener("mouseleave", function () { tip.style.display = "none"; });

  // --- the filter: a path fragment, or owner:NAME (a click on the legend), dims what does not match
  function applyFilter() {
    var query = filter.value.trim().toLowerCase(), exact = query.indexOf("owner:") === 0 ? query.slice(6).trim() : null;
    matched = hitDirs = null;
    Array.prototype.forEach.call(document.querySelectorAll("#legend li, #alignment-legend li"), function (li) {
      li.classList.toggle("on", exact !== null && li.dataset.role.toLowerCase() === exact);
    });
    if (query) {
      matched = new Set(); hitDirs = new Set();
      files.forEach(function (f) {
        var hit = exact !== null ? [f.key, f.align === null ? f.key : f.align].concat(f.extra).some(function (k) { return label(k).toLowerCase() === exact; })
          : f.path.toLowerCase().indexOf(query) >= 0 || owners(f).toLowerCase().indexOf(query) >= 0;
        if (!hit) return;
        matched.add(f);
        for (var d = f.dir; d && !hitDirs.has(d); d = d.parent) hitDirs.add(d);
      });
    }
    render();
    listMatches();
  }
  function listMatches() {
    matchPanel.hidden = !matched;
    if (!matched) return;
    matchList.textContent = "";
    matchCount.textContent = plural(matched.size, "file") + " match" + (matched.size === 1 ? "es" : "");
    var shown = 0;
    matched.forEach(function (f) {
      if (shown++ >= MAX_MATCHES) return;
      var li = document.createElement("li");
      li.textContent = f.path + "  \u2014 " + owners(f);
      li.addEventListener("click", function () { zoom(f.dir); select(f); });
      matchList.appendChild(li);
    });
  }
  var pending = null;
  filter.addEventListener("input", function () { clearTimeout(pending); pending = setTimeout(applyFilter, 150); });
  Array.prototype.forEach.call(document.querySelectorAll('#view input[name="view"]'), function (input) {
    input.addEventListener("change", function () {
      mode = input.value;
      document.body.dataset.view = mode;
      recount();
      render();
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("#legend li, #alignment-legend li"), function (li) {
    li.addEventListener("click", function () {
      filter.value = li.classList.contains("on") ? "" : "owner:" + li.dataset.role;
      applyFilter();
    });
  });
  var resizing = null;
  window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(render, 120); });
  render();
  document.body.dataset.ready = "true";
})();
