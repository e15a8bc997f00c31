"""Search as a nurse on a phone uses it: results first, clean snippets, typos forgiven, sort and period."""

import csv
import gzip
import io
import json
import re
import threading
import unicodedata
import functools
import http.server
import urllib.request
from urllib.parse import quote

import pytest

from build_scripts.render.search_words import fitting_meanings
from build_scripts.site import GzipHandler

from .conftest import catalogue_rows
from .test_browser import base, search

PHONE = {"width": 390, "height": 844}


def catalogue(site):
    return catalogue_rows(site.docs)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    yield context.new_page()
    context.close()


def test_on_a_phone_the_first_result_is_visible_without_scrolling(phone, served_site, tmp_path):
    phone.goto(f"{served_site.base_url}/recherche/?q=vaccination")
    phone.wait_for_selector(".kb-resultat")
    phone.screenshot(path=str(tmp_path / "recherche-telephone.png"))
    first = phone.locator(".kb-resultat__titre").first.bounding_box()
    assert first["y"] + first["height"] <= PHONE["height"], first
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not phone.is_visible("#kb-facettes"), "the facets are folded behind the Filtrer button"


def test_nothing_overflows_a_320_px_screen(browser, served_site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in ("/recherche/?q=sant%C3%A9", "/"):
        page.goto(served_site.base_url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    context.close()


def test_the_filter_button_unfolds_the_facets_and_counts_the_choices(phone, served_site):
    phone.goto(f"{served_site.base_url}/recherche/?q=sant%C3%A9")
    phone.wait_for_selector(".kb-resultat")
    assert phone.inner_text("#kb-filtrer") == "Filtrer"
    phone.click("#kb-filtrer")
    assert phone.is_visible("#kb-facettes") and phone.get_attribute("#kb-filtrer", "aria-expanded") == "true"
    phone.locator(".kb-facette").first.locator("input").first.check()
    phone.wait_for_function("document.getElementById('kb-filtrer').textContent === 'Filtrer (1)'")
    assert "pays=" in phone.url


def test_facets_show_no_value_without_results(page, served_site):
    search(page, served_site, "paludisme")
    counts = [int(re.search(r"\((\d+)\)", t).group(1)) for t in page.locator(".kb-compte").all_inner_texts()]
    assert counts and min(counts) > 0


def _typo_cases(site):
    """For the first reports (by address) with a country and a long title word: the report, its country and
    that word misspelt twice (a doubled letter, a wrong letter)."""
    cases = []
    for row in sorted(catalogue(site), key=lambda r: r["url"]):
        words = [w for w in re.findall(r"[^\W\d_]{8,}", row["title"]) if w.islower()]
        if row.get("countries") and words:
            w = words[0]
            wrong = "a" if w[4] != "a" else "e"
            cases.append((row, w, w[:4] + w[4] + w[4:], w[:4] + wrong + w[5:]))
        if len(cases) == 3:
            break
    assert cases
    return cases


def test_a_misspelt_word_still_finds_the_report_with_a_suggestion(page, served_site):
    for row, word, doubled, wrong in _typo_cases(served_site):
        for typo in (doubled, wrong):
            query = f"{typo} {row['countries'][0]}"
            found = base(search(page, served_site, query))
            assert "/" + row["url"] in found, (query, found)
            suggestion = page.inner_text("#kb-suggestion")
            assert page.is_visible("#kb-suggestion") and ("Vouliez-vous dire" in suggestion
                                                           or "Résultats pour" in suggestion), query


def test_a_known_word_gets_no_suggestion(page, served_site):
    search(page, served_site, "vaccination")
    assert not page.is_visible("#kb-suggestion")


def test_no_result_gives_advice_and_links_to_the_indexes(page, served_site):
    search(page, served_site, "zzzqxw")
    assert page.is_visible("#kb-conseils")
    assert page.locator("#kb-conseils a[href='../themes/']").count() == 1


def test_snippets_hold_only_the_report_text(page, served_site):
    sources = [row["source"] for row in catalogue(served_site)]
    queries = ["santé", "vaccination", "recommandation", "paludisme", "comité", "Pays", "Programme", "Source"]
    seen = 0
    for q in queries:
        search(page, served_site, q)
        for text in page.locator(".kb-resultat__extrait").all_inner_texts():
            seen += 1
            assert "¶" not in text and "Fiche du rapport" not in text and "sigle non employé" not in text, text
            assert not any(name in text for name in sources), text
    assert seen >= 10


def test_a_snippet_from_a_reports_opening_does_not_open_on_its_searchable_acronyms(page, served_site):
    """The acronyms a report spells out in full are searchable ('ASC' finds 'agents de santé communautaire'); they
    are not words of its text, and a snippet of its first lines never shows them."""
    checked = 0
    for row in catalogue(served_site):
        html = (served_site.site / row["url"] / "index.html").read_text(encoding="utf-8")
        sigles = re.search(r'data-sigles="([^"]+)"', html)
        first = re.search(r"[A-Za-zÀ-ÿ]{7,}", row["title"])
        if not sigles or len(sigles.group(1).split()) < 2 or not first or checked >= 3:
            continue
        urls = search(page, served_site, first.group(0))
        texts = page.locator(".kb-resultat__extrait").all_inner_texts()
        mine = [t for u, t in zip(urls, texts) if u.split("#")[0].split("?")[0] == "/" + row["url"]]
        if mine:
            checked += 1
            tokens = sigles.group(1).split()
            assert not any(f"{a} {b}" in mine[0] for a, b in zip(tokens, tokens[1:])), mine[0]
    assert checked >= 1


def test_results_sorted_by_date_within_a_period(page, served_site):
    dated = {"/" + r["url"]: r["date"] for r in catalogue(served_site) if r.get("date")}
    years = sorted({d[:4] for d in dated.values()})
    assert len(years) >= 4
    first, last = years[1], years[-2]
    urls = [u.split("#")[0].split("?")[0] for u in search(page, served_site, "santé", f"&tri=ancien&de={first}&a={last}")]
    dates = [dated[u] for u in urls]
    assert urls and all(first <= d[:4] <= last for d in dates)
    assert dates == sorted(dates)
    assert page.input_value("#kb-tri") == "ancien" and page.input_value("#kb-de") == first
    page.select_option("#kb-tri", "recent")
    page.wait_for_function("location.search.includes('tri=recent')")


def test_only_the_acronym_meaning_that_fits_the_report_is_indexed():
    glossary = {"CPS": "chimioprévention du paludisme saisonnier ; cellule de planification (Mali) ; "
                       "centre de promotion sociale (Bénin)",
                "PEV": "programme élargi de vaccination"}
    known = {"Mali", "Bénin"}
    assert fitting_meanings(glossary, ["Bénin"], known, lambda: "La CPS a réuni les agents.") == {
        "CPS": "centre de promotion sociale", "PEV": "programme élargi de vaccination"}
    assert fitting_meanings(glossary, ["Mali"], known, lambda: "La chimioprévention du paludisme saisonnier (CPS)")[
        "CPS"] == "chimioprévention du paludisme saisonnier"
    assert fitting_meanings(glossary, ["Niger"], known, lambda: "")["CPS"] == "chimioprévention du paludisme saisonnier"


def test_the_corpus_vocabulary_counts_reports_and_folds_accents(tmp_path, cli):
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.txt").write_text("Réunion de coordination à Dosso\n\nLa vaccination de routine a été évaluée "
                                  "le 3 mars 2021 par l'équipe cadre.\n", encoding="utf-8")
    (source / "b.txt").write_text("Atelier de Tahoua\n\nLes agents ont parlé de VACCINATION et de routine, "
                                  "le 4 mai 2021.\n", encoding="utf-8")
    assert cli("build", "--source", source, "--docs", tmp_path / "docs").code == 0
    data = json.loads((tmp_path / "docs" / "recherche-mots.json").read_text(encoding="utf-8"))
    counts = dict(zip(data["mots"].split(" "), data["n"]))
    assert counts["vaccination"] == 2 and counts["routine"] == 2 and counts["reunion"] == 1
    assert counts["evaluee"] == 1 and "2021" not in counts and "le" not in counts


def test_serve_compresses_text_files(tmp_path):
    (tmp_path / "page.html").write_text("<p>" + "santé communautaire " * 500 + "</p>", encoding="utf-8")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(tmp_path)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/page.html"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})) as r:
            assert r.headers["Content-Encoding"] == "gzip"
            body = r.read()
        assert gzip.decompress(body) == (tmp_path / "page.html").read_bytes()
        assert len(body) < len((tmp_path / "page.html").read_bytes()) / 10
        with urllib.request.urlopen(url) as r:
            assert r.headers["Content-Encoding"] is None and r.read() == (tmp_path / "page.html").read_bytes()
    finally:
        httpd.shutdown()


def _a_recommendation(site):
    """A recommendation of the statements export (its parts read as lecons/index.json lists them) and three long
    words of it."""
    folder = site.docs / "lecons"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    keys = [c["key"] for c in index["columns"]]
    rows = [dict(zip(keys, row)) for part in index["parts"]
            for row in list(csv.reader(io.StringIO((folder / part["file"]).read_text(encoding="utf-8-sig"),
                                                   newline=""), delimiter=index["separator"]))[1:]]
    recs = sorted((r for r in rows if r["kind"] == "recommendation"), key=lambda r: r["id"])
    for r in recs:
        words = sorted({w for w in re.findall(r"[^\W\d_]{7,}", r["text"])}, key=lambda w: (-len(w), w))[:3]
        if len(words) == 3:
            return r, " ".join(words)
    raise AssertionError("no recommendation with three long words")


def test_a_statement_is_a_result_of_its_own_with_its_buttons(page, served_site):
    rec, query = _a_recommendation(served_site)
    search(page, served_site, query, "&enonce=Recommandation")
    hits = [h for h in page.locator(".kb-resultat--enonce").all()
            if h.locator(".kb-resultat__enonce").inner_text() == f"« {rec['text']} »"]
    assert hits, (query, rec["text"])
    hit = hits[0]
    assert hit.locator(".kb-resultat__unite").inner_text() == "Trouvé dans : Recommandation"
    assert hit.locator(".kb-resultat__titre").get_attribute("href").split("?")[0].endswith("/")
    hit.locator("button", has_text="Ajouter au panier").click()
    basket = page.evaluate("JSON.parse(localStorage.getItem('kb-panier-v1'))")
    assert [item["id"] for item in basket] == [rec["id"]]
    assert basket[0]["cite"] and basket[0]["text"] == rec["text"]
    assert hit.locator("button", has_text="Citer").count() == 1


def test_landing_on_a_passage_lights_up_the_words_below_the_header(page, served_site):
    search(page, served_site, "logistique roulante")
    target = page.locator(".kb-resultat__titre[href*='#']").first
    href = target.get_attribute("href")
    target.click()
    page.wait_for_load_state()
    page.wait_for_timeout(300)
    anchor = href.split("#")[1]
    header = page.locator("header.md-header").bounding_box()
    top = page.locator(f"[id='{anchor}']").bounding_box()["y"]
    assert top >= header["y"] + header["height"] - 1, (top, header)
    marks = {m.lower() for m in page.locator("mark.kb-surligne").all_inner_texts()}
    assert {"logistique", "roulante"} <= marks



def test_another_form_of_a_known_word_is_not_corrected(page, served_site):
    data = json.loads((served_site.docs / "recherche-mots.json").read_text(encoding="utf-8"))
    words = set(data["mots"].split(" "))
    plural = next(w for w in sorted(words) if len(w) >= 9 and w.endswith("s") and w[:-1] not in words)
    search(page, served_site, plural[:-1])  # the singular: not in any report, but the engine finds the plural
    assert not page.is_visible("#kb-suggestion"), (plural, page.inner_text("#kb-suggestion"))


def _phrase_words(text: str) -> list[str]:
    """Folded words, with '|' where punctuation other than an apostrophe or a hyphen stands between two."""
    folded = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))
    out = []
    for m in re.finditer(r"(?P<gap>[^\w]*)(?P<word>\w+)", folded):
        if out and re.search(r"[.;:!?()\[\]{}«»\"“”…,]", m["gap"]):
            out.append("|")
        out.append(m["word"])
    return out


def _has_phrase(text: str, phrase: str) -> bool:
    words, wanted = _phrase_words(text), _phrase_words(phrase)
    return any(words[i:i + len(wanted)] == wanted for i in range(len(words)))


def phrase_search(page, site, query: str) -> list:
    """Every hit of a quoted query (its rounds of checking included): (link, excerpt) pairs."""
    page.goto(f"{site.base_url}/recherche/?q={quote(query)}")
    page.wait_for_function("/contien|Aucun/.test(document.getElementById('kb-etat').textContent)")
    page.wait_for_selector("#kb-resultats[aria-busy='false']", state="attached")
    while page.is_visible("#kb-plus"):
        page.click("#kb-plus")
        page.wait_for_selector("#kb-resultats[aria-busy='false']", state="attached")
    return [(h.locator(".kb-resultat__titre").get_attribute("href"), h.locator(".kb-resultat__extrait").inner_text())
            for h in page.locator(".kb-resultat").all()]


def test_a_quoted_phrase_finds_every_report_that_uses_it_and_no_other(page, served_site):
    rows = catalogue(served_site)
    texts = {"/" + r["url"]: (served_site.source / r["source"]).read_text(encoding="utf-8")
             for r in rows if r["source"].endswith((".txt", ".md"))}
    for phrase in ("santé communautaire", "la santé communautaire"):
        expected = {url for url, text in texts.items() if _has_phrase(text, phrase)}
        assert len(expected) >= 2, phrase
        hits = phrase_search(page, served_site, f'"{phrase}"')
        found = {link.split("#")[0].split("?")[0] for link, _ in hits}
        assert expected <= found, (phrase, expected - found)
        assert all(_has_phrase(texts[url], phrase) for url in found if url in texts), (phrase, found)
        for link, excerpt in hits:  # the snippet shows the phrase itself, in any case, with or without accents
            assert _has_phrase(excerpt, phrase), (phrase, link, excerpt)
        assert re.match(rf"{len(hits)} rapports contiennent l'expression exacte « {phrase} »",
                        page.inner_text("#kb-etat"))


def test_a_phrase_is_not_found_in_words_apart_nor_in_an_acronym_meaning(page, served_site):
    apart = "/rapports/togo-kara-comite-mots-separes/"
    assert apart in base(search(page, served_site, "santé communautaire"))
    assert apart not in {link.split("?")[0] for link, _ in phrase_search(page, served_site, '"santé communautaire"')}
    # The reports say "agents de santé communautaire" or "ASC" (whose meaning is indexed): not this phrase.
    assert phrase_search(page, served_site, '"agent de santé communautaire"') == []
    assert page.inner_text("#kb-etat") == "Aucun rapport ne contient l'expression exacte « agent de santé communautaire »."
    link = page.locator("#kb-suggestion a")
    assert link.inner_text() == "rechercher agent de santé communautaire sans guillemets"
    with page.expect_navigation():
        link.click()
    page.wait_for_function("document.getElementById('kb-etat').textContent.includes('trouvé')")
    assert page.locator(".kb-resultat").count() > 0


def test_a_first_search_on_a_phone_fetches_each_file_once_and_nothing_it_does_not_show(phone, served_site):
    requests = []
    phone.on("request", lambda r: requests.append(r.url.split("/", 3)[3]))
    phone.goto(f"{served_site.base_url}/recherche/?q=vaccination")
    phone.wait_for_selector("#kb-resultats[aria-busy='false']", state="attached")
    pagefind = [r for r in requests if r.startswith("pagefind/")]
    assert len(pagefind) == len(set(pagefind)), pagefind  # the preloaded files are not fetched a second time
    assert "pagefind/pagefind-worker.js" not in pagefind
    # Folded facets and a word the corpus knows: neither the facets' data nor the vocabulary is fetched.
    assert not [r for r in requests if r.startswith("pagefind/filter/") or "recherche-mots" in r], requests
    phone.click("#kb-filtrer")
    phone.locator("#kb-facettes input[value='Niger']").check()
    phone.wait_for_function("document.getElementById('kb-filtrer').textContent === 'Filtrer (1)'")
    assert [r for r in requests if r.startswith("pagefind/filter/")]
    phone.goto(f"{served_site.base_url}/recherche/?q=vaccination&pays=Niger")  # folded, the choice still shows
    phone.wait_for_selector("#kb-resultats[aria-busy='false']", state="attached")
    assert phone.inner_text("#kb-filtrer") == "Filtrer (1)" and not phone.is_visible("#kb-facettes")
