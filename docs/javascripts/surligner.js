// Arrivée depuis la recherche : les mots cherchés (paramètre « surligner » de l'adresse) sont surlignés dans
// le texte du rapport, et le passage visé est ramené sous l'en-tête fixe. Le texte n'est jamais réinterprété
// comme HTML : seuls des nœuds <mark> sont insérés autour de mots existants.
(function () {
  "use strict";
  var wanted = new URLSearchParams(location.search).get("surligner");
  var article = document.querySelector(".md-content article");
  if (!wanted || !article) return;
  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
  }
  // A searched word also lights up its other forms: the same first letters, less a short ending.
  var stems = wanted.match(/[\p{L}\p{N}]+/gu) || [];
  stems = stems.map(fold).filter(function (w) { return w.length >= 3; })
    .map(function (w) { return w.length > 6 ? w.slice(0, w.length - 3) : w; });
  if (!stems.length) return;
  function hit(word) {
    var f = fold(word);
    return stems.some(function (s) { return f.indexOf(s) === 0 && f.length <= s.length + 6; });
  }
  var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
    acceptNode: function (node) {
      var p = node.parentElement;
      return p.closest("script, style, mark, .headerlink, .kb-actions, [hidden]") ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT;
    },
  });
  var nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  var first = null;
  nodes.forEach(function (node) {
    var text = node.nodeValue;
    var re = /[\p{L}\p{N}]+/gu;
    var m;
    var at = 0;
    var parts = [];
    while ((m = re.exec(text))) {
      if (!hit(m[0])) continue;
      parts.push(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.className = "kb-surligne";
      mark.textContent = m[0];
      parts.push(mark);
      first = first || mark;
      at = m.index + m[0].length;
    }
    if (!parts.length) return;
    parts.push(document.createTextNode(text.slice(at)));
    node.replaceWith.apply(node, parts);
  });
  var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : first;
  if (target) target.scrollIntoView({ block: "start" });
})();
