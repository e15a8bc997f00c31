"""Accessibility in headless Chromium: axe-core finds no serious or critical violation, and the keyboard works.

axe-core comes from npm, pinned, into .cache/node (see INSTALL); build_scripts/test.sh installs it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from build_scripts.render import charts
from build_scripts.paths import slugify

from .conftest import catalogue_rows

ROOT = Path(__file__).resolve().parent.parent
AXE_VERSION = "4.14.1"
AXE = ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
INSTALL = f"npm install --no-save --no-audit --no-fund --prefix .cache/node axe-core@{AXE_VERSION}"
BLOCKING = ("serious", "critical")
# The style of every element, to tell whether keyboard focus changes how it looks.
SNAPSHOT = """el => { const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color].join('|'); }"""


@pytest.fixture(scope="session")
def axe() -> Path:
    """axe.min.js at the pinned version; its absence fails loudly (a skip would hide a missing install)."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: run `{INSTALL}` in {ROOT}")
    version = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert version == AXE_VERSION, f"axe-core {version} installed, {AXE_VERSION} expected: run `{INSTALL}`"
    return AXE


def blocking_violations(page, axe: Path) -> list[str]:
    """Run axe on the page as it is now; one line per serious or critical violation: rule, impact, elements."""
    page.add_script_tag(path=str(axe))
    violations = page.evaluate("() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            for v in violations if v["impact"] in BLOCKING]


def catalogue(site) -> list[dict]:
    return catalogue_rows(site.docs)


def report_with_units(site) -> str:
    """The address of a report page that has citable units (so basket buttons)."""
    for row in catalogue(site):
        if "kb-actions" in (site.site / row["url"] / "index.html").read_text(encoding="utf-8"):
            return "/" + row["url"]
    raise AssertionError("no report page with citable units in the served site")


def wait_for_search(page) -> None:
    page.wait_for_function("document.getElementById('kb-etat').textContent.includes('trouvé')")
    page.wait_for_selector("#kb-facettes input[type=checkbox]")


def open_page(page, site, path: str) -> None:
    """Open a page and wait until its scripts have drawn what they add (basket buttons, search results)."""
    page.goto(site.base_url + path)
    if path.startswith("/recherche/"):
        wait_for_search(page)
    elif path.startswith("/rapports/"):
        page.wait_for_selector(".kb-actions button[data-role=panier]")


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches the selector, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def styles_before_focus(page, selector: str) -> None:
    """Remember how every element matching the selector looks without focus."""
    js = f"s => {{ window.kbBefore = new Map([...document.querySelectorAll(s)].map(e => [e, ({SNAPSHOT})(e)])); }}"
    page.evaluate(js, selector)


def focus_shows(page) -> bool:
    """Whether the focused element looks different from how it looked before it had focus."""
    return page.evaluate(f"() => window.kbBefore.get(document.activeElement) !== ({SNAPSHOT})(document.activeElement)")


def country_page(site) -> str:
    """The address of the page of the first country the catalogue names."""
    return f"/pays/{slugify(next(r for r in catalogue(site) if r['countries'])['countries'][0])}/"


PAGES = {
    "accueil": lambda site: "/",
    "index des thèmes": lambda site: "/themes/",
    "page d'un pays": country_page,
    "rapport": report_with_units,
    "recherche": lambda site: "/recherche/?q=sante",
    "recommandations": lambda site: "/lecons/recommandations/",
}


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violation(name, page, served_site, axe):
    open_page(page, served_site, PAGES[name](served_site))
    assert blocking_violations(page, axe) == []


def test_basket_page_with_a_unit_has_no_serious_accessibility_violation(page, served_site, axe):
    open_page(page, served_site, report_with_units(served_site))
    page.locator(".kb-actions button[data-role=panier]").first.click()
    page.goto(served_site.base_url + "/panier/")
    page.wait_for_selector(".kb-panier__element")
    assert blocking_violations(page, axe) == []


def test_keyboard_toggles_a_search_facet(page, served_site):
    open_page(page, served_site, "/recherche/?q=sante")
    box = "#kb-facettes input[type=checkbox]"
    styles_before_focus(page, box)
    tab_to(page, box)
    assert focus_shows(page), "a focused facet checkbox looks the same as an unfocused one"
    key, value = page.evaluate("() => [document.activeElement.id.split('-')[2], document.activeElement.value]")
    page.keyboard.press("Space")
    page.wait_for_function("([k, v]) => new URLSearchParams(location.search).getAll(k).includes(v)", arg=[key, value])
    assert parse_qs(urlparse(page.url).query)[key] == [value]
    assert page.is_checked(f"#kb-facettes input[value=\"{value}\"]")


def test_focus_stays_on_a_facet_after_toggling_it(page, served_site):
    open_page(page, served_site, "/recherche/?q=sante")
    tab_to(page, "#kb-facettes input[type=checkbox]")
    box_id = page.evaluate("() => document.activeElement.id")
    page.keyboard.press("Space")
    page.wait_for_function("() => location.search.includes('&')")
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.activeElement.id") == box_id


def test_keyboard_adds_a_unit_to_the_basket(page, served_site):
    open_page(page, served_site, report_with_units(served_site))
    button = ".kb-actions button[data-role=panier]"
    styles_before_focus(page, button)
    tab_to(page, button)
    assert page.evaluate("() => document.activeElement.getAttribute('aria-pressed')") == "false"
    assert focus_shows(page), "a focused basket button looks the same as an unfocused one"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-pressed')") == "true"
    assert page.evaluate("() => JSON.parse(localStorage.getItem('kb-panier-v1')).length") == 1


def charts_figure(site) -> str:
    """The three charts of the served catalogue, each with a caption, as a page would show them."""
    rows = catalogue(site)
    themes = sorted({t: sum(t in r["tags"] for r in rows) for r in rows for t in r["tags"]}.items(),
                    key=lambda kv: (-kv[1], kv[0]))
    parts = [("Rapports par année", charts.timeline_svg(rows)),
             ("Rapports par pays", charts.country_grid_svg(rows, lambda name: f"pays/{slugify(name)}/")),
             ("Rapports par thème", charts.bars_svg(themes, "Rapports par thème",
                                                    href=lambda label: f"themes/{slugify(label)}/"))]
    return "".join(f"<figure><figcaption>{caption}</figcaption>{svg}</figure>" for caption, svg in parts)


def test_charts_in_a_site_page_are_accessible_and_their_links_work_from_the_keyboard(page, served_site, axe):
    open_page(page, served_site, "/")  # the home page shows the country grid, the timeline and the themes
    assert blocking_violations(page, axe) == []
    widths = page.evaluate("() => [...document.querySelectorAll('article svg.kb-graphique')].map(s => s.clientWidth)")
    assert len(widths) == 3 and min(widths) > 500, f"charts squeezed by their <figure>: {widths}"
    tile = ".kb-graphique--pays a"
    tab_to(page, tile)
    frame = "() => getComputedStyle(document.activeElement.querySelector('.kb-cadre')).strokeWidth"
    assert page.evaluate(frame) == "4px", "the focused tile has no visible focus ring"
    target = page.evaluate("() => document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(served_site.base_url + "/" + target) + "$"))
    assert page.locator("h1").count() == 1 and "404" not in page.title()
