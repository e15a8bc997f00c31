"""Report text -> HTML body: structure kept, every character shown as written, nothing runs."""

import re
from html.parser import HTMLParser

from hypothesis import example, given, settings
from hypothesis import strategies as st

from build_scripts.extract.structure import parse_blocks
from build_scripts.render.htmltext import Inline, blocks_to_html


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def parse(html: str) -> _Text:
    """Tags, attributes and visible text, headings' own '¶' permalinks left out."""
    p = _Text()
    p.feed(re.sub(r'<a class="headerlink" href="#[^"]*" title="[^"]*"( data-pagefind-ignore)?>¶</a>', "", html))
    p.close()
    return p


def render(text: str, fmt: str = "text", abbreviations: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """The HTML a reader gets for a report body, as visible text and the list of tags used."""
    p = parse(blocks_to_html(parse_blocks(text, fmt), inline=Inline(abbreviations)))
    return "".join(p.parts), p.tags


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


BULLETS = re.compile(r"(?m)^[ \t]*(?:[·•▪◦●○■□➢►✓❖§]|[-–—*+](?=[ \t]))")


def test_bullets_become_a_list():
    visible, tags = render("Ont pris part :\n\n· les médecins chefs ;\n\n• les majors ;\n- les relais.")
    assert tags.count("li") == 3 and "ul" in tags
    assert "les médecins chefs ;" in visible and "les relais." in visible


def test_tab_table_exported_from_word_becomes_a_table():
    text = ("Recommandations retenues :\n\tConstat\n\tRecommandation\n\tResponsable\n\tÉchéance\n\n"
            "\tRuptures de vaccins\n\tRenforcer la chaîne du froid\n\tDRS Kara\n\tDécembre 2021\n\n"
            "\tFaible complétude\n\tFormer les gestionnaires de données\n\tDistrict de Bassar\n\tMars 2022\n")
    visible, tags = render(text)
    assert tags.count("tr") == 3 and tags.count("th") == 4
    assert "Former les gestionnaires de données" in visible


def test_one_line_per_row_tab_table():
    visible, tags = render("Action\tResponsable\nFormer les relais\tZS Lokossa\nDoter les CS\tDDS Mono\n")
    assert tags.count("tr") == 3


def test_markdown_source_keeps_headings_and_emphasis():
    text = "## **Contexte**\n\n*Le district de Kati* a **renforcé** la supervision.\n\n- point un\n- point deux"
    visible, tags = render(text, "markdown")
    assert "h2" in tags and "em" in tags and "strong" in tags and tags.count("li") == 2
    assert "**" not in visible


def test_capitalised_line_of_minutes_is_a_heading():
    visible, tags = render("RECOMMANDATIONS\nRenforcer la supervision formative des relais.")
    assert "h2" in tags and "RECOMMANDATIONS" in visible


HOSTILE = ('<script>alert(1)</script>', '<img src=x onerror="alert(2)">', '[lien](javascript:alert(3))',
           '<iframe src="https://exemple.invalid/"></iframe>', '{{ config.site_name }}', '{% include "x" %}',
           '---', '# pas un titre', '| a | b |', '5 * 3 étoiles * sans fin', '1. numéro', '> citation',
           '*[CPN]: piège', '{: onclick="alert(4)" }', '--8<-- "mkdocs.yml"', '&amp; déjà échappé', '\\ barre',
           '~~~', '??? note "repliée"', '!!! warning "encadré"', '```python', ': définition')


def test_hostile_lines_show_as_written_and_create_no_element():
    text = "\n".join(HOSTILE)
    visible, tags = render(text)
    for line in HOSTILE:
        assert squash(line) in squash(visible), line
    assert not set(tags) & {"script", "img", "iframe", "a", "h1", "h2", "hr", "table", "ol", "blockquote", "abbr",
                             "details", "pre", "code", "dl", "div"}


def test_hostile_lines_in_a_markdown_report_are_shown_too():
    text = "\n\n".join(HOSTILE)
    visible, tags = render(text, "markdown")
    assert not set(tags) & {"script", "img", "iframe", "a", "hr", "table", "ol", "blockquote", "abbr"}
    for line in HOSTILE:
        if "*" not in line and not line.startswith("#"):
            assert squash(line) in squash(visible), line


SAFE_ALPHABET = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"),
                              blacklist_characters="\u00a0\u2028\u2029\ufeff\u00ad\u200b\u200c\u200d\u2060")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=SAFE_ALPHABET, max_size=60), max_size=8))
@example(["·AAAA"])  # a bullet on a line in capitals: a list item, its bullet not shown as text
def test_any_plain_text_shows_the_same_visible_text(lines):
    from build_scripts.readers.text import normalise_text
    text = normalise_text("\n".join(lines))
    visible, tags = render(text)
    assert squash(visible) == squash(BULLETS.sub("", text))
    assert not set(tags) & {"script", "img", "iframe", "a", "hr", "code", "abbr"}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"),
                                               blacklist_characters="*#\u00a0\u2028\u2029\ufeff\u00ad\u200b\u200c\u200d\u2060"),
                        max_size=60), max_size=8))
def test_any_markdown_text_without_markup_shows_the_same_visible_text(lines):
    from build_scripts.readers.text import normalise_text
    text = normalise_text("\n".join(lines))
    visible, _ = render(text, "markdown")
    expected = re.sub(r"(?m)^[ \t]*[-+·•][ \t]+", "", text)
    assert squash(visible) == squash(expected)


def test_acronyms_get_their_expansion_as_a_tooltip_on_whole_words_only():
    html = blocks_to_html(parse_blocks("La CPN recentrée et le PEV. CPNx et xCPN ne sont pas des sigles.", "text"),
                          inline=Inline({"CPN": "consultation prénatale", "PEV": "Programme élargi de vaccination"}))
    p = parse(html)
    assert p.tags.count("abbr") == 2
    assert ("title", "consultation prénatale") in p.attrs and ("title", "Programme élargi de vaccination") in p.attrs
    assert "CPNx et xCPN" in "".join(p.parts)


def test_a_hostile_expansion_stays_inside_its_tooltip():
    expansion = '"><script>alert(1)</script><b title="'
    p = parse(blocks_to_html(parse_blocks("Le CPN est revu.", "text"), inline=Inline({"CPN": expansion})))
    assert set(p.tags) == {"p", "abbr"}
    assert ("title", expansion) in p.attrs


def test_report_headings_never_take_an_id_the_page_already_uses():
    text = "B1\n\nUn premier paragraphe.\n\nRECOMMANDATIONS\n\nRenforcer la supervision.\n\nRecommandations"
    from build_scripts.render.htmltext import Ids
    html = blocks_to_html(parse_blocks(text, "text"), block_ids=True, ids=Ids({"recommandations"}))
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), ids
    assert "recommandations" not in [i for i in ids if not i.startswith("b")]
