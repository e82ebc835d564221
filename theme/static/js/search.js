// Layar search: enhances /{lang}/search/ with Pagefind, served from the same origin.
// Without JavaScript the page keeps a plain form and links to browse the site instead.
// Pagefind picks the index of the page's <html lang> (id, nl or en).
const $ = (id) => document.getElementById(id);
const strings = $("search-strings").dataset;
const form = $("search-form");
const input = $("q");
const statusBox = $("search-status");
const list = $("search-results");
const filterBox = $("search-filters");
const groups = $("filter-groups");
const FILTERS = { kind: strings.filterKind, topic: strings.filterTopic, language: strings.filterLanguage };
const PAGE = 10;
let pagefind = null;
let results = [];
let shown = 0;
let seq = 0;
let timer = 0;

function say(text) { statusBox.textContent = text; }
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
}

async function load() {
  if (!pagefind) {
    const bundle = new URL(strings.bundle, location.href);
    pagefind = await import(bundle.href + "pagefind.js");
    await pagefind.options({ baseUrl: new URL("..", bundle).pathname, excerptLength: 26 });
    await pagefind.init();
  }
  return pagefind;
}

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) node.append(child);
  return node;
}

// Pagefind excerpts are escaped text with <mark> around matches: keep only those.
function excerpt(html) {
  const tpl = document.createElement("template");
  tpl.innerHTML = html;
  const out = el("p", { className: "excerpt" });
  for (const node of tpl.content.childNodes) {
    if (node.nodeName === "MARK") out.append(el("mark", { textContent: node.textContent }));
    else out.append(node.textContent);
  }
  return out;
}

function selected() {
  const chosen = {};
  for (const name of Object.keys(FILTERS)) {
    const values = [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
    if (values.length) chosen[name] = { any: values };
  }
  return chosen;
}

async function buildFilters(params) {
  const available = await pagefind.filters();
  groups.textContent = "";
  for (const [name, label] of Object.entries(FILTERS)) {
    const values = Object.entries(available[name] || {}).sort((a, b) => a[0].localeCompare(b[0], strings.lang));
    if (!values.length) continue;
    const ul = el("ul");
    let anyChecked = false;
    values.forEach(([value, count], i) => {
      const id = `f-${name}-${i}`;
      const checked = params.getAll(name).includes(value);
      anyChecked = anyChecked || checked;
      const box = el("input", { type: "checkbox", name, value, id, checked });
      ul.append(el("li", null, el("label", { htmlFor: id }, box, `${value} (${count})`)));
    });
    const group = el("fieldset", { className: "filter-group" }, el("legend", { textContent: label }));
    if (values.length > 8) {
      // Long lists (subjects) start folded, unless one of them is chosen.
      group.firstChild.className = "visually-hidden";
      group.append(el("details", { open: anyChecked }, el("summary", { textContent: `${label} (${values.length})` }), ul));
    } else {
      group.append(ul);
    }
    groups.append(group);
  }
  filterBox.hidden = !groups.childElementCount;
}

async function renderMore() {
  const batch = results.slice(shown, shown + PAGE);
  const mine = seq;
  const data = await Promise.all(batch.map((r) => r.data()));
  if (mine !== seq) return;
  for (const d of data) {
    const title = (d.meta && d.meta.title) || d.url;
    const item = el("li", null, el("h2", null, el("a", { href: d.url, textContent: title })));
    item.append(excerpt(d.excerpt || ""));
    const facts = [];
    if (d.filters && d.filters.kind) facts.push(d.filters.kind.join(", "));
    if (d.meta && d.meta.date) facts.push(d.meta.date);
    if (facts.length) item.append(el("p", { className: "meta", textContent: facts.join(" · ") }));
    list.append(item);
  }
  shown += batch.length;
  const more = $("search-more");
  if (more) more.remove();
  if (shown < results.length) {
    const button = el("button", { type: "button", id: "search-more", className: "search-more", textContent: strings.more });
    button.addEventListener("click", () => renderMore());
    list.after(button);
  }
}

async function run() {
  const query = input.value.trim();
  const filters = selected();
  const mine = ++seq;
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, f] of Object.entries(filters)) f.any.forEach((v) => params.append(name, v));
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  list.textContent = "";
  list.hidden = true;
  shown = 0;
  const more = $("search-more");
  if (more) more.remove();
  if (!query && !Object.keys(filters).length) { say(""); return; }
  say(strings.searching);
  try {
    await load();
    const search = await pagefind.search(query || null, { filters });
    if (mine !== seq) return;
    results = search.results;
    const n = results.length;
    const template = n === 0 ? strings.none : n === 1 ? strings.one : strings.many;
    say(fill(template, { count: n.toLocaleString(strings.lang), query }));
    list.hidden = n === 0;
    await renderMore();
  } catch (err) {
    if (mine === seq) { say(strings.error); $("search-fallback").hidden = false; }
  }
}

async function start() {
  $("search-fallback").hidden = true;
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); run(); });
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 250); });
  form.addEventListener("change", (e) => { if (e.target.type === "checkbox") run(); });
  try {
    await load();
    await buildFilters(params);
  } catch (err) {
    say(strings.error);
    $("search-fallback").hidden = false;
    return;
  }
  if (input.value || [...params.keys()].some((k) => k in FILTERS)) run();
}

start();
