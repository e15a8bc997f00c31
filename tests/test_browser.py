"""What a reader does in a real browser (headless Chromium): search, filter, share, cite, and stay safe."""

import datetime
import json
import re
from urllib.parse import quote

import pytest

from build_scripts.build import read_corpus
from build_scripts.render.pages import DEFAULT_BASE_URL, unit_entries

from .conftest import PUBLIC_URL, catalogue_rows, header_search


def search(page, site, query: str, extra: str = "") -> list[str]:
    page.goto(f"{site.base_url}/recherche/?q={quote(query)}{extra}")
    page.wait_for_function("document.getElementById('kb-etat').textContent.includes('trouvé')")
    page.wait_for_selector("#kb-resultats[aria-busy='false']", state="attached")  # hits are drawn one by one
    while page.is_visible("#kb-plus"):  # every result, not only the first page of ten
        page.click("#kb-plus")
        page.wait_for_selector("#kb-resultats[aria-busy='false']", state="attached")
    return [a.get_attribute("href") for a in page.query_selector_all(".kb-resultat__titre")]


def reports_mentioning(site, pattern: str, without: str | None = None) -> set[str]:
    """URLs of the built report pages whose report text matches a pattern (and not another)."""
    out = set()
    for row in catalogue_rows(site.docs):
        text = (site.source / row["source"]).read_text(encoding="utf-8")
        if re.search(pattern, text) and not (without and re.search(without, text)):
            out.add("/" + row["url"])
    return out


def base(urls: list[str]) -> set[str]:
    """The report pages of result links (without the passage, nor the words to light up on arrival)."""
    return {u.split("#")[0].split("?")[0] for u in urls}


def test_accents_do_not_matter(page, served_site):
    with_accent = base(search(page, served_site, "santé communautaire"))
    without = base(search(page, served_site, "sante communautaire"))
    assert with_accent == without and len(with_accent) >= 3


def test_other_inflections_find_the_same_word(page, served_site):
    only_noun = reports_mentioning(served_site, r"(?i)vaccination", without=r"(?i)vaccin(er|és?|ée?s?)\b")
    assert only_noun, "the corpus has a report that says 'vaccination' but never 'vacciner'"
    assert only_noun <= base(search(page, served_site, "vacciner"))


def test_acronym_finds_the_spelled_out_form_and_back(page, served_site):
    spelled = reports_mentioning(served_site, r"(?i)agents? de santé communautaire", without=r"\bASC\b")
    acronym = reports_mentioning(served_site, r"\bASC\b", without=r"(?i)agents? de santé communautaire")
    assert spelled and acronym
    assert spelled <= base(search(page, served_site, "ASC"))
    assert acronym <= base(search(page, served_site, "agent de santé communautaire"))


def test_facet_filter_and_url_round_trip(page, served_site):
    search(page, served_site, "vaccination")
    page.check("#kb-facettes input[value='Niger']")
    page.wait_for_function("location.search.includes('pays=Niger')")
    page.wait_for_timeout(300)
    metas = [m.inner_text() for m in page.query_selector_all(".kb-resultat__meta")]
    assert metas and all("Niger" in m for m in metas)
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    page.wait_for_function("document.getElementById('kb-etat').textContent.includes('trouvé')")
    assert page.input_value("#kb-q") == "vaccination"
    assert page.is_checked("#kb-facettes input[value='Niger']")
    assert [m.inner_text() for m in page.query_selector_all(".kb-resultat__meta")] == metas


def test_hit_in_a_recommendation_opens_it_highlighted(page, served_site):
    links = search(page, served_site, "logistique roulante renouvellement")
    target = next(link for link in links if "#rec-" in link)
    page.click(f".kb-resultat__titre[href='{target}']")
    page.wait_for_load_state()
    uid = target.split("#")[1]
    assert page.url.endswith("#" + uid)
    row = page.locator(f"tr:has(#{uid})")
    assert "logistique roulante" in row.inner_text()
    assert row.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


def test_header_search_box_leads_to_results(page, served_site):
    assert header_search(page, f"{served_site.base_url}/", "/recherche/", "paludisme")


def test_no_script_from_a_report_runs(page, served_site):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    url = next(u for u in reports_mentioning(served_site, r"xss-script"))
    page.goto(served_site.base_url + url)
    page.wait_for_timeout(500)
    assert dialogs == []
    body = page.inner_text("article")
    for literal in ('<script>alert("xss-script")</script>', "onerror=\"alert('xss-onerror')\"",
                    "[tableau de bord](javascript:alert('xss-link'))", "{{ config.site_name }}",
                    '{% include "secret.md" %}', "# Ceci n'est pas un titre", "| colonne A | colonne B |",
                    "5 * 3 étoiles * sans fin"):
        assert literal in body, literal
    scripts = "article script:not([type='application/json']), article iframe, article img"
    assert page.evaluate(f"[...document.querySelectorAll(\"{scripts}\")].length") == 0
    for block in page.locator("script[type='application/json']").all_inner_texts():
        assert "<" not in block  # report text cannot close the data block
    assert page.evaluate("[...document.querySelectorAll('a')].filter(a => a.href.startsWith('javascript')).length") == 0


def test_a_hostile_title_and_organiser_show_as_text_in_the_title_bar_header_and_index(page, served_site):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    title = "Atelier </title><script>alert('xss-titre')</script> de Bobo <img src=x onerror=alert('xss-titre-img')>"
    url = next(u for u in reports_mentioning(served_site, r"supervision formative des agents de saisie"))
    page.goto(served_site.base_url + url)
    page.wait_for_timeout(300)
    assert page.title().startswith(title)
    assert title in page.inner_text("header") and title in page.inner_text("article h1")
    organiser = "Comité <b onmouseover=alert('xss-organisateur')>régional</b> des Hauts-Bassins"
    page.click(f"article a:text-is(\"{organiser}\")")
    page.wait_for_load_state()
    assert organiser in page.title() and organiser in page.inner_text("article h1")
    assert page.evaluate("[...document.querySelectorAll('script:not([type=\"application/json\"])')]"
                         ".filter(s => s.textContent.includes('xss')).length") == 0
    assert page.evaluate("document.querySelectorAll('img[onerror], b[onmouseover]').length") == 0
    assert dialogs == []


def test_search_page_makes_no_request_to_another_host(page, served_site):
    hosts = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    search(page, served_site, "paludisme")
    page.goto(served_site.base_url + "/")
    assert hosts == {served_site.base_url.split("/")[2]}


def test_basket_keeps_units_across_pages_reorders_and_exports(page, served_site):
    url = next(u for u in reports_mentioning(served_site, r"travaux des assises du Comité Technique du PRODESS"))
    page.goto(served_site.base_url + url)
    buttons = page.locator(".kb-actions button[data-role=panier]")
    data = page.evaluate("window.kbUnites()")
    first_text = data[page.locator(".kb-actions").nth(0).get_attribute("data-unit")]["text"]
    second_text = data[page.locator(".kb-actions").nth(1).get_attribute("data-unit")]["text"]
    buttons.nth(0).click()
    buttons.nth(1).click()
    assert buttons.nth(0).get_attribute("aria-pressed") == "true"
    page.goto(served_site.base_url + "/lecons/recommandations/")  # another page, same basket
    page.goto(served_site.base_url + "/panier/")
    items = page.locator(".kb-panier__element")
    assert items.count() == 2 and first_text in items.nth(0).inner_text()
    page.click("button[aria-label=\"Monter l'énoncé 2\"]")
    assert second_text in page.locator(".kb-panier__element").nth(0).inner_text()
    with page.expect_download() as info:
        page.click("#kb-export-md")
    exported = open(info.value.path(), encoding="utf-8").read()
    assert exported.index(second_text[:40]) < exported.index(first_text[:40])
    assert "## Références" in exported and "{consulte}" not in exported
    page.click("button[aria-label=\"Retirer l'énoncé 1\"]")
    page.reload()
    assert page.locator(".kb-panier__element").count() == 1


@pytest.mark.parametrize("day, printed", [
    ("2026-12-01", "1er décembre 2026"),   # the first of the month is written "1er" in French
    ("2027-01-09", "9 janvier 2027"),      # a single-digit day, no leading zero
    ("2026-11-30", "30 novembre 2026"),
])
def test_copy_citation_button_copies_a_dated_citation(browser, public_site, day, printed):
    # The browser's clock is frozen at noon UTC and its time zone and language are fixed, so the consultation
    # date printed does not depend on the day the suite runs nor on the machine's locale.
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], timezone_id="UTC",
                                  locale="en-US")
    page = context.new_page()
    page.clock.set_fixed_time(datetime.datetime.fromisoformat(day + "T12:00:00+00:00"))
    url = next(u for u in reports_mentioning(public_site, r"travaux des assises du Comité Technique du PRODESS"))
    page.goto(public_site.base_url + url)
    page.click("text=Copier la citation")
    page.wait_for_function("[...document.querySelectorAll('.kb-bouton')].some(b => b.textContent === 'Copié !')")
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert copied.startswith("Comité technique du PRODESS (2017) ")
    assert f"Disponible sur\u00a0: {PUBLIC_URL}rapports/" in copied
    assert copied.rstrip().endswith(f"(Consulté le\u00a0: {printed})."), copied


@pytest.mark.parametrize("which", ["served_site", "public_site"])
def test_the_basket_composes_each_statement_as_the_generator_cites_it(page, request, vocab, which):
    """Pages carry each report's reference once and panier.js composes every statement's citation from it: on
    every report page (hostile texts included) and on a statement page, the composed data are what the generator
    gives each statement whole (render.pages.unit_entries: cite.unit_citation), computed here from the sources."""
    site = request.getfixturevalue(which)
    base = PUBLIC_URL if which == "public_site" else DEFAULT_BASE_URL
    corpus = read_corpus(site.source, vocab)
    whole = json.loads(json.dumps(unit_entries([(u, r) for r in corpus.reports for u in r.units], base)))  # as JSON
    compared = 0
    for row in catalogue_rows(site.docs):
        page.goto(site.base_url + "/" + row["url"])
        composed = page.evaluate("window.kbUnites()")
        expected = {k: v for k, v in whole.items() if k.startswith(row["slug"] + "#")}
        assert sorted(composed) == sorted(expected), row["url"]
        for key, want in expected.items():
            wrong = {f: (composed[key].get(f), v) for f, v in want.items() if composed[key].get(f) != v}
            assert not wrong and set(composed[key]) == set(want), (row["url"], key, wrong)
        compared += len(expected)
    page.goto(site.base_url + "/lecons/recommandations/")
    listed = page.evaluate("window.kbUnites()")
    assert listed and all(listed[k] == whole[k] for k in listed)
    assert compared > 10


def test_a_report_page_carries_its_statements_data_once(page, served_site):
    """The basket's data and the search metadata are one element on a report page (not two copies)."""
    url = next(u for u in sorted(reports_mentioning(served_site, r"travaux des assises du Comité Technique du PRODESS")))
    page.goto(served_site.base_url + url)
    assert page.locator(".kb-unites").count() == 1
    assert page.locator("[data-pagefind-meta=enonces]").count() == 1
    assert page.locator(".kb-actions button").count() > 0  # the page's own buttons read it


def test_reference_files_download_from_the_report_page_itself(page, served_site):
    """BibTeX, RIS and CSL-JSON are in the page's links (data: addresses with a file name): a click saves the
    file, with no file per report on the site and no script needed."""
    url = next(u for u in sorted(reports_mentioning(served_site, r"travaux des assises du Comité Technique du PRODESS")))
    page.goto(served_site.base_url + url)
    slug = url.strip("/").split("/")[-1]
    saved = {}
    for label in ("BibTeX", "RIS", "CSL-JSON"):
        with page.expect_download() as info:
            page.click(f"a[download]:text-is('{label}')")
        saved[info.value.suggested_filename] = open(info.value.path(), encoding="utf-8").read()
    assert set(saved) == {f"{slug}.bib", f"{slug}.ris", f"{slug}.json"}
    assert saved[f"{slug}.bib"].startswith(f"@techreport{{{slug},") and "TY  - RPRT" in saved[f"{slug}.ris"]
    row = next(r for r in catalogue_rows(served_site.docs) if r["slug"] == slug)
    item = json.loads(saved[f"{slug}.json"])[0]
    assert item["id"] == slug and item["title"] == row["title"] and "é" in row["title"]  # accents and spaces intact
