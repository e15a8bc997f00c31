"""The French interface, whole: no failed request on any page, French footer and 404 page, touch targets a
finger can hit on a phone, the basket count in the header, French theme and feed addresses."""

from __future__ import annotations

import json

import pytest

from build_scripts.paths import theme_address
from build_scripts.config import load_vocabulary

from .test_accessibility import report_with_units

PHONE = {"width": 390, "height": 844}


def pages(site) -> dict[str, str]:
    return {"accueil": "/", "rapport": report_with_units(site), "recherche": "/recherche/?q=paludisme",
            "panier": "/panier/", "thème": f"/themes/{theme_address(load_vocabulary().themes[0].label)}/"}


@pytest.mark.parametrize("name", ["accueil", "rapport", "recherche", "panier", "thème"])
def test_no_request_fails(page, served_site, name):
    """Every request a page makes (styles, scripts, search index, the theme's own look-ups such as a sitemap
    beside each alternate link) answers without an error."""
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    page.goto(served_site.base_url + pages(served_site)[name])
    page.wait_for_load_state("networkidle")
    if name == "recherche":
        page.wait_for_function("document.getElementById('kb-etat').textContent.includes('trouvé')")
    assert failed == []


def test_footer_and_missing_page_are_in_french(page, served_site):
    page.goto(served_site.base_url + "/")
    footer = page.inner_text("footer")
    assert "Made with" not in footer and "Material for MkDocs" not in footer
    assert "Base de connaissances" in footer
    response = page.goto(served_site.base_url + "/nulle-part/")
    assert response.status == 404  # the test server answers 404 without the page; the page itself is checked below
    html = (served_site.site / "404.html").read_text(encoding="utf-8")
    assert "Page introuvable" in html and "Not found" not in html and 'lang="fr"' in html


def test_touch_targets_are_44_px_on_a_phone(browser, served_site):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="fr-FR")
    page = context.new_page()
    page.goto(served_site.base_url + report_with_units(served_site))
    page.wait_for_selector(".kb-actions button")
    sizes = page.evaluate("""() => [...document.querySelectorAll(
        '.kb-actions button, .kb-bouton, .kb-panier-lien, .kb-search__button')]
        .filter(b => b.offsetParent !== null)
        .map(b => [b.textContent.trim() || b.getAttribute('aria-label'), b.getBoundingClientRect().height])""")
    context.close()
    assert sizes and all(height >= 44 for _, height in sizes), [s for s in sizes if s[1] < 44][:5]


def test_basket_count_is_in_the_header_on_every_page(page, served_site):
    page.goto(served_site.base_url + report_with_units(served_site))
    count = page.locator(".md-header .kb-panier-compte")
    assert count.inner_text() == "0" and count.is_visible()
    page.locator(".kb-actions button[data-role=panier]").first.click()
    assert count.inner_text() == "1"
    page.goto(served_site.base_url + "/pays/")
    assert page.locator(".md-header .kb-panier-compte").inner_text() == "1"
    assert "1 énoncé" in page.locator(".md-header .kb-panier-lien").get_attribute("aria-label")


def test_theme_pages_and_feeds_have_french_addresses(served_site):
    vocab = load_vocabulary()
    for theme in vocab.themes:
        name = theme_address(theme.label)
        assert name.isascii() and theme.slug != name or theme.label.casefold() == theme.slug.replace("-", " ")
        assert (served_site.site / "themes" / name / "index.html").is_file()
        if (served_site.docs / "feeds" / f"{name}.xml").exists():
            assert theme.label in (served_site.docs / "feeds" / f"{name}.xml").read_text(encoding="utf-8")
    assert not (served_site.site / "themes" / "community-health").exists()
    links = json.dumps([p.read_text(encoding="utf-8") for p in (served_site.site / "themes").glob("*/index.html")])
    assert "feeds/sante-communautaire.xml" in links or "Santé communautaire" not in links
