// Page de recherche : Pagefind (index découpé, chargé à la demande), facettes et adresse partageable.
// Tout le texte venant des rapports est inséré comme texte (jamais comme HTML), sauf les <mark> des extraits.

const FACETS = [
  ["pays", "Pays"],
  ["theme", "Thème"],
  ["programme", "Programme"],
  ["organisateur", "Organisateur"],
  ["annee", "Année"],
];
const PAGE_SIZE = 10;
const UNIT_LABELS = {
  lecon: "Leçon apprise",
  rec: "Recommandation",
  diff: "Difficulté",
  chiffre: "Chiffre clé",
  persp: "Perspective",
};

const root = new URL("..", import.meta.url);
const $ = (id) => document.getElementById(id);
const state = { q: "", filters: {}, results: [], shown: 0, token: 0 };
let pagefind;

function readUrl() {
  const params = new URLSearchParams(location.search);
  state.q = params.get("q") || "";
  state.filters = {};
  for (const [key] of FACETS) {
    const values = params.getAll(key);
    if (values.length) state.filters[key] = values;
  }
}

function writeUrl() {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [key] of FACETS) for (const v of state.filters[key] || []) params.append(key, v);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k in node) node[k] = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

function excerptNodes(excerpt) {
  // Pagefind marks the matched words with <mark>; keep those, and only text otherwise.
  const doc = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html");
  const out = [];
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") out.push(el("mark", {}, node.textContent));
    else out.push(document.createTextNode(node.textContent));
  }
  return out;
}

function passageAt(anchors, location) {
  // The unit (lesson, recommendation…) or paragraph that holds a word position.
  let best = null;
  let lastBlock = null;
  for (const a of anchors) {
    if (a.location > location) break;
    if (!/^(b\d+|(lecon|rec|diff|chiffre|persp)-[0-9a-f]+(-\d+)?(-fin)?)$/.test(a.id)) continue;
    if (a.id.endsWith("-fin")) { best = lastBlock; continue; } // past a cited sentence: back to its paragraph
    if (a.id.startsWith("b")) lastBlock = a;
    if (!best || a.location > best.location || (a.location === best.location && !a.id.startsWith("b"))) best = a;
  }
  return best;
}

function passageOf(data) {
  // The passage holding the most matched words; a cited unit wins a tie, then the earliest passage.
  const anchors = [...(data.anchors || [])].sort((a, b) => a.location - b.location);
  const score = new Map();
  for (const loc of data.locations || []) {
    const a = passageAt(anchors, loc);
    if (a) score.set(a, (score.get(a) || 0) + 1);
  }
  let best = null;
  for (const [a, n] of score) {
    const unit = !a.id.startsWith("b");
    const key = [n, unit ? 1 : 0, -a.location];
    if (!best || key[0] > best.key[0] || (key[0] === best.key[0] && (key[1] > best.key[1]
        || (key[1] === best.key[1] && key[2] > best.key[2])))) best = { a, key };
  }
  return best && best.a;
}

function renderFacets(counts) {
  const box = $("kb-facettes");
  box.replaceChildren();
  for (const [key, label] of FACETS) {
    const values = { ...(counts[key] || {}) };
    for (const v of state.filters[key] || []) if (!(v in values)) values[v] = 0;
    const names = Object.keys(values).sort((a, b) =>
      key === "annee" ? b.localeCompare(a) : values[b] - values[a] || a.localeCompare(b, "fr"));
    if (!names.length) continue;
    const fieldset = el("fieldset", { class: "kb-facette" }, el("legend", {}, label));
    for (const name of names) {
      const id = `kb-f-${key}-${names.indexOf(name)}`;
      const input = el("input", { type: "checkbox", id, value: name });
      input.checked = (state.filters[key] || []).includes(name);
      input.addEventListener("change", () => {
        const set = new Set(state.filters[key] || []);
        input.checked ? set.add(name) : set.delete(name);
        if (set.size) state.filters[key] = [...set];
        else delete state.filters[key];
        run();
      });
      fieldset.append(el("div", { class: "kb-facette__choix" }, input,
        el("label", { htmlFor: id }, `${name} `, el("span", { class: "kb-compte" }, `(${values[name]})`))));
    }
    box.append(fieldset);
  }
}

async function renderMore() {
  const slice = state.results.slice(state.shown, state.shown + PAGE_SIZE);
  const token = state.token;
  const items = await Promise.all(slice.map((r) => r.data()));
  if (token !== state.token) return;
  for (const data of items) {
    const passage = passageOf(data);
    const href = passage ? `${data.url}#${passage.id}` : data.url;
    const kind = passage && UNIT_LABELS[passage.id.split("-")[0]];
    const meta = [data.meta.pays, data.meta.date, data.meta.organisateur].filter(Boolean).join(" · ");
    $("kb-resultats").append(el("li", { class: "kb-resultat" },
      el("a", { class: "kb-resultat__titre", href }, data.meta.title || data.url),
      el("div", { class: "kb-resultat__meta" }, meta),
      kind ? el("div", { class: "kb-resultat__unite" }, `Trouvé dans : ${kind}`) : "",
      el("p", { class: "kb-resultat__extrait" }, ...excerptNodes(data.excerpt || ""))));
  }
  state.shown += slice.length;
  $("kb-plus").hidden = state.shown >= state.results.length;
}

async function run() {
  writeUrl();
  const token = ++state.token;
  const filters = {};
  for (const [key, values] of Object.entries(state.filters)) filters[key] = { any: values };
  const hasFilters = Object.keys(filters).length > 0;
  $("kb-resultats").replaceChildren();
  $("kb-plus").hidden = true;
  if (!state.q && !hasFilters) {
    renderFacets(state.allFilters);
    $("kb-etat").textContent = "Saisissez des mots, ou choisissez un filtre pour parcourir les rapports.";
    return;
  }
  $("kb-etat").textContent = "Recherche en cours…";
  const search = await pagefind.search(state.q || null, { filters, sort: state.q ? undefined : { date: "desc" } });
  if (token !== state.token || !search) return;
  state.results = search.results;
  state.shown = 0;
  // A facet in use shows the counts it would have without its own choice, so other values stay reachable.
  const counts = { ...search.filters };
  for (const key of Object.keys(state.filters)) counts[key] = (search.totalFilters || {})[key] || counts[key];
  renderFacets(counts);
  await renderMore();
  if (token !== state.token) return;
  const n = search.results.length;
  const what = state.q ? ` pour « ${state.q} »` : "";
  $("kb-etat").textContent = n === 0 ? `Aucun rapport trouvé${what}.`
    : `${n} rapport${n > 1 ? "s" : ""} trouvé${n > 1 ? "s" : ""}${what}.`;
}

async function main() {
  readUrl();
  $("kb-q").value = state.q;
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
    await pagefind.init();
    state.allFilters = await pagefind.filters(); // also makes searches return filter counts
  } catch (err) {
    $("kb-etat").textContent = "L'index de recherche est introuvable : lancez « python -m build_scripts site ».";
    throw err;
  }
  let timer;
  $("kb-q").addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.q = $("kb-q").value.trim(); run(); }, 250);
  });
  $("kb-formulaire").addEventListener("submit", (event) => {
    event.preventDefault();
    state.q = $("kb-q").value.trim();
    run();
  });
  $("kb-plus").addEventListener("click", renderMore);
  await run();
}

main();
