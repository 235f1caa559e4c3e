/* The Partnership Graph network view: draws the data block with vis-network and wires search, filters,
 * tooltips and details. Every text that comes from the data is put into the page with textContent (never
 * innerHTML), so a name written as an HTML tag shows as those characters.
 * Signals readiness for tests and the benchmark: window.__partnersReady = true (and the "partners:ready"
 * event) once the first frame is drawn; window.__partnersReadyAt = milliseconds since navigation started. */
(function () {
  "use strict";

  // performance marks (partners:start, :data, :network, :ready) show where the time goes (bench/viz.py)
  performance.mark("partners:start");
  var data = JSON.parse(document.getElementById("partners-data").textContent);
  performance.mark("partners:data");
  var byId = function (id) { return document.getElementById(id); };

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function fold(text) {  // case- and accent-insensitive search key
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // ---- data -------------------------------------------------------------------------------------------
  var nodeById = new Map();
  data.nodes.forEach(function (n) {
    n.search = fold([n.label, n.en, n.uk, n.id].concat(n.aliases || []).join(" \u0001 "));
    nodeById.set(n.id, n);
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);

  // ---- filters (client side) --------------------------------------------------------------------------
  var state = { kinds: new Set(data.legend.kinds.map(function (k) { return k.kind; })), countries: new Set(),
                from: data.years ? data.years[0] : null, to: data.years ? data.years[1] : null,
                hiddenFlags: new Set() };
  var flagLabel = new Map((data.legend.flags || []).map(function (f) { return [f.flag, f.label]; }));
  function flagsShown(item) {  // a flagged tie is hidden while one of its flags is unticked
    return !(item.flags || []).some(function (f) { return state.hiddenFlags.has(f); });
  }
  function flagWords(flags) {
    return (flags || []).map(function (f) { return flagLabel.get(f) || f; }).join("; ");
  }

  function yearShown(year) {
    return year === null || year === undefined || state.from === null ||
      ((isNaN(state.from) || year >= state.from) && (isNaN(state.to) || year <= state.to));
  }
  function nodeShown(n) {
    if (!state.kinds.has(n.kind)) { return false; }
    if (state.countries.size && n.country && !state.countries.has(n.country)) { return false; }
    if (!flagsShown(n)) { return false; }
    return yearShown(n.year);
  }
  function edgeShown(e) {
    if (!flagsShown(e)) { return false; }
    if (!e.years || !e.years.length) { return true; }
    return e.years.some(yearShown);
  }
  var nodeView = new vis.DataView(nodes, { filter: nodeShown });
  var edgeView = new vis.DataView(edges, { filter: edgeShown });

  var container = byId("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  performance.mark("partners:network");

  network.once("afterDrawing", function () {
    performance.mark("partners:ready");
    window.__partnersReadyAt = performance.now();
    window.__partnersReady = true;
    document.documentElement.setAttribute("data-ready", "true");
    window.dispatchEvent(new Event("partners:ready"));
  });
  network.fit({ animation: false });
  if (network.getScale() > 1) { network.moveTo({ scale: 1 }); }  // a small graph is not blown up

  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    var w = (data.words && data.words.counts) || "{nodes} of {all_nodes} entities, {edges} of {all_edges} links shown";
    var n = {nodes: nodeView.length, all_nodes: data.nodes.length, edges: edgeView.length, all_edges: data.edges.length};
    byId("counts").textContent = w.replace(/\{(\w+)\}/g, function (m, k) { return k in n ? String(n[k]) : m; });
  }

  // kinds: checkboxes that are also the colour legend
  var kindBox = byId("kind-filter");
  data.legend.kinds.forEach(function (k) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () {
      if (box.checked) { state.kinds.add(k.kind); } else { state.kinds.delete(k.kind); }
      refresh();
    });
    var swatch = el("span", null, "swatch " + k.shape);
    swatch.style.backgroundColor = k.color;
    label.append(box, swatch, el("span", k.kind), el("span", k.count, "count"));
    kindBox.append(label);
  });

  // countries
  var countrySelect = byId("country-filter");
  if (data.countries.length) {
    data.countries.forEach(function (c) {
      var option = el("option", c[0] + " (" + c[1] + ")");
      option.value = c[0];
      countrySelect.append(option);
    });
    countrySelect.addEventListener("change", function () {
      state.countries = new Set(Array.from(countrySelect.selectedOptions, function (o) { return o.value; }));
      refresh();
    });
    byId("country-clear").addEventListener("click", function () {
      Array.from(countrySelect.options).forEach(function (o) { o.selected = false; });
      state.countries = new Set();
      refresh();
    });
  } else {
    byId("country-section").hidden = true;
  }

  // years
  if (data.years) {
    ["year-from", "year-to"].forEach(function (id, i) {
      var input = byId(id);
      input.min = data.years[0];
      input.max = data.years[1];
      input.value = data.years[i];
      input.addEventListener("input", function () {
        state.from = parseInt(byId("year-from").value, 10);
        state.to = parseInt(byId("year-to").value, 10);
        refresh();
      });
    });
  } else {
    byId("year-section").hidden = true;
  }

  // flags: a badge (\u26a0) on flagged ties, and a checkbox per flag to hide them
  var flagBox = byId("flag-filter");
  if ((data.legend.flags || []).length) {
    data.legend.flags.forEach(function (f) {
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset.flag = f.flag;
      box.addEventListener("change", function () {
        if (box.checked) { state.hiddenFlags.delete(f.flag); } else { state.hiddenFlags.add(f.flag); }
        refresh();
      });
      label.append(box, el("span", "\u26a0 " + f.label), el("span", f.count, "count"));
      flagBox.append(label);
    });
  } else {
    byId("flag-section").hidden = true;
  }

  // line legend
  var edgeLegend = byId("edge-legend");
  function legendRow(text, color, style, count) {
    var row = el("div", null, "row");
    var line = el("span", null, "line");
    line.style.borderTopColor = color;
    line.style.borderTopStyle = style;
    row.append(line, el("span", text));
    if (count !== undefined) { row.append(el("span", count, "count")); }
    edgeLegend.append(row);
  }
  data.legend.edges.forEach(function (e) { legendRow(e.label, e.color, "solid", e.count); });
  if (data.legend.dashed.indexOf("planned") >= 0) { legendRow((data.words && data.words.planned) || "planned / negotiating", "#555", "dashed"); }
  if (data.legend.dashed.indexOf("uncertain") >= 0) { legendRow((data.words && data.words.uncertain) || "uncertain (source is vague)", "#555", "dotted"); }
  byId("size-legend").textContent = data.legend.size;

  // ---- text of an entity or a link --------------------------------------------------------------------
  function nodeFacts(n) {
    var facts = [];
    if (n.uk && n.uk !== n.label) { facts.push(["uk", n.uk]); }
    if (n.en && n.en !== n.label) { facts.push(["en", n.en]); }
    facts.push(["kind", n.kind + (n.country ? " · " + n.country : "")]);
    if (n.status) { facts.push(["status", n.status]); }
    if (n.flags && n.flags.length) { facts.push(["\u26a0 flag", flagWords(n.flags)]); }
    (n.dates || []).forEach(function (d) { facts.push([d[0], d[1]]); });
    return facts;
  }
  function edgeTitle(e) {
    var a = nodeById.get(e.from), b = nodeById.get(e.to);
    return (a ? a.label : e.from) + " — " + (b ? b.label : e.to);
  }
  function edgeFacts(e) {
    var facts = [["link", e.relation ? e.relation.replace(/_/g, " ").toLowerCase() : "partnership"]];
    (e.ties || []).forEach(function (t) {
      facts.push([t.via ? "via " + t.via : "tie", [t.kind, t.status, t.date].filter(Boolean).join(", ") +
                  (t.flags && t.flags.length ? " \u26a0 " + flagWords(t.flags) : "")]);
    });
    if (e.flags && e.flags.length && !(e.ties || []).length) { facts.push(["\u26a0 flag", flagWords(e.flags)]); }
    if (e.status) { facts.push(["status", e.status]); }
    (e.dates || []).forEach(function (d) { facts.push([d[0], d[1]]); });
    if (e.uncertain) { facts.push(["uncertain", "the source is vague"]); }
    return facts;
  }
  function citesOf(item) {  // [[source id, quote], …] from the numbers the item carries
    return (item.cites || []).map(function (i) { return data.cites[i]; });
  }

  function quoteBlock(cite) {
    var q = el("blockquote", "\u201c" + cite[1] + "\u201d");
    q.append(el("cite", cite[0]));
    return q;
  }

  // ---- tooltip ----------------------------------------------------------------------------------------
  var tooltip = byId("tooltip");
  function showTooltip(title, names, facts, cites, pointer) {
    tooltip.replaceChildren(el("div", title, "name"));
    names.forEach(function (t) { tooltip.append(el("div", t)); });
    facts.forEach(function (f) { tooltip.append(el("div", f[0] + ": " + f[1])); });
    if (cites && cites.length) { tooltip.append(quoteBlock(cites[0])); }
    var box = container.getBoundingClientRect();
    tooltip.hidden = false;
    var x = box.left + pointer.x + 14, y = box.top + pointer.y + 14;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    tooltip.style.left = Math.max(0, Math.min(x, window.innerWidth - w - 4)) + "px";
    tooltip.style.top = Math.max(0, Math.min(y, window.innerHeight - h - 4)) + "px";
  }
  network.on("hoverNode", function (p) {
    var n = nodeById.get(p.node);
    if (n) { showTooltip(n.label, [], nodeFacts(n), citesOf(n), p.pointer.DOM); }
  });
  network.on("hoverEdge", function (p) {
    var e = edges.get(p.edge);
    if (e) { showTooltip(edgeTitle(e), [], edgeFacts(e), citesOf(e), p.pointer.DOM); }
  });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) {
    network.on(ev, function () { tooltip.hidden = true; });
  });

  // ---- details ----------------------------------------------------------------------------------------
  var details = byId("details"), detailsBody = byId("details-body");
  function showDetails(title, facts, aliases, note, cites, extra) {
    detailsBody.replaceChildren(el("h2", title));
    var dl = el("dl");
    facts.forEach(function (f) { dl.append(el("dt", f[0]), el("dd", f[1])); });
    if (aliases && aliases.length) { dl.append(el("dt", "also"), el("dd", aliases.join("; "))); }
    if (note) { dl.append(el("dt", "note"), el("dd", note)); }
    if (extra) { dl.append(el("dt", extra[0]), el("dd", extra[1])); }
    detailsBody.append(dl);
    if (cites && cites.length) {
      detailsBody.append(el("dt", "sources"));
      cites.forEach(function (c) { detailsBody.append(quoteBlock(c)); });
    }
    details.hidden = false;
    network.redraw();
  }
  function showNode(id) {
    var n = nodeById.get(id);
    if (!n) { return; }
    showDetails(n.label, [["id", n.id]].concat(nodeFacts(n)), n.aliases, n.note, citesOf(n),
                nodeShown(n) ? null : ["hidden", "by the filters on the left"]);
  }
  byId("details-close").addEventListener("click", function () { details.hidden = true; network.unselectAll(); });
  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); } else if (p.edges.length) {
      var e = edges.get(p.edges[0]);
      if (e) { showDetails(edgeTitle(e), edgeFacts(e), null, e.note, citesOf(e), null); }
    }
  });

  // ---- search -----------------------------------------------------------------------------------------
  var search = byId("search"), results = byId("search-results");
  function focusNode(id) {
    var n = nodeById.get(id);
    if (!n) { return; }
    if (nodeShown(n)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 0.7), animation: { duration: 300 } });
    }
    showNode(id);
  }
  function matches(query) {  // whole names first, then names that start so, then any mention; big nodes first
    var q = fold(query).trim();
    if (!q) { return []; }
    var found = [];
    data.nodes.forEach(function (n) {
      if (n.search.indexOf(q) < 0) { return; }
      var names = [n.label, n.en, n.uk, n.id].concat(n.aliases || []).map(fold);
      var rank = names.indexOf(q) >= 0 ? 0 : names.some(function (s) { return s.indexOf(q) === 0; }) ? 1 : 2;
      found.push([rank, -(n.size || 0), n]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return found.slice(0, 30).map(function (f) { return f[2]; });
  }
  search.addEventListener("input", function () {
    results.replaceChildren();
    matches(search.value).forEach(function (n) {
      var item = el("li"), button = el("button");
      button.type = "button";
      button.dataset.id = n.id;
      button.append(el("span", n.label, "label"), el("span", n.kind + (n.country ? " · " + n.country : ""), "meta"));
      button.addEventListener("click", function () { focusNode(n.id); });
      item.append(button);
      results.append(item);
    });
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = matches(search.value)[0];
      if (first) { focusNode(first.id); }
    }
  });

  refresh();
  window.partnersView = { network: network, focus: focusNode, data: data };
})();
