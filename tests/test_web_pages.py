"""Saved web pages from three kinds of sites (WordPress news, SPIP ministry, Drupal agency) with all their
furniture: the report page keeps the article and its lead, and none of the site around it.

Pages and what a reader expects of them: tests/fixtures/web/NAME.html and NAME.yml (scored by
tests/web_scoring.py, which also runs trafilatura on them for comparison).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_scripts.readers import html_reader
from tests.web_scoring import pages, score_doc, squash

PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Revue</title></head><body>
<main><article><h1>Revue annuelle du district sanitaire de Dapaong</h1>
<p>Le 7 avril 2024, la direction préfectorale de la santé de Tône a tenu à Dapaong sa revue annuelle.</p>
{furniture}
<p>Les participants ont recommandé de renforcer la supervision des unités de soins périphériques.</p>
</article></main></body></html>"""
ARTICLE = ["Revue annuelle du district sanitaire de Dapaong",
           "Le 7 avril 2024, la direction préfectorale de la santé de Tône a tenu à Dapaong sa revue annuelle.",
           "Les participants ont recommandé de renforcer la supervision des unités de soins périphériques."]


@pytest.mark.parametrize("path", pages(), ids=lambda p: p.stem)
def test_saved_page_keeps_the_whole_article_and_none_of_the_site(path, vocab):
    score = score_doc(path, vocab)
    assert score.missing == [] and score.leaked == []
    assert score.date and score.organiser, "the date and organiser of the lead are found"
    assert score.recommendations[0] == score.recommendations[1]


def test_spip_lead_block_comes_first_with_the_date_and_organiser(vocab):
    path = next(p for p in pages() if p.name.startswith("spip-"))
    doc = html_reader.read(path, path.name)
    title, lead = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))["article"][:2]
    assert [(b.kind, b.lines) for b in doc.blocks[:2]] == [("heading", [title]), ("paragraph", [lead])]


@pytest.mark.parametrize("furniture,leak", [
    ('<div id="jp-relatedposts" class="jp-relatedposts"><h3>Articles similaires</h3><p><a href="/a">Kara : '
     'campagne de vaccination</a></p></div>', "Kara : campagne"),
    ('<div class="yarpp yarpp-related"><h3>Sur le même sujet</h3><ol><li><a href="/b">Sokodé : formation des '
     'sages-femmes</a></li></ol></div>', "Sokodé"),
    ('<p><strong>Lire aussi :</strong> <a href="/c">Atakpamé : journée de dépistage du diabète</a></p>', "Atakpamé"),
    ('<h3>À lire également</h3><ul><li><a href="/d">Mango : remise de motos aux agents</a></li></ul>', "Mango"),
    ('<div class="ad-slot"><p>Publicité : crédit auto à taux réduit</p></div>', "crédit auto"),
    ('<div class="td-post-sharing"><a href="#">Partager sur Facebook</a></div>', "Partager"),
    ('<p class="byline">Par Kossi Amegah, correspondant régional</p>', "Kossi Amegah"),
    ('<div class="entry-meta">Publié le 8 avril 2024 dans Actualités</div>', "Publié le"),
    ('<div id="cookie-notice" role="dialog"><p>Ce site dépose des traceurs.</p></div>', "traceurs"),
    ('<section class="comment-list"><p>Bravo à toute l\'équipe de Dapaong !</p></section>', "Bravo"),
    ('<div class="post-tags"><a href="/t">santé</a> <a href="/t2">Savanes</a></div>', "Savanes"),
], ids=["jp-relatedposts", "yarpp", "lire-aussi-paragraph", "lire-aussi-heading", "ad", "share-bar", "byline",
        "entry-meta", "cookie-banner", "comments", "tags"])
def test_furniture_inside_the_article_is_dropped(tmp_path, furniture, leak):
    path = tmp_path / "dapaong.html"
    path.write_text(PAGE.format(furniture=furniture), encoding="utf-8")
    text = squash(html_reader.read(path, path.name).text)
    assert leak not in text
    assert all(line in text for line in ARTICLE)


def test_a_paragraph_that_only_mentions_reading_is_kept(tmp_path):
    """'Lire aussi' as a label of links is furniture; a sentence of the article starting the same way is not."""
    sentence = "À lire également, le rapport complet de la revue, disponible auprès de la direction préfectorale."
    path = tmp_path / "dapaong.html"
    path.write_text(PAGE.format(furniture=f"<p>{sentence}</p>"), encoding="utf-8")
    assert sentence in html_reader.read(path, path.name).text


def test_teasers_of_other_articles_are_not_taken_for_the_lead(tmp_path):
    """Summaries of other posts above the article (a 'featured' strip) share the lead's class name: not a lead."""
    teasers = "".join(f'<div class="entry-summary"><p><a href="/{n}">Résumé de l\'article {n} sur la campagne de '
                      f'vaccination</a></p></div>' for n in (1, 2))
    page = PAGE.replace("<main><article>", f"<div class=\"page\"><div class=\"une\">{teasers}</div><div>")
    page = page.replace("</article></main>", "</div></div>")  # no <article> nor <main>: the densest part
    path = tmp_path / "dapaong.html"
    path.write_text(page.format(furniture=""), encoding="utf-8")
    text = html_reader.read(path, path.name).text
    assert "Résumé de l'article" not in text and ARTICLE[1] in text
