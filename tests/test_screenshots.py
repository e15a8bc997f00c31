"""The README's screenshots of the home page and a report page, taken from the built site on every run."""

from pathlib import Path

from .test_browser import reports_mentioning

SHOTS = Path(__file__).parent / "screenshots"


def shoot(page, url: str, name: str) -> Path:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    page.wait_for_load_state("networkidle")
    path = SHOTS / name
    page.screenshot(path=str(path), animations="disabled")
    return path


def test_readme_screenshots_are_current(page, served_site):
    home = shoot(page, served_site.base_url + "/", "accueil.png")
    assert page.locator("h1").inner_text().startswith("Base de connaissances")
    url = next(iter(sorted(reports_mentioning(served_site, r"travaux des assises du Comité Technique du PRODESS"))))
    report = shoot(page, served_site.base_url + url, "rapport.png")
    assert page.locator("h1").inner_text().startswith("Assises du Comité Technique du PRODESS")
    for path in (home, report):
        assert path.stat().st_size > 20_000  # a real rendering, not a blank page
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "tests/screenshots/accueil.png" in readme and "tests/screenshots/rapport.png" in readme
