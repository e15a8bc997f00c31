// Citer et panier : boutons « Copier la citation », « Citer », « Ajouter au panier », et la page du panier.
// Le panier est gardé dans le navigateur (localStorage) : aucun serveur, rien n'est envoyé.
(function () {
  "use strict";
  var KEY = "kb-panier-v1";
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
  function dated(cite) { return cite.split("{consulte}").join(today); }
  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined) n.textContent = text;
    return n;
  }
  function copy(text, button) {
    var done = function () { var old = button.textContent; button.textContent = "Copié !"; setTimeout(function () { button.textContent = old; }, 1500); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else { fallbackCopy(text); done(); }
  }
  function fallbackCopy(text) {
    var area = el("textarea"); area.value = text; area.setAttribute("readonly", "");
    area.style.position = "fixed"; area.style.opacity = "0"; document.body.appendChild(area);
    area.select(); try { document.execCommand("copy"); } catch (e) { /* the text stays selectable */ }
    document.body.removeChild(area);
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
  }

  function unitsData() {
    var all = {};
    document.querySelectorAll("script.kb-unites").forEach(function (s) {
      try { Object.assign(all, JSON.parse(s.textContent)); } catch (e) { /* a broken block only loses its buttons */ }
    });
    return all;
  }

  function enhance() {
    var data = unitsData();
    document.querySelectorAll(".kb-consulte").forEach(function (s) { s.textContent = today; });
    document.querySelectorAll(".kb-citation").forEach(function (p) {
      var b = el("button", { type: "button", "class": "md-button kb-bouton" }, "Copier la citation");
      b.addEventListener("click", function () { copy(dated(p.dataset.cite), b); });
      p.insertAdjacentElement("afterend", b);
    });
    document.querySelectorAll(".kb-actions").forEach(function (span) { actions(span, data[span.dataset.unit]); });
    refresh();
    render();
  }

  // The "Citer" and basket buttons of one statement (also used by the search page for statements it finds).
  function actions(span, found) {
    var d = Object.assign({ unit: span.dataset.unit }, found || {});
    if (!d.cite) return;
    var cite = el("button", { type: "button", "class": "kb-mini", title: "Copier la citation de cet énoncé" }, "Citer");
    cite.addEventListener("click", function () { copy(dated(d.cite), cite); });
    var add = el("button", { type: "button", "class": "kb-mini", "data-role": "panier" }, "Ajouter au panier");
    add.addEventListener("click", function () {
      var items = load();
      if (inBasket(d.unit)) items = items.filter(function (i) { return i.id !== d.unit; });
      else items.push({ id: d.unit, kind: d.kind, text: d.text, cite: d.cite, url: d.url, title: d.title });
      save(items);
    });
    span.append(cite, add);
  }
  window.kbActions = function (span, data) { actions(span, data); refresh(); };

  function asMarkdown(items) {
    return "# Énoncés à citer\n\n" + items.map(function (i, n) {
      return (n + 1) + ". **" + i.kind + "** — « " + i.text + " »\n   " + dated(i.cite) + "\n";
    }).join("\n");
  }
  function asText(items) {
    return items.map(function (i, n) {
      return (n + 1) + ". " + i.kind + " : « " + i.text + " »\n   " + dated(i.cite);
    }).join("\n\n") + "\n";
  }
  function download(name, text, type) {
    var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
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
      li.append(el("strong", {}, item.kind + " : "), document.createTextNode("« " + item.text + " » "),
        el("a", { href: item.url }, "(source)"), el("br"), el("small", {}, dated(item.cite)), el("br"));
      var move = function (delta) { return function () { var all = load(); var x = all.splice(n, 1)[0]; all.splice(n + delta, 0, x); save(all); }; };
      if (n > 0) li.append(button("Monter", move(-1), { "aria-label": "Monter l'énoncé " + (n + 1) }));
      if (n < items.length - 1) li.append(button("Descendre", move(1), { "aria-label": "Descendre l'énoncé " + (n + 1) }));
      li.append(button("Retirer", function () { var all = load(); all.splice(n, 1); save(all); }, { "aria-label": "Retirer l'énoncé " + (n + 1) }));
      list.append(li);
    });
    box.append(list);
    var tools = el("div", { "class": "kb-panier__outils" });
    tools.append(
      button("Télécharger en Markdown", function () { download("panier-citations.md", asMarkdown(load()), "text/markdown"); }, { id: "kb-export-md" }),
      button("Télécharger en texte", function () { download("panier-citations.txt", asText(load()), "text/plain"); }, { id: "kb-export-txt" }),
      button("Copier (Markdown)", function (e) { copy(asMarkdown(load()), e.target); }, { id: "kb-copier-md" }),
      button("Vider le panier", function () { if (confirm("Vider le panier ?")) save([]); }, { id: "kb-vider" }));
    box.append(tools);
    var preview = el("textarea", { "class": "kb-panier__apercu", readonly: "", rows: "8", "aria-label": "Aperçu Markdown du panier", id: "kb-apercu" });
    preview.value = asMarkdown(items);
    box.append(preview);
  }

  window.addEventListener("storage", function (e) { if (e.key === KEY) { render(); refresh(); } });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance); else enhance();
})();
