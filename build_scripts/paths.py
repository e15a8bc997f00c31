"""The output layout, in one place: the folders under docs/ and the address of every page the generator makes.

Names here are addresses readers bookmark and cite: changing one moves pages (the site's old addresses then
need 'aliases')."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from slugify import slugify as _slugify

from . import digest
from .models import UNIT_KINDS

REPORTS_DIR = "rapports"  # one page per report: rapports/<slug>.md
ORIGINALS_DIR = "originaux"  # original documents: originaux/<slug>/<file>
FEEDS_DIR = "feeds"  # Atom feeds: feeds/rapports.xml, feeds/<theme>.xml
UNITS_DIR = "lecons"  # statements: lecons/index.md, lecons/<kind page>.md
STATEMENTS_INDEX = f"{UNITS_DIR}/index.json"  # the statements export: the list of its parts (statements_file)
CATALOGUE_DIR = "catalogue"  # the catalogue by year, and the page offering it with the references
CATALOGUE_INDEX = f"{CATALOGUE_DIR}/index.json"  # the list of its parts (catalogue_file)
REFERENCES_DIR = "references"  # BibTeX, RIS and CSL-JSON references by year
REFERENCES_INDEX = f"{REFERENCES_DIR}/index.json"  # the list of their parts (references_file)
GLOSSARY_DIR = "glossaire"
FRAGMENTS_DIR = "_generes"  # fragments included by hand-written pages, and data for the site hook
HOME_FRAGMENT = f"{FRAGMENTS_DIR}/accueil.md"
REDIRECTS = f"{FRAGMENTS_DIR}/redirections.json"  # old report address -> new one; the MkDocs hook writes the pages
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def page_url(kind: str, slug: str, root: str = "../") -> str:
    """The link to an index or report page from a page one folder deep ('.md': MkDocs rewrites it)."""
    return f"{root}{kind}/{slug}.md"


def page_name(stem: str, n: int) -> str:
    """'vaccination', 'vaccination--2'…: slugs never hold '--', so a page number cannot meet a real name."""
    return stem if n == 1 else f"{stem}--{n}"


def unit_page(kind: str) -> str:
    """The page name of one kind of statement ('recommandations')."""
    return UNIT_KINDS[kind].page


def statements_file(year: int | None) -> str:
    """One part of the statements export: the statements of the reports of one year ('lecons/lecons-2019.csv'),
    or of the undated ones ('lecons/lecons-sans-date.csv')."""
    return f"{UNITS_DIR}/lecons-{year if year else 'sans-date'}.csv"


def catalogue_file(year: int | None, ext: str) -> str:
    """One part of the catalogue: the reports of one year ('catalogue/catalogue-2019.csv', '.json'), or the
    undated ones ('catalogue/catalogue-sans-date.csv')."""
    return f"{CATALOGUE_DIR}/catalogue-{year if year else 'sans-date'}.{ext}"


def references_file(year: int | None, ext: str) -> str:
    """The references of the reports of one year in one format ('references/references-2019.bib', '.ris',
    '.json' for CSL-JSON), or of the undated ones ('references/references-sans-date.bib')."""
    return f"{REFERENCES_DIR}/references-{year if year else 'sans-date'}.{ext}"


def report_page(slug: str) -> str:
    return f"{REPORTS_DIR}/{slug}.md"


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """Index page names: the same label always gives the same name (cached: labels repeat a lot)."""
    return _slugify(text)


@lru_cache(maxsize=65536)
def bucket_slug(label: str) -> str:
    """An index page name; 'index' and empty names are reserved, long ones keep a digest so none merge."""
    slug = slugify(label)
    if len(slug) > 80:
        slug = slug[:70].strip("-") + "-" + digest.suffix(label, 8)
    if slug in ("", "index"):
        slug = f"{slug or 'sans-nom'}-{digest.suffix(label, 8)}"
    return slug


def theme_address(label: str) -> str:
    """A theme's page and feed name, from its French label ('Santé communautaire' -> 'sante-communautaire'):
    the one place that turns a theme into an address (the taxonomy's own slugs are identifiers, not addresses)."""
    return bucket_slug(label)


def title_slug(title: str) -> str:
    return _slugify(title, max_length=70, word_boundary=True, save_order=True) or "rapport"


def file_slug(source: str) -> str:
    """A report's address from its source file's name, without folder or extension."""
    name = source.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return title_slug(name[:dot] if dot > 0 else name)


def old_name(alias: Any) -> str:
    """'ancien-nom', '/rapports/ancien-nom/' or a full URL to it -> 'ancien-nom'; '' if it is no report address."""
    if not isinstance(alias, str):
        return ""
    path = re.sub(r"^[a-z]+://[^/]*", "", alias.strip()).strip("/")
    path = re.sub(r"^(?:.*/)?rapports/", "", path)
    path = re.sub(r"(?:/index)?\.(?:html|md)$", "", path).strip("/")
    return path if SLUG_RE.match(path) and path != "index" else ""
