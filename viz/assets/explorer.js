// The explorer page of `partners serve`. Every text from the data goes into the DOM with textContent, never as markup.
"use strict";
// The UI's words are not written here: they come from the report catalogues (viz/words.py, /api/words?lang=).
// Offline (the file "Save as file" writes: viz/offline.py): the server's answers are in the page, and so is the view
const SNAP = (() => { const b = document.getElementById("partners-snapshot"); return b ? JSON.parse(b.textContent) : null; })();
const params = new URLSearchParams(SNAP ? SNAP.query : location.search);
const LANGS = ["uk", "en"];
let lang = LANGS.includes(params.get("lang")) ? params.get("lang") : "uk";
let words = {}, terms = {};
const $ = (id) => document.getElementById(id);
const t = (key) => (key in words ? words[key] : key);
// the schema's words (kinds, statuses, agreement kinds) as the catalogue writes them in the UI language
const term = (value) => (value == null ? "" : terms[value] || String(value));
async function loadWords() { ({words, terms} = await getJson("/api/words?lang=" + lang)); }
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = String(text); if (cls) e.className = cls; return e; };
// the domain rules come from the server (graph/schema.yaml's vocabulary, via /api/styles), never re-typed here
let vocab = {caption: [], captionByLanguage: {}, pendingStatuses: [], tieStatuses: []};
const label = (n) => {
  for (const f of [vocab.captionByLanguage[lang], ...vocab.caption]) { if (f && n[f]) return n[f]; }
  return n.label || n.id;
};
const isPending = (status) => vocab.pendingStatuses.includes(status);
const html = document.documentElement;

// --- the view: everything the URL holds ------------------------------------------------------------------------
// tab, focus, depth, full graph, filters (kinds, countries, statuses, flags), colour, time range, undated
const listParam = (name) => new Set((params.get(name) || "").split(",").filter(Boolean));
const filters = {kinds: listParam("kind"), countries: listParam("country"), statuses: listParam("status"),
                 flags: listParam("flag"), colour: params.get("colour") === "country" ? "country" : "kind"};
let tab = ["network", "map", "console"].includes(params.get("tab")) ? params.get("tab") : "network";
let depth = Math.min(Math.max(parseInt(params.get("depth") || "1", 10) || 1, 1), 3);
let countryNames = {};

function applyLang() {
  html.lang = lang;
  document.querySelectorAll("[data-t]").forEach((e) => { e.textContent = t(e.dataset.t); });
  $("search").placeholder = t("placeholder");
  $("lang").value = lang;
  fillCountries();
}

function viewParams() {
  const p = new URLSearchParams();
  p.set("lang", lang);
  if (tab !== "network") p.set("tab", tab);
  if ($("search").value) p.set("q", $("search").value);
  if (window.__focus) p.set("focus", window.__focus);
  if (depth !== 1) p.set("depth", String(depth));
  if ($("full").checked) p.set("view", "full");
  for (const [name, set] of [["kind", filters.kinds], ["country", filters.countries], ["status", filters.statuses], ["flag", filters.flags]]) {
    if (set.size) p.set(name, [...set].sort().join(","));
  }
  if (filters.colour !== "kind") p.set("colour", filters.colour);
  if ($("since").value !== $("since").min) p.set("since", $("since").value);
  if ($("until").value !== $("until").max) p.set("until", $("until").value);
  if (!$("undated").checked) p.set("undated", "0");
  return p;
}
function setUrl() {
  try { history.replaceState(null, "", "?" + viewParams().toString()); } catch (e) { /* a file:// page may refuse */ }
}

async function getJson(url, init) {
  if (SNAP) return offlineAnswer(url);
  const r = await fetch(url, {credentials: "same-origin", ...(init || {})});
  return r.json();
}

// --- offline: the answers of /api/… from the snapshot, as the server gives them ---------------------------------
const fold = (s) => String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
function offlineSearch(text) {
  const q = fold(text);
  const exact = [], partial = [];
  for (const n of Object.values(SNAP.nodes)) {
    const names = [n.name_en, n.name_uk, n.id, ...(n.aliases || [])].filter(Boolean).map(fold);
    if (names.includes(q)) exact.push(n); else if (q && names.some((x) => x.includes(q))) partial.push(n);
  }
  const byName = (a, b) => label(a).localeCompare(label(b));
  if (exact.length) return {query: text, status: exact.length === 1 ? "found" : "ambiguous", results: exact.sort(byName).slice(0, 20)};
  return {query: text, status: "unknown", results: partial.sort(byName).slice(0, 20)};
}
function offlineHood(ident, view, offset, limit) {
  const h = SNAP.neighbourhood[view][ident];
  const center = SNAP.nodes[h ? h.center : ident] || {id: ident};
  const all = h ? h.edges : [];
  const page = all.slice(offset, offset + limit);
  return {center, nodes: page.map((e) => SNAP.nodes[e.to]), edges: page, total: all.length,
          more: Math.max(0, all.length - offset - page.length)};
}
// the snapshot writes an inspector's partners, bodies and linked entities as ids (viz/offline.py: _slim)
const snapNode = (id) => SNAP.nodes[id] || {id};
function offlineEntity(id) {
  const e = SNAP.entity[id];
  if (!e) return null;
  return {...e, ties: e.ties.map((x) => ({...x, partner: snapNode(x.partner), body: x.body == null ? null : snapNode(x.body)})),
          linked: Object.fromEntries(Object.entries(e.linked).map(([k, v]) => [k, v.map(([x, r]) => ({...snapNode(x), relation: r}))]))};
}
function offlineAnswer(url) {
  const u = new URL(url, "http://offline.invalid");
  const q = u.searchParams, path = u.pathname;
  const ident = () => decodeURIComponent(path.split("/").slice(3).join("/"));
  if (path === "/api/words") return SNAP.words[q.get("lang")] || SNAP.words.uk;
  if (path === "/api/styles") return SNAP.styles;
  if (path === "/api/countries") return SNAP.countries;
  if (path === "/api/meta") return SNAP.meta;
  if (path === "/api/map") return SNAP.map;
  if (path === "/static/basemap.json") return SNAP.basemap;
  if (path === "/api/search") return offlineSearch(q.get("q") || "");
  if (path.startsWith("/api/entity/")) return offlineEntity(ident()) || {error: ident()};
  if (path.startsWith("/api/ties/")) return (offlineEntity(ident()) || {ties: []}).ties;
  if (path.startsWith("/api/neighbourhood/")) {
    return offlineHood(ident(), q.get("view") === "full" ? "full" : "partners", Number(q.get("offset") || 0), Number(q.get("limit") || SNAP.cap));
  }
  return {error: path};
}

function entityButton(n) {
  const b = el("button", label(n), "link");
  b.type = "button";
  b.dataset.id = n.id;
  b.addEventListener("click", () => inspect(n.id));
  return b;
}

async function search(text) {
  const out = $("search-results");
  out.replaceChildren();
  if (!text.trim()) { $("search-status").textContent = ""; return; }
  const data = await getJson("/api/search?q=" + encodeURIComponent(text));
  $("search-status").textContent = data.status === "ambiguous" ? t("ambiguous") : data.status === "found" ? t("found") : data.results.length ? t("suggest") : t("unknown");
  for (const n of data.results) {
    const li = el("li");
    li.append(entityButton(n), el("span", " " + term(n.kind) + (n.country ? " · " + countryName(n.country) : ""), "muted"));
    out.append(li);
  }
  html.dataset.searched = text;
  if (data.status === "found" && data.results.length === 1) await inspect(data.results[0].id);
  setUrl();
}

function sourceItem(s) {
  const li = el("li");
  li.append(el("strong", s.title));
  if (s.publisher) li.append(el("span", " — " + s.publisher, "muted"));
  if (s.quote) li.append(el("blockquote", s.quote));
  return li;
}

function reportLinks(id) {
  const p = $("report-links");
  p.replaceChildren();
  if (SNAP) return; // the reports are written by the server
  p.append(el("span", t("report") + ": "));
  for (const kind of ["brief", "dossier"]) {
    const a = el("a", t(kind));
    a.href = `/report/${encodeURIComponent(id)}?kind=${kind}&lang=${lang}`;
    a.target = "_blank"; a.rel = "noopener";
    p.append(a, " ");
  }
}

const rowTie = new WeakMap(); // a row of the tie table -> its tie, for the filters
let inspectedNode = {}; // the entity the inspector shows
function tieRow(tie) {
  const tr = el("tr");
  rowTie.set(tr, tie);
  const who = el("td"); who.append(entityButton(tie.partner));
  const flags = el("td"); for (const f of tie.flags) flags.append(el("span", f, "flag"));
  tr.dataset.year = tie.year == null ? "" : String(tie.year);
  tr.append(who, el("td", term(tie.kind)), el("td", term(tie.status)), el("td", tie.date || ""), flags);
  return tr;
}

async function inspect(id, refocus = true, record = true) {
  if (refocus) { window.__focus = id; await focusOn(id, record); }
  const data = await getJson("/api/entity/" + encodeURIComponent(id));
  if (data.error) { $("search-status").textContent = data.error; return; }
  $("inspector").hidden = false;
  $("tie-panel").hidden = true;
  inspectedNode = data.node;
  $("entity-name").textContent = label(data.node);
  $("entity-meta").textContent = [term(data.node.kind), data.node.country && countryName(data.node.country), data.node.name_uk, data.node.name_en, data.node.id].filter(Boolean).join(" · ");
  reportLinks(id);
  const body = $("ties").querySelector("tbody");
  body.replaceChildren();
  if (!data.ties.length) { const tr = el("tr"); const td = el("td", t("noTies")); td.colSpan = 5; tr.append(td); body.append(tr); }
  for (const tie of data.ties) body.append(tieRow(tie));
  const linked = $("linked");
  linked.replaceChildren();
  for (const [kind, items] of Object.entries(data.linked)) {
    const p = el("p"); p.append(el("strong", term(kind) + ": "));
    items.forEach((n, i) => { if (i) p.append(", "); p.append(entityButton(n)); });
    linked.append(p);
  }
  const sources = $("sources");
  sources.replaceChildren();
  const all = [...data.sources];
  for (const tie of data.ties) all.push(...tie.sources);
  const seen = new Set();
  for (const s of all) { const k = s.id + "|" + s.quote; if (!seen.has(k)) { seen.add(k); sources.append(sourceItem(s)); } }
  if (!all.length) sources.append(el("li", t("none"), "muted"));
  applyFilters();
  setUrl();
  html.dataset.inspected = id;
  html.dataset.inspectedLang = lang;
}

// a click on a line: the ties it stands for, each with its agreement and quotes
async function inspectTie(from, to) {
  const ties = await getJson("/api/ties/" + encodeURIComponent(from));
  if (!Array.isArray(ties)) return;
  const mine = ties.filter((x) => x.partner.id === to);
  const panel = $("tie-panel");
  panel.hidden = false;
  $("tie-title").textContent = `${label(nodeInfo.get(from) || {id: from})} — ${label(nodeInfo.get(to) || {id: to})}`;
  const list = $("tie-list");
  list.replaceChildren();
  for (const tie of mine) {
    const li = el("li");
    li.append(el("strong", [term(tie.kind), term(tie.status), tie.date].filter(Boolean).join(", ")));
    const agreement = lang === "uk" ? tie.agreement_uk : tie.agreement;
    if (agreement) li.append(el("div", t("agreement") + ": " + agreement));
    for (const f of tie.flags) li.append(el("span", f, "flag"));
    const q = el("ul");
    for (const s of tie.sources) q.append(sourceItem(s));
    li.append(q);
    list.append(li);
  }
  html.dataset.tie = `${from}|${to}`;
  html.dataset.tieCount = String(mine.length);
}

// --- filters and time: one rule for the network, the map, the tie table and the counts -------------------------
// A tie's date and year come from the server (analysis.select.date_of, the CLI's rule); here they are only compared.
function inTime(year) {
  if (year === null || year === undefined) return $("undated").checked;
  return year >= Number($("since").value) && year <= Number($("until").value);
}
// one tie: {kind, status, year, flags}
function tiePasses(tie) {
  if (tie.always) return true; // a relation of the full stored graph: not a tie, not filtered
  if (!inTime(tie.year)) return false;
  if (filters.statuses.size && !filters.statuses.has(tie.status || "unknown")) return false;
  if (filters.flags.size && !(tie.flags || []).some((f) => filters.flags.has(f))) return false;
  return true;
}
const kindPasses = (n) => !filters.kinds.size || filters.kinds.has(n.kind);
const inCountries = (n) => filters.countries.has(n.country);
// A node passes by kind; with countries picked, a node of those countries passes, and so does the other side of
// a tie to one of them (the Ukrainian side of a tie to a picked partner country stays).
function visibleGraph(nodeList, tieList, keep) {
  const ok = new Map(nodeList.map((n) => [n.id, n.id === keep || kindPasses(n)]));
  const ties = tieList.filter((x) => ok.get(x.from) && ok.get(x.to) && x.ties.some(tiePasses));
  let shownTies = ties;
  const shownNodes = new Set();
  if (filters.countries.size) {
    const info = new Map(nodeList.map((n) => [n.id, n]));
    shownTies = ties.filter((x) => inCountries(info.get(x.from)) || inCountries(info.get(x.to)));
    for (const n of nodeList) if (ok.get(n.id) && (inCountries(n) || n.id === keep)) shownNodes.add(n.id);
  } else {
    for (const n of nodeList) if (ok.get(n.id)) shownNodes.add(n.id);
  }
  for (const x of shownTies) { shownNodes.add(x.from); shownNodes.add(x.to); }
  return {nodes: shownNodes, ties: new Set(shownTies.map((x) => x.id))};
}

function applyFilters() {
  $("since-label").textContent = $("since").value;
  $("until-label").textContent = $("until").value;
  // the tie table: the rule of the network's lines — time, status and flag of the tie, kind of the partner, and a
  // picked country on either side (the inspected entity's own ties stay when its country is picked)
  let shownRows = 0;
  for (const tr of $("ties").querySelectorAll("tbody tr[data-year]")) {
    const tie = rowTie.get(tr);
    const ok = Boolean(tie) && tiePasses(tie) && kindPasses(tie.partner)
      && (!filters.countries.size || inCountries(tie.partner) || inCountries(inspectedNode));
    tr.hidden = !ok; if (ok) shownRows++;
  }
  html.dataset.visibleTies = String(shownRows);
  // the network: edges of the partner view carry their ties; those of the full stored graph are not filtered
  const nodeList = nodes.get().map((n) => nodeInfo.get(n.id) || {id: n.id});
  const tieList = edges.get().map((e) => ({id: e.id, from: e.from, to: e.to, ties: e.ties || [{always: true}]}));
  const vis = visibleGraph(nodeList, tieList, window.__focus);
  const nodeUpdates = nodes.get().filter((n) => Boolean(n.hidden) === vis.nodes.has(n.id))
    .map((n) => ({id: n.id, hidden: !vis.nodes.has(n.id)}));
  const edgeUpdates = edges.get().filter((e) => Boolean(e.hidden) === vis.ties.has(e.id))
    .map((e) => ({id: e.id, hidden: !vis.ties.has(e.id)}));
  // only what changes: an update restarts the layout, and a restart for nothing moves nodes after the view was
  // fitted (out of sight, under the pointer of a double-click on its way)
  if (nodeUpdates.length || edgeUpdates.length) {
    html.dataset.stable = "false";
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }
  recolour(nodes, nodes.get().map((n) => n.id));
  html.dataset.visibleEdges = String(edges.get().filter((e) => !e.hidden).length);
  $("arrow-legend").hidden = !$("full").checked;
  html.dataset.visibleNodes = String(nodes.get().filter((n) => !n.hidden).length);
  counts();
  drawMap();
}

// --- colours: by kind (the styles of `partners viz`) or by country ------------------------------------------------
const PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#D55E00", "#0072B2", "#F0E442", "#999999", "#882255", "#44AA99", "#117733", "#AA4499"];
function countryColour(code) {
  if (!code) return "#bbbbbb";
  if (code === "ua") return "#005BBB";
  let h = 0; for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}
function colourOf(n) {
  if (filters.colour === "country") return countryColour(n.country);
  return (styles.kinds[n.kind] || styles.other).color;
}
function recolour(ds, ids) {
  const ups = [];
  for (const id of ids) {
    const n = nodeInfo.get(id); if (!n) continue;
    const c = colourOf(n); const item = ds.get(id);
    if (item && item.color !== c) ups.push({id, color: c});
  }
  if (ups.length) ds.update(ups);
}

// --- labels: drawn by us, at one screen size at every zoom, most connected first, never on top of each other ------
function drawLabels(net, ds, ctx, keep) {
  const ratio = window.devicePixelRatio || 1;
  const shown = ds.get({filter: (n) => !n.hidden});
  shown.sort((a, b) => (b.id === keep) - (a.id === keep) || (b.degree || 0) - (a.degree || 0) || String(a.id).localeCompare(String(b.id)));
  const positions = net.getPositions(shown.map((n) => n.id));
  const box = net.body.container.getBoundingClientRect();
  ctx.save();
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.font = "12px system-ui, sans-serif";
  ctx.textBaseline = "top"; ctx.lineWidth = 3; ctx.strokeStyle = "#ffffff"; ctx.fillStyle = "#222222";
  const placed = [];
  let drawn = 0;
  for (const n of shown) {
    if (drawn >= 200) break;
    const p = positions[n.id]; if (!p) continue;
    const d = net.canvasToDOM(p);
    const text = n.text || ""; if (!text) continue;
    const w = ctx.measureText(text).width, h = 14;
    const r = {x: d.x - w / 2, y: d.y + 8, w, h};
    if (r.x + w < 0 || r.y + h < 0 || r.x > box.width || r.y > box.height) continue;
    if (placed.some((q) => r.x < q.x + q.w + 2 && q.x < r.x + r.w + 2 && r.y < q.y + q.h && q.y < r.y + r.h)) continue;
    placed.push(r); drawn++;
    ctx.strokeText(text, r.x, r.y); ctx.fillText(text, r.x, r.y);
  }
  ctx.restore();
  net.body.container.dataset.labels = String(drawn);
}

// --- the network: focus, expand on double-click, collapse, back/forward -----------------------------------------
let styles = {kinds: {}, other: {color: "#97C2FC", shape: "dot"}};
const nodes = new vis.DataSet();
const edges = new vis.DataSet();
const nodeInfo = new Map(); // id -> the server's node record (names, kind, country, lat/lon)
const expanded = new Map(); // id -> ids of the neighbours its expansion added
const pending = new Map(); // id -> offset of the next page ("N more")
const steps = []; let stepAt = -1;
const network = new vis.Network($("network"), {nodes, edges}, {
  physics: {enabled: true, stabilization: {iterations: 150}, barnesHut: {springLength: 140}},
  interaction: {hover: true, keyboard: false},
  nodes: {font: {size: 14, strokeWidth: 3, strokeColor: "#ffffff"}},
  edges: {smooth: false, color: {opacity: 0.8}, font: {size: 10, strokeWidth: 2}},
});
network.on("afterDrawing", (ctx) => drawLabels(network, nodes, ctx, window.__focus));
// the layout has settled: tests (and users) can aim at a node. Every (re)start of the layout clears the flag, so
// it never claims a settled layout while nodes still move.
let fitNext = false;
network.on("startStabilizing", () => { html.dataset.stable = "false"; });
network.on("stabilized", () => {
  if (fitNext) { network.fit({animation: false}); fitNext = false; } // a new focus: show all of it
  html.dataset.stable = "true";
});
const viewName = () => ($("full").checked ? "full" : "partners");

// a node's size: how many others it is linked to in the drawn graph (the square root keeps hubs from dwarfing the rest)
const sizeOf = (degree) => Math.min(8 + 4 * Math.sqrt(degree || 0), 40);
function addNode(n) {
  nodeInfo.set(n.id, n);
  const st = styles.kinds[n.kind] || styles.other;
  const old = nodes.get(n.id);
  const item = {id: n.id, text: label(n), color: colourOf(n), shape: st.shape, size: sizeOf(old ? old.degree : 0)};
  if (nodes.get(n.id)) nodes.update(item); else nodes.add(item);
}

function edgeTies(e) { // the ties a partner-view edge stands for, as the filters see them
  if (!e.years) return null;
  return e.years.map((y, i) => ({year: y, kind: e.kinds[i], status: e.statuses[i], flags: e.flags}));
}

// a line's colour as `partners viz` draws it: the most formal of its ties (styles.ties is in that order), or the
// pale colour of a stored-graph relation
function lineColour(e) {
  const order = Object.keys(styles.ties || {});
  if (e.kinds && e.kinds.length) {
    const known = e.kinds.map((k) => (order.includes(k) ? k : "other"));
    const best = known.sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
    return {color: styles.ties[best], opacity: 0.8};
  }
  const first = String(e.label || "").split(", ")[0];
  return {color: (styles.relations || {})[first] || styles.otherRelation, opacity: 0.8};
}

function addEdges(list) {
  const fresh = [];
  const seen = new Set();
  for (const e of list) {
    const eid = [e.from, e.to].sort().join("|");
    if (edges.get(eid) || seen.has(eid)) continue;
    seen.add(eid);
    // the full stored graph: an arrow in the stored direction (a partner view's tie has none)
    const arrows = e.dir === "both" ? "to, from" : e.dir === "out" ? "to" : e.dir === "in" ? "from" : undefined;
    fresh.push({id: eid, from: e.from, to: e.to, relation: e.label, ties: edgeTies(e), color: lineColour(e), arrows,
                label: e.flags && e.flags.length ? styles.flagBadge : undefined,
                dashes: Boolean(e.statuses && e.statuses.length && e.statuses.every(isPending)),
                width: Math.min(1 + (e.weight || 1) / 2, 5)});
  }
  if (fresh.length) edges.add(fresh);
  const degree = new Map();
  for (const e of edges.get()) for (const end of [e.from, e.to]) degree.set(end, (degree.get(end) || 0) + 1);
  nodes.update(nodes.get().filter((n) => n.degree !== degree.get(n.id))
    .map((n) => ({id: n.id, degree: degree.get(n.id) || 0, size: sizeOf(degree.get(n.id))})));
}

// offline, without a focus (`partners viz` of a whole selection): every actor and tie of the view at once, where
// the file's layout placed them (no physics: a big graph settles instantly)
function showAll() {
  nodes.clear(); edges.clear(); expanded.clear(); pending.clear();
  const view = viewName();
  const placed = (SNAP.positions || {})[view];
  const hoods = Object.values(SNAP.neighbourhood[view]);
  const ids = new Set(view === "full" ? Object.keys(SNAP.nodes) : hoods.map((h) => h.center));
  for (const h of hoods) for (const e of h.edges) ids.add(e.to);
  network.setOptions({physics: {enabled: !placed}});
  const add = [];
  for (const id of ids) {
    const n = SNAP.nodes[id]; if (!n) continue;
    nodeInfo.set(id, n);
    const st = styles.kinds[n.kind] || styles.other;
    const item = {id, text: label(n), color: colourOf(n), shape: st.shape, size: sizeOf(0)};
    if (placed && placed[id]) { item.x = placed[id][0]; item.y = placed[id][1]; }
    add.push(item);
  }
  nodes.add(add);
  addEdges(hoods.flatMap((h) => h.edges));
  fitNext = true;
  applyFilters();
  if (placed) { network.fit({animation: false}); fitNext = false; html.dataset.stable = "true"; }
  html.dataset.all = view;
}

async function expand(id, offset = 0) {
  const data = await getJson(`/api/neighbourhood/${encodeURIComponent(id)}?view=${viewName()}&offset=${offset}`);
  if (data.error) return;
  html.dataset.stable = "false";
  addNode(data.center);
  const added = expanded.get(id) || [];
  for (const n of data.nodes) { if (!nodes.get(n.id)) added.push(n.id); addNode(n); }
  addEdges(data.edges);
  expanded.set(id, added);
  if (data.more > 0) pending.set(id, offset + data.nodes.length); else pending.delete(id);
  showMore(id, data.more);
  applyFilters();
}

function showMore(id, more) {
  const b = $("more");
  b.hidden = !(more > 0);
  b.textContent = `+ ${more} ${t("more")}`;
  b.dataset.id = id;
}

function collapse(id) {
  html.dataset.stable = "false"; // the layout restarts (on its next frame)
  const keep = new Set([window.__focus, ...expanded.keys()].filter((k) => k !== id));
  for (const n of expanded.get(id) || []) {
    if (keep.has(n)) continue;
    edges.remove(edges.getIds({filter: (e) => e.from === n || e.to === n}));
    nodes.remove(n);
  }
  expanded.delete(id);
  pending.delete(id);
  counts();
}

function counts() {
  const vn = nodes.get().filter((n) => !n.hidden).length, ve = edges.get().filter((e) => !e.hidden).length;
  $("graph-counts").textContent = `${vn} / ${nodes.length} ${t("actors")} · ${ve} / ${edges.length} ${t("tiesShown")}`;
  // the kind filter's counts: drawn / in the view, per kind
  const perKind = new Map();
  for (const n of nodes.get()) {
    const k = (nodeInfo.get(n.id) || {}).kind; const c = perKind.get(k) || [0, 0];
    c[1]++; if (!n.hidden) c[0]++; perKind.set(k, c);
  }
  for (const span of $("f-kind").querySelectorAll("span.count")) {
    const c = perKind.get(span.dataset.kind) || [0, 0];
    span.textContent = c[1] ? `${c[0]}/${c[1]}` : "0";
  }
  html.dataset.nodes = String(nodes.length);
}

async function focusOn(id, record = true) {
  nodes.clear(); edges.clear(); expanded.clear(); pending.clear();
  network.setOptions({physics: {enabled: true}}); // the whole file's view had it off (placed by the file)
  fitNext = true;
  await expand(id);
  let ring = [id];
  for (let d = 2; d <= depth; d++) {
    const next = [];
    for (const n of ring) for (const m of expanded.get(n) || []) if (!expanded.has(m)) { await expand(m); next.push(m); }
    ring = next;
  }
  if (record) { steps.splice(stepAt + 1); steps.push(id); stepAt = steps.length - 1; }
  $("back").disabled = stepAt <= 0; $("forward").disabled = stepAt >= steps.length - 1;
  network.selectNodes([id]);
  html.dataset.expanded = [...expanded.keys()].join(" ");
}

// the browser's own dblclick event, not the canvas library's double-tap (which misses on a busy machine)
$("network").addEventListener("dblclick", async (ev) => {
  const r = $("network").getBoundingClientRect();
  const id = network.getNodeAt({x: ev.clientX - r.left, y: ev.clientY - r.top});
  if (id === undefined) return;
  if (expanded.has(id) && id !== window.__focus) collapse(id); else await expand(id);
  html.dataset.expanded = [...expanded.keys()].join(" ");
});
// --- tooltips: a node's names, kind, country, links and quotes; a line's ties with their quotes ---------------------
// built with textContent from the inspector's answers (/api/entity, /api/ties), so a name is always text
const answers = new Map();
const cached = (url) => { if (!answers.has(url)) answers.set(url, getJson(url)); return answers.get(url); };
const short = (text, n) => (String(text).length > n ? String(text).slice(0, n - 1) + "…" : String(text));
let tipFor = null;
function placeTip(pointer) {
  const tip = $("tooltip"), box = $("network").getBoundingClientRect();
  tip.hidden = false;
  const x = box.left + pointer.x + 14, y = box.top + pointer.y + 14;
  tip.style.left = Math.max(0, Math.min(x, window.innerWidth - tip.offsetWidth - 4)) + "px";
  tip.style.top = Math.max(0, Math.min(y, window.innerHeight - tip.offsetHeight - 4)) + "px";
}
function quoteBlock(s) {
  const q = el("blockquote", "“" + short(s.quote, 300) + "”");
  q.append(el("div", "— " + s.title + (s.publisher ? ", " + s.publisher : ""), "muted"));
  return q;
}
async function nodeTip(id, pointer) {
  const key = "n|" + id; tipFor = key;
  const n = nodeInfo.get(id) || {id};
  const tip = $("tooltip");
  const other = lang === "uk" ? n.name_en : n.name_uk;
  tip.replaceChildren(el("div", label(n), "name"));
  if (other && other !== label(n)) tip.append(el("div", other));
  const item = nodes.get(id) || {};
  tip.append(el("div", [term(n.kind), n.country && countryName(n.country), `${item.degree || 0} ${t("links")}`].filter(Boolean).join(" · "), "muted"));
  placeTip(pointer);
  const data = await cached("/api/entity/" + encodeURIComponent(id));
  if (tipFor !== key || !data || data.error) return;
  const quotes = [...(data.sources || []), ...(data.ties || []).flatMap((x) => x.sources)].filter((s) => s.quote);
  for (const s of quotes.slice(0, 2)) tip.append(quoteBlock(s));
  placeTip(pointer);
  html.dataset.tooltip = key;
}
async function edgeTip(eid, pointer) {
  const e = edges.get(eid); if (!e) return;
  const key = "e|" + eid; tipFor = key;
  const tip = $("tooltip");
  const name = (id) => label(nodeInfo.get(id) || {id});
  tip.replaceChildren(el("div", `${name(e.from)} — ${name(e.to)}`, "name"));
  if (!e.ties) { // a relation of the full stored graph
    tip.append(el("div", String(e.relation || "").split(", ").map(term).join(", "), "muted"));
    placeTip(pointer); html.dataset.tooltip = key; return;
  }
  placeTip(pointer);
  const ties = await cached("/api/ties/" + encodeURIComponent(e.from));
  if (tipFor !== key || !Array.isArray(ties)) return;
  const mine = ties.filter((x) => x.partner.id === e.to);
  for (const tie of mine.slice(0, 4)) {
    const head = el("div", [term(tie.kind), term(tie.status), tie.date].filter(Boolean).join(", "));
    if (tie.flags.length) head.append(" ", el("span", styles.flagBadge + " " + tie.flags.join(", "), "flag"));
    tip.append(head);
    const s = tie.sources.find((x) => x.quote); if (s) tip.append(quoteBlock(s));
  }
  if (mine.length > 4) tip.append(el("div", `+ ${mine.length - 4} ${t("more")}`, "muted"));
  placeTip(pointer);
  html.dataset.tooltip = key;
}
const hideTip = () => { tipFor = null; $("tooltip").hidden = true; };
network.on("hoverNode", (p) => nodeTip(p.node, p.pointer.DOM));
network.on("hoverEdge", (p) => edgeTip(p.edge, p.pointer.DOM));
for (const ev of ["blurNode", "blurEdge", "dragStart", "zoom"]) network.on(ev, hideTip);

network.on("click", (p) => {
  if (p.nodes.length === 1) inspect(p.nodes[0], false);
  else if (p.edges.length === 1) { const e = edges.get(p.edges[0]); if (e && e.ties) inspectTie(e.from, e.to); }
});

// --- the map: actors where they are, ties as lines, over Natural Earth's country outlines -------------------------
const mapNodes = new vis.DataSet();
const mapEdges = new vis.DataSet();
let mapData = null, basemap = null, mapNet = null;
const SCALE = 40; // canvas units per degree of longitude
const project = (lat, lon) => {
  const phi = Math.max(-80, Math.min(80, lat)) * Math.PI / 180;
  return {x: lon * SCALE, y: -Math.log(Math.tan(Math.PI / 4 + phi / 2)) * 180 / Math.PI * SCALE};
};
function drawBasemap(ctx) {
  if (!basemap) return;
  ctx.save();
  ctx.lineWidth = 1 / mapNet.getScale(); ctx.strokeStyle = "#9aa5b1"; ctx.fillStyle = "#f4f1ea";
  for (const c of basemap.countries) {
    ctx.beginPath();
    for (const ring of c.rings) {
      for (let i = 0; i < ring.length; i += 2) {
        const p = project(ring[i + 1], ring[i]);
        // a ring that crosses the antimeridian (Russia, Fiji) jumps across the map: lift the pen there
        if (i === 0 || Math.abs(ring[i] - ring[i - 2]) > 180) ctx.moveTo(p.x, p.y); else ctx.lineTo(p.x, p.y);
      }
      ctx.closePath();
    }
    ctx.fill("evenodd"); ctx.stroke();
  }
  ctx.restore();
}
async function openMap() {
  if (!mapNet) {
    [mapData, basemap] = await Promise.all([getJson("/api/map"), getJson("/static/basemap.json")]);
    for (const n of mapData.nodes) if (!nodeInfo.has(n.id)) nodeInfo.set(n.id, n);
    mapData.info = new Map(mapData.nodes.map((n) => [n.id, n]));
    mapNodes.add(mapData.nodes.map((n) => ({id: n.id, ...project(n.lat, n.lon), text: label(n), degree: n.degree,
      title: el("div", [n.name_uk, n.name_en, term(n.kind), countryName(n.country)].filter(Boolean).join(" · ")),
      color: colourOf(n), shape: "dot", size: Math.min(4 + Math.sqrt(n.degree || 1) * 2, 16)})));
    const pairs = new Map();
    mapData.ties.forEach((x) => { const id = [x.from, x.to].sort().join("|"); if (!pairs.has(id)) pairs.set(id, {id, from: x.from, to: x.to, ties: []}); pairs.get(id).ties.push(x); });
    mapData.pairs = [...pairs.values()];
    mapEdges.add(mapData.pairs.map((x) => ({id: x.id, from: x.from, to: x.to, ties: x.ties,
      dashes: x.ties.every((y) => isPending(y.status)), width: 1.5,
      color: {color: "#c0392b", opacity: mapData.pairs.length > 1000 ? 0.15 : 0.6}})));
    mapNet = new vis.Network($("map"), {nodes: mapNodes, edges: mapEdges}, {
      physics: {enabled: false}, interaction: {hover: true, keyboard: false, dragNodes: false},
      nodes: {borderWidth: 1}, edges: {smooth: false},
    });
    mapNet.on("beforeDrawing", drawBasemap);
    mapNet.on("afterDrawing", (ctx) => drawLabels(mapNet, mapNodes, ctx, window.__focus));
    mapNet.on("click", (p) => {
      if (p.nodes.length === 1) inspect(p.nodes[0], false);
      else if (p.edges.length === 1) { const e = mapEdges.get(p.edges[0]); inspectTie(e.from, e.to); }
    });
    mapNet.once("afterDrawing", () => { html.dataset.mapDrawn = "true"; });
  }
  drawMap();
  if (!html.dataset.mapFitted) { mapNet.fit({animation: false}); html.dataset.mapFitted = "true"; }
}
function drawMap() {
  if (!mapNet || !mapData) return;
  const vis = visibleGraph(mapData.nodes, mapData.pairs, null);
  const nu = mapNodes.get().filter((n) => Boolean(n.hidden) === vis.nodes.has(n.id)).map((n) => ({id: n.id, hidden: !vis.nodes.has(n.id)}));
  const eu = mapEdges.get().filter((e) => Boolean(e.hidden) === vis.ties.has(e.id)).map((e) => ({id: e.id, hidden: !vis.ties.has(e.id)}));
  if (nu.length) mapNodes.update(nu);
  if (eu.length) mapEdges.update(eu);
  recolour(mapNodes, mapNodes.getIds());
  const nTies = mapData.pairs.filter((x) => vis.ties.has(x.id)).reduce((k, x) => k + x.ties.filter(tiePasses).length, 0);
  $("map-counts").textContent = `${vis.nodes.size} / ${mapData.nodes.length} ${t("actors")} · ${nTies} / ${mapData.ties.length} ${t("tiesShown")} · ${mapData.unplaced} ${t("unplaced")}`;
  html.dataset.mapNodes = String(vis.nodes.size);
  html.dataset.mapTies = String(nTies);
  mapNet.redraw();
}

// --- the Cypher console: read-only, a row limit and a time-out on the server; results as a table and a graph -------
const consoleNodes = new vis.DataSet();
const consoleEdges = new vis.DataSet();
let consoleNet = null;
function cellText(v) {
  if (v === null || v === undefined) return "";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}
async function runCypher() {
  $("cypher-status").textContent = "…";
  const data = await getJson("/api/cypher", {method: "POST", headers: {"Content-Type": "application/json"},
                                             body: JSON.stringify({cypher: $("cypher").value})});
  const head = $("cypher-table").querySelector("thead"), body = $("cypher-table").querySelector("tbody");
  head.replaceChildren(); body.replaceChildren();
  consoleNodes.clear(); consoleEdges.clear();
  if (data.error) { $("cypher-status").textContent = data.error; html.dataset.cypher = "error"; return; }
  const tr = el("tr"); for (const c of data.columns) tr.append(el("th", c)); head.append(tr);
  for (const row of data.rows) { const r = el("tr"); for (const v of row) r.append(el("td", cellText(v))); body.append(r); }
  $("cypher-status").textContent = `${data.rows.length} ${t("rows")}` + (data.truncated ? ` (${t("truncated")})` : "");
  for (const n of data.graph.nodes) { nodeInfo.set(n.id, nodeInfo.get(n.id) || n); consoleNodes.add({id: n.id, text: label(n), color: colourOf(n), shape: "dot", size: 12, degree: 0}); }
  consoleEdges.add(data.graph.edges.map((e, i) => ({id: i, from: e.from, to: e.to, title: el("div", e.label)})));
  if (!consoleNet) {
    consoleNet = new vis.Network($("cypher-graph"), {nodes: consoleNodes, edges: consoleEdges}, {
      physics: {enabled: true, stabilization: {iterations: 100}}, interaction: {hover: true, keyboard: false},
      edges: {smooth: false, color: {opacity: 0.7}}});
    consoleNet.on("afterDrawing", (ctx) => drawLabels(consoleNet, consoleNodes, ctx, null));
    consoleNet.on("click", (p) => { if (p.nodes.length === 1) inspect(p.nodes[0], false); });
  }
  html.dataset.cypher = String(data.rows.length);
  html.dataset.cypherNodes = String(data.graph.nodes.length);
}
$("cypher-run").addEventListener("click", runCypher);

// "Save as file": the same view (the URL's parameters) as the offline page `partners viz` writes
$("save-file").addEventListener("click", () => {
  const a = el("a"); a.href = "/save?" + viewParams().toString(); a.download = ""; document.body.append(a); a.click(); a.remove();
});

// --- tabs -----------------------------------------------------------------------------------------------------------
async function showTab(name) {
  tab = name;
  for (const n of ["network", "map", "console"]) {
    $("tab-" + n).setAttribute("aria-selected", String(n === name));
    $("pane-" + n).hidden = n !== name;
  }
  if (name === "map") await openMap();
  html.dataset.tab = name;
  setUrl();
}

// --- the filter panel -----------------------------------------------------------------------------------------------
const countryName = (code) => { const c = countryNames[code]; return c ? label({...c, id: code}) : code; };
function fillCountries() {
  const sel = $("f-country");
  if (!sel) return;
  const codes = Object.keys(countryNames).sort((a, b) => countryName(a).localeCompare(countryName(b), lang));
  sel.replaceChildren();
  for (const code of codes) {
    const o = el("option", countryName(code)); o.value = code; o.selected = filters.countries.has(code); sel.append(o);
  }
}
function checkboxes(box, values, set, key) {
  box.replaceChildren();
  for (const v of values) {
    const lab = el("label"); const cb = el("input"); cb.type = "checkbox"; cb.value = v; cb.checked = set.has(v);
    cb.dataset.filter = key;
    cb.addEventListener("change", () => { if (cb.checked) set.add(v); else set.delete(v); applyFilters(); setUrl(); });
    lab.append(cb);
    if (key === "kind") { // the kind's colour and shape, as the network draws it, and how many are shown
      const st = styles.kinds[v] || styles.other;
      const sw = el("span", null, "swatch " + st.shape); sw.style.backgroundColor = st.color; lab.append(sw);
    }
    lab.append(" " + (key === "flag" ? v : term(v)));
    if (key === "kind") { const c = el("span", null, "count"); c.dataset.kind = v; lab.append(c); }
    box.append(lab);
  }
}
function fillFilters(styleKinds) {
  checkboxes($("f-kind"), Object.keys(styleKinds), filters.kinds, "kind");
  checkboxes($("f-status"), vocab.tieStatuses, filters.statuses, "status");
  checkboxes($("f-flag"), (window.__flags || []), filters.flags, "flag");
  $("f-colour").value = filters.colour;
}

$("more").addEventListener("click", () => { const id = $("more").dataset.id; expand(id, pending.get(id) || 0); });
$("back").addEventListener("click", () => { if (stepAt > 0) { stepAt--; inspect(steps[stepAt], true, false); } });
$("forward").addEventListener("click", () => { if (stepAt < steps.length - 1) { stepAt++; inspect(steps[stepAt], true, false); } });
$("full").addEventListener("change", () => {
  if (window.__focus) focusOn(window.__focus, false); else if (SNAP && SNAP.all) showAll();
  setUrl();
});
$("f-country").addEventListener("change", () => {
  filters.countries = new Set([...$("f-country").selectedOptions].map((o) => o.value)); applyFilters(); setUrl();
});
$("f-colour").addEventListener("change", () => { filters.colour = $("f-colour").value; applyFilters(); setUrl(); });
for (const n of ["network", "map", "console"]) $("tab-" + n).addEventListener("click", () => showTab(n));

let playing = null;
function play() {
  if (playing) { clearInterval(playing); playing = null; return; }
  const slider = $("until");
  slider.value = $("since").value;
  playing = setInterval(() => {
    slider.value = String(Number(slider.value) + 1); applyFilters(); setUrl();
    if (Number(slider.value) >= Number(slider.max)) { clearInterval(playing); playing = null; }
  }, 250);
}
for (const id of ["since", "until"]) $(id).addEventListener("input", () => { applyFilters(); setUrl(); });
$("undated").addEventListener("change", () => { applyFilters(); setUrl(); });
$("play").addEventListener("click", play);

let timer = null;
$("search").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => search($("search").value), 200); });
$("lang").addEventListener("change", async () => {
  lang = $("lang").value; await loadWords(); applyLang(); fillFilters(styles.kinds); setUrl();
  for (const ds of [nodes, mapNodes]) ds.update(ds.get().map((n) => ({id: n.id, text: label(nodeInfo.get(n.id) || n)})));
  if (mapNet) drawMap();
  if (window.__focus) inspect(window.__focus, true, false);
});
(async () => {
  const [st, countries, meta] = await Promise.all([getJson("/api/styles"), getJson("/api/countries"), getJson("/api/meta"), loadWords()]);
  styles = st; vocab = st.vocabulary; countryNames = countries; window.__flags = meta.flags;
  if (SNAP) { $("tab-console").hidden = true; $("share").hidden = true; html.dataset.offline = "true"; }
  if (SNAP && tab === "console") tab = "network";
  applyLang();
  fillFilters(styles.kinds);
  if (params.get("view") === "full") $("full").checked = true;
  const maxYear = String(new Date().getFullYear() + 5); // planned ties lie ahead
  for (const id of ["since", "until"]) { $(id).max = maxYear; $(id).min = String(Math.min(meta.first_year || 1990, 1990)); }
  $("since").value = params.get("since") || $("since").min;
  $("until").value = params.get("until") || maxYear;
  $("undated").checked = params.get("undated") !== "0";
  if (params.get("q")) { $("search").value = params.get("q"); await search(params.get("q")); }
  if (params.get("focus")) await inspect(params.get("focus"));
  else if (SNAP && SNAP.all) showAll();
  await showTab(tab);
  applyFilters();
  // drawn and interactive: the network drawn once more now that everything is in, and the browser has painted it
  // (window.__partnersReadyAt: milliseconds since navigation started, for tests and bench/viz.py)
  network.redraw();
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  window.__partnersReadyAt = performance.now();
  window.__partnersReady = true;
  html.dataset.ready = "true";
})();
window.partnersView = {network, nodes, edges}; // for tests: where a node is on the screen
