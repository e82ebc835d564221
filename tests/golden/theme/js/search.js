// Layar search: enhances /{lang}/search/ with Pagefind, served from the same origin.
// The form and its filters are plain HTML (rendered at build time); without JavaScript the
// page offers links to browse instead.  Pagefind picks the index of <html lang>.
const $ = (id) => document.getElementById(id);
const strings = $("search-strings").dataset;
const form = $("search-form");
const input = $("q");
const statusBox = $("search-status");
const list = $("search-results");
const FILTERS = ["kind", "language", "topic"];
const PAGE = 10;
let pagefind = null;
let results = [];
let shown = 0;
let seq = 0;
let timer = 0;

const say = (text) => { statusBox.textContent = text; };
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));

function el(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props || {});
  node.append(...children);
  return node;
}

async function load() {
  if (!pagefind) {
    const bundle = new URL(strings.bundle, location.href);
    const module = await import(bundle.href + "pagefind.js");
    await module.options({ baseUrl: new URL("..", bundle).pathname, excerptLength: 26 });
    await module.init();
    pagefind = module;
  }
  return pagefind;
}

// Pagefind excerpts are escaped text with <mark> around matches: keep only those.
function excerpt(html) {
  const tpl = document.createElement("template");
  tpl.innerHTML = html;
  const out = el("p", { className: "excerpt" });
  for (const node of tpl.content.childNodes) {
    out.append(node.nodeName === "MARK" ? el("mark", { textContent: node.textContent }) : node.textContent);
  }
  return out;
}

function chosenFilters() {
  const chosen = {};
  for (const name of FILTERS) {
    const values = [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
    if (values.length) chosen[name] = { any: values };
  }
  return chosen;
}

function clearMore() {
  const more = $("search-more");
  if (more) more.remove();
}

async function renderMore() {
  const mine = seq;
  const batch = results.slice(shown, shown + PAGE);
  const data = await Promise.all(batch.map((r) => r.data()));
  if (mine !== seq) return;
  for (const d of data) {
    const title = (d.meta && d.meta.title) || d.url;
    const item = el("li", null, el("h2", null, el("a", { href: d.url, textContent: title })), excerpt(d.excerpt || ""));
    const facts = [];
    if (d.filters && d.filters.kind) facts.push(d.filters.kind.join(", "));
    if (d.meta && d.meta.date) facts.push(d.meta.date);
    if (facts.length) item.append(el("p", { className: "meta", textContent: facts.join(" · ") }));
    list.append(item);
  }
  shown += batch.length;
  clearMore();
  if (shown < results.length) {
    const button = el("button", { type: "button", id: "search-more", className: "search-more", textContent: strings.more });
    button.addEventListener("click", () => {
      const next = list.children.length;
      renderMore().then(() => { const a = list.children[next] && list.children[next].querySelector("a"); if (a) a.focus(); });
    });
    list.after(button);
  }
}

async function run() {
  const query = input.value.trim();
  const filters = chosenFilters();
  const mine = ++seq;
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, f] of Object.entries(filters)) f.any.forEach((v) => params.append(name, v));
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
  list.textContent = "";
  list.hidden = true;
  shown = 0;
  clearMore();
  if (!query && !Object.keys(filters).length) { say(""); return; }
  say(strings.searching);
  try {
    await load();
    const found = await pagefind.search(query || null, { filters });
    if (mine !== seq) return;
    results = found.results;
    const n = results.length;
    const count = n.toLocaleString(strings.lang);
    if (!query) say(fill(strings.filtered, { count }));
    else say(fill(n === 0 ? strings.none : n === 1 ? strings.one : strings.many, { count, query }));
    list.hidden = n === 0;
    await renderMore();
  } catch (err) {
    if (mine === seq) say(strings.error);
  }
}

function start() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  let anyChecked = false;
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = params.getAll(box.name).includes(box.value);
    anyChecked = anyChecked || box.checked;
  }
  if (anyChecked) form.querySelector("details").open = true;
  form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); run(); });
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 250); });
  form.addEventListener("change", (e) => { if (e.target.type === "checkbox") run(); });
  if (input.value || anyChecked) run();
  else load().catch(() => say(strings.error)); // warm up while the reader types
}

start();
