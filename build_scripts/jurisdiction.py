"""Whose body or programme a report names: the country a national organiser or programme belongs to, so that the
index pages of two countries' 'Ministère de la Santé publique' or 'PNLP' are two pages, not one mixing them.

A documentalist's authority rule: a public body or national programme is identified by its name *and* its
jurisdiction; an international or regional one (OMS, UNICEF, SWEDD) by its name alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .config import Programme, Vocabulary
from .text import fold, phrase_pattern

# names (folded) that read as a country's public body, of which every country has one of that name: ministries, their
# directions and services, health districts, local authorities, national councils, programmes, agencies, hospitals
PUBLIC_BODY = re.compile(
    r"^(?:le |la |l')?(?:ministeres?|ministre|direction|division|delegation|district|departement|service|"
    r"inspection|secretariat|cellule|unite|coordination|comite|conseil|commission|agence|institut|office|caisse|"
    r"laboratoire|centre|hopital|chu|chr|chd|csps|csref|gouvernement|gouvernorat|gouvernance|prefecture|"
    r"sous-prefecture|mairie|commune|municipalite|presidence|primature|assemblee nationale|haut[- ]commissariat|"
    r"commissariat|region|province|programmes? (?:national|nationaux|elargi)|instance|ecole)\b")
# ... unless its head says it is more than one country's: 'Comité panafricain de …', 'Institut international de …'
# (a qualifier further on is its subject's: 'Direction de la coopération internationale' is a ministry's)
BEYOND_ONE_COUNTRY = re.compile(
    r"^(?:le |la |l')?\S+(?: (?:permanent|permanente|technique|scientifique|regional|regionale))? (?:international|"
    r"internationale|mondial|mondiale|africain|africaine|panafricain|panafricaine|ouest-africain|ouest-africaine|"
    r"sous-regional|sous-regionale|inter-?etats|interafricain|interafricaine|europeen|europeenne|des nations unies)\b")
# of programmes, only national ones: a programme or plan whose long form says it ('Programme national de lutte
# contre le paludisme', 'Programme élargi de vaccination' is every country's own)
NATIONAL_PROGRAMME = re.compile(r"^(?:(?:le |la |l')?(?:programmes?|plans?|politiques?|strategies?|projets?|"
                                r"initiatives?|fonds)\s+(?:national|nationale|nationaux|elargi)\b)")


@dataclass(frozen=True)
class _Known:
    organisations: dict[str, tuple[bool, str, frozenset[str]]]  # folded name -> (several countries' bodies share
    # it, kind, the countries of the registry's entries)
    programmes: dict[str, bool]  # folded name or long form -> several countries' programmes share it
    mentions: dict[str, re.Pattern[str] | None]  # country -> its names, demonyms, own places, programmes, bodies
    any_country: re.Pattern[str] | None  # every country's names, demonyms and own places
    regional: re.Pattern[str] | None  # the registry's regional bodies
    several: re.Pattern[str] | None  # the registry's projects of several countries


# a regional committee ('Comité régional de pilotage du projet SWEDD'): of a project of several countries, it is one
REGIONAL_HEAD = re.compile(r"^(?:le |la |l')?\S+ regionale? ")


def _build(vocab: Vocabulary) -> _Known:
    shared: dict[str, set[str | None]] = {}
    kinds: dict[str, str] = {}
    for o in vocab.organisations:
        for key in {fold(f"{o.name} ({o.acronym})" if o.acronym else o.name), fold(o.name), fold(o.acronym),
                    *map(fold, o.aliases)} - {""}:
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
    # the regional communities and organisations of the registry: a body named after one is its organ ('Commission
    # de la CEEAC', 'Conseil des ministres de la santé de la CEDEAO'), one for all its member countries
    regional = phrase_pattern(n for o in vocab.organisations if o.kind == "regional"
                              for n in (o.acronym, o.name, *o.aliases))
    several = phrase_pattern(n for p in vocab.programmes if not p.country and not p.each_country
                             for n in (p.name, *p.aliases))
    # a country's words: its names, demonyms and places, but not those two countries share ('congolais': Congo's
    # and the DRC's; 'région du Centre': Burkina Faso's and Cameroon's)
    owners: dict[str, set[str]] = {}
    for c in vocab.countries:
        for w in {*c.places, c.name, *c.aliases, *c.demonyms}:
            owners.setdefault(fold(w), set()).add(c.name)
    words = {c.name: [w for w, who in owners.items() if who == {c.name}] for c in vocab.countries}
    own: dict[str, list[str]] = {}  # the registry's names of one country's programmes and bodies ('PRODESS', 'DGSHP')
    for item in (*vocab.programmes, *vocab.organisations):
        if item.country:
            names = (item.name, *item.aliases) if isinstance(item, Programme) else (item.acronym, *item.aliases)
            own.setdefault(item.country, []).extend(names)
    mentions = {c: phrase_pattern([*w, *own.get(c, [])]) for c, w in words.items()}
    return _Known(orgs, progs, mentions, phrase_pattern(w for ws in words.values() for w in ws), regional, several)


def _known(vocab: Vocabulary) -> _Known:
    return vocab.compiled("jurisdiction", _build)


def organiser_label(name: str, countries: list[str], vocab: Vocabulary) -> str:
    """The label of an organiser's index page: its name, followed by the report's country when the name alone does
    not say whose body it is: a generic public body of the registry ('Ministère de la Santé publique'), a registry
    body of another country than the report's one (another country's ministry of the same name: 'Ministère de la
    Santé et de l'Hygiène publique' is Côte d'Ivoire's, Mali's and Guinea's), or, for a name the registry does not
    know, one that reads as a public body. An international, regional or private body, a body of the report's own
    country, and a report about several countries keep the name alone."""
    folded, kb = fold(name), _known(vocab)
    known = kb.organisations.get(folded)
    if known is None and folded in kb.programmes:  # 'PNLT' named as the organiser: the programme's own team
        generic = kb.programmes[folded]
    elif known is None:
        generic = (bool(PUBLIC_BODY.match(folded)) and not BEYOND_ONE_COUNTRY.match(folded)
                   and not _names(kb.regional, folded)
                   and not (REGIONAL_HEAD.match(folded) and _names(kb.several, folded)))
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
    none), or when the name already says a country ('Ministère de la Santé du Sénégal', 'District sanitaire de
    Dimbokro': a place of one country only; 'Comité technique du PRODESS': a programme of one country only)."""
    if len(countries) != 1:
        return name
    folded, kb = fold(name), _known(vocab)
    if _names(kb.mentions.get(countries[0]), folded) or _names(kb.any_country, folded):
        return name  # it says its country, or another ('Ministère de la Santé du Sénégal' in a Mali report)
    return f"{name} — {countries[0]}"


def _names(pattern: re.Pattern[str] | None, folded: str) -> bool:
    """The folded name holds one of a phrase list (phrase_pattern: None for an empty list, which names nothing)."""
    return pattern is not None and pattern.search(folded) is not None
