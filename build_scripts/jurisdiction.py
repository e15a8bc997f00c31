"""Whose body or programme a report names: the country a national organiser or programme belongs to, so that the
index pages of two countries' 'Ministère de la Santé publique' or 'PNLP' are two pages, not one mixing them.

A documentalist's authority rule: a public body or national programme is identified by its name *and* its
jurisdiction; an international or regional one (OMS, UNICEF, SWEDD) by its name alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .config import Programme, Vocabulary
from .text import fold

# names (folded) that read as a country's public body, of which every country has one of that name: ministries, their
# directions and services, health districts, local authorities, national councils, programmes, agencies, hospitals
# (unless the name says it is international or regional)
PUBLIC_BODY = re.compile(
    r"^(?:(?:le |la |l')?(?:ministeres?|ministre|direction|division|delegation|district|departement|service|"
    r"inspection|secretariat|cellule|unite|coordination|comite|conseil|commission|agence|institut|office|caisse|"
    r"laboratoire|centre|hopital|chu|chr|chd|csps|csref|gouvernement|gouvernorat|gouvernance|prefecture|"
    r"sous-prefecture|mairie|commune|municipalite|presidence|primature|assemblee nationale|haut[- ]commissariat|"
    r"commissariat|region|province|programmes? (?:national|nationaux|elargi)|instance|ecole)\b)"
    r"(?:(?!\b(?:international|internationale|mondial|mondiale|regional des nations|des nations unies|africain|"
    r"africaine|ouest[- ]africain|ouest[- ]africaine|sous-regional|sous-regionale|de la cedeao|de l'uemoa|"
    r"de la cemac|de l'oms|de l'union)\b).)*$")
# of programmes, only national ones: a programme or plan whose long form says it ('Programme national de lutte
# contre le paludisme', 'Programme élargi de vaccination' is every country's own)
NATIONAL_PROGRAMME = re.compile(r"^(?:(?:le |la |l')?(?:programmes?|plans?|politiques?|strategies?|projets?|"
                                r"initiatives?|fonds)\s+(?:national|nationale|nationaux|elargi)\b)")


@dataclass(frozen=True)
class _Known:
    organisations: dict[str, tuple[bool, str, frozenset[str]]]  # folded name -> (several countries' bodies share
    # it, kind, the countries of the registry's entries)
    programmes: dict[str, bool]  # folded name or long form -> several countries' programmes share it
    mentions: dict[str, re.Pattern[str]]  # country -> its names, demonyms, own places, programmes, bodies


def _build(vocab: Vocabulary) -> _Known:
    shared: dict[str, set[str | None]] = {}
    kinds: dict[str, str] = {}
    for o in vocab.organisations:
        for key in {fold(f"{o.name} ({o.acronym})" if o.acronym else o.name), fold(o.name), *map(fold, o.aliases)}:
            shared.setdefault(key, set()).add(o.country)
            kinds.setdefault(key, o.kind)
    # a name is shared when a generic entry (a government body without a country) or two countries' entries have it
    orgs = {k: ((None in c and kinds[k] == "government") or len(c - {None}) > 1, kinds[k], frozenset(c - {None}))
            for k, c in shared.items()}
    progs: dict[str, bool] = {}
    for p in vocab.programmes:
        for key in (p.name, p.long, *p.aliases):
            if key:
                progs.setdefault(fold(key), p.each_country)
    places: dict[str, set[str]] = {}
    for c in vocab.countries:
        for p in c.places:
            places.setdefault(fold(p), set()).add(c.name)
    own: dict[str, set[str]] = {}  # the registry's names of one country's programmes and bodies ('PRODESS', 'DGSHP')
    for item in (*vocab.programmes, *vocab.organisations):
        if item.country:
            names = (item.name, *item.aliases) if isinstance(item, Programme) else (item.acronym, *item.aliases)
            own.setdefault(item.country, set()).update(re.escape(fold(n)) for n in names if n)
    mentions = {c.name: re.compile(r"\b(?:" + "|".join(sorted(
        {re.escape(fold(n)) for n in (c.name, *c.aliases, *c.demonyms) if n} | own.get(c.name, set())
        | {re.escape(p) for p in map(fold, c.places) if p and places[p] == {c.name}})) + r")\b")
        for c in vocab.countries}
    return _Known(orgs, progs, mentions)


def _known(vocab: Vocabulary) -> _Known:
    return vocab.compiled("jurisdiction", _build)


def organiser_label(name: str, countries: list[str], vocab: Vocabulary) -> str:
    """The label of an organiser's index page: its name, followed by the report's country when the name alone does
    not say whose body it is: a generic public body of the registry ('Ministère de la Santé publique'), a registry
    body of another country than the report's one (another country's ministry of the same name: 'Ministère de la
    Santé et de l'Hygiène publique' is Côte d'Ivoire's, Mali's and Guinea's), or, for a name the registry does not
    know, one that reads as a public body. An international, regional or private body, a body of the report's own
    country, and a report about several countries keep the name alone."""
    folded = fold(name)
    known = _known(vocab).organisations.get(folded)
    if known is None:
        generic = bool(PUBLIC_BODY.match(folded))
    else:
        shared, kind, where = known
        generic = shared or (kind == "government" and bool(where) and len(countries) == 1 and countries[0] not in where)
    return _with_country(name, countries, vocab) if generic else name


def programme_label(name: str, long: str, countries: list[str], vocab: Vocabulary) -> str:
    """The label of a programme's index page: its name, followed by the report's country when the name is every
    country's own (the registry's 'each_country', or, unknown to it, a long form 'Programme national de…')."""
    known = _known(vocab).programmes
    each = known.get(fold(name), known.get(fold(long)))
    generic = each if each is not None else bool(NATIONAL_PROGRAMME.match(fold(long or name)))
    return _with_country(name, countries, vocab) if generic else name


def _with_country(name: str, countries: list[str], vocab: Vocabulary) -> str:
    """'Ministère de la Santé publique — Niger'; the name alone when the report is about several countries (or
    none), or when the name already says its country ('Ministère de la Santé du Sénégal', 'District sanitaire de
    Dimbokro': a place of one country only; 'Comité technique du PRODESS': a programme of one country only)."""
    if len(countries) != 1:
        return name
    said = _known(vocab).mentions.get(countries[0])
    return name if said is not None and said.search(fold(name)) else f"{name} — {countries[0]}"
