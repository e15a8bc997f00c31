"""Jinja2 templates -> page strings: pure data in, {path under docs/: text} out, never a file read or written
(write.py writes; incremental.py decides which jobs run). Every value from a report is escaped unless marked Safe.

Pages are HTML inside a Markdown file (front-matter ``kb_html: true``, see site/hooks.py), rendered with
Jinja2's autoescape; only the home page's fragment, included by the hand-written index.md, is Markdown."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import originals
from ..classify import Bucket, Classification, sort_key
from ..config import Vocabulary
from ..models import INDEX_KINDS, UNIT_KINDS, Report, Unit
from ..paths import (CATALOGUE_DIR, CATALOGUE_INDEX, FEEDS_DIR, GLOSSARY_DIR, HOME_FRAGMENT, REDIRECTS, REFERENCES_INDEX,
                     REPORTS_DIR, STATEMENTS_INDEX, UNITS_DIR, bucket_slug, catalogue_file, page_name, page_url, references_file,
                     slugify, statements_file, theme_address, unit_page)
from ..text import french_date
from . import charts, cite, feeds
from .htmltext import Ids, Inline, attr, blocks_to_html, esc, heading, one_line
from .mdtext import escape
from .search_words import WORDS_PATH, fitting_meanings, report_text, vocabulary

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
DEFAULT_BASE_URL = "http://127.0.0.1:8000/"
INDEX_TITLES = {kind: (k.title, k.singular, k.description) for kind, k in INDEX_KINDS.items()}  # for the templates
UNIT_LABELS = {kind: (k.plural, k.singular) for kind, k in UNIT_KINDS.items()}
CATALOGUE_FIELDS = ("slug", "title", "country", "countries", "programme", "programme_long", "date", "date_end", "year",
                    "organiser", "partners", "themes", "tags", "summary", "doc_type", "city", "unverified", "source",
                    "url")


# the index kinds whose pages are per country for a name every country's body or programme bears, and the field
# that holds the name (see jurisdiction and namesake_jobs)
NAMESAKE_FIELDS = {"organisateurs": "organiser", "programmes": "programme"}
UNVERIFIED_LABELS = {"country": "pays", "programme": "programme", "date": "date", "organiser": "organisateur"}
REPORT_IDS = ("texte-du-rapport", "sigles", "kb-points", "kb-citer", "kb-lies")  # ids report.html.j2 uses


Safe = Markup  # text already safe (HTML we wrote, or Markdown for the home fragment): emitted as is
HTML_FLAG = "kb_html"  # front-matter key that tells site/hooks.py the page body is HTML
# Front-matter keys read by the theme (docs/_theme/main.html) for the page head: citation meta tags, the
# description (escaped by site/hooks.py into 'description', which the theme prints as is).
HEAD_META, HEAD_DESCRIPTION = "kb_meta", "kb_description"


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Safe) or isinstance(value, (int, float)):
        return value
    return escape(one_line(value))


def unit_actions(u: Unit, r: Report) -> Safe:
    """Where the script puts the 'Citer' and basket buttons of a unit; its data is in the page's JSON block."""
    return Safe(f'<span class="kb-actions" data-unit="{attr(r.slug + "#" + u.uid)}"></span>')


def unit_entries(pairs: list[tuple[Unit, Report]], base_url: str) -> dict[str, dict[str, Any]]:
    """What the basket needs for each unit, whole: its words, its citation, its report's reference parts."""
    def url(r: Report, u: Unit) -> str:
        return f"{cite.report_url(base_url, r)}#{u.uid}" if cite.report_url(base_url, r) else ""
    return {f"{r.slug}#{u.uid}": {"kind": cite.UNIT_NAMES[u.kind], "text": u.text,
                                   "cite": cite.unit_citation(u, r, base_url), "url": url(r, u), "title": r.meta["title"],
                                   "ref": cite.reference_parts(r.meta, cite.report_url(base_url, r)),
                                   "short": cite.short_reference(r.meta), "report": r.slug}
            for u, r in pairs}


def _script_json(data: Any) -> str:
    """JSON that no text can end early inside a script element ('<' and '>' escaped)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e")


def compact_units(pairs: list[tuple[Unit, Report]], base_url: str, page_text: bool = False) -> dict[str, Any]:
    """What the basket needs for the units of a page: each report's reference record once ("refs", see
    cite.reference_record), the site's name and its reports' public address ("site", "base": none without a public
    address), and each unit's own data ("units": kind, words, responsible, deadline, page; its report is the part
    of its key before '#'); panier.js composes each unit's citation from them, as cite.unit_citation does
    (test_browser.py compares the two). With ``page_text`` (a statement page, which shows every unit's words and
    has one kind), the words are read from the page (``.kb-texte``) and the kind is said once ("kind")."""
    refs = {r.slug: cite.reference_record(r.meta) for _, r in pairs}
    units: dict[str, dict[str, Any]] = {}
    kinds = {cite.UNIT_NAMES[u.kind] for u, _ in pairs}
    shared = kinds.pop() if page_text and len(kinds) == 1 else ""
    for u, r in pairs:
        entry = {} if shared else {"kind": cite.UNIT_NAMES[u.kind], "text": u.text}
        entry.update({k: v for k, v in (("structure", u.structure), ("deadline", u.deadline), ("page", u.page)) if v})
        units[f"{r.slug}#{u.uid}"] = entry
    block: dict[str, Any] = {"refs": refs, "units": units, "site": cite.SITE_NAME}
    if cite.public(base_url):
        block["base"] = f"{cite.public(base_url)}{REPORTS_DIR}/"
    if shared:
        block["kind"] = shared
    return block


def units_data(pairs: list[tuple[Unit, Report]], base_url: str) -> Safe:
    """The units' data for the basket, on a statement page (see compact_units): their words are on the page."""
    data = _script_json(compact_units(pairs, base_url, page_text=True))
    return Safe(f'<script type="application/json" class="kb-unites">{data}</script>')


def search_units(pairs: list[tuple[Unit, Report]], base_url: str) -> Safe:
    """The units' data on a report page, once: as search metadata (recherche.js reads it from a result, so that a
    statement found by a search gets its buttons in the result itself) and for the page's own basket buttons
    (panier.js reads the same element). Report pages only: statement pages are not indexed."""
    return Safe(f'<span hidden data-pagefind-ignore data-pagefind-meta="enonces" class="kb-unites">'
                f'{esc(_script_json(compact_units(pairs, base_url)))}</span>')


def consulted(parts: tuple[str, str, str]) -> Safe:
    """The citation as shown, its title in italics; the consultation date is filled in by the browser, on the
    reader's day."""
    before, title, after = (attr(re.sub(r"[ \t\r\n]+", " ", p)) for p in parts)  # keeps no-break spaces
    after = after.replace(cite.CONSULTED, '<span class="kb-consulte">[date de consultation]</span>')
    return Safe(f"{before}<i>{title}</i>{after}")


def link(label: Any, url: str) -> Safe:
    """A Markdown link whose label is escaped report text and whose URL we generated."""
    return Safe(f"[{escape(one_line(label))}]({url})")


def html_link(label: Any, url: str) -> Safe:
    """A link whose label is escaped report text; MkDocs rewrites the '.md' URL (see site/hooks.py)."""
    return Safe(f'<a href="{attr(url)}">{esc(one_line(label))}</a>')


def html_heading(level: int, text: Any, ident: str, attrs: str = "") -> Safe:
    """A heading of a template, its text escaped, with its id and permalink."""
    return Safe(heading(level, esc(one_line(text)), ident, attrs))


def html_page(meta: dict[str, Any], body: str) -> str:
    """A generated page: front-matter (with the HTML flag) and its HTML body."""
    return front_matter({**meta, HTML_FLAG: True}) + "\n" + body


def date_range(meta: dict[str, Any]) -> str:
    """'30 et 31 mai 2017' style range for display: '30 mai 2017 – 31 mai 2017' kept simple and exact."""
    start, end = french_date(meta.get("date")), french_date(meta.get("date_end"))
    if start and end:
        return f"du {start} au {end}"
    return start or "date non précisée"


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: same YAML, ten times faster


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front-matter in a fixed key order (python-frontmatter would sort keys)."""
    dumped = yaml.dump(meta, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100000)
    return "---\n" + dumped + "---\n"


@dataclass
class Job:
    """Some generated files and what they show: ``make()`` gives {path: text}. ``what`` names the job and
    ``reports`` are those it shows (incremental.Pages digests them into the job's key); a report's page also
    shows its ``related`` reports; ``bodies`` are the reports whose text and blocks it reads."""

    what: tuple
    reports: list[Report]
    make: Callable[[], dict[str, str]]
    related: list[tuple[Report, list[str]]] | None = None
    bodies: list[Report] | None = None
    text_of_all: bool = False  # keyed by its reports' extraction keys (it reads their whole text)


class Renderer:
    """Turns the classified corpus into the jobs that make the text of every generated file."""

    def __init__(self, vocab: Vocabulary, base_url: str = DEFAULT_BASE_URL) -> None:
        self.vocab = vocab
        self.country_names = {c.name for c in vocab.countries}
        self.base_url = base_url
        options = dict(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, trim_blocks=True,
                       lstrip_blocks=True, keep_trailing_newline=True)
        shared = dict(page_url=page_url, date_range=date_range, french_date=french_date, unit_page=unit_page,
                      UNIT_LABELS=UNIT_LABELS, INDEX_TITLES=INDEX_TITLES)
        self.md_env = Environment(finalize=_finalize, autoescape=False, **options)  # the home fragment only
        self.md_env.globals.update(shared, link=link, Safe=Safe)
        self.env = Environment(finalize=lambda v: "" if v is None else v, autoescape=True, **options)
        self.env.globals.update(shared, link=html_link, heading=html_heading, unit_actions=unit_actions,
                                units_data=units_data, search_units=search_units, consulted=consulted, original_links=originals.links)

    def jobs(self, reports: list[Report], classes: Classification) -> list[Job]:
        """Every generated file, as jobs keyed by what each shows: the corpus exports, the listing pages (one
        job per page, keyed by the reports and statements it shows), the index pages, each report's page, the
        search vocabulary. A report's new title re-renders its page, the exports and the pages that list it."""
        buckets, rel = classes.buckets, classes.related
        jobs = self.export_jobs(reports) + self.listing_jobs(reports, buckets) + self.namesake_jobs(buckets)
        for kind in INDEX_KINDS:
            for b in buckets[kind]:  # one job per page: its own reports (the first page's counts and charts: all)
                for n, chunk, pager in paginate(b.reports, b.slug):
                    jobs.append(Job(("bucket", b.kind, b.slug, b.label, b.description, len(b.reports), n, str(pager)),
                                    b.reports if n == 1 else chunk,
                                    lambda b=b, n=n, chunk=chunk, pager=pager: self.bucket_page(b, n, chunk, pager)))
        for r in reports:
            jobs.append(Job(("report",), [r], lambda r=r: self.report_files(r, rel[r.slug]), related=rel[r.slug],
                            bodies=[r]))
        jobs.append(Job((WORDS_PATH,), reports, lambda: {WORDS_PATH: vocabulary(reports)},
                        text_of_all=True))
        return jobs

    def render(self, reports: list[Report], classes: Classification) -> dict[str, str]:
        """Every generated file made here, at once (tests and tools; a build goes through build.py)."""
        out: dict[str, str] = {}
        for job in self.jobs(reports, classes):
            _merge(out, job.make())
        return out

    def export_jobs(self, reports: list[Report]) -> list[Job]:
        """The corpus exports, each split by year of the meeting so that a corrected title rewrites only the parts
        that hold its report: the statements (one CSV file per year), the catalogue (CSV and JSON per year) and
        the references (BibTeX, RIS, CSL-JSON per year: a reference manager imports a year from one file), each
        with the list of its parts."""
        base = self.base_url
        parts = statement_parts(reports)
        shape = statements_shape(parts)
        jobs = [Job(("lecons-part", year), group, lambda year=year, group=group: {
            statements_file(year): cite.units_csv(group)}) for year, group in parts]
        jobs.append(Job(("lecons-index", shape), [], lambda: {STATEMENTS_INDEX: cite.units_index(shape)}))
        years = year_parts(reports)
        for year, group in years:  # one list per year, shared by its jobs (its digest is computed once)
            jobs.append(Job(("catalogue-part", year), group, lambda year=year, group=group: dict(zip(
                (catalogue_file(year, "json"), catalogue_file(year, "csv")), catalogue(group)))))
            for ext, write_refs in REFERENCE_FORMATS:
                jobs.append(Job(("references-part", ext, year, base), group,
                                lambda year=year, group=group, ext=ext, write_refs=write_refs: {
                                    references_file(year, ext): write_refs(group, base)}))
        counts = [(year, len(group)) for year, group in years]
        jobs.append(Job(("catalogue-index", counts), [], lambda: {CATALOGUE_INDEX: catalogue_index(counts),
                                                                  REFERENCES_INDEX: references_index(counts)}))
        jobs.append(Job((REDIRECTS,), [r for r in reports if r.meta.get("aliases")],
                        lambda: {REDIRECTS: redirects(reports)}))
        return jobs

    def listing_jobs(self, reports: list[Report], buckets: dict[str, list[Bucket]]) -> list[Job]:
        """One job per listing page (or small group of files), its key made of what it shows: the reports it
        names (their shown digests) and the shape of the page (counts, pages, which statements)."""
        base, jobs = self.base_url, []
        everything = sorted(reports, key=sort_key)
        for n, chunk, pager in paginate(everything, "index"):
            jobs.append(Job(("reports-index", n, str(pager), len(everything)), chunk,
                            lambda n=n, chunk=chunk, pager=pager: {f"{REPORTS_DIR}/{page_name('index', n)}.md": self._page(
                                "Tous les rapports" + (f" (page {n})" if n > 1 else ""), "reports_index.html.j2",
                                reports=chunk, total=len(everything), pager=pager, page=n)}))
        undated = [r for r in reports if not r.meta.get("date")]
        for kind in INDEX_KINDS:
            shown = undated if kind == "annees" else []  # the template lists the undated reports on the years' index
            jobs.append(Job(("bucket-index", kind, [(b.slug, b.label, len(b.reports)) for b in buckets[kind]]), shown,
                            lambda kind=kind: {f"{kind}/index.md": self._page(
                                INDEX_TITLES[kind][0], "bucket_index.html.j2", kind=kind, buckets=buckets[kind],
                                undated=undated)}))
        units = self.units_by_theme(reports)
        for kind in UNIT_LABELS:
            for path, title, context in self.units_plan(kind, units[kind]):
                pairs = context["unit_pairs"]
                shape = [path, title, context["total"], str(context["pager"]), context["theme_label"],
                         [(slug, label, count, [(r.slug, u.uid) for u, r in items])
                          for slug, label, items, count in context["groups"]]]
                jobs.append(Job(("units", base, shape), list({r.slug: r for _, r in pairs}.values()),
                                lambda path=path, title=title, context=context: {
                                    path: self._page(title, "units.html.j2", **context)}))
        jobs.append(Job(("glossary",), [r for r in reports if r.acronyms], lambda: {
            f"{GLOSSARY_DIR}/index.md": self._page("Glossaire des sigles", "glossary.html.j2",
                                                   entries=glossary_entries(reports))}))
        unit_counts = self._unit_counts(reports)
        statement_files = statements_shape(statement_parts(reports))
        downloads = [(name, year, n_units) for name, year, _, n_units in statement_files]
        jobs.append(Job(("units-index", unit_counts, downloads), [], lambda: {
            f"{UNITS_DIR}/index.md": self._page("Enseignements et recommandations", "units_index.html.j2",
                                                counts=unit_counts, downloads=downloads,
                                                index=STATEMENTS_INDEX.rsplit("/", 1)[-1])}))
        data_rows = data_downloads({year: len(group) for year, group in year_parts(reports)},
                                   {year: name for name, year, _, _ in statement_files})
        jobs.append(Job(("downloads", data_rows), [], lambda: {
            f"{CATALOGUE_DIR}/index.md": self._page("Catalogue et références à télécharger", "downloads.html.j2",
                                                    rows=data_rows, units_dir=UNITS_DIR,
                                                    references_index=REFERENCES_INDEX,
                                                    statements_index=STATEMENTS_INDEX)}))
        rows = catalogue_rows(reports)
        latest = everything[:8]
        shape = [len(reports), unit_counts, {k: [(b.slug, b.label, len(b.reports)) for b in bs] for k, bs in buckets.items()},
                 [(row["year"], row.get("countries")) for row in rows]]
        jobs.append(Job(("home", shape), latest, lambda: {HOME_FRAGMENT: self.home_fragment(
            reports, latest, rows, buckets, unit_counts)}))
        by_slug = {r.slug: r for r in reports}
        dated = [row["slug"] for _, row in feeds.newest(rows, limit=len(rows))]  # every dated report, newest first
        for path, title, subtitle, feed_rows in self.feed_plan(rows, buckets):
            slugs = {row["slug"] for row in feed_rows}
            shown = [by_slug[slug] for slug in dated if slug in slugs][:feeds.MAX_ENTRIES]  # what newest() keeps
            jobs.append(Job(("feed", base, path, title, subtitle), shown,
                            lambda path=path, title=title, subtitle=subtitle, feed_rows=feed_rows: {
                                path: feeds.atom_feed(feed_rows, site_url=base, feed_path=path, title=title,
                                                      subtitle=subtitle)}))
        return jobs

    def home_fragment(self, reports: list[Report], latest: list[Report], rows: list[dict[str, Any]],
                      buckets: dict[str, list[Bucket]], unit_counts: dict[str, int]) -> str:
        """The generated part of the home page: counts, latest reports, charts, themes."""
        return self.md_env.get_template("home_fragment.md.j2").render(
            latest=latest, buckets=buckets, n_reports=len(reports), unit_counts=unit_counts,
            timeline=Safe(charts.timeline_svg(rows)), timeline_table=year_country_table(rows),
            grid=Safe(charts.country_grid_svg(rows, lambda name: f"pays/{slugify(name)}/")),
            themes_chart=Safe(charts.bars_svg([(b.label, len(b.reports)) for b in buckets["themes"]],
                                              "Rapports par thème", lambda label: f"themes/{theme_address(label)}/")))

    def feed_plan(self, rows: list[dict[str, Any]], buckets: dict[str, list[Bucket]]) -> list[tuple]:
        """Atom feeds by event date, as (path, title, subtitle, rows): the whole site, and one per theme."""
        plan = [(f"{FEEDS_DIR}/rapports.xml", cite.SITE_NAME, "Les derniers rapports, par date de l'événement", rows)]
        for b in buckets["themes"]:
            slugs = {r.slug for r in b.reports}
            plan.append((f"{FEEDS_DIR}/{b.slug}.xml", f"{cite.SITE_NAME} — {b.label}",
                         f"Les derniers rapports du thème « {b.label} »", [row for row in rows if row["slug"] in slugs]))
        return plan

    def report_files(self, r: Report, related_reports: list[tuple[Report, list[str]]]) -> dict[str, str]:
        """A report's page (its reference files are in the page itself: see reference_downloads)."""
        return {f"{REPORTS_DIR}/{r.slug}.md": self.report_page(r, related_reports)}

    def reference_downloads(self, r: Report) -> list[tuple[str, str, str, str]]:
        """(label, data: URI, file name, type) of the report's BibTeX, RIS and CSL-JSON reference: the file is in
        the link itself, downloaded under its name without a script, online or from disk, and the site has no
        three files per report (30,000 at 10,000 reports)."""
        out = []
        for label, ext, mime, text in (("BibTeX", "bib", "application/x-bibtex", cite.bibtex([r], self.base_url)),
                                       ("RIS", "ris", "application/x-research-info-systems", cite.ris([r], self.base_url)),
                                       ("CSL-JSON", "json", "application/vnd.citationstyles.csl+json",
                                        cite.csl_json([r], self.base_url))):
            out.append((label, f"data:{mime};charset=utf-8,{text.translate(DATA_URI_ESCAPES)}", f"{r.slug}.{ext}", mime))
        return out

    def _template(self, name: str, **context: Any) -> str:
        """An HTML template, with a fresh set of heading ids unless the caller gives one."""
        context.setdefault("ids", Ids())
        return self.env.get_template(name).render(**context)

    def _page(self, title: str, name: str, **context: Any) -> str:
        """A generated page: its title in the front-matter and as the template's heading."""
        return html_page({"title": title}, self._template(name, title=title, **context))

    def _unit_counts(self, reports: list[Report]) -> dict[str, int]:
        counts = Counter(u.kind for r in reports for u in r.units)
        return {k: counts.get(k, 0) for k in UNIT_LABELS}

    def report_page(self, r: Report, related_reports: list[tuple[Report, list[str]]]) -> str:
        anchors: dict[int, dict[int, list[str]]] = {}
        sentences: dict[int, list[tuple[str, str]]] = {}
        for u in r.units:
            block = r.blocks[u.block]
            if u.item == -1 and block.kind == "paragraph" and not block.markdown and u.text != " ".join(block.lines):
                sentences.setdefault(u.block, []).append((u.uid, u.text))
            else:
                anchors.setdefault(u.block, {}).setdefault(u.item, []).append(u.uid)
        acronyms = r.acronyms  # any spelling: they are escaped like the rest ('CSRéf', 'S&E')
        used = {acr: expansion for acr, expansion, spelled in acronyms if not spelled}
        inline = Inline(used, fitting_meanings(used, r.meta.get("countries") or [], self.country_names,
                                               lambda: report_text(r)))
        ids = Ids(set(REPORT_IDS) | {f"kb-{unit_page(kind)}" for kind in UNIT_LABELS})
        body = Safe(blocks_to_html(r.blocks, anchors, block_ids=True, sentences=sentences, inline=inline, ids=ids))
        keys = r.index_keys
        by_kind: dict[str, list[Unit]] = {}
        for u in r.units:
            by_kind.setdefault(u.kind, []).append(u)
        citation = cite.reference_parts(r.meta, cite.report_url(self.base_url, r))
        page = self._template("report.html.j2", r=r, m=r.meta, body=body, keys=keys, units=by_kind,
                              related=related_reports, acronyms=acronyms, citation=citation, ids=ids,
                              inline=lambda text: Safe(inline(one_line(text))),
                              unit_pairs=[(u, r) for u in r.units], base_url=self.base_url,
                              downloads=self.reference_downloads(r))
        head = {HEAD_META: cite.meta_tags(r, self.base_url, self._original_url(r)),
                HEAD_DESCRIPTION: cite.description(r.meta)}
        return html_page({**r.meta, **head}, page)

    def namesake_jobs(self, buckets: dict[str, list[Bucket]]) -> list[Job]:
        """A page at the bare name of a body or programme that each country has ('Ministère de la Santé publique'),
        whose reports are filed per country ('… — Niger', '… — Mali'): it links to the country pages, so that an
        address made from the name alone (typed, or kept from before the name was split) leads to them."""
        jobs = []
        for kind, field in NAMESAKE_FIELDS.items():
            taken = {b.slug for b in buckets[kind]}
            groups: dict[str, tuple[str, list[Bucket]]] = {}
            for b in buckets[kind]:
                name = b.reports[0].meta.get(field) or ""
                if name and b.label != name and bucket_slug(name) not in taken:
                    groups.setdefault(bucket_slug(name), (name, []))[1].append(b)
            for slug, (name, split) in sorted(groups.items()):
                shape = ("namesakes", kind, slug, name, [(b.slug, b.label, len(b.reports)) for b in split])
                jobs.append(Job(shape, [], lambda kind=kind, slug=slug, name=name, split=split: {
                    f"{kind}/{slug}.md": self._page(f"{INDEX_TITLES[kind][0]} : {name}", "namesakes.html.j2",
                                                    kind=kind, bare_name=name, buckets=split)}))
        return jobs

    def _original_url(self, r: Report) -> str:
        """The public address of the report's own original document ('' without a public site address)."""
        items, base = r.meta.get("originals") or [], cite.public(self.base_url)
        return base + originals.targets(r.slug, items)[0] if items and base else ""

    def bucket_page(self, b: Bucket, n: int, chunk: list[Report], pager: Safe) -> dict[str, str]:
        """Page ``n`` of an index page (theme, country…), its reports split in pages of 100 (see paginate): the
        first page also has counts per other facet and charts, drawn from all its reports."""
        facets: dict[str, Counter[tuple[str, str]]] = {}
        for other in INDEX_KINDS if n == 1 else []:
            if other == b.kind:
                continue
            c: Counter[tuple[str, str]] = Counter()
            for r in b.reports:
                for key in r.index_keys[other]:
                    c[key] += 1
            facets[other] = c
        facet_lists = {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0][1].casefold())) for k, c in facets.items()}
        title = f"{INDEX_TITLES[b.kind][0]} : {b.label}"
        page_title = title if n == 1 else f"{title} (page {n})"
        return {f"{b.kind}/{page_name(b.slug, n)}.md": self._page(
            page_title, "bucket.html.j2", b=b, facets=facet_lists, reports=chunk, pager=pager,
            charts=self.bucket_charts(b, facets) if n == 1 else [],
            meetings=sorted(b.reports, key=lambda r: (r.meta.get("date") or "9999", r.slug))
            if b.kind == "programmes" and n == 1 else [])}

    def bucket_charts(self, b: Bucket, facets: dict[str, Counter[tuple[str, str]]]) -> list[tuple[Safe, Any]]:
        """Charts of an index page (drawn from its own reports) with the table of their numbers:
        a country by year and by theme, a programme by year, a theme by country."""
        def bars(kind: str, title: str, order: str) -> tuple[Safe, Any]:
            items = sorted(facets[kind].items(), key=(lambda kv: kv[0][1]) if order == "label" else
                           (lambda kv: (-kv[1], kv[0][1].casefold())))
            svg = charts.bars_svg([(label, n) for (slug, label), n in items], title,
                                  (lambda label, m={lbl: sl for (sl, lbl), _ in items}: f"../{kind}/{m[label]}.md"))
            return Safe(svg), [(label, n) for (_, label), n in items]
        wanted = {"pays": [("annees", "Rapports par année", "label"), ("themes", "Rapports par thème", "count")],
                  "programmes": [("annees", "Réunions par année", "label")],
                  "themes": [("pays", "Pays couverts par ce thème", "count"),
                             ("programmes", "Programmes concernés", "count")]}.get(b.kind, [])
        return [bars(kind, title, order) for kind, title, order in wanted if facets.get(kind)]

    def units_by_theme(self, reports: list[Report]) -> dict[str, dict[str, list[tuple[Unit, Report]]]]:
        """Every statement, by kind then by its first theme (else its report's, else 'sans-theme'), newest first."""
        by_kind: dict[str, dict[str, list[tuple[Unit, Report]]]] = {
            kind: {t.slug: [] for t in self.vocab.themes} for kind in UNIT_LABELS}
        for r in sorted(reports, key=sort_key):
            for u in r.units:
                themes = u.themes or r.meta["themes"] or []
                for t in themes[:1] or ["sans-theme"]:
                    by_kind[u.kind].setdefault(t, []).append((u, r))
        return by_kind

    def units_plan(self, kind: str, by_theme: dict[str, list[tuple[Unit, Report]]]) -> list[tuple[str, str, dict[str, Any]]]:
        """All statements of one kind grouped by theme, as (path, title, template context) per page: a summary
        page, and a paged list per large theme."""
        labels = {slug: self.vocab.theme_by_slug[slug].label if slug in self.vocab.theme_by_slug else "Sans thème"
                  for slug in by_theme}
        groups = [(theme_address(labels[slug]), labels[slug], items) for slug, items in by_theme.items() if items]
        base = unit_page(kind)
        shown = [(slug, label, items[:UNITS_PREVIEW], len(items)) for slug, label, items in groups]
        plan = [(f"{UNITS_DIR}/{base}.md", UNIT_LABELS[kind][0], dict(
            kind=kind, groups=shown, total=sum(len(g[2]) for g in groups), base=base,
            unit_pairs=[p for _, _, g, _ in shown for p in g], base_url=self.base_url, pager="", theme_label=""))]
        for slug, label, items in groups:
            if len(items) <= UNITS_PREVIEW:
                continue
            for n, chunk, pager in paginate(items, f"{base}-{slug}"):
                theme_label = label + (f" (page {n})" if n > 1 else "")
                plan.append((f"{UNITS_DIR}/{page_name(f'{base}-{slug}', n)}.md",
                             f"{UNIT_LABELS[kind][0]} : {theme_label}", dict(
                                 kind=kind, groups=[(slug, label, chunk, len(items))], total=len(items), base=base,
                                 unit_pairs=chunk, base_url=self.base_url, pager=pager, theme_label=theme_label)))
        return plan


# What a data: address must escape: '%' and '#' (they mean something in a URL), tab and line breaks (a URL parser
# drops them). The rest stays as written, accents and spaces included (a browser encodes them as UTF-8, which is
# what 'charset=utf-8' says; the template escapes '&', '<', '>' and quotes for the attribute): a third of the size
# of a fully percent-encoded address.
DATA_URI_ESCAPES = str.maketrans({"%": "%25", "#": "%23", "\t": "%09", "\n": "%0A", "\r": "%0D"})
REFERENCE_FORMATS: list[tuple[str, Callable[[list[Report], str], str]]] = [
    ("bib", cite.bibtex), ("ris", cite.ris), ("json", cite.csl_json)]
REFERENCE_LABELS = [("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON")]
PAGE_SIZE = 100  # entries per listing page: a theme with 2,500 reports gives 25 light pages
UNITS_PREVIEW = 10  # statements per theme on a summary page
def _merge(out: dict[str, str], new: dict[str, str]) -> None:
    """Add generated files of one job, refusing two different outputs at one path (write.collect does the same
    across jobs)."""
    for path, content in new.items():
        if path in out and out[path] != content:
            raise ValueError(f"two generated pages want the same path {path}")
        out[path] = content


def paginate(items: list, stem: str, size: int = PAGE_SIZE) -> list[tuple[int, list, Safe]]:
    """(page number, its items, HTML links to the other pages) for a list split in pages."""
    pages = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
    out = []
    for n, chunk in enumerate(pages, 1):
        if len(pages) == 1:
            pager = Safe("")
        else:
            links = [f"<strong>{k}</strong>" if k == n else f'<a href="{page_name(stem, k)}.md">{k}</a>'
                     for k in range(1, len(pages) + 1)]
            pager = Safe('<p class="kb-pages">Pages : ' + " · ".join(links) + "</p>")
        out.append((n, chunk, pager))
    return out


def glossary_entries(reports: list[Report]) -> list[tuple[str, str, list[Report]]]:
    """Every acronym of the corpus with its most common expansion and the reports using it, newest first."""
    uses: dict[str, list[Report]] = {}
    expansions: dict[str, Counter[str]] = {}
    for r in sorted(reports, key=sort_key):
        for acr, expansion, _ in r.acronyms:
            uses.setdefault(acr, []).append(r)
            expansions.setdefault(acr, Counter())[expansion] += 1
    return [(acr, sorted(expansions[acr].items(), key=lambda kv: (-kv[1], kv[0]))[0][0], uses[acr])
            for acr in sorted(uses, key=lambda a: (a.casefold(), a))]


def year_country_table(rows: list[dict[str, Any]]) -> list[tuple[str, int, str]]:
    """The numbers of the timeline chart as table rows: year, reports, reports per country."""
    by_year: dict[int, Counter[str]] = {}
    totals: Counter[int] = Counter()
    for row in rows:
        if row.get("year"):
            totals[row["year"]] += 1
            for country in row.get("countries") or ["pays non précisé"]:
                by_year.setdefault(row["year"], Counter())[country] += 1
    return [(str(y), totals[y], ", ".join(f"{c} ({n})" for c, n in sorted(by_year[y].items(), key=lambda kv: (-kv[1], kv[0]))))
            for y in sorted(totals)]


def redirects(reports: list[Report]) -> str:
    """Old report addresses (curated 'aliases') and the page each one now leads to, as JSON for the site hook."""
    moved = {alias: f"{REPORTS_DIR}/{r.slug}" for r in reports for alias in r.meta.get("aliases") or []}
    return json.dumps({f"{REPORTS_DIR}/{a}": moved[a] for a in sorted(moved)}, ensure_ascii=False, indent=1) + "\n"


def statement_parts(reports: list[Report]) -> list[tuple[int | None, list[Report]]]:
    """The parts of the statements export: (year, its reports that hold statements), newest first, the undated
    reports last; a part's reports in page-name order (the catalogue's parts, without reports that hold none)."""
    return year_parts([r for r in reports if r.units])


def statements_shape(parts: list[tuple[int | None, list[Report]]]) -> list[tuple[str, int | None, int, int]]:
    """(file name, year, reports, statements) of each part: what the list of parts shows."""
    return [(statements_file(year).rsplit("/", 1)[-1], year, len(group), sum(len(r.units) for r in group))
            for year, group in parts]


def year_parts(reports: list[Report]) -> list[tuple[int | None, list[Report]]]:
    """Every report by year of the meeting (the parts of the catalogue and of the references), newest first, the
    undated reports last; a part's reports in page-name order."""
    by_year: dict[int | None, list[Report]] = {}
    for r in sorted(reports, key=lambda r: r.slug):
        by_year.setdefault(r.meta.get("year"), []).append(r)
    return sorted(by_year.items(), key=lambda kv: (kv[0] is None, -(kv[0] or 0)))


def data_downloads(counts: dict[int | None, int], statements: dict[int | None, str]) -> list[dict[str, Any]]:
    """One row per year for the downloads page, newest first, undated last: the year ('' when undated), its
    number of reports, and the addresses (from the catalogue folder) of its catalogue, references and statements
    files (no statements file for a year without statements)."""
    years = sorted(set(counts) | set(statements), key=lambda y: (y is None, -(y or 0)))
    rows = []
    for year in years:
        rows.append({"year": year or "", "reports": counts.get(year, 0),
                     "catalogue": [(ext.upper(), catalogue_file(year, ext).rsplit("/", 1)[-1]) for ext in ("csv", "json")]
                     if counts.get(year) else [],
                     "references": [(label, "../" + references_file(year, ext)) for ext, label in REFERENCE_LABELS]
                     if counts.get(year) else [],
                     "statements": f"../{UNITS_DIR}/{statements[year]}" if year in statements else ""})
    return rows


def catalogue_index(counts: list[tuple[int | None, int]]) -> str:
    """The catalogue's list of parts, for programs: each year's files (beside this list) with its number of
    reports, and how to read the CSV (separator, encoding, the English key of each French column header; the JSON
    uses the keys)."""
    data = {"formats": ["csv", "json"], "separator": cite.CSV_SEPARATOR, "encoding": "utf-8-sig",
            "columns": [{"key": k, "header": cite.CSV_HEADERS.get(k, k)} for k in CATALOGUE_FIELDS],
            "parts": [{"year": year, "reports": n, "csv": catalogue_file(year, "csv").rsplit("/", 1)[-1],
                       "json": catalogue_file(year, "json").rsplit("/", 1)[-1]} for year, n in counts]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def references_index(counts: list[tuple[int | None, int]]) -> str:
    """The references' list of parts, for programs: each year's files (beside this list), one per format, with
    its number of reports."""
    data = {"formats": {ext: label for ext, label in REFERENCE_LABELS},
            "parts": [{"year": year, "reports": n, "files": {ext: references_file(year, ext).rsplit("/", 1)[-1]
                                                             for ext, _ in REFERENCE_LABELS}} for year, n in counts]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def catalogue_rows(reports: list[Report]) -> list[dict[str, Any]]:
    """One plain row per report (front-matter fields, page name and URL), sorted by page name."""
    rows = []
    for r in sorted(reports, key=lambda r: r.slug):
        row = {k: r.meta.get(k) for k in CATALOGUE_FIELDS if k not in ("slug", "url")}
        # the fields the page marks 'à vérifier', named as its fact sheet names them
        row["unverified"] = [UNVERIFIED_LABELS[f] for f in r.meta.get("unverified", [])]
        rows.append({"slug": r.slug, **row, "url": f"{REPORTS_DIR}/{r.slug}/"})
    return rows


def catalogue(reports: list[Report]) -> tuple[str, str]:
    """One part of the catalogue, as JSON and CSV: one row per report, same columns."""
    rows = catalogue_rows(reports)
    return cite.json_lines(rows), cite.csv_text(rows, CATALOGUE_FIELDS)
