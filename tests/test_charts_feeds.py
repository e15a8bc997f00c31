"""Build-time charts (SVG) and the Atom feed: their numbers, links and dates match the catalogue rows."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections import Counter

import markdown
import pytest

from build_scripts.render import charts
from build_scripts.render.feeds import MAX_ENTRIES, atom_feed

SVG = "{http://www.w3.org/2000/svg}"
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://sante.example.org/kb/"


def row(slug: str, title: str, date: str | None, countries: list[str], tags: list[str],
        summary: str | None = "Compte rendu de l'atelier.", organiser: str | None = None) -> dict:
    """A catalogue row as render.catalogue() writes it (only the keys charts and feeds read)."""
    return {"slug": slug, "title": title, "date": date, "year": int(date[:4]) if date else None,
            "countries": countries, "country": countries[0] if countries else None, "tags": tags,
            "summary": summary, "organiser": organiser, "url": f"rapports/{slug}/"}


ROWS = [
    row("revue-annuelle-pnlp-mali-2019", "Revue annuelle du PNLP, Bamako", "2019-03-12", ["Mali"],
        ["Paludisme", "Suivi et évaluation"], organiser="Programme national de lutte contre le paludisme"),
    row("atelier-asc-kayes-2019", "Atelier des ASC de Kayes", "2019-11", ["Mali"], ["Santé communautaire"]),
    row("comite-technique-prodess-2017", "Assises du Comité technique du PRODESS", "2017-05-30", ["Mali"],
        ["Gouvernance et coordination"], organiser="Comité technique du PRODESS"),
    row("dds-atacora-revue-2017", "Revue de performance de la DDS Atacora", "2017", ["Bénin"],
        ["Gouvernance et coordination", "Appui institutionnel"]),
    row("vaccination-niger-tillaberi-2021", "Campagne de vaccination à Tillabéri", "2021-06-02", ["Niger"],
        ["Vaccination"]),
    row("reunion-transfrontaliere-2021", "Réunion transfrontalière Mali–Niger sur la polio", "2021-02-18",
        ["Mali", "Niger"], ["Vaccination", "Gouvernance et coordination"]),
    row("sante-nutrition-et-bilan", 'Santé & nutrition : "<b>bilan</b>" d\'étape', "2022-09-01", ["Sénégal"],
        ["Nutrition"], summary="Bilan < attendu & \"prometteur\" selon l'équipe."),
    row("pass-sourou-appui-dds", "Appui institutionnel du PASS-Sourou à la DDS", None, ["Bénin"],
        ["Appui institutionnel"], summary=None),
    row("atelier-sans-pays", "Atelier régional de planification", None, [], ["Gouvernance et coordination"]),
    row("mission-madagascar-2020", "Mission d'appui à Antananarivo", "2020-10-05", ["Madagascar"],
        ["Appui institutionnel"]),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def desc(root: ET.Element) -> str:
    return root.find(f"{SVG}desc").text


def href(name: str) -> str:
    return "../pays/" + re.sub(r"\W+", "-", name.lower()).strip("-") + "/"


def to_int(text: str) -> int:
    return int(text.replace("\u202f", ""))


# ---------------------------------------------------------------- timeline

def expected_per_year(rows: list[dict]) -> Counter:
    return Counter(r["year"] for r in rows if r["year"])


def test_timeline_desc_states_the_count_of_every_year_and_the_undated_reports():
    text = desc(parse(charts.timeline_svg(ROWS)))
    per_year = expected_per_year(ROWS)
    for year in range(min(per_year), max(per_year) + 1):
        assert re.search(rf"\b{year} : {per_year[year]}\b", text), (year, text)
    assert text.startswith(f"{sum(per_year.values())} rapports datés, de 2017 à 2022.")
    assert "2 rapports sans date ne sont pas représentés." in text


def test_timeline_segments_add_up_to_the_reports_of_each_year_and_country():
    root = parse(charts.timeline_svg(ROWS))
    segments = Counter()
    for rect in root.iter(f"{SVG}rect"):
        tip = rect.find(f"{SVG}title")
        if tip is not None:
            name, year, n = re.fullmatch(r"(.+), (\d{4}) : (\d+) rapports?", tip.text).groups()
            segments[(int(year), name)] += int(n)
    assert segments == {(2019, "Mali"): 2, (2017, "Mali"): 1, (2017, "Bénin"): 1, (2021, "Niger"): 1,
                        (2021, "Plusieurs pays"): 1, (2022, "Sénégal"): 1, (2020, "Madagascar"): 1}


def test_timeline_gathers_small_countries_under_autres_pays():
    names = ["Mali", "Niger", "Bénin", "Togo", "Tchad", "Guinée", "Gabon", "Congo", "Ghana"]
    rows = [row(f"r-{i}-{k}", "Atelier", "2020-01-01", [name], []) for i, name in enumerate(names)
            for k in range(len(names) - i)]
    t = charts.timeline_counts(rows)
    assert t.series[-1] == "Autres pays" and len(t.series) == charts.MAX_NAMED_SERIES
    assert t.merged == ["Congo", "Gabon", "Ghana"] and t.counts[(2020, "Autres pays")] == 2 + 3 + 1
    assert "Autres pays : Congo, Gabon, Ghana." in desc(parse(charts.timeline_svg(rows)))


def test_timeline_without_any_dated_report_says_so():
    root = parse(charts.timeline_svg([r for r in ROWS if not r["year"]]))
    assert desc(root) == "Aucun rapport daté. 2 rapports sans date ne sont pas représentés."
    assert root.get("role") == "img"


# ---------------------------------------------------------------- country grid

def tiles(root: ET.Element) -> dict[str, ET.Element]:
    return {el.get("data-pays"): el for el in root.iter() if el.get("data-pays")}


def test_grid_tiles_show_the_report_count_of_each_country():
    root = parse(charts.country_grid_svg(ROWS, href))
    expected = Counter(c for r in ROWS for c in r["countries"])
    found = tiles(root)
    assert set(charts.GRID_PLACES) | {"Madagascar"} == set(found)
    for name, el in found.items():
        count = next(t for t in el.iter(f"{SVG}text") if t.get("class") == "kb-n")
        assert to_int(count.text) == expected.get(name, 0), name


def test_grid_links_each_country_with_reports_to_its_page_and_no_other():
    root = parse(charts.country_grid_svg(ROWS, href))
    links = {a.get("data-pays"): a for a in root.iter(f"{SVG}a")}
    assert set(links) == {"Mali", "Bénin", "Niger", "Sénégal", "Madagascar"}
    for name, a in links.items():
        assert a.get("href") == href(name)
        assert a.get("aria-label").startswith(f"{name} : ")
    assert root.get("role") == "group"  # role="img" would hide the links from screen readers


def test_grid_desc_lists_every_count_and_the_countries_outside_the_grid():
    text = desc(parse(charts.country_grid_svg(ROWS, href)))
    assert text.startswith("Rapports par pays : Mali 4, Bénin 2, Niger 2, Madagascar 1, Sénégal 1.")
    assert "placés sous la grille : Madagascar." in text
    assert f"{len(charts.GRID_PLACES) - 4} pays de la grille sans rapport" in text


def test_grid_text_is_readable_on_every_shade():
    for fill in charts.SHADES + (charts.EMPTY_TILE,):
        assert charts.contrast(charts.ink_on(fill), fill) >= 4.5, fill


def test_series_colours_stand_out_from_the_page():
    for colour in charts.SERIES_COLOURS + tuple(charts.OTHER_COLOURS.values()) + (charts.BAR,):
        assert charts.contrast(colour, "#ffffff") >= 3, colour


@pytest.mark.parametrize("peak, expected", [
    (1, [(1, 1)]),
    (3, [(1, 1), (2, 2), (3, 3)]),
    (12, [(1, 3), (4, 5), (6, 8), (9, 10), (11, 12)]),
])
def test_shade_classes_cover_every_count_once(peak, expected):
    assert charts.shade_classes(peak) == expected


# ---------------------------------------------------------------- bars

THEMES = [("Gouvernance et coordination", 4), ("Vaccination", 2), ("Santé & <nutrition>", 1), ("Paludisme", 0)]


def test_bars_state_their_numbers_and_link_where_href_says():
    root = parse(charts.bars_svg(THEMES, "Rapports par thème", href=lambda label: f"../themes/{len(label)}/"))
    assert desc(root) == ("Rapports par thème : Gouvernance et coordination : 4 rapports ; Vaccination : "
                          "2 rapports ; Santé & <nutrition> : 1 rapport ; Paludisme : 0 rapport.")
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "kb-nom"]
    values = [to_int(t.text) for t in root.iter(f"{SVG}text") if t.get("class") == "kb-n"]
    assert list(zip(labels, values)) == THEMES
    links = [(a.get("href"), a.get("aria-label")) for a in root.iter(f"{SVG}a")]
    assert links == [(f"../themes/{len(label)}/", f"{label} : {n} rapport{'s' if n > 1 else ''}")
                     for label, n in THEMES if n]


def test_bars_without_links_are_one_image_and_longest_bar_is_the_largest_count():
    root = parse(charts.bars_svg(THEMES, "Rapports par thème"))
    assert root.get("role") == "img" and not list(root.iter(f"{SVG}a"))
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("class") != "kb-cadre"]
    assert widths == sorted(widths, reverse=True) and widths[-1] == 0


def test_bars_count_other_units():
    text = desc(parse(charts.bars_svg([("Mali", 1), ("Niger", 3)], "Leçons par pays",
                                      units=("leçon apprise", "leçons apprises"))))
    assert text == "Leçons par pays : Mali : 1 leçon apprise ; Niger : 3 leçons apprises."


# ---------------------------------------------------------------- every chart

def all_charts(rows: list[dict]) -> list[str]:
    counts = sorted(Counter(t for r in rows for t in r["tags"]).items(), key=lambda kv: (-kv[1], kv[0]))
    return [charts.timeline_svg(rows), charts.country_grid_svg(rows, href),
            charts.bars_svg(counts, "Rapports par thème", href=lambda t: f"../themes/{len(t)}/")]


def test_charts_have_a_named_and_described_root_and_no_script_or_other_host():
    for svg in all_charts(ROWS):
        root = parse(svg)
        title_id, desc_id = root.get("aria-labelledby"), root.get("aria-describedby")
        assert root.find(f"{SVG}title").get("id") == title_id and root.find(f"{SVG}desc").get("id") == desc_id
        assert root.get("role") in {"img", "group"} and root.get("width") == "100%" and root.get("viewBox")
        assert not [el for el in root.iter() if el.tag.endswith("script") or el.tag.endswith("foreignObject")]
        assert not [(k, v) for el in root.iter() for k, v in el.attrib.items() if k.startswith("on")]
        assert re.findall(r"[a-z]+://[^\"' )]+", svg) == ["http://www.w3.org/2000/svg"]  # the namespace only
        assert "url(" not in svg and "@import" not in svg


def test_charts_are_deterministic_and_ignore_row_order():
    shuffled = ROWS[:]
    random.Random(7).shuffle(shuffled)
    assert all_charts(ROWS) == all_charts([dict(r) for r in ROWS]) == all_charts(shuffled)


def test_two_charts_on_one_page_never_share_an_id():
    first, second = charts.timeline_svg(ROWS), charts.timeline_svg(ROWS[:4])
    ids = re.findall(r' id="([^"]+)"', first + second)
    assert len(ids) == len(set(ids)) == 4


def test_charts_survive_the_sites_markdown_as_they_are():
    """Inside a <figure>, Python-Markdown with the site's extensions passes the SVG through untouched."""
    for svg in all_charts(ROWS):
        assert "\n\n" not in svg and not re.search(r"^\s", svg, re.M) and svg.endswith("</svg>\n")
        source = f"Avant.\n\n<figure>\n{svg}</figure>\n\nAprès."
        out = markdown.markdown(source, extensions=["abbr", "attr_list", "md_in_html", "tables"])
        assert svg.strip() in out


def test_chart_size_for_twenty_years_and_eleven_countries():
    """The figure quoted in build_scripts/charts.py: the timeline stays small (tooltips included)."""
    pick = random.Random(1)
    names = ["Bénin", "Burkina Faso", "Cameroun", "Côte d'Ivoire", "Guinée", "Mali", "Mauritanie", "Niger",
             "Sénégal", "Tchad", "Togo"]
    rows = [row(f"r{y}-{i}-{k}", "Atelier", f"{y}-06-01", [name], ["Santé communautaire"])
            for y in range(2005, 2025) for i, name in enumerate(names) for k in range(pick.randint(0, 6))]
    assert len(charts.timeline_svg(rows).encode()) < 30_000
    assert len(charts.country_grid_svg(rows, href).encode()) < 15_000


# ---------------------------------------------------------------- Atom feed

def feed(rows: list[dict] = ROWS) -> str:
    return atom_feed(rows, site_url=SITE, feed_path="flux.xml", title="Derniers rapports",
                     subtitle="Les comptes rendus les plus récents")


def entries(xml: str) -> list[ET.Element]:
    root = ET.fromstring(xml.encode())
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def test_feed_lists_dated_reports_newest_first_with_their_links_and_event_dates():
    got = [(e.find(f"{ATOM}id").text, e.find(f"{ATOM}link").get("href"), e.find(f"{ATOM}updated").text)
           for e in entries(feed())]
    expected = [("sante-nutrition-et-bilan", "2022-09-01"), ("vaccination-niger-tillaberi-2021", "2021-06-02"),
                ("reunion-transfrontaliere-2021", "2021-02-18"), ("mission-madagascar-2020", "2020-10-05"),
                ("atelier-asc-kayes-2019", "2019-11-01"), ("revue-annuelle-pnlp-mali-2019", "2019-03-12"),
                ("comite-technique-prodess-2017", "2017-05-30"), ("dds-atacora-revue-2017", "2017-01-01")]
    assert got == [(f"{SITE}rapports/{slug}/", f"{SITE}rapports/{slug}/", f"{day}T00:00:00+00:00")
                   for slug, day in expected]


def test_feed_date_is_its_newest_report_and_it_names_itself():
    root = ET.fromstring(feed().encode())
    assert root.find(f"{ATOM}updated").text == "2022-09-01T00:00:00+00:00"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"self": SITE + "flux.xml", "alternate": SITE}
    assert root.find(f"{ATOM}title").text == "Derniers rapports"
    assert root.find(f"{ATOM}generator") is None


def test_feed_entries_carry_summary_themes_and_organiser():
    entry = next(e for e in entries(feed()) if e.find(f"{ATOM}id").text.endswith("revue-annuelle-pnlp-mali-2019/"))
    assert entry.find(f"{ATOM}summary").text == "Compte rendu de l'atelier."
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["Paludisme", "Suivi et évaluation"]
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Programme national de lutte contre le paludisme"


def test_feed_escapes_special_characters():
    xml = feed()
    entry = entries(xml)[0]
    assert entry.find(f"{ATOM}title").text == 'Santé & nutrition : "<b>bilan</b>" d\'étape'
    assert entry.find(f"{ATOM}summary").text == "Bilan < attendu & \"prometteur\" selon l'équipe."
    assert "&lt;b&gt;bilan&lt;/b&gt;" in xml and "Santé &amp; nutrition" in xml and "<b>" not in xml


def test_feed_drops_characters_xml_cannot_carry():
    rows = [row("controle", "Titre\x0bavec\x00 contrôle", "2023-01-01", ["Mali"], [])]
    assert entries(feed(rows))[0].find(f"{ATOM}title").text == "Titreavec contrôle"


def test_feed_keeps_the_fifty_newest_reports():
    rows = [row(f"rapport-{i:03d}", f"Rapport {i}", f"20{10 + i // 12:02d}-{i % 12 + 1:02d}-15", ["Mali"], [])
            for i in range(80)]
    slugs = [e.find(f"{ATOM}id").text.split("/")[-2] for e in entries(feed(rows))]
    assert len(slugs) == MAX_ENTRIES and slugs == [f"rapport-{i:03d}" for i in range(79, 79 - MAX_ENTRIES, -1)]


def test_feed_is_byte_identical_whatever_the_row_order():
    shuffled = ROWS[:]
    random.Random(3).shuffle(shuffled)
    same_day = [row("b-rapport", "B", "2024-05-05", [], []), row("a-rapport", "A", "2024-05-05", [], [])]
    assert feed() == feed(shuffled)
    assert feed(same_day) == feed(same_day[::-1])


def test_feed_without_dated_reports_is_still_valid():
    root = ET.fromstring(feed([r for r in ROWS if not r["date"]]).encode())
    assert root.findall(f"{ATOM}entry") == [] and root.find(f"{ATOM}updated").text.startswith("1970-01-01")
