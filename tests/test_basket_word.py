"""The basket goes into Word in one step: a .docx made in the browser (opened here with python-docx), a rich
copy for Word (italic titles, live links), clean Markdown; each statement once, one reference list."""

from __future__ import annotations

import json
import re

import docx
import pytest

from .test_browser import reports_mentioning

NBSP = "\u00a0"


def add_statements(page, site_url: str, report_urls: list[str], per_report: int) -> list[dict]:
    """Add the first statements of some report pages to the basket; their data as the page gives it."""
    added = []
    for url in report_urls:
        page.goto(site_url + url)
        data = page.evaluate("window.kbUnites()")
        actions = page.locator(".kb-actions")
        for n in range(per_report):
            actions.nth(n).locator("button[data-role=panier]").click()
            added.append(data[actions.nth(n).get_attribute("data-unit")])
    return added


@pytest.fixture
def basket(page, served_site):
    """Two statements of one report and one of another, in the basket page."""
    urls = sorted(reports_mentioning(served_site, r"travaux des assises du Comité Technique du PRODESS"))[:1]
    other = sorted(reports_mentioning(served_site, r"(?i)leçons? apprises?") - set(urls))
    added = add_statements(page, served_site.base_url, urls, 2)
    for url in other:  # the first other report with a statement
        page.goto(served_site.base_url + url)
        if page.locator(".kb-actions").count():
            added += add_statements(page, served_site.base_url, [url], 1)
            break
    assert len({a["report"] for a in added}) == 2
    page.goto(served_site.base_url + "/panier/")
    page.wait_for_selector(".kb-panier__element")
    return added


def statement_sentence(a: dict) -> str:
    text = " ".join(a["text"].split()).removesuffix(".")
    return f"{a['kind']}{NBSP}: «{NBSP}{text}{NBSP}» {a['short']}."


def test_word_file_holds_each_statement_once_then_one_reference_list(page, basket):
    assert page.locator(".md-header .kb-panier-compte").inner_text() == str(len(basket))
    with page.expect_download() as info:
        page.click("#kb-export-docx")
    assert info.value.suggested_filename == "panier-citations.docx"
    document = docx.Document(info.value.path())
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    texts = [p.text for p in paragraphs]
    assert texts[0] == "Énoncés à citer" and paragraphs[0].style.name.startswith("Heading")
    split = texts.index("Références")
    statements, references = texts[1:split], paragraphs[split + 1:]
    assert statements == [statement_sentence(a) for a in basket]  # each once, in basket order, short reference
    assert not any(". »" in t or f".{NBSP}»" in t or ".." in t for t in texts)
    reports = {a["report"]: a for a in basket}
    assert len(references) == len(reports) == 2  # two statements of one report: one reference
    for ref in references:
        italic = [run.text for run in ref.runs if run.italic]
        match = [a for a in reports.values() if italic == [a["ref"][1]]]
        assert match, (ref.text, italic)
        before, title, after = match[0]["ref"]
        assert ref.text.startswith(before + title) and "{consulte}" not in ref.text
    assert not any(re.search(r"127\.0\.0\.1|localhost", t) for t in texts)


def test_copy_for_word_puts_formatted_html_on_the_clipboard(browser, served_site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], locale="fr-FR")
    page = context.new_page()
    urls = sorted(reports_mentioning(served_site, r"travaux des assises du Comité Technique du PRODESS"))[:1]
    added = add_statements(page, served_site.base_url, urls, 1)
    page.goto(served_site.base_url + "/panier/")
    page.click("#kb-copier-word")
    page.wait_for_function("document.getElementById('kb-copier-word').textContent === 'Copié !'")
    html = page.evaluate("""async () => {
        const items = await navigator.clipboard.read();
        const item = items.find(i => i.types.includes('text/html'));
        return item ? await (await item.getType('text/html')).text() : '';
    }""")
    plain = page.evaluate("navigator.clipboard.readText()")
    context.close()
    title = added[0]["ref"][1]
    assert f"<i>{title}</i>" in html.replace("&nbsp;", NBSP)
    assert "<h2>Références</h2>" in html and html.count("<i>") == 1
    assert statement_sentence(added[0]) in plain and "Références" in plain


def test_markdown_export_is_clean(page, basket):
    with page.expect_download() as info:
        page.click("#kb-export-md")
    text = open(info.value.path(), encoding="utf-8").read()
    lines = text.splitlines()
    assert lines[0] == "# Énoncés à citer" and "## Références" in lines
    quotes = [line for line in lines if line.startswith("> ")]
    assert len(quotes) == len(basket)
    refs = [line for line in lines if line.startswith("- ")]
    assert len(refs) == 2 and all(line.count("*") == 2 for line in refs)  # the title in italics, nothing else
    assert "**" not in text and "{consulte}" not in text and ". »" not in text
    assert "127.0.0.1" not in text and "localhost" not in text  # built without a public address
    for a in basket:
        assert text.count(" ".join(a["text"].split()).removesuffix(".")[:40]) == 1
