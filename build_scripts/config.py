"""Load and validate the curated vocabularies (YAML data files) up front, reporting all errors at once."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .digest import of_bytes

DATA_DIR = Path(__file__).parent / "data"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ConfigError(Exception):
    """One or more vocabulary files are invalid; each message names the file, line and problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Theme:
    slug: str
    label: str
    description: str
    keywords: tuple[str, ...]
    weak_keywords: tuple[str, ...] = ()  # common words that count half: a report uses them without being about it


@dataclass(frozen=True)
class Country:
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Programme:
    name: str
    long: str = ""
    country: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "programme"
    each_country: bool = False  # the same name is each country's own programme (PEV, PNLP, CMU): a page per country


@dataclass(frozen=True)
class Organisation:
    acronym: str
    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "government"


@dataclass(frozen=True)
class Acronym:
    acronym: str
    expansion: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """Every curated list the extraction and the site use."""

    themes: tuple[Theme, ...]
    countries: tuple[Country, ...]
    programmes: tuple[Programme, ...]
    organisations: tuple[Organisation, ...]
    templates: tuple[Organisation, ...]
    acronyms: tuple[Acronym, ...]
    not_keywords: tuple[str, ...] = ()  # themes.yml: phrases holding a keyword that are not about its theme
    theme_by_slug: dict[str, Theme] = field(default_factory=dict, compare=False)
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    digest: str = ""  # of the files read: part of every cache key, so editing a vocabulary redoes the work
    theme_model: Any = field(default=None, compare=False, repr=False)  # theme_model.yml (extract/theme_model.py)

    def theme_label(self, slug: str) -> str:
        return self.theme_by_slug[slug].label

    def compiled(self, name: str, build: Any) -> Any:
        """Matchers built from this vocabulary once, kept with it (never mixed up with another vocabulary's)."""
        if name not in self.memo:
            self.memo[name] = build(self)
        return self.memo[name]


_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster


class _LineLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """Safe loader that remembers the line of every mapping, so errors can point at it."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = _BASE_LOADER.construct_mapping(loader, node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

KINDS = {
    "programmes.yml": {"programme", "project", "plan"},
    "organisations.yml": {"government", "partner", "ngo", "regional", "civil-society", "academic"},
}


class _Checker:
    """Collects problems for one file; every message names the file and the line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[str] = []

    def fail(self, line: int | str, problem: str) -> None:
        self.errors.append(f"{self.path.name}, line {line}: {problem}")

    def entries(self, data: Any, key: str) -> list[dict[str, Any]]:
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            self.fail(1, f"expected a top-level '{key}:' list")
            return []
        good = []
        for n, entry in enumerate(data[key], 1):
            if not isinstance(entry, dict):
                self.fail("?", f"entry {n} of '{key}' is not a mapping of field: value")
                continue
            good.append(entry)
        return good

    def text(self, entry: dict[str, Any], name: str, *, required: bool = True) -> str:
        value = entry.get(name)
        if value is None or value == "":
            if required:
                self.fail(entry["__line__"], f"missing required field '{name}'")
            return ""
        if not isinstance(value, str):
            self.fail(entry["__line__"], f"field '{name}' must be text, found {type(value).__name__}: {value!r}")
            return ""
        return value.strip()

    def texts(self, entry: dict[str, Any], name: str) -> tuple[str, ...]:
        value = entry.get(name) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(entry["__line__"], f"field '{name}' must be a list of texts, found {value!r}")
            return ()
        return tuple(v.strip() for v in value if v.strip())

    def unknown_fields(self, entry: dict[str, Any], allowed: set[str]) -> None:
        for name in entry:
            if name != "__line__" and name not in allowed:
                hint = difflib.get_close_matches(str(name), sorted(allowed), n=1)
                extra = f"; did you mean '{hint[0]}'?" if hint else f"; expected one of {sorted(allowed)}"
                self.fail(entry["__line__"], f"unknown field '{name}'{extra}")

    def unique(self, entry: dict[str, Any], value: str, seen: dict[str, int], what: str) -> None:
        key = value.casefold()
        if key in seen:
            self.fail(entry["__line__"], f"duplicate {what} '{value}' (first defined at line {seen[key]})")
        else:
            seen[key] = entry["__line__"]


def _load(path: Path, checker: _Checker) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (safe subclass)
    except FileNotFoundError:
        checker.fail(0, "file not found")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        checker.fail(mark.line + 1 if mark else "?", f"invalid YAML: {problem}")
    except UnicodeDecodeError:
        checker.fail(1, "file is not UTF-8 text; save it as UTF-8")
    return None


def _themes(path: Path, chk: _Checker) -> tuple[tuple[Theme, ...], tuple[str, ...]]:
    """The themes, and the phrases that hold a keyword without being about its theme ('formation sanitaire',
    'médecin-chef'): the top-level 'not_keywords' list."""
    out, seen = [], {}
    data = _load(path, chk)
    if isinstance(data, dict):
        for name in data:
            if name not in ("themes", "not_keywords", "__line__"):
                chk.fail(1, f"unknown top-level field '{name}'; expected 'themes' and optionally 'not_keywords'")
    not_keywords = chk.texts(data, "not_keywords") if isinstance(data, dict) else ()
    for e in chk.entries(data, "themes"):
        chk.unknown_fields(e, {"slug", "label", "description", "keywords", "weak_keywords"})
        slug = chk.text(e, "slug")
        if slug and not SLUG_RE.match(slug):
            chk.fail(e["__line__"], f"slug '{slug}' must be lower-case words joined by '-' (e.g. 'community-health')")
        chk.unique(e, slug, seen, "theme slug")
        keywords = chk.texts(e, "keywords")
        if not keywords:
            chk.fail(e["__line__"], f"theme '{slug}' has no keywords; add at least one")
        out.append(Theme(slug, chk.text(e, "label"), chk.text(e, "description", required=False), keywords,
                         chk.texts(e, "weak_keywords")))
    return tuple(out), not_keywords


def _countries(path: Path, chk: _Checker) -> tuple[Country, ...]:
    out, seen = [], {}
    for e in chk.entries(_load(path, chk), "countries"):
        chk.unknown_fields(e, {"name", "aliases", "demonyms", "institutions", "places"})
        name = chk.text(e, "name")
        chk.unique(e, name, seen, "country")
        out.append(Country(name, chk.texts(e, "aliases"), chk.texts(e, "demonyms"),
                           chk.texts(e, "institutions"), chk.texts(e, "places")))
    return tuple(out)


def _programmes(path: Path, chk: _Checker, countries: set[str]) -> tuple[Programme, ...]:
    out, seen = [], {}
    for e in chk.entries(_load(path, chk), "programmes"):
        chk.unknown_fields(e, {"name", "long", "country", "aliases", "kind", "each_country"})
        name = chk.text(e, "name")
        chk.unique(e, name, seen, "programme")
        kind = chk.text(e, "kind", required=False) or "programme"
        _check_kind(chk, e, kind, "programmes.yml")
        country = _country_field(chk, e, countries)
        each = e.get("each_country", False)
        if not isinstance(each, bool) or (each and country):
            chk.fail(e["__line__"], f"'each_country' of '{name}' must be true or false, and true only when 'country' "
                                    "is null (write 'each_country: true' for a name every country's programme has)")
        out.append(Programme(name, chk.text(e, "long", required=False), country, chk.texts(e, "aliases"), kind,
                             each is True))
    return tuple(out)


def _organisations(path: Path, chk: _Checker, countries: set[str]) -> tuple[tuple[Organisation, ...], tuple[Organisation, ...]]:
    data = _load(path, chk)
    orgs, templates, seen = [], [], {}
    for e in chk.entries(data, "organisations"):
        chk.unknown_fields(e, {"acronym", "name", "country", "aliases", "kind"})
        acronym = chk.text(e, "acronym", required=False)
        name = chk.text(e, "name")
        chk.unique(e, f"{acronym or name}|{e.get('country')}", seen, "organisation")
        kind = chk.text(e, "kind", required=False) or "government"
        _check_kind(chk, e, kind, "organisations.yml")
        orgs.append(Organisation(acronym, name, _country_field(chk, e, countries), chk.texts(e, "aliases"), kind))
    if isinstance(data, dict) and data.get("templates") is not None:
        for e in chk.entries(data, "templates"):
            chk.unknown_fields(e, {"acronym", "name", "country", "aliases", "kind"})
            templates.append(Organisation(chk.text(e, "acronym"), chk.text(e, "name"),
                                          _country_field(chk, e, countries), chk.texts(e, "aliases")))
    return tuple(orgs), tuple(templates)


def _acronyms(path: Path, chk: _Checker) -> tuple[Acronym, ...]:
    out, seen = [], {}
    for e in chk.entries(_load(path, chk), "acronyms"):
        chk.unknown_fields(e, {"acronym", "expansion", "aliases"})
        acronym = chk.text(e, "acronym")
        if acronym in seen:  # acronyms are case-sensitive: 'PF' and 'Pf' differ
            chk.fail(e["__line__"], f"duplicate acronym '{acronym}' (first defined at line {seen[acronym]})")
        seen[acronym] = e["__line__"]
        out.append(Acronym(acronym, chk.text(e, "expansion"), chk.texts(e, "aliases")))
    return tuple(out)


def _check_kind(chk: _Checker, e: dict[str, Any], kind: str, file: str) -> None:
    allowed = KINDS[file]
    if kind not in allowed:
        hint = difflib.get_close_matches(kind, sorted(allowed), n=1)
        chk.fail(e["__line__"], f"kind '{kind}' is not one of {sorted(allowed)}"
                 + (f"; did you mean '{hint[0]}'?" if hint else ""))


def _country_field(chk: _Checker, e: dict[str, Any], countries: set[str]) -> str | None:
    country = e.get("country")
    if country in (None, ""):
        return None
    if not isinstance(country, str) or (countries and country not in countries):
        hint = difflib.get_close_matches(str(country), sorted(countries), n=1)
        chk.fail(e["__line__"], f"country '{country}' is not a country of places.yml"
                 + (f"; did you mean '{hint[0]}'?" if hint else ""))
        return None
    return country


def load_vocabulary(data_dir: Path = DATA_DIR) -> Vocabulary:
    """Read every vocabulary file; raise ConfigError listing every problem in every file."""
    checkers = {name: _Checker(data_dir / name) for name in
                ("themes.yml", "places.yml", "programmes.yml", "organisations.yml", "acronyms.yml")}
    themes, not_keywords = _themes(data_dir / "themes.yml", checkers["themes.yml"])
    countries = _countries(data_dir / "places.yml", checkers["places.yml"])
    names = {c.name for c in countries}
    programmes = _programmes(data_dir / "programmes.yml", checkers["programmes.yml"], names)
    orgs, templates = _organisations(data_dir / "organisations.yml", checkers["organisations.yml"], names)
    acronyms = _acronyms(data_dir / "acronyms.yml", checkers["acronyms.yml"])
    from .extract import theme_model  # (the extraction package imports this module)
    model_path = data_dir / theme_model.FILE_NAME
    model, model_problems = theme_model.read(model_path)
    errors = [msg for chk in checkers.values() for msg in chk.errors] + model_problems
    if errors:
        raise ConfigError(errors)
    files = [chk.path for chk in checkers.values()] + ([model_path] if model_path.is_file() else [])
    digest = of_bytes(b"".join(path.read_bytes() for path in files))[:16]
    return Vocabulary(themes, countries, programmes, orgs, templates, acronyms, not_keywords,
                      theme_by_slug={t.slug: t for t in themes}, digest=digest, theme_model=model)
