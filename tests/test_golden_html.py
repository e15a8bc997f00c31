"""Golden test of whole built pages: the HTML MkDocs writes for a few pages of the seeds' site (built for a public
address), compared byte for byte with tests/golden/html/, as Pelican compares whole output trees. Any change to
the generator, the templates, the hook or the theme that reaches these pages shows here as a diff.

Refresh after an intended change with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_html.py``,
then review the diff of tests/golden/html/ before committing it.
"""

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden" / "html"
PAGES = {  # golden file -> page of the site: a report, an index page, a statements page, the home page
    "rapport.html": "rapports/mali-prodess-comite-technique-2017/index.html",
    "theme.html": "themes/sante-communautaire/index.html",
    "recommandations.html": "lecons/recommandations/index.html",
    "accueil.html": "index.html",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PAGES))
def test_built_page_matches_golden(public_site, name):
    got = (public_site.site / PAGES[name]).read_text(encoding="utf-8")
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), f"{PAGES[name]} differs from {path} (see the module docstring)"
