// Page de recherche : Pagefind (index découpé, chargé à la demande), facettes et adresse partageable.
// Ouverte depuis le disque (file://, version hors ligne), Pagefind ne peut pas tourner (modules ES et fetch()
// bloqués) : la recherche se fait alors dans javascripts/index-hors-ligne.js, chargé comme script classique.
// Tout le texte venant des rapports est inséré comme texte (jamais comme HTML), sauf les <mark> des extraits.
(function () {
  "use strict";

  const FACETS = [
    ["pays", "Pays"],
    ["theme", "Thème"],
    ["programme", "Programme"],
    ["organisateur", "Organisateur"],
    ["annee", "Année"],
    ["enonce", "Leçons et recommandations"],
  ];
  const PAGE_SIZE = 10;
  const EXCERPT_WORDS = 24;
  const UNIT_LABELS = {
    lecon: "Leçon apprise",
    rec: "Recommandation",
    diff: "Difficulté",
    chiffre: "Chiffre clé",
    persp: "Perspective",
  };
  const OFFLINE_INDEX = "javascripts/index-hors-ligne.js";

  const root = new URL("..", document.currentScript.src); // this file is <site>/javascripts/recherche.js
  const offline = location.protocol === "file:";
  const $ = (id) => document.getElementById(id);
  const SORTS = { recent: { date: "desc" }, ancien: { date: "asc" } };
  const state = { q: "", filters: {}, tri: "", de: "", a: "", exact: false, results: [], shown: 0, cursor: 0,
    token: 0, phrases: [], phraseText: [], hitFilters: [], searched: "", search: null };
  let engine;
  let lastSearched = ""; // the words the shown results are for (after a spelling correction, the corrected ones)

  function readUrl() {
    const params = new URLSearchParams(location.search);
    state.q = params.get("q") || "";
    state.tri = SORTS[params.get("tri")] ? params.get("tri") : "";
    state.de = /^\d{4}$/.test(params.get("de") || "") ? params.get("de") : "";
    state.a = /^\d{4}$/.test(params.get("a") || "") ? params.get("a") : "";
    state.exact = params.get("exact") === "1";
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
    if (state.tri) params.set("tri", state.tri);
    if (state.de) params.set("de", state.de);
    if (state.a) params.set("a", state.a);
    if (state.exact) params.set("exact", "1");
    const query = params.toString();
    try {
      history.replaceState(null, "", query ? `?${query}` : location.pathname);
    } catch (err) {
      // Some browsers refuse to change the address of a file:// page; the search still works.
    }
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
    // Matched words come inside <mark>; keep those, and only text otherwise.
    const doc = new DOMParser().parseFromString(`<p>${withoutMeanings(excerpt)}</p>`, "text/html");
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
    // With kinds of statement ticked in the facet, a statement of those kinds is the passage when one matched.
    const kinds = state.filters.enonce || [];
    if (kinds.length && [...score.keys()].some((a) => kinds.includes(UNIT_LABELS[a.id.split("-")[0]]))) {
      for (const a of [...score.keys()]) if (!kinds.includes(UNIT_LABELS[a.id.split("-")[0]])) score.delete(a);
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

  function stableId(key, name) {
    // The same facet value keeps the same id across redraws, so keyboard focus can be given back to it.
    let h = 0;
    for (const ch of name) h = (h * 31 + ch.codePointAt(0)) >>> 0;
    return `kb-f-${key}-${h.toString(36)}`;
  }

  function renderFacets(counts, note) {
    const box = $("kb-facettes");
    const focused = box.contains(document.activeElement) ? document.activeElement.id : null;
    box.replaceChildren();
    if (note) box.append(el("p", { class: "kb-facettes__note" }, note));
    for (const [key, label] of FACETS) {
      const values = { ...(counts[key] || {}) };
      for (const v of state.filters[key] || []) if (!(v in values)) values[v] = 0;
      const chosen = state.filters[key] || [];
      // A value with no result is left out, unless it is ticked (so it can be unticked).
      const names = Object.keys(values).filter((v) => values[v] > 0 || chosen.includes(v)).sort((a, b) =>
        key === "annee" ? b.localeCompare(a) : values[b] - values[a] || a.localeCompare(b, "fr"));
      if (!names.length) continue;
      const fieldset = el("fieldset", { class: "kb-facette" }, el("legend", {}, label));
      for (const name of names) {
        const id = stableId(key, name);
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
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
    filterLabel();
  }

  function filterLabel() {
    const active = Object.values(state.filters).reduce((n, v) => n + v.length, 0);
    $("kb-filtrer").textContent = active ? `Filtrer (${active})` : "Filtrer";
  }

  // --- "Vouliez-vous dire …": a word the corpus does not know is replaced by the nearest word it knows ---------

  let knownWords; // Map folded word -> number of reports using it; null when it cannot be had

  async function corpusWords() {
    if (knownWords !== undefined) return knownWords;
    try {
      knownWords = engine.words ? await engine.words() : await fetchWords();
    } catch (err) {
      knownWords = null; // no suggestion, the search itself still works
    }
    return knownWords;
  }

  async function fetchWords() {
    const response = await fetch(new URL("recherche-mots.json", root));
    if (!response.ok) return null;
    const data = await response.json();
    const list = data.mots ? data.mots.split(" ") : [];
    return new Map(list.map((w, i) => [w, data.n[i] || 1]));
  }

  function distance(a, b, limit) {
    // Optimal string alignment distance (a swap of two letters counts one), or limit + 1 once it is over.
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let prev2 = null;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let low = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        row.push(d);
        low = Math.min(low, d);
      }
      if (low > limit) return limit + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  function nearest(word, words) {
    // The known word closest to an unknown one (one edit for a short word, two for a long one), the most
    // widely used first among equals; null when the word is known, short, or nothing is near.
    if (word.length < 4 || /\d/.test(word) || words.has(word)) return null;
    const limit = word.length <= 5 ? 1 : 2;
    let best = null;
    for (const [known, n] of words) {
      const d = distance(word, known, limit);
      if (d <= limit && (!best || d < best.d || (d === best.d && n > best.n))) best = { word: known, d, n };
    }
    return best && best.word;
  }

  let knownStems; // the stems of the corpus words: another form of a known word is known (the engine stems too)

  function isKnown(word, words) {
    if (words.has(word)) return true;
    if (!knownStems) knownStems = new Set([...words.keys()].map(stem));
    return knownStems.has(stem(word));
  }

  function checkWords(query, words) {
    // The words of a query the corpus does not know (four letters or more: shorter ones may be acronyms),
    // and the query with each replaced by its nearest known word (null when none has a near word).
    const result = { unknown: 0, total: 0, better: null };
    if (!words || !words.size) return result;
    let changed = false;
    const better = query.replace(/[\p{L}\p{N}]+/gu, (w) => {
      const folded = fold(w);
      if (folded.length < 4 || /\d/.test(folded)) return w;
      result.total += 1;
      if (isKnown(folded, words)) return w;
      result.unknown += 1;
      const near = nearest(folded, words);
      if (!near) return w;
      changed = true;
      return near;
    });
    if (changed) result.better = better;
    return result;
  }

  function showSuggestion(kind, shown, other) {
    // kind "instead": results are for `shown`, a link offers the words as typed; "maybe": a link offers `shown`.
    const box = $("kb-suggestion");
    const link = (q, extra) => {
      const params = new URLSearchParams(location.search);
      params.set("q", q);
      if (extra) params.set("exact", "1"); else params.delete("exact");
      return el("a", { href: `?${params}` }, q);
    };
    if (kind === "instead") {
      box.replaceChildren("Résultats pour « ", el("strong", {}, shown), " ». Rechercher plutôt « ",
        link(other, true), " » ?");
    } else {
      box.replaceChildren("Vouliez-vous dire « ", link(shown, false), " » ?");
    }
    box.hidden = false;
  }

  // --- Quoted phrases: the engine is asked for the words, then each hit's text is checked for the phrase ------

  const QUOTED = /"([^"]*)"|«\s*([^»]*?)\s*»|“([^”]*)”/g;
  // Small words the engine is not asked for inside a phrase (the phrase check still requires them): they are in
  // every report, and their part of the index is the largest to download.
  const SMALL_WORDS = new Set(["a", "au", "aux", "c", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le",
    "les", "n", "ou", "par", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sur", "un", "une"]);
  const BREAK = /[.;:!?()[\]{}«»"“”…,⁅⁆]/; // punctuation a phrase does not run across (unless it holds it too)
  // An acronym's meaning, indexed beside it but not written in the report, comes between ⁅ ⁆ (htmltext.py).
  const MEANING = /⁅[^⁆]*⁆/g;
  const PHRASE_BATCH = 6; // fragments asked for at once while looking for a phrase
  const PHRASE_ROUND = 30; // reports checked per round before asking to go on (a phone on a slow network)

  function parseQuery(q) {
    // {phrases: [[token…]…], text: the phrases' words as typed, engine: what the engine is asked for}
    const phrases = [];
    const shown = [];
    const engineWords = [];
    const rest = q.replace(QUOTED, (...m) => {
      const inner = (m[1] ?? m[2] ?? m[3] ?? "").trim();
      const tokens = phraseTokens(inner);
      const words = tokens.filter((t) => t !== "|");
      if (words.length > 1) {
        phrases.push(tokens);
        shown.push(inner);
        const kept = words.filter((w) => !SMALL_WORDS.has(w));
        engineWords.push(...(kept.length ? kept : words));
      } else if (words.length) {
        engineWords.push(words[0]); // one word in quotes is a word
      }
      return " ";
    });
    const engine = [...engineWords, ...(rest.match(WORD) || [])].join(" ");
    return { phrases, shown, engine: phrases.length || engineWords.length ? engine : q };
  }

  function phraseTokens(text) {
    // Folded words, with "|" where punctuation breaks the run of words.
    const out = [];
    let at = 0;
    for (const m of text.matchAll(WORD)) {
      if (out.length && BREAK.test(text.slice(at, m.index))) out.push("|");
      out.push(fold(m[0]));
      at = m.index + m[0].length;
    }
    return out;
  }

  function contentTokens(data) {
    // The hit's text as folded words, each with the engine's word number (Pagefind numbers words split on white
    // space; the offline index numbers every word), and "|" tokens where punctuation breaks the text.
    if (data.kbTokens) return data.kbTokens;
    const text = data.content || "";
    const tokens = [];
    let at = 0;
    let spaceWord = 0;
    let wordCount = 0;
    const meanings = [...text.matchAll(MEANING)].map((m) => [m.index, m.index + m[0].length]);
    for (const m of text.matchAll(WORD)) {
      const between = text.slice(at, m.index);
      if (/\s/.test(between)) spaceWord += between.split(/\s+/).length - 1;
      if (tokens.length && BREAK.test(between)) tokens.push({ t: "|" });
      tokens.push({ t: fold(m[0]), loc: offline ? wordCount : spaceWord, start: m.index, end: m.index + m[0].length,
        x: meanings.some(([a, b]) => m.index > a && m.index < b) });
      wordCount += 1;
      at = m.index + m[0].length;
    }
    data.kbTokens = tokens;
    return tokens;
  }

  function findPhrases(data, phrases, all = false) {
    // Where each phrase first occurs in the hit's text ({start, end, loc}), or null when one is missing; with
    // `all`, every occurrence of every phrase (an empty list when none).
    const tokens = contentTokens(data);
    const found = [];
    for (const phrase of phrases) {
      let seen = false;
      for (let i = 0; i + phrase.length <= tokens.length; i++) {
        let j = 0;
        while (j < phrase.length && tokens[i + j].t === phrase[j] && !tokens[i + j].x) j++;
        if (j < phrase.length) continue;
        const run = tokens.slice(i, i + j).filter((t) => t.t !== "|");
        found.push({ start: run[0].start, end: run[run.length - 1].end, loc: run[0].loc });
        seen = true;
        if (!all) break;
      }
      if (!seen && !all) return null;
    }
    return found;
  }

  function phraseExcerpt(data, found) {
    // About EXCERPT_WORDS words of the hit's text around the first phrase, the phrases' words in <mark>
    // (as an HTML string, every text escaped, like the engine's excerpts).
    const text = data.content || "";
    const first = found.reduce((a, b) => (b.start < a.start ? b : a));
    const spaces = [...text.matchAll(/\s+/g)];
    let from = 0;
    let to = text.length;
    const before = spaces.filter((s) => s.index < first.start);
    if (before.length > 4) from = before[before.length - 4].index + before[before.length - 4][0].length;
    const after = spaces.filter((s) => s.index > from);
    if (after.length >= EXCERPT_WORDS) to = after[EXCERPT_WORDS - 1].index;
    let html = "";
    let at = from;
    const spans = found.filter((f) => f.start >= from && f.end <= to).sort((a, b) => a.start - b.start);
    for (const f of spans) {
      html += escapeHtml(text.slice(at, f.start));
      html += text.slice(f.start, f.end).split(/(\s+)/).map((part) => (/\S/.test(part)
        ? `<mark>${escapeHtml(part)}</mark>` : part)).join("");
      at = f.end;
    }
    return withoutMeanings(html + escapeHtml(text.slice(at, to)));
  }

  function withoutMeanings(excerpt) {
    // An excerpt without the acronyms' meanings the index holds (whole, or cut at either end of the excerpt).
    return excerpt.replace(MEANING, "").replace(/^[^⁅]*?⁆/, "").replace(/⁅[^⁆]*$/, "")
      .replace(/\(\s+/g, "(").replace(/ {2,}/g, " ");
  }

  function withoutQuotes(q) {
    return q.replace(QUOTED, (...m) => ` ${(m[1] ?? m[2] ?? m[3] ?? "").trim()} `).replace(/\s+/g, " ").trim();
  }

  // --- Is a word of the query missing from the corpus? Asked of the vocabulary only when the best hit lacks it --

  function unseenWords(query, data) {
    // True when a word of four letters or more of the query has no word of the same beginning in the best hit's
    // text: then (only then) the corpus vocabulary is fetched, to suggest a spelling.
    if (!data) return true;
    const seen = new Set(contentTokens(data).map((t) => t.t));
    const prefixes = new Set();
    for (const t of seen) for (let k = 4; k <= t.length; k++) prefixes.add(t.slice(0, k));
    return (withoutQuotes(query).match(WORD) || []).some((w) => {
      const f = fold(w);
      if (f.length < 4 || /\d/.test(f)) return false;
      return !prefixes.has(f.slice(0, Math.max(4, f.length - 3)));
    });
  }

  function yearFilter() {
    // The years of the chosen period (and of the ticked years, if any), as a filter on "annee";
    // null when no period is set.
    if (!state.de && !state.a) return null;
    const from = state.de || "0000";
    const to = state.a || "9999";
    const years = Object.keys((state.allFilters || {}).annee || {}).filter((y) => /^\d{4}$/.test(y) && y >= from && y <= to);
    const ticked = state.filters.annee;
    return ticked ? years.filter((y) => ticked.includes(y)) : years;
  }

  function dataOf(result) {
    // A hit's data (its fragment), asked for once.
    if (!result.kbData) result.kbData = result.data();
    return result.kbData;
  }

  async function renderMore() {
    // The next PAGE_SIZE hits, each drawn as soon as it and those before it are loaded. With a phrase, hits
    // whose text lacks it are skipped, PHRASE_ROUND reports at most per round.
    const token = state.token;
    const phrases = state.phrases;
    const limit = phrases.length ? Math.min(state.results.length, state.cursor + PHRASE_ROUND) : state.results.length;
    let added = 0;
    $("kb-resultats").setAttribute("aria-busy", "true"); // hits are drawn one by one: busy until the last
    $("kb-plus").hidden = true;
    while (added < PAGE_SIZE && state.cursor < limit) {
      const size = phrases.length ? PHRASE_BATCH : PAGE_SIZE - added;
      const batch = state.results.slice(state.cursor, Math.min(limit, state.cursor + size));
      const pending = batch.map(dataOf); // all asked for at once, drawn in order
      for (const p of pending) {
        const data = await p;
        if (token !== state.token) return;
        state.cursor += 1; // counted before drawing: a second click cannot add the same hit twice
        const found = phrases.length ? findPhrases(data, phrases) : null;
        if (phrases.length && !found) continue;
        drawHit(data, found);
        if (found) state.hitFilters.push(data.filters);
        added += 1;
        state.shown += 1;
        if (added === PAGE_SIZE) break;
      }
    }
    $("kb-resultats").setAttribute("aria-busy", "false");
    $("kb-plus").hidden = state.cursor >= state.results.length;
    if (phrases.length) $("kb-plus").textContent = "Chercher l'expression dans d'autres rapports";
    else $("kb-plus").textContent = "Afficher plus de résultats";
  }

  function drawHit(data, found) {
    let passage = passageOf(data);
    let excerpt = data.excerpt || "";
    if (found) {
      // The passage and the excerpt of a phrase are those of its first occurrence.
      const anchors = [...(data.anchors || [])].sort((a, b) => a.location - b.location);
      const first = found.reduce((a, b) => (b.start < a.start ? b : a));
      passage = passageAt(anchors, first.loc); // none when the phrase is in the title: the top of the page
      excerpt = phraseExcerpt(data, found);
    }
    const href = landing(data.url, passage && passage.id);
    const kind = passage && UNIT_LABELS[passage.id.split("-")[0]];
    const meta = [data.meta.pays, data.meta.date, data.meta.organisateur].filter(Boolean).join(" · ");
    const statement = kind ? statementOf(data, passage.id) : null;
    $("kb-resultats").append(el("li", { class: statement ? "kb-resultat kb-resultat--enonce" : "kb-resultat" },
      el("a", { class: "kb-resultat__titre", href }, data.meta.title || data.url),
      el("div", { class: "kb-resultat__meta" }, meta),
      kind ? el("div", { class: "kb-resultat__unite" }, `Trouvé dans : ${kind}`) : "",
      statement ? statementBlock(statement, excerpt, href)
        : el("p", { class: "kb-resultat__extrait" }, ...excerptNodes(excerpt))));
  }

  function landing(url, anchor) {
    // The address of a hit: its passage, with the searched words to light up on arrival (surligner.js).
    const words = lastSearched.trim();
    const query = words ? `?surligner=${encodeURIComponent(words)}` : "";
    return `${url}${query}${anchor ? `#${anchor}` : ""}`;
  }

  function marked(text, excerpt) {
    // The whole statement (a statement is short: no cut), with the words its excerpt marks in <mark>; with a
    // quoted phrase, the phrase's words where they stand together.
    const words = new Set([...excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].flatMap((m) => (m[1].match(WORD) || []).map(fold)));
    const spans = state.phrases.length ? findPhrases({ content: text }, state.phrases, true) : null;
    const inPhrase = (index) => spans.some((f) => index >= f.start && index < f.end);
    const out = [];
    let at = 0;
    for (const m of text.matchAll(WORD)) {
      if (spans ? !inPhrase(m.index) : !words.has(fold(m[0]))) continue;
      out.push(document.createTextNode(text.slice(at, m.index)), el("mark", {}, m[0]));
      at = m.index + m[0].length;
    }
    out.push(document.createTextNode(text.slice(at)));
    return out;
  }

  function statementOf(data, uid) {
    // The lesson, recommendation… a hit fell in, from the report's search metadata (what the basket needs).
    let units = {};
    try { units = JSON.parse(data.meta.enonces || "{}"); } catch (err) { units = {}; }
    // Each report's reference once, each statement's own data: panier.js composes the citations.
    if (units.units) units = window.kbComposer ? window.kbComposer(units) : {};
    const key = Object.keys(units).find((k) => k.endsWith(`#${uid}`));
    return key ? { unit: key, ...units[key] } : null;
  }

  function statementBlock(d, excerpt, href) {
    // The statement whole (it is short), the searched words marked, with "Citer" and "Ajouter au panier".
    const actions = el("span", { class: "kb-actions", "data-unit": d.unit });
    if (window.kbActions) window.kbActions(actions, { ...d, href: new URL(href.split("?")[0], location.href).href
      + (href.includes("#") ? `#${href.split("#")[1]}` : "") });
    return el("div", { class: "kb-resultat__bloc" },
      el("p", { class: "kb-resultat__extrait kb-resultat__enonce" }, "« ", ...marked(d.text || "", excerpt), " »"),
      actions);
  }

  async function run() {
    try {
      await runSearch();
    } catch (err) {
      $("kb-etat").textContent = "La recherche a échoué (index incomplet ou connexion interrompue) : rechargez la page.";
      throw err;
    }
  }

  async function runSearch() {
    writeUrl();
    filterLabel(); // the facets themselves may not be drawn (folded on a phone)
    const token = ++state.token;
    const filters = {};
    for (const [key, values] of Object.entries(state.filters)) filters[key] = { any: values };
    if ((state.de || state.a) && !state.allFilters) await loadFilters(); // a period needs the list of years
    if (token !== state.token) return;
    const years = yearFilter();
    if (years) filters.annee = { any: years.length ? years : ["\u0000aucune"] }; // an empty period finds nothing
    const hasFilters = Object.keys(filters).length > 0;
    $("kb-resultats").replaceChildren();
    $("kb-resultats").setAttribute("aria-busy", "true");
    $("kb-plus").hidden = true;
    $("kb-conseils").hidden = true;
    if (!state.q && !hasFilters) {
      state.search = null;
      $("kb-resultats").setAttribute("aria-busy", "false");
      $("kb-etat").textContent = "Saisissez des mots, ou choisissez un filtre pour parcourir les rapports.";
      await showFacets(token);
      return;
    }
    $("kb-etat").textContent = "Recherche en cours…";
    const sort = SORTS[state.tri] || (state.q ? undefined : SORTS.recent);
    state.engineFilters = filters;
    state.engineSort = sort;
    // The corpus vocabulary loads beside the search (not after it), for words the corpus does not know.
    const first = parseQuery(state.q);
    let search = await engine.search(state.q ? first.engine : null, { filters, sort });
    let searched = state.q;
    if (token !== state.token || !search) return;
    $("kb-suggestion").hidden = true;
    lastSearched = state.q;
    // A word the corpus may not know: the corpus vocabulary is fetched only when the best hit lacks a word of the
    // query (or nothing is found), not for every search.
    const best = state.q && !state.exact && search.results.length ? await dataOf(search.results[0]) : null;
    if (token !== state.token) return;
    if (state.q && !state.exact && unseenWords(state.q, best)) {
      const check = checkWords(state.q, await corpusWords());
      if (token !== state.token) return;
      if (check.better) {
        // A misspelt word: the search engine would drop it or match it loosely. The corrected query's results
        // are shown when there are some, with a link back to the words as typed; otherwise it is only offered.
        const other = await engine.search(parseQuery(check.better).engine, { filters, sort });
        if (token !== state.token) return;
        if (other && other.results.length) {
          search = other;
          searched = check.better;
          lastSearched = check.better;
          showSuggestion("instead", check.better, state.q);
        } else {
          showSuggestion("maybe", check.better);
        }
      } else if (check.unknown && check.unknown === check.total) {
        // No word of the query is in any report: what the engine found is a loose match of letters, not an answer.
        search = { ...search, results: [] };
      }
    }
    const query = parseQuery(searched);
    state.phrases = query.phrases;
    state.phraseText = query.shown;
    state.searched = searched;
    state.search = search;
    state.results = search.results;
    state.shown = 0;
    state.cursor = 0;
    state.hitFilters = [];
    if (!state.phrases.length) showCount();
    else $("kb-etat").textContent = "Recherche de l'expression exacte dans les rapports…";
    await renderMore();
    if (token !== state.token) return;
    showCount();
    await showFacets(token);
  }

  function plural(n, one, many) {
    return n > 1 ? many : one;
  }

  function showCount() {
    // The status line: how many reports, and for a phrase how many were checked.
    const n = state.phrases.length ? state.shown : state.results.length;
    const what = state.searched ? ` pour « ${state.searched} »` : "";
    let text;
    if (!state.phrases.length) {
      text = n === 0 ? `Aucun rapport trouvé${what}.` : `${n} ${plural(n, "rapport trouvé", "rapports trouvés")}${what}.`;
    } else {
      const phrase = state.phraseText.map((p) => `« ${p} »`).join(" et ");
      const exact = `${plural(state.phraseText.length, "l'expression exacte", "les expressions exactes")} ${phrase}`;
      const loose = state.results.length;
      if (state.cursor >= loose) {
        text = n === 0 ? `Aucun rapport ne contient ${exact}.`
          : `${n} ${plural(n, "rapport contient", "rapports contiennent")} ${exact}.`;
        if (n === 0 && loose) showLooseLink(loose);
      } else {
        text = `${n} ${plural(n, "rapport contient", "rapports contiennent")} ${exact}, parmi les ${state.cursor} `
          + `premiers examinés sur ${loose} qui en contiennent les mots.`;
      }
    }
    $("kb-etat").textContent = text;
    $("kb-conseils").hidden = n > 0 || (state.phrases.length > 0 && state.cursor < state.results.length);
  }

  function showLooseLink(loose) {
    // No report holds the phrase: the reports with its words, not side by side, are one link away.
    const params = new URLSearchParams(location.search);
    const q = withoutQuotes(state.searched);
    params.set("q", q);
    $("kb-suggestion").replaceChildren(`${loose} ${plural(loose, "rapport contient", "rapports contiennent")} `
      + "ces mots, sous une autre forme ou pas côte à côte : ", el("a", { href: `?${params}` }, `rechercher ${q} sans guillemets`), ".");
    $("kb-suggestion").hidden = false;
  }

  function facetsShown() {
    // On a phone the facets are folded behind "Filtrer": their data are loaded only when unfolded.
    return getComputedStyle($("kb-facettes")).display !== "none";
  }

  async function showFacets(token) {
    if (!state.allFilters) {
      if (!facetsShown()) return;
      // The facets' data load after the first results are on screen, then the counts are asked again.
      await loadFilters();
      if (token !== state.token) return;
    }
    if (!state.search) {
      renderFacets(state.allFilters); // no query, no filter: every value, to browse by
      return;
    }
    if (!state.search.filters || !Object.keys(state.search.filters).length) {
      const again = await engine.search(state.searched ? parseQuery(state.searched).engine : null,
        { filters: state.engineFilters, sort: state.engineSort });
      if (token !== state.token) return;
      state.search = { ...state.search, filters: again.filters, totalFilters: again.totalFilters };
    }
    let counts = { ...state.search.filters };
    let note = "";
    if (state.phrases.length && state.cursor >= state.results.length) {
      counts = countFilters(state.hitFilters); // every hit was checked: the counts are those of the phrase
    } else if (state.phrases.length) {
      note = "Nombre de rapports contenant ces mots (l'expression exacte n'est pas encore vérifiée partout).";
    }
    // With one facet in use, it shows the counts it would have without its own choice (totalFilters: the query
    // alone), so its other values stay reachable; with several, every count is within the current results.
    const active = Object.keys(state.filters);
    if (active.length === 1 && !(state.phrases.length && !note)) {
      counts[active[0]] = (state.search.totalFilters || {})[active[0]] || counts[active[0]];
    }
    renderFacets(counts, note);
  }

  function countFilters(list) {
    const out = {};
    for (const filters of list) {
      for (const [key, values] of Object.entries(filters || {})) {
        out[key] = out[key] || {};
        for (const v of values) out[key][v] = (out[key][v] || 0) + 1;
      }
    }
    return out;
  }

  // --- Offline engine: the same small interface as Pagefind, over the files build_scripts/bundle.py writes --

  function loadScript(path, ready) {
    // file:// pages may run classic scripts but not fetch(): the search data comes as scripts setting globals.
    return new Promise((resolve, reject) => {
      if (ready()) { resolve(ready()); return; }
      const script = document.createElement("script");
      script.src = new URL(path, root).href;
      script.onload = () => (ready() ? resolve(ready()) : reject(new Error(`${script.src} set nothing`)));
      script.onerror = () => reject(new Error(`cannot load ${script.src}`));
      document.head.append(script);
    });
  }

  const WORD = /[\p{L}\p{N}]+/gu; // as WORD in bundle.py
  // Light French stemmer: plural, then the longest common suffix, keeping a stem of 3 letters or more,
  // so that vacciner / vaccination / vaccinés / vaccins meet, and complétude / completude (accents folded).
  const SUFFIXES = ["issement", "atrice", "ateur", "ation", "ement", "ment", "ance", "ence", "ique", "isme",
    "iste", "able", "ible", "euse", "eur", "ite", "ive", "if", "ant", "ion", "ee", "er", "ez", "ir", "e"];

  function fold(word) {
    // As fold() in bundle.py: lower case, accents removed, œ/æ spelled out.
    return word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  function stem(folded) {
    if (/\d/.test(folded) || folded.length <= 3) return folded;
    let w = folded;
    if (w.endsWith("eaux")) w = w.slice(0, -1);
    else if (w.endsWith("aux") && w.length > 4) w = `${w.slice(0, -3)}al`;
    else if (/[^s][sx]$/.test(w)) w = w.slice(0, -1);
    for (const suffix of SUFFIXES) {
      if (w.endsWith(suffix) && w.length - suffix.length >= 3) return w.slice(0, -suffix.length);
    }
    return w;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  }

  function offlineEngine(index) {
    if (index.v !== 2) throw new Error(`offline index version ${index.v}: rebuild the bundle`);
    const pages = index.pages || [];
    const vocabulary = Object.keys(index.words || {});
    const byStem = new Map(); // stem -> the indexed words that have it
    const decoded = new Map(); // word -> Map(page number -> weighted count), decoded on first use
    const chunks = new Map(); // chunk number -> promise of [[text, anchors], ...]
    let excerptLength = EXCERPT_WORDS;

    function init() {
      if (byStem.size || !vocabulary.length) return;
      for (const word of vocabulary) {
        const k = stem(word);
        if (!byStem.has(k)) byStem.set(k, []);
        byStem.get(k).push(word);
      }
    }

    function postings(word) {
      let hits = decoded.get(word);
      if (!hits) {
        hits = new Map();
        let n = 0;
        for (const item of index.words[word].split(" ")) {
          const [gap, count] = item.split(":");
          n += Number(gap);
          hits.set(n, count === undefined ? 1 : Number(count));
        }
        decoded.set(word, hits);
      }
      return hits;
    }

    function wordsFor(term, last) {
      // A query word matches the indexed words with its stem; the last one, maybe still being typed,
      // also matches the words it begins.
      const found = new Set(byStem.get(stem(term)) || []);
      if (last && term.length >= 3) for (const word of vocabulary) if (word.startsWith(term)) found.add(word);
      return found;
    }

    function matches(page, spec) {
      const have = page.f || {};
      for (const [name, want] of Object.entries(spec || {})) {
        const values = have[name] || [];
        if (typeof want === "string") { if (!values.includes(want)) return false; }
        else if (Array.isArray(want)) { if (!want.every((v) => values.includes(v))) return false; }
        else {
          if (want.any && !want.any.some((v) => values.includes(v))) return false;
          if (want.all && !want.all.every((v) => values.includes(v))) return false;
          if (want.none && want.none.some((v) => values.includes(v))) return false;
        }
      }
      return true;
    }

    function count(numbers) {
      // Every filter value, with the number of these pages that have it (0 included, as Pagefind does).
      const out = {};
      for (const page of pages) {
        for (const [name, values] of Object.entries(page.f || {})) {
          out[name] = out[name] || {};
          for (const v of values) out[name][v] = 0;
        }
      }
      for (const n of numbers) {
        for (const [name, values] of Object.entries(pages[n].f || {})) for (const v of values) out[name][v] += 1;
      }
      return out;
    }

    function relativeUrl(url) {
      // From this page's folder, so that the report links work under file://.
      const here = new URL(".", location.href).href;
      if (!here.startsWith(root.href)) return new URL(url, root).href;
      return "../".repeat(here.slice(root.href.length).split("/").length - 1) + url;
    }

    function textOf(n) {
      const chunk = Math.floor(n / index.chunk);
      if (!chunks.has(chunk)) {
        const name = `javascripts/hors-ligne/textes-${String(chunk).padStart(4, "0")}.js`;
        chunks.set(chunk, loadScript(name, () => window.KB_TEXTES && window.KB_TEXTES[chunk]));
      }
      return chunks.get(chunk).then((texts) => texts[n % index.chunk]);
    }

    async function data(n, matched) {
      const page = pages[n];
      const [text, anchorOffsets] = await textOf(n);
      const list = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
      const locations = [];
      list.forEach((w, i) => { if (matched.has(fold(text.slice(w.start, w.end)))) locations.push(i); });
      const wordAt = (offset) => { // number of words starting before an offset
        let lo = 0;
        let hi = list.length;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid].start < offset) lo = mid + 1; else hi = mid; }
        return lo;
      };
      const anchors = anchorOffsets.map(([id, offset]) => ({ id, location: wordAt(offset) }));
      return {
        url: relativeUrl(page.u),
        meta: { ...(page.m || {}), title: page.t },
        excerpt: excerpt(text, list, locations, textPart(locations, anchors)),
        content: text,
        filters: page.f || {},
        anchors,
        locations,
        word_count: list.length,
      };
    }

    function textPart(locations, anchors) {
      // Matches in the report's own text (from its first passage on), when there are some: the title, tags
      // and fact sheet before it are already shown above the excerpt.
      const first = anchors.reduce((low, a) => Math.min(low, a.location), Infinity);
      const inText = locations.filter((loc) => loc >= first);
      return inText.length ? inText : locations;
    }

    function excerpt(text, list, locations, around) {
      // The window of words holding the most matches (starting near one of `around`), matched words in
      // <mark>, everything else escaped.
      const size = Math.min(excerptLength, list.length);
      if (!size) return "";
      let start = 0;
      let best = -1;
      for (const loc of around) {
        const s = Math.max(0, Math.min(loc - 3, list.length - size));
        const n = locations.filter((l) => l >= s && l < s + size).length;
        if (n > best) { best = n; start = s; }
      }
      const marked = new Set(locations);
      let html = "";
      let at = list[start].start;
      for (let i = start; i < start + size; i++) {
        if (!marked.has(i)) continue;
        const word = escapeHtml(text.slice(list[i].start, list[i].end));
        html += `${escapeHtml(text.slice(at, list[i].start))}<mark>${word}</mark>`;
        at = list[i].end;
      }
      return html + escapeHtml(text.slice(at, list[start + size - 1].end));
    }

    async function search(query, { filters, sort } = {}) {
      init();
      const terms = [...new Set([...(query || "").matchAll(WORD)].map((m) => fold(m[0])))];
      const matched = new Set(); // the indexed words the query found, to mark in excerpts
      let scores; // page number -> score
      if (terms.length) {
        terms.forEach((term, i) => {
          const tf = new Map();
          for (const word of wordsFor(term, i === terms.length - 1)) {
            matched.add(word);
            for (const [n, c] of postings(word)) tf.set(n, (tf.get(n) || 0) + c);
          }
          const idf = Math.log(1 + pages.length / (1 + tf.size));
          const next = new Map();
          for (const [n, c] of tf) {
            if (!scores || scores.has(n)) next.set(n, (scores ? scores.get(n) : 0) + idf * (c / (c + 1.2)));
          }
          scores = next; // every word must match
        });
      } else {
        scores = new Map(pages.map((_, n) => [n, 0]));
      }
      const unfiltered = [...scores.keys()];
      const kept = unfiltered.filter((n) => matches(pages[n], filters));
      const [sortKey, direction] = Object.entries(sort || {})[0] || [];
      const sortValue = (n) => (pages[n].s || {})[sortKey] || "";
      kept.sort(sortKey
        ? (a, b) => sortValue(a).localeCompare(sortValue(b)) * (direction === "desc" ? -1 : 1) || a - b
        : (a, b) => scores.get(b) - scores.get(a) || a - b);
      return {
        results: kept.map((n) => ({ id: pages[n].u, score: scores.get(n), data: () => data(n, matched) })),
        unfilteredResultCount: unfiltered.length,
        filters: count(kept),
        totalFilters: count(unfiltered),
      };
    }

    return {
      options: async (opts) => { if (opts && opts.excerptLength) excerptLength = opts.excerptLength; },
      init: async () => init(),
      filters: async () => count(pages.map((_, n) => n)),
      words: async () => new Map(vocabulary.map((w) => [w, index.words[w].split(" ").length])),
      search,
    };
  }

  async function loadEngine() {
    if (offline) {
      const found = offlineEngine(await loadScript(OFFLINE_INDEX, () => window.KB_INDEX));
      await found.options({ excerptLength: EXCERPT_WORDS });
      return found;
    }
    // A large corpus is indexed in several bundles (build_scripts/site/engine.py): the first is Pagefind's usual
    // one, the others are named by the page's preload links, or else listed in pagefind-parties.json (fetched
    // while Pagefind loads), and merged here.
    const links = [...document.querySelectorAll("link[data-kb-index]")];
    const primary = links.find((l) => !l.dataset.kbPart);
    const parts = primary ? Promise.resolve(links.filter((l) => l.dataset.kbPart)
      .map((l) => ({ path: l.dataset.kbPart, tag: l.dataset.kbIndex })))
      : fetch(new URL("pagefind-parties.json", root).href)
        .then((r) => (r.ok ? r.json() : { parties: [] }))
        .then((d) => (d.parties || []).map((path) => ({ path })), () => []);
    const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    // The page preloads each bundle's first files (build_scripts/site/engine.py): Pagefind runs in this page
    // (its worker would fetch itself, then the same files again) and asks for each entry under the address
    // preloaded.
    await pagefind.options({ baseUrl: root.pathname, excerptLength: EXCERPT_WORDS, noWorker: true,
      ...(primary ? { metaCacheTag: primary.dataset.kbIndex } : {}) });
    await Promise.all((await parts).map((part) => pagefind.mergeIndex(new URL(part.path, root).href,
      { baseUrl: root.pathname, ...(part.tag ? { metaCacheTag: part.tag } : {}) })));
    await pagefind.init();
    return pagefind;
  }

  async function loadFilters() {
    state.allFilters = await engine.filters(); // also makes Pagefind's searches return filter counts
  }


  async function main() {
    readUrl();
    $("kb-q").value = state.q;
    try {
      engine = await loadEngine();
      if (offline) await engine.init();
    } catch (err) {
      $("kb-etat").textContent = offline
        ? "L'index de recherche hors ligne est introuvable : gardez le dossier du site entier, tel que décompressé."
        : "L'index de recherche est introuvable : lancez « python -m build_scripts site ».";
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
    $("kb-plus").addEventListener("click", async () => {
      const token = state.token;
      await renderMore();
      if (token !== state.token || !state.phrases.length) return;
      showCount();
      await showFacets(token);
    });
    $("kb-tri").value = state.tri;
    $("kb-de").value = state.de;
    $("kb-a").value = state.a;
    $("kb-tri").addEventListener("change", () => { state.tri = $("kb-tri").value; run(); });
    for (const id of ["kb-de", "kb-a"]) {
      $(id).addEventListener("change", () => {
        const v = $(id).value.trim();
        state[id.slice(3)] = /^\d{4}$/.test(v) ? v : "";
        run();
      });
    }
    $("kb-filtrer").addEventListener("click", () => {
      const open = $("kb-facettes").classList.toggle("kb-facettes--ouvert");
      $("kb-filtrer").setAttribute("aria-expanded", String(open));
      if (open && !state.allFilters) {
        $("kb-facettes").replaceChildren(el("p", {}, "Chargement des filtres…"));
        showFacets(state.token);
      }
    });
    await run();
  }

  main();
})();
