"""Web pages (.html, .htm): the article and its lead only, without the site around it (menus, headers, footers,
scripts, cookie banners, related posts, 'Lire aussi', ads, share bars, bylines, comments).

Library: Beautiful Soup 4 on the lxml parser (lxml is already installed for python-docx), about 1.3 MB with
soupsieve; it tolerates broken markup. Hand-written rules rather than trafilatura, measured on the saved pages of
tests/fixtures/web (WordPress news, SPIP ministry, Drupal agency, each with its full furniture) by
tests/web_scoring.py: these rules keep 1.00 of the article lines, leak 0 furniture phrases and give the event date
and organiser of 3 pages out of 3; trafilatura 2.3.1 (markdown output, tables on, its title put on top) keeps
0.94, leaks 5 (an ad label, a 'Lire aussi' link, a comment form) and loses the SPIP and WordPress leads, so the
date and organiser of 2 pages out of 3; it would also bring ten packages (courlan, htmldate, justext, dateparser…).
"""

from __future__ import annotations

import codecs
import dataclasses
import re
import warnings
from pathlib import Path
from typing import Iterator

try:
    import lxml  # noqa: F401  (the parser Beautiful Soup is told to use: without it, .html is disabled too)
    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
    from bs4.element import NavigableString, PreformattedString, Tag
except ImportError as exc:  # readers/__init__.py disables .html and names the package to install
    raise ImportError(str(exc), name="beautifulsoup4" if exc.name == "bs4" else exc.name) from exc

from ..models import Block, SourceDocument
from .errors import ReadError
from .limits import check_html_depth
from .text import decode_bytes, make_document
from .blocks import clean_line, normalise_heading_levels, plain_text

SUFFIXES = [".html", ".htm"]

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Never part of what an article shows: code, styling, controls, navigation and side content.
DROPPED_TAGS = ["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "map",
                "form", "button", "input", "select", "textarea", "label", "nav", "aside", "menu", "dialog", "head"]
DROPPED_ROLES = {"navigation", "complementary", "search", "menu", "menubar", "dialog", "alertdialog", "banner",
                 "contentinfo"}
# class or id of boilerplate, matched by part of the name: cookie banners anywhere in the name; as a word of it
# ('main-menu', 'entry-share', 'node__meta', 'jp-relatedposts'): menus, site headers and footers, breadcrumbs,
# sharing buttons, related posts, 'lire aussi' boxes, ads, bylines and post meta, tags, widgets, comments and
# forums, and screen-reader-only text.
BOILERPLATE = re.compile(r"cookie|consent|gdpr|rgpd|tarteaucitron|cmplz|relatedposts|yarpp|sharedaddy|addtoany|a2a[-_]kit|"
                         r"adsbygoogle|"
                         r"(?:^|[-_])(?:nav|navbar|navigation|menu|breadcrumbs?|ariane|sidebar|footer|masthead|widgets?|"
                         r"share|sharing|partage|social|newsletter|comments?|commentaires?|forum|related|similar|"
                         r"lire[-_]aussi|voir[-_]aussi|a[-_]lire|ads?|advert\w*|pub|publicite|sponsor\w*|byline|"
                         r"author|auteurs?|meta|posted[-_]on|tags|tags[-_]links|cat[-_]links|entry[-_]footer|"
                         r"skip|sr-only|visually-hidden|screen-reader-text)(?:$|[-_])|^(?:site-|main-|top-|global-)?header$",
                         re.IGNORECASE)
# A box or paragraph pointing to other articles of the site ('Lire aussi : …', 'À lire également').
READ_ALSO = re.compile(r"^\W*(?:[àa] )?(?:lire|voir) (?:aussi|[ée]galement)\b|^\W*[àa] lire\b|^\W*sur le m[êe]me sujet\b|"
                       r"^\W*articles? (?:similaires|li[ée]s)\b", re.IGNORECASE)
# The article's lead ('chapo' in SPIP, 'entry-summary' in WordPress, 'lead' or 'chapeau' elsewhere), kept when
# it stands beside the element that holds the article's body, as SPIP puts it.
LEAD = re.compile(r"(?:^|[-_])(?:chapo|chapeau|lead|entry-summary|standfirst|accroche|intro|introduction)(?:$|[-_])",
                  re.IGNORECASE)
LEAD_DISTANCE = 3  # levels up from the article's element where its lead may stand
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
PROTECTED = {"html", "body", "main", "article"}
BLOCK_TAGS = {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "div",
              "dl", "dt", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "hr", "li", "main",
              "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
              *HEADINGS}
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|"""
                              rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
EMPTY_HINT = ("save the page again once its article has loaded (a page filled in by JavaScript is empty in its "
              "source), or paste the article's text into a .txt or .docx file")


def read(path: Path, source: str) -> SourceDocument:
    """A web page: headings, paragraphs, lists and tables of its article, decoded from its charset."""
    text, encoding = decode_html(path.read_bytes())
    check_html_depth(text)
    with warnings.catch_warnings():  # an XHTML page is still read as HTML; readers do not print
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(text, "lxml")
    _drop_boilerplate(soup)
    root = article_root(soup)
    blocks = [b for lead in _leads_beside(root) for b in _walk(lead)] if root is not None else []
    blocks += list(_walk(root)) if root is not None else []
    if not blocks:
        raise ReadError("has no article text: nothing is left once menus, headers, footers, scripts and "
                        "banners are set aside", EMPTY_HINT)
    if not any(b.kind == "heading" and b.level == 1 for b in blocks) and (title := _page_h1(soup, root)):
        blocks.insert(0, Block("heading", lines=[title], level=1))
    normalise_heading_levels(blocks)
    doc = make_document(source, plain_text(blocks), "html", encoding, allow_front_matter=False)
    return dataclasses.replace(doc, blocks=tuple(blocks))


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode with the page's declared charset when it fits the bytes, else detect the encoding."""
    declared = _declared_codec(data[:4096])
    if declared is None or declared.startswith("utf-") or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                                                           codecs.BOM_UTF16_BE)):
        return decode_bytes(data)
    if any(b >= 0x80 for b in data):
        try:  # a page saved as UTF-8 that still declares its old charset: the bytes tell the truth
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode(declared), declared
    except UnicodeDecodeError:
        return decode_bytes(data)


def _declared_codec(head: bytes) -> str | None:
    """Python codec name of the charset a page declares; Latin-1 and ASCII mean cp1252, as browsers read them."""
    m = DECLARED_CHARSET.search(head)
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name.replace("_", "-")


def _drop_boilerplate(soup: BeautifulSoup) -> None:
    """Remove what is not content: scripts, styles, forms, navigation, asides, hidden parts, banners, related
    posts, ads, share bars, bylines, comments and 'Lire aussi' pointers."""
    for tag in soup.find_all(DROPPED_TAGS):
        if not _decomposed(tag):
            tag.decompose()
    page_text = len(soup.get_text(" ", strip=True))
    for tag in soup.find_all(True):
        if _decomposed(tag) or tag.name in PROTECTED:
            continue
        if _is_hidden(tag) or (_is_boilerplate(tag) and not _holds_content(tag, page_text)):
            tag.decompose()
    _drop_read_also(soup)


def _drop_read_also(soup: BeautifulSoup) -> None:
    """Remove 'Lire aussi' pointers: a paragraph or item made of that label and links, or such a heading with the
    list of links under it."""
    for tag in soup.find_all(["p", "div", "li", "section", *HEADINGS]):
        if tag.decomposed or not READ_ALSO.match(tag.get_text(" ", strip=True)):
            continue
        if tag.name in HEADINGS:
            for sibling in tag.find_next_siblings(True, limit=1):
                if _mostly_links(sibling):
                    sibling.decompose()
            tag.decompose()
        elif _mostly_links(tag, label=True):
            tag.decompose()


def _mostly_links(tag: Tag, label: bool = False) -> bool:
    """An element whose text is mostly the text of its links (after its 'Lire aussi' label when ``label``)."""
    text = tag.get_text(" ", strip=True)
    if label:
        text = READ_ALSO.sub("", text).strip(" :")
    linked = sum(len(a.get_text(" ", strip=True)) for a in tag.find_all("a"))
    return bool(text) and linked >= 0.6 * len(text)


def _leads_beside(root: Tag) -> list[Tag]:
    """The lead block standing before the article's element within a few levels of it (not inside it): one
    block, not made of links."""
    scope: Tag = root
    for _ in range(LEAD_DISTANCE):
        if not isinstance(scope.parent, Tag) or scope.parent.name in ("body", "html"):
            break
        scope = scope.parent
    if scope is root:
        return []
    leads = []
    for tag in scope.find_all(True):
        if tag is root:
            break  # only what stands before the article's element
        if root in tag.parents or any(lead in tag.parents for lead in leads):
            continue
        if any(LEAD.search(word) for word in [*tag.get("class", []), str(tag.get("id", ""))] if word):
            if tag.find_parent(["header", "footer"]) is None and root not in tag.parents and _text_length(tag):
                leads.append(tag)
    leads = [lead for lead in leads if lead not in root.parents and not _mostly_links(lead)]
    return leads if len(leads) == 1 else []  # several: teasers of other articles, not this one's lead


def _decomposed(tag: Tag) -> bool:
    """Whether decompose() reached this tag, in constant time (bs4's ``tag.decomposed`` falls back on
    ``tag.find('_decomposed')``, a search of every descendant, when the flag was never set)."""
    return bool(vars(tag).get("_decomposed", False))


def _is_hidden(tag: Tag) -> bool:
    """Parts a browser does not show: the hidden attribute or an inline display:none."""
    return tag.has_attr("hidden") or bool(HIDDEN_STYLE.search(str(tag.get("style", ""))))


def _is_boilerplate(tag: Tag) -> bool:
    """A menu, banner or sidebar by its ARIA role or by the words of its class and id."""
    if str(tag.get("role", "")).lower() in DROPPED_ROLES:
        return True
    words = [*tag.get("class", []), str(tag.get("id", ""))]
    return any(BOILERPLATE.search(word) for word in words if word)


def _holds_content(tag: Tag, page_text: int) -> bool:
    """A wrapper named after a sidebar or menu that holds the article itself must stay."""
    if tag.find(["main", "article", "h1"]) is not None:
        return True
    return page_text > 0 and len(tag.get_text(" ", strip=True)) > 0.5 * page_text


def article_root(soup: BeautifulSoup) -> Tag | None:
    """The element holding the article: <article>, else <main>, else the one with the most paragraph text."""
    articles = [a for a in soup.find_all("article") if _text_length(a)]
    mains = [m for m in soup.find_all(lambda t: t.name == "main" or t.get("role") == "main") if _text_length(m)]
    main = max(mains, key=_text_length) if mains else None
    if articles:
        article = max(articles, key=_text_length)
        if main is not None and _text_length(article) < _text_length(main) / 3:
            return main  # a list of short teasers: the whole main part is the content
        return article
    if main is not None:
        return main
    if soup.find(["article", "main"]) is not None:
        return None  # the page says where its article is, and that place is empty
    return _densest(soup)


def _densest(soup: BeautifulSoup) -> Tag | None:
    """The element whose own paragraphs hold the most text (the body when there are no paragraphs)."""
    score: dict[int, tuple[int, Tag]] = {}
    for p in soup.find_all("p"):
        parent = p.parent
        if isinstance(parent, Tag):
            total, _ = score.get(id(parent), (0, parent))
            score[id(parent)] = (total + len(p.get_text(" ", strip=True)), parent)
    best = max(score.values(), key=lambda pair: pair[0], default=None)
    if best is not None and best[0] > 0:
        return best[1]
    return soup.body if soup.body is not None and _text_length(soup.body) else None


def _text_length(tag: Tag) -> int:
    """How much visible text an element holds."""
    return len(tag.get_text(" ", strip=True))


def _page_h1(soup: BeautifulSoup, root: Tag | None) -> str:
    """The page's own <h1> when it stands outside the article (and outside the site's header and footer)."""
    for h1 in soup.find_all("h1"):
        inside = root is not None and (h1 is root or root in h1.parents)
        if not inside and h1.find_parent(["header", "footer"]) is None:
            return clean_line(_inline_text(h1))
    return ""


def _walk(element: Tag) -> Iterator[Block]:
    """Blocks of an element in reading order; loose text between blocks becomes a paragraph."""
    loose: list[str] = []
    for child in element.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):  # comments, doctype, CDATA: not shown
                loose.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        if child.name not in BLOCK_TAGS and child.name != "br" and not _has_blocks(child):
            loose.append(_inline_text(child))
            continue
        if child.name == "br":
            loose.append("\n")
            continue
        yield from _paragraph("".join(loose))
        loose = []
        yield from _block(child)
    yield from _paragraph("".join(loose))


def _block(tag: Tag) -> Iterator[Block]:
    """Blocks of one block-level element."""
    name = tag.name
    if name in HEADINGS:
        text = clean_line(_inline_text(tag))
        if text:
            yield Block("heading", lines=[text], level=HEADINGS[name])
    elif name == "p":
        yield from _paragraph(_inline_text(tag))
    elif name == "pre":
        yield from _paragraph(tag.get_text())
    elif name in ("ul", "ol"):
        items = _list_items(tag)
        if items:
            yield Block("list", lines=items)
    elif name == "table":
        yield from _table(tag)
    elif name in ("footer", "hr") or (name == "header" and tag.find(list(HEADINGS)) is None):
        return  # the article's own footer (tags, share links) and a header without a title
    else:
        yield from _walk(tag)


def _paragraph(text: str) -> Iterator[Block]:
    """A paragraph block from text whose line breaks (<br>) are kept as lines."""
    lines = [clean_line(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if lines:
        yield Block("paragraph", lines=lines)


def _has_blocks(tag: Tag) -> bool:
    """True when an inline element wraps block elements (e.g. a link around a whole teaser)."""
    return tag.find(list(BLOCK_TAGS)) is not None


def _inline_text(tag: Tag) -> str:
    """The visible text of an element: <br> as a newline, block boundaries as spaces, comments left out."""
    parts: list[str] = []
    for node in tag.descendants:
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):
                parts.append(re.sub(r"\s+", " ", str(node)))
        elif isinstance(node, Tag):
            if node.name == "br":
                parts.append("\n")
            elif node.name in BLOCK_TAGS:
                parts.append(" ")
    return "".join(parts)


def _list_items(tag: Tag) -> list[str]:
    """Items of a list, nested lists flattened after their parent item."""
    items: list[str] = []
    for li in tag.find_all("li", recursive=False):
        nested = li.find_all(["ul", "ol"], recursive=False)
        for sub in nested:
            sub.extract()
        text = clean_line(_inline_text(li))
        if text:
            items.append(text)
        for sub in nested:
            items.extend(_list_items(sub))
    return items


def _table(tag: Tag) -> Iterator[Block]:
    """A data table as a table block; a layout table (one row or column, nested tables, headings) as content."""
    rows = [tr for tr in tag.find_all("tr") if tr.find_parent("table") is tag]
    cells = [tr.find_all(["td", "th"], recursive=False) for tr in rows]
    width = max((sum(_span(c) for c in row) for row in cells), default=0)
    if len(rows) < 2 or width < 2 or tag.find(["table", *HEADINGS]) is not None:
        yield from _walk(tag)
        return
    caption = tag.find("caption")
    if caption is not None:
        yield from _paragraph(_inline_text(caption))
    table: list[list[str]] = []
    for row in cells:
        values: list[str] = []
        for cell in row:
            values.append(clean_line(_inline_text(cell)))
            values.extend([""] * (_span(cell) - 1))
        if any(values):
            table.append(values + [""] * (width - len(values)))
    if table:
        yield Block("table", rows=table)


def _span(cell: Tag) -> int:
    """How many columns a cell spans (colspan), at least one."""
    value = str(cell.get("colspan", "1")).strip()
    return max(1, min(int(value), 50)) if value.isdigit() else 1


