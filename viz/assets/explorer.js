// The explorer page of `partners serve`. Every text from the data goes into the DOM with textContent, never as markup.
"use strict";
// UI strings, one table per language (to move into the report catalogues later).
const STRINGS = {
  uk: {title: "Граф партнерств", language: "Мова", find: "Пошук", placeholder: "назва українською чи англійською, псевдонім, id",
       ties: "Партнерські зв'язки", partner: "Партнер", kind: "Вид", status: "Статус", date: "Дата", flags: "Позначки",
       linked: "Угоди, проєкти, донори, показники", sources: "Джерела", ambiguous: "Кілька збігів — оберіть:",
       unknown: "Нічого не знайдено.", suggest: "Не знайдено; можливо, ви мали на увазі:", found: "Знайдено:", none: "немає", noTies: "Партнерських зв'язків немає."},
  en: {title: "Partnership Graph", language: "Language", find: "Find", placeholder: "name in English or Ukrainian, alias, id",
       ties: "Partnership ties", partner: "Partner", kind: "Kind", status: "Status", date: "Date", flags: "Flags",
       linked: "Agreements, projects, donors, figures", sources: "Sources", ambiguous: "Several matches — pick one:",
       unknown: "Nothing found.", suggest: "Not found; did you mean:", found: "Found:", none: "none", noTies: "No partnership ties."},
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

async function inspect(id) {
  window.__focus = id;
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
  setUrl();
  document.documentElement.dataset.inspected = id;
  document.documentElement.dataset.inspectedLang = lang;
}

let timer = null;
$("search").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => search($("search").value), 200); });
$("lang").addEventListener("change", () => { lang = $("lang").value; applyLang(); setUrl(); if (window.__focus) inspect(window.__focus); });
applyLang();
(async () => {
  if (params.get("q")) { $("search").value = params.get("q"); await search(params.get("q")); }
  if (params.get("focus")) await inspect(params.get("focus"));
  document.documentElement.dataset.ready = "true";
})();
