// The explorer page of `partners serve`. Every text from the data goes into the DOM with textContent, never as markup.
"use strict";
// UI strings, one table per language (to move into the report catalogues later).
const STRINGS = {
  uk: {title: "Граф партнерств", language: "Мова", find: "Пошук", placeholder: "назва українською чи англійською, псевдонім, id",
       ties: "Партнерські зв'язки", partner: "Партнер", kind: "Вид", status: "Статус", date: "Дата", flags: "Позначки",
       linked: "Угоди, проєкти, донори, показники", sources: "Джерела", ambiguous: "Кілька збігів — оберіть:",
       unknown: "Нічого не знайдено.", back: "Назад", forward: "Вперед", fullGraph: "Увесь граф",
       hint: "Подвійний клік по вузлу розгортає або згортає його сусідів.", more: "ще", shown: "показано",
       until: "Дата не пізніше", play: "Відтворити", undated: "Зв'язки без дати", suggest: "Не знайдено; можливо, ви мали на увазі:", found: "Знайдено:", none: "немає", noTies: "Партнерських зв'язків немає."},
  en: {title: "Partnership Graph", language: "Language", find: "Find", placeholder: "name in English or Ukrainian, alias, id",
       ties: "Partnership ties", partner: "Partner", kind: "Kind", status: "Status", date: "Date", flags: "Flags",
       linked: "Agreements, projects, donors, figures", sources: "Sources", ambiguous: "Several matches — pick one:",
       unknown: "Nothing found.", back: "Back", forward: "Forward", fullGraph: "Full graph",
       hint: "Double-click a node to expand or collapse its neighbours.", more: "more", shown: "shown",
       until: "Dated up to", play: "Play", undated: "Undated ties", suggest: "Not found; did you mean:", found: "Found:", none: "none", noTies: "No partnership ties."},
};
const params = new URLSearchParams(location.search);
let lang = STRINGS[params.get("lang")] ? params.get("lang") : "uk";
const $ = (id) => document.getElementById(id);
const t = (key) => STRINGS[lang][key];
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = String(text); if (cls) e.className = cls; return e; };
const label = (n) => (lang === "uk" ? (n.name_uk || n.name_en) : (n.name_en || n.name_uk)) || n.label || n.id;

function applyLang() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-t]").forEach((e) => { e.textContent = t(e.dataset.t); });
  $("search").placeholder = t("placeholder");
  $("lang").value = lang;
}

function setUrl() {
  const p = new URLSearchParams();
  p.set("lang", lang);
  if ($("search").value) p.set("q", $("search").value);
  if (window.__focus) p.set("focus", window.__focus);
  if ($("full").checked) p.set("view", "full");
  if ($("until").value !== $("until").max) p.set("until", $("until").value);
  if (!$("undated").checked) p.set("undated", "0");
  history.replaceState(null, "", "?" + p.toString());
}

async function getJson(url) {
  const r = await fetch(url, {credentials: "same-origin"});
  return r.json();
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
    li.append(entityButton(n), el("span", " " + (n.kind || "") + (n.country ? " · " + n.country : ""), "muted"));
    out.append(li);
  }
  document.documentElement.dataset.searched = text;
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

async function inspect(id, refocus = true, record = true) {
  if (refocus) { window.__focus = id; await focusOn(id, record); }
  const data = await getJson("/api/entity/" + encodeURIComponent(id));
  if (data.error) { $("search-status").textContent = data.error; return; }
  $("inspector").hidden = false;
  $("entity-name").textContent = label(data.node);
  $("entity-meta").textContent = [data.node.kind, data.node.country, data.node.name_uk, data.node.name_en, data.node.id].filter(Boolean).join(" · ");
  const body = $("ties").querySelector("tbody");
  body.replaceChildren();
  if (!data.ties.length) { const tr = el("tr"); const td = el("td", t("noTies")); td.colSpan = 5; tr.append(td); body.append(tr); }
  for (const tie of data.ties) {
    const tr = el("tr");
    const who = el("td"); who.append(entityButton(tie.partner));
    const flags = el("td"); for (const f of tie.flags) flags.append(el("span", f, "flag"));
    tr.dataset.date = tie.date || "";
    tr.append(who, el("td", tie.kind), el("td", tie.status || ""), el("td", tie.date || ""), flags);
    body.append(tr);
  }
  const linked = $("linked");
  linked.replaceChildren();
  for (const [kind, items] of Object.entries(data.linked)) {
    const p = el("p"); p.append(el("strong", kind + ": "));
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
  applyTime();
  setUrl();
  document.documentElement.dataset.inspected = id;
  document.documentElement.dataset.inspectedLang = lang;
}

// --- time: a tie is shown when its year is at most the slider's, or, undated, when "undated" is ticked ----------
const yearOf = (date) => { const m = /^(\d{4})/.exec(String(date || "")); return m ? Number(m[1]) : null; };
function inTime(date) {
  const y = yearOf(date);
  return y === null ? $("undated").checked : y <= Number($("until").value);
}
function applyTime() {
  $("until-label").textContent = $("until").value;
  let shownTies = 0;
  for (const tr of $("ties").querySelectorAll("tbody tr[data-date]")) {
    const ok = inTime(tr.dataset.date); tr.hidden = !ok; if (ok) shownTies++;
  }
  // only the edges whose visibility changes: an update restarts the layout, and a restart for nothing moves
  // nodes after the view was fitted (out of sight, under the pointer of a double-click on its way)
  const updates = edges.get().filter((e) => e.dates && Boolean(e.hidden) === e.dates.some(inTime))
    .map((e) => ({id: e.id, hidden: !e.dates.some(inTime)}));
  if (updates.length) { document.documentElement.dataset.stable = "false"; edges.update(updates); }
  document.documentElement.dataset.visibleTies = String(shownTies);
  document.documentElement.dataset.visibleEdges = String(edges.get().filter((e) => !e.hidden).length);
}
let playing = null;
function play() {
  if (playing) { clearInterval(playing); playing = null; return; }
  const slider = $("until");
  slider.value = slider.min;
  playing = setInterval(() => {
    slider.value = String(Number(slider.value) + 1); applyTime(); setUrl();
    if (Number(slider.value) >= Number(slider.max)) { clearInterval(playing); playing = null; }
  }, 250);
}

// --- the network: focus, expand on double-click, collapse, back/forward -----------------------------------------
let styles = {kinds: {}, other: {color: "#97C2FC", shape: "dot"}};
const nodes = new vis.DataSet();
const edges = new vis.DataSet();
const expanded = new Map(); // id -> ids of the neighbours its expansion added
const pending = new Map(); // id -> offset of the next page ("N more")
const steps = []; let stepAt = -1;
const network = new vis.Network($("network"), {nodes, edges}, {
  physics: {enabled: true, stabilization: {iterations: 150}, barnesHut: {springLength: 140}},
  interaction: {hover: true, keyboard: false},
  nodes: {font: {size: 14, strokeWidth: 3, strokeColor: "#ffffff"}, scaling: {label: {drawThreshold: 6}}},
  edges: {smooth: false, color: {opacity: 0.8}, font: {size: 10, strokeWidth: 2}},
});
// the layout has settled: tests (and users) can aim at a node. Every (re)start of the layout clears the flag, so
// it never claims a settled layout while nodes still move.
let fitNext = false;
network.on("startStabilizing", () => { document.documentElement.dataset.stable = "false"; });
network.on("stabilized", () => {
  if (fitNext) { network.fit({animation: false}); fitNext = false; } // a new focus: show all of it
  document.documentElement.dataset.stable = "true";
});
const viewName = () => ($("full").checked ? "full" : "partners");

function addNode(n) {
  const st = styles.kinds[n.kind] || styles.other;
  const item = {id: n.id, label: label(n), title: el("div", [n.name_uk, n.name_en, n.kind].filter(Boolean).join(" · ")),
                color: st.color, shape: st.shape, size: 14};
  if (nodes.get(n.id)) nodes.update(item); else nodes.add(item);
}

async function expand(id, offset = 0) {
  const data = await getJson(`/api/neighbourhood/${encodeURIComponent(id)}?view=${viewName()}&offset=${offset}`);
  if (data.error) return;
  document.documentElement.dataset.stable = "false";
  addNode(data.center);
  const added = expanded.get(id) || [];
  for (const n of data.nodes) { if (!nodes.get(n.id)) added.push(n.id); addNode(n); }
  for (const e of data.edges) {
    const eid = [e.from, e.to].sort().join("|");
    if (!edges.get(eid)) edges.add({id: eid, from: e.from, to: e.to, title: el("div", e.label), dates: e.dates,
                                    width: Math.min(1 + (e.weight || 1) / 2, 5)});
  }
  expanded.set(id, added);
  if (data.more > 0) pending.set(id, offset + data.nodes.length); else pending.delete(id);
  showMore(id, data.more);
  applyTime();
  counts();
}

function showMore(id, more) {
  const b = $("more");
  b.hidden = !(more > 0);
  b.textContent = `+ ${more} ${t("more")}`;
  b.dataset.id = id;
}

function collapse(id) {
  document.documentElement.dataset.stable = "false"; // the layout restarts (on its next frame)
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
  $("graph-counts").textContent = `${nodes.length} · ${edges.length} ${t("shown")}`;
  document.documentElement.dataset.nodes = String(nodes.length);
}

async function focusOn(id, record = true) {
  nodes.clear(); edges.clear(); expanded.clear(); pending.clear();
  fitNext = true;
  await expand(id);
  if (record) { steps.splice(stepAt + 1); steps.push(id); stepAt = steps.length - 1; }
  $("back").disabled = stepAt <= 0; $("forward").disabled = stepAt >= steps.length - 1;
  network.selectNodes([id]);
}

// the browser's own dblclick event, not the canvas library's double-tap (which misses on a busy machine)
$("network").addEventListener("dblclick", async (ev) => {
  const r = $("network").getBoundingClientRect();
  const id = network.getNodeAt({x: ev.clientX - r.left, y: ev.clientY - r.top});
  if (id === undefined) return;
  if (expanded.has(id) && id !== window.__focus) collapse(id); else await expand(id);
  document.documentElement.dataset.expanded = [...expanded.keys()].join(" ");
});
network.on("click", (p) => { if (p.nodes.length === 1) inspect(p.nodes[0], false); });
$("more").addEventListener("click", () => { const id = $("more").dataset.id; expand(id, pending.get(id) || 0); });
$("back").addEventListener("click", () => { if (stepAt > 0) { stepAt--; inspect(steps[stepAt], true, false); } });
$("forward").addEventListener("click", () => { if (stepAt < steps.length - 1) { stepAt++; inspect(steps[stepAt], true, false); } });
$("full").addEventListener("change", () => { if (window.__focus) focusOn(window.__focus, false); setUrl(); });

$("until").addEventListener("input", () => { applyTime(); setUrl(); });
$("undated").addEventListener("change", () => { applyTime(); setUrl(); });
$("play").addEventListener("click", play);

let timer = null;
$("search").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => search($("search").value), 200); });
$("lang").addEventListener("change", () => { lang = $("lang").value; applyLang(); setUrl(); if (window.__focus) inspect(window.__focus, true, false); });
applyLang();
(async () => {
  styles = await getJson("/api/styles");
  if (params.get("view") === "full") $("full").checked = true;
  $("until").max = String(new Date().getFullYear() + 5); // planned ties lie ahead
  $("until").value = params.get("until") || $("until").max;
  $("undated").checked = params.get("undated") !== "0";
  if (params.get("q")) { $("search").value = params.get("q"); await search(params.get("q")); }
  if (params.get("focus")) await inspect(params.get("focus"));
  document.documentElement.dataset.ready = "true";
})();
