"""Plain data passed between pipeline steps: read -> extract -> curate -> classify -> render -> write; every
field declared here (no step adds attributes of its own)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SourceDocument:
    """One report as read from disk: normalised text plus what the reader learnt about the file."""

    source: str  # path relative to the source folder, with '/' separators
    text: str  # Unicode NFC, '\n' line endings
    fmt: str  # 'text' or 'markdown': how to parse the body; 'docx', 'pdf', 'html' when the reader gives blocks
    encoding: str  # detected encoding of the file (e.g. 'utf-8', 'cp1252')
    sha256: str  # digest of the normalised text, used for duplicates and caching
    curated: dict[str, Any] = field(default_factory=dict)  # curator's front-matter or sidecar
    curated_origin: str = ""  # where the curated values came from (file name)
    blocks: tuple["Block", ...] = ()  # structure given by the format itself (Word, PDF, HTML); else parsed from text
    original: str = ""  # digest of the file's bytes ('sha1:size') when it is published beside its page (originals.py)
    ocr: bool = False  # the text comes from character recognition of a scan (the page says so)
    notes: tuple[str, ...] = ()  # what the reader could not read in a file it still publishes (shown as warnings)


CONFIDENT = 0.7  # a value at or above this confidence is taken as is; 'check' lists the others for the curator


@dataclass(frozen=True)
class Found:
    """An extracted value with the snippet it came from and a confidence in [0, 1]."""

    value: Any
    snippet: str = ""
    confidence: float = 0.0
    method: str = ""
    alternatives: tuple[tuple[str, float, str], ...] = ()  # losing candidates: (value, score, evidence)


@dataclass
class Block:
    """A piece of the report body: heading, paragraph, list or table."""

    kind: str  # 'heading' | 'paragraph' | 'list' | 'table'
    lines: list[str] = field(default_factory=list)  # paragraph lines, list items, or heading text
    rows: list[list[str]] = field(default_factory=list)  # table rows, first one the header
    level: int = 0  # heading level
    markdown: bool = False  # inline Markdown emphasis allowed (Markdown sources only)
    page: int | None = None  # page of the source document (PDF), for citations


@dataclass
class Unit:
    """A citable statement: a lesson, recommendation, difficulty, key figure or perspective."""

    kind: str  # 'lesson' | 'recommendation' | 'difficulty' | 'figure' | 'perspective'
    text: str
    uid: str = ""  # stable anchor id, e.g. 'rec-1a2b3c4d'
    block: int = -1  # index of the body block that holds it
    item: int = -1  # list item or table row inside that block, -1 for the whole block
    structure: str = ""  # responsible structure (recommendations)
    deadline: str = ""  # deadline (recommendations)
    topic: str = ""  # point of discussion the unit answers (tables)
    value: str = ""  # key figure value, e.g. '85,68 %'
    target: str = ""  # key figure target, e.g. '60 %'
    themes: list[str] = field(default_factory=list)  # the unit's own theme when its words say it clearly
    page: int | None = None  # page of the source document (PDF), for the citation
    status: str = ""  # what a later report says became of a recommendation: réalisée, en cours, non réalisée
    status_source: str = ""  # page name of that later report


@dataclass
class Report:
    """A source document with its extracted metadata, body blocks and units, and what later steps give it.

    ``doc``, ``blocks`` and ``found`` (the body) are None for a report taken from the extraction cache whose
    own page is not made again: build.py loads them before rendering when a page needs them."""

    source: str  # path relative to the source folder, with '/' separators
    doc: SourceDocument | None = None
    slug: str = ""  # the page name (curate.assign_slugs): the asked-for address, made unique
    meta: dict[str, Any] = field(default_factory=dict)  # final front-matter values
    found: dict[str, Found] | None = field(default_factory=dict)  # provenance per extracted field
    blocks: list[Block] | None = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    acronyms: list[tuple[str, str, bool]] = field(default_factory=list)  # (acronym, expansion, spelled out only)
    key: str = ""  # digest of everything the extraction depended on (see incremental.document_key)
    view: str = ""  # digest of what listings show of it (meta, units, acronyms): pages that list it depend on it
    address: str = ""  # the page name asked for: the curated 'slug', else the file name (before collisions)
    sketch: tuple[int, list[int]] | None = None  # text sketch that finds the same report in two files (merge.py)
    follow_up: tuple[str, str] = ("", "")  # the text the follow-up reads, and a digest of all its inputs
    index_keys: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # kind -> (slug, label) of its index pages
    words: list[str] | None = None  # its body's words as the search folds them (render/search_words.py), sorted
    sort_key: tuple = ()  # newest first, then title, then page name (classify.py, once page names are known)
    # what curated values replaced: {"found": the extracted values of the fields they override, "programme_long":
    # the long name of the programme found}; kept with the body, so that a changed sidecar or front-matter is
    # applied again to the same extraction instead of extracting the report again (build.curate_again)
    extracted: dict[str, Any] | None = None

    @property
    def has_body(self) -> bool:
        return self.doc is not None


@dataclass(frozen=True)
class UnitKind:
    """One kind of citable statement: its French names and the name of its pages."""

    plural: str
    singular: str
    page: str  # lecons/<page>.md


UNIT_KINDS = {  # the one table of statement kinds, in the order the site shows them
    "lesson": UnitKind("Leçons apprises", "Leçon apprise", "lecons-apprises"),
    "recommendation": UnitKind("Recommandations", "Recommandation", "recommandations"),
    "difficulty": UnitKind("Difficultés", "Difficulté", "difficultes"),
    "figure": UnitKind("Chiffres clés", "Chiffre clé", "chiffres-cles"),
    "perspective": UnitKind("Perspectives", "Perspective", "perspectives"),
}


@dataclass(frozen=True)
class IndexKind:
    """One kind of index page (its folder is the kind's key): its French title, the name of one, its lead."""

    title: str
    singular: str
    description: str


INDEX_KINDS = {  # the one table of index kinds, in the order the site shows them
    "themes": IndexKind("Thèmes", "thème", "Les rapports classés par thème de santé et d'action sociale."),
    "pays": IndexKind("Pays", "pays", "Les rapports classés par pays concerné."),
    "programmes": IndexKind("Programmes", "programme", "Les rapports classés par programme ou projet."),
    "organisateurs": IndexKind("Organisateurs", "organisateur", "Les rapports classés par structure organisatrice."),
    "annees": IndexKind("Années", "année", "Les rapports classés par année de l'événement."),
}


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input: the file, the field, what is wrong and how to fix it."""

    source: str
    message: str
    hint: str = ""
    field: str = ""
    fatal: bool = True  # True: the report is skipped; False: a warning, the report still builds

    def __str__(self) -> str:
        where = f"{self.source}" + (f" [{self.field}]" if self.field else "")
        text = f"{where}: {self.message}"
        return text + (f" — {self.hint}" if self.hint else "")


@dataclass
class Corpus:
    """Everything read and extracted, plus every problem met on the way."""

    reports: list[Report] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    cache_hits: int = 0
    unread: int = 0  # reports taken from the cache without reading their file (its signature is unchanged)
