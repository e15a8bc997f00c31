// Citer et panier : boutons « Copier la citation », « Citer », « Ajouter au panier », et la page du panier.
// Le panier est gardé dans le navigateur (localStorage) : aucun serveur, rien n'est envoyé.
// Exports du panier : chaque énoncé une fois, en citation suivie de sa référence courte (organisateur, année),
// puis une seule liste de références, sans doublon, dans le style de la citation des pages (titres en italique).
(function () {
  "use strict";
  var KEY = "kb-panier-v1";
  var NBSP = "\u00a0";
  // Le fichier Word est fabriqué dans le navigateur par la bibliothèque docx (MIT), servie avec le site :
  // chargée seulement au clic, elle marche aussi hors ligne et depuis le disque (file://).
  var SCRIPT = document.currentScript && document.currentScript.src;
  var DOCX = SCRIPT ? SCRIPT.replace(/panier\.js(\?.*)?$/, "vendor/docx-9.15.2.js") : "";
  var MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre"];
  // La date de consultation à la française, sans dépendre de la langue du navigateur : « 1er décembre 2026 ».
  function frenchDate(d) {
    var day = d.getDate();
    return (day === 1 ? "1er" : String(day)) + " " + MOIS[d.getMonth()] + " " + d.getFullYear();
  }
  var today = frenchDate(new Date());

  function load() {
    try { var v = JSON.parse(localStorage.getItem(KEY) || "[]"); return Array.isArray(v) ? v : []; }
    catch (e) { return []; }
  }
  function save(items) { localStorage.setItem(KEY, JSON.stringify(items)); render(); refresh(); }
  function dated(cite) { return String(cite || "").split("{consulte}").join(today); }
  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined) n.textContent = text;
    return n;
  }
  function escapeHtml(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function done(button) {
    var old = button.textContent; button.textContent = "Copié !";
    setTimeout(function () { button.textContent = old; }, 1500);
  }
  // Copie du texte, et sa forme HTML quand il y en a une (Word garde alors l'italique et les liens).
  function copy(text, button, html) {
    if (navigator.clipboard && window.isSecureContext) {
      var write = html && window.ClipboardItem
        ? navigator.clipboard.write([new ClipboardItem({
          "text/plain": new Blob([text], { type: "text/plain" }), "text/html": new Blob([html], { type: "text/html" }) })])
        : navigator.clipboard.writeText(text);
      write.then(function () { done(button); }, function () { fallbackCopy(text, html); done(button); });
    } else { fallbackCopy(text, html); done(button); }
  }
  // Sans presse-papiers moderne (file://, http) : copie d'une sélection, riche quand il y a du HTML.
  function fallbackCopy(text, html) {
    var node;
    if (html) {
      node = el("div", { contenteditable: "true" }); node.innerHTML = html;
    } else {
      node = el("textarea", { readonly: "" }); node.value = text;
    }
    node.style.position = "fixed"; node.style.opacity = "0"; node.style.left = "-9999px";
    document.body.appendChild(node);
    if (html) {
      var range = document.createRange(); range.selectNodeContents(node);
      var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    } else { node.select(); }
    try { document.execCommand("copy"); } catch (e) { /* the text stays selectable */ }
    document.body.removeChild(node);
  }
  function inBasket(id) { return load().some(function (i) { return i.id === id; }); }

  function refresh() {
    document.querySelectorAll(".kb-actions button[data-role=panier]").forEach(function (b) {
      var on = inBasket(b.closest(".kb-actions").dataset.unit);
      b.textContent = on ? "Retirer du panier" : "Ajouter au panier";
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
    var n = load().length;
    document.querySelectorAll(".kb-panier-compte").forEach(function (c) { c.textContent = String(n); });
    document.querySelectorAll(".kb-panier-lien").forEach(function (a) {
      a.setAttribute("aria-label", "Panier de citations : " + n + " énoncé" + (n > 1 ? "s" : ""));
    });
  }

  // Les blocs JSON de la page : la référence de chaque rapport une fois (« refs »), les énoncés (« units », le
  // rapport de chacun étant la partie de sa clé avant « # ») ; la citation de chaque énoncé est composée ici comme
  // le fait le générateur (cite.unit_citation). Sur une page d'énoncés, les mots de chaque énoncé sont ceux de la
  // page (.kb-texte, dans l'entrée qui porte ses boutons) et leur type est dit une fois (« kind »).
  // (Sur une page de rapport, le bloc est l'élément des métadonnées de recherche : une seule copie par page.)
  function pageTexts() {
    var texts = {};
    document.querySelectorAll(".kb-actions").forEach(function (span) {
      var entry = span.closest("li"), t = entry && entry.querySelector(".kb-texte");
      if (t) texts[span.dataset.unit] = t.textContent;
    });
    return texts;
  }
  // La référence d'un rapport à partir de sa fiche (a : auteur, y : année, t : titre, d : type, p : lieu), comme
  // cite.reference_parts et cite.short_reference : trois parties (avant le titre, titre, après), la référence courte
  // et l'adresse du rapport (aucune sans adresse publique).
  function reference(slug, c, block) {
    var url = block.base ? block.base + slug + "/" : "", year = c.y || "sans date";
    var before = c.a ? c.a + " (" + year + ") " : "", after = c.a ? "." : " (" + year + ").";
    after += " " + c.d + ". " + (c.p ? c.p + ": " + block.site : block.site) + ".";
    if (url) after += " Disponible sur: " + url + " (Consulté le: {consulte}).";
    return { ref: [typography(before), typography(c.t.replace(/[. ]+$/, "")), typography(after)], title: c.t, url: url,
      short: "(" + (c.a || c.t) + ", " + (c.y || "s." + NBSP + "d.") + ")" };
  }
  function composeAll(block, all) {
    if (!block.units) { Object.assign(all, block); return all; }
    var texts = null, refs = {};
    Object.keys(block.units).forEach(function (id) {
      var report = id.split("#")[0], c = block.refs[report];
      var ref = c && (refs[report] = refs[report] || reference(report, c, block));
      var u = Object.assign({ kind: block.kind, report: report }, block.units[id]);
      if (u.text === undefined) u.text = (texts = texts || pageTexts())[id];
      if (ref && u.text !== undefined) all[id] = composed(id, u, ref);
    });
    return all;
  }
  function unitsData() {
    var all = {};
    document.querySelectorAll(".kb-unites").forEach(function (s) {
      try { composeAll(JSON.parse(s.textContent), all); } catch (e) { /* a broken block only loses its buttons */ }
    });
    return all;
  }
  window.kbUnites = unitsData;
  window.kbComposer = function (block) { return composeAll(block || {}, {}); }; // pour recherche.js
  // Les espaces de Python (str.split, \s) : les mêmes coupures que le générateur.
  var WS = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var SPACES = new RegExp("[" + WS + "]+", "g");
  var PUNCT = new RegExp("(?<=[^" + WS + "]) ?([:;?!])(?=[" + WS + "]|$|\\))", "g");
  var OPEN = new RegExp("«[" + WS + "]*", "g"), CLOSE = new RegExp("[" + WS + "]*»", "g");
  function typography(text) {
    return text.replace(PUNCT, NBSP + "$1").replace(OPEN, "«" + NBSP).replace(CLOSE, NBSP + "»");
  }
  function words(text) {
    var t = String(text).split(SPACES).filter(Boolean).join(" ");
    return /\.$/.test(t) && !/\.\.$/.test(t) ? t.slice(0, -1).replace(new RegExp("[" + WS + "]+$"), "") : t;
  }
  function composed(id, u, r) {
    var uid = id.split("#")[1], url = r.url ? r.url + "#" + uid : "";
    var extra = (u.structure ? " Responsable : " + u.structure + "." : "") +
      (u.deadline ? " Échéance : " + u.deadline + "." : "") +
      (u.page ? " Page " + u.page + " du document source." : "");
    var after = r.url ? r.ref[2].replace(NBSP + ": " + r.url + " (", NBSP + ": " + url + " (") : r.ref[2];
    return { kind: u.kind, text: u.text, url: url, title: r.title, ref: r.ref, short: r.short, report: u.report,
      cite: typography(u.kind + " : « " + words(u.text) + " »" + extra + " Dans : ") + r.ref[0] + r.ref[1] + after };
  }

  // La référence d'un rapport en trois parties (avant le titre, titre, après) ; l'ancien panier n'avait que la citation.
  function refParts(i) { return Array.isArray(i.ref) && i.ref.length === 3 ? i.ref : ["", "", dated(i.cite)]; }
  function refText(i) { var p = refParts(i); return dated(p[0] + p[1] + p[2]); }
  function refKey(i) { return i.report || refText(i); }
  function quoted(i) { return "«" + NBSP + i.text.replace(/\s+/g, " ").trim().replace(/([^.])\.$/, "$1") + NBSP + "»"; }
  function shortRef(i) { return i.short || ""; }
  // Une référence par rapport, dans l'ordre alphabétique (Harvard), quel que soit le nombre d'énoncés cités.
  function references(items) {
    var seen = {}, out = [];
    items.forEach(function (i) { var k = refKey(i); if (!seen[k]) { seen[k] = true; out.push(i); } });
    return out.sort(function (a, b) { return refText(a).localeCompare(refText(b), "fr"); });
  }
  function urlIn(text) { var m = /https?:\/\/[^\s)]+/.exec(text); return m ? m[0].replace(/[.,;]$/, "") : ""; }

  function statementLine(i) { return i.kind + NBSP + ": " + quoted(i) + (shortRef(i) ? " " + shortRef(i) : "") + "."; }

  function mdEscape(s) { return String(s).replace(/([\\`*_[\]<>#|])/g, "\\$1"); }
  function asMarkdown(items) {
    var out = ["# Énoncés à citer", ""];
    items.forEach(function (i) { out.push("> " + mdEscape(statementLine(i)), ""); });
    out.push("## Références", "");
    references(items).forEach(function (i) {
      var p = refParts(i).map(dated);
      var title = p[1] ? "*" + mdEscape(p[1]) + "*" : "";
      var after = mdEscape(p[2]);
      var url = urlIn(p[2]);
      if (url) after = after.replace(mdEscape(url), "<" + url + ">");
      out.push("- " + mdEscape(p[0]) + title + after);
    });
    return out.join("\n") + "\n";
  }
  function asText(items) {
    return "Énoncés à citer\n\n" + items.map(statementLine).join("\n\n") + "\n\nRéférences\n\n" +
      references(items).map(refText).join("\n\n") + "\n";
  }
  function linked(text) {
    var url = urlIn(text);
    if (!url) return escapeHtml(text);
    var at = text.indexOf(url);
    return escapeHtml(text.slice(0, at)) + '<a href="' + escapeHtml(url) + '">' + escapeHtml(url) + "</a>" +
      escapeHtml(text.slice(at + url.length));
  }
  function refHtml(i) {
    var p = refParts(i).map(dated);
    return escapeHtml(p[0]) + (p[1] ? "<i>" + escapeHtml(p[1]) + "</i>" : "") + linked(p[2]);
  }
  // A statement's full citation as HTML: its words, then its report's reference with the title in italics.
  function unitHtml(d) {
    var full = dated(d.cite), ref = refText(d), at = full.lastIndexOf(ref);
    return at < 0 || !Array.isArray(d.ref) ? "" : escapeHtml(full.slice(0, at)) + refHtml(d);
  }
  function asHtml(items, level) {
    var h = "h" + (level || 2);
    return "<" + h + ">Énoncés à citer</" + h + ">" + items.map(function (i) {
      return "<p>" + escapeHtml(statementLine(i)) + "</p>";
    }).join("") + "<" + h + ">Références</" + h + ">" +
      references(items).map(function (i) { return "<p>" + refHtml(i) + "</p>"; }).join("");
  }

  function loadDocx() {
    if (window.docx) return Promise.resolve(window.docx);
    return new Promise(function (resolve, reject) {
      var s = el("script", { src: DOCX });
      s.onload = function () { window.docx ? resolve(window.docx) : reject(new Error("docx")); };
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }
  function refRuns(d, i) {
    var p = refParts(i).map(dated), runs = [];
    if (p[0]) runs.push(new d.TextRun(p[0]));
    if (p[1]) runs.push(new d.TextRun({ text: p[1], italics: true }));
    var url = urlIn(p[2]);
    if (!url) { runs.push(new d.TextRun(p[2])); return runs; }
    var at = p[2].indexOf(url);
    runs.push(new d.TextRun(p[2].slice(0, at)),
      new d.ExternalHyperlink({ link: url, children: [new d.TextRun({ text: url, style: "Hyperlink" })] }),
      new d.TextRun(p[2].slice(at + url.length)));
    return runs;
  }
  function asDocx(d, items) {
    var children = [new d.Paragraph({ text: "Énoncés à citer", heading: d.HeadingLevel.HEADING_1 })];
    items.forEach(function (i) { children.push(new d.Paragraph({ children: [new d.TextRun(statementLine(i))] })); });
    children.push(new d.Paragraph({ text: "Références", heading: d.HeadingLevel.HEADING_2 }));
    references(items).forEach(function (i) { children.push(new d.Paragraph({ children: refRuns(d, i) })); });
    var doc = new d.Document({ creator: "Base de connaissances santé et action sociale", title: "Énoncés à citer",
      styles: { default: { document: { run: { language: { value: "fr-FR" } } } } },
      sections: [{ properties: {}, children: children }] });
    return d.Packer.toBlob(doc);
  }
  function downloadDocx(button) {
    var old = button.textContent; button.textContent = "Préparation…"; button.disabled = true;
    loadDocx().then(function (d) { return asDocx(d, load()); }).then(function (blob) {
      download("panier-citations.docx", blob);
    }).catch(function () {
      alert("Le fichier Word n'a pas pu être préparé : utilisez « Copier pour Word » puis collez dans Word.");
    }).then(function () { button.textContent = old; button.disabled = false; });
  }

  function enhance() {
    var data = unitsData();
    document.querySelectorAll(".kb-consulte").forEach(function (s) { s.textContent = today; });
    document.querySelectorAll(".kb-citation").forEach(function (p) {
      var b = el("button", { type: "button", "class": "md-button kb-bouton" }, "Copier la citation");
      b.addEventListener("click", function () { copy(dated(p.dataset.cite), b, p.innerHTML); });
      p.insertAdjacentElement("afterend", b);
    });
    document.querySelectorAll(".kb-actions").forEach(function (span) { actions(span, data[span.dataset.unit]); });
    refresh();
    render();
  }

  // The "Citer" and basket buttons of one statement (also used by the search page for the statements it finds,
  // with the statement's address as ``found.href``).
  function actions(span, found) {
    var d = Object.assign({ unit: span.dataset.unit }, found || {});
    if (!d.cite) return;
    // The statement's address on this site, as the browser resolves the page's own link to it (online or file://).
    var own = span.parentElement && span.parentElement.querySelector('a[href$="#' + d.unit.split("#")[1] + '"]');
    var cite = el("button", { type: "button", "class": "kb-mini", title: "Copier la citation de cet énoncé" }, "Citer");
    cite.addEventListener("click", function () { copy(dated(d.cite), cite, unitHtml(d)); });
    var add = el("button", { type: "button", "class": "kb-mini", "data-role": "panier" }, "Ajouter au panier");
    add.addEventListener("click", function () {
      var items = load();
      if (inBasket(d.unit)) items = items.filter(function (i) { return i.id !== d.unit; });
      else items.push({ id: d.unit, kind: d.kind, text: d.text, cite: d.cite, url: d.url, title: d.title,
        ref: d.ref, short: d.short, report: d.report, href: d.href || (own ? own.href : d.url) });
      save(items);
    });
    span.append(cite, add);
  }
  window.kbActions = function (span, data) { actions(span, data); refresh(); };

  function download(name, content, type) {
    var blob = content instanceof Blob ? content : new Blob([content], { type: type });
    var a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
  }
  function button(label, onClick, attrs) {
    var b = el("button", Object.assign({ type: "button", "class": "kb-mini" }, attrs || {}), label);
    b.addEventListener("click", onClick);
    return b;
  }

  function render() {
    var box = document.getElementById("kb-panier");
    if (!box) return;
    var items = load();
    box.replaceChildren();
    if (!items.length) { box.append(el("p", { "class": "kb-panier__vide" }, "Le panier est vide.")); return; }
    box.append(el("p", { role: "status" }, items.length + " énoncé" + (items.length > 1 ? "s" : "") + " dans le panier."));
    var list = el("ol", { "class": "kb-panier__liste" });
    items.forEach(function (item, n) {
      var li = el("li", { "class": "kb-panier__element", "data-id": item.id });
      li.append(el("strong", {}, item.kind + NBSP + ": "), document.createTextNode(quoted(item) + " "));
      if (item.href || item.url) li.append(el("a", { href: item.href || item.url }, "(voir dans le rapport)"));
      li.append(el("br"), el("small", {}, shortRef(item) || refText(item)), el("br"));
      var move = function (delta) { return function () { var all = load(); var x = all.splice(n, 1)[0]; all.splice(n + delta, 0, x); save(all); }; };
      if (n > 0) li.append(button("Monter", move(-1), { "aria-label": "Monter l'énoncé " + (n + 1) }));
      if (n < items.length - 1) li.append(button("Descendre", move(1), { "aria-label": "Descendre l'énoncé " + (n + 1) }));
      li.append(button("Retirer", function () { var all = load(); all.splice(n, 1); save(all); }, { "aria-label": "Retirer l'énoncé " + (n + 1) }));
      list.append(li);
    });
    box.append(list);
    var tools = el("div", { "class": "kb-panier__outils" });
    tools.append(
      button("Télécharger pour Word (.docx)", function (e) { downloadDocx(e.currentTarget); }, { id: "kb-export-docx" }),
      button("Copier pour Word", function (e) { copy(asText(load()), e.currentTarget, asHtml(load())); }, { id: "kb-copier-word" }),
      button("Télécharger en Markdown", function () { download("panier-citations.md", asMarkdown(load()), "text/markdown"); }, { id: "kb-export-md" }),
      button("Télécharger en texte", function () { download("panier-citations.txt", asText(load()), "text/plain"); }, { id: "kb-export-txt" }),
      button("Vider le panier", function () { if (confirm("Vider le panier ?")) save([]); }, { id: "kb-vider" }));
    box.append(tools);
    var preview = el("div", { "class": "kb-panier__apercu", id: "kb-apercu", role: "region", "aria-label": "Aperçu de ce qui sera copié ou téléchargé" });
    preview.innerHTML = asHtml(items, 3);
    box.append(el("h2", { id: "kb-apercu-titre" }, "Aperçu"), preview);
  }

  window.addEventListener("storage", function (e) { if (e.key === KEY) { render(); refresh(); } });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance); else enhance();
})();
