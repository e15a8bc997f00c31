"""Reading real texts: press datelines and publication lines stripped, letterheads never a title, names defined
by the text found, relative dates resolved; and the real-text evaluation set (labels committed, excerpts not)."""

from pathlib import Path

import pytest
import yaml

from build_scripts.curator import realtext
from build_scripts.extract.dates import extract_dates
from build_scripts.extract.lead import strip_lead
from build_scripts.extract.programmes import extract_programme
from build_scripts.extract.titles import sentence_case
from build_scripts.models import SourceDocument
from build_scripts.readers.text import normalise_text
from build_scripts.build import extract_one

BODY = ("La Direction régionale de la santé des Plateaux a organisé, du 6 au 8 février 2024 à Kpalimé, un atelier de "
        "validation du plan opérationnel du Programme national de lutte contre le paludisme (PNLP), avec l'appui "
        "financier du Fonds mondial. Les participants ont passé en revue la couverture en moustiquaires imprégnées "
        "et la chimioprévention du paludisme saisonnier dans les districts du Togo.\n\n"
        "Les travaux ont été clôturés par le directeur régional, qui a invité les équipes à transmettre leurs "
        "rapports à temps.\n")
HEADLINE = "Kpalimé : les districts des Plateaux valident leur plan de lutte contre le paludisme\n\n"
WRAPPERS = {
    "press dateline": HEADLINE + "KPALIMÉ, 9 février 2024 – " + BODY,
    "agency dateline": HEADLINE + "Kpalimé (ATOP) - " + BODY,
    "publication line and byline": HEADLINE + "Publié le vendredi 9 février 2024 à 18h05\n\nPar Ama Kodjo\n\n" + BODY,
    "site banner and bullet date": "santeplateaux.tg, l'information sanitaire des Plateaux\n\n" + HEADLINE
                                   + "- 9 février 2024\n- Actualités\n\n" + BODY,
}
FIELDS = ("title", "country", "programme", "date", "date_end", "organiser", "themes")


def _meta(text: str, vocab) -> dict:
    doc = SourceDocument("note.txt", text, "text", "utf-8", "0" * 64)
    return extract_one(doc, vocab)[0].meta


@pytest.mark.parametrize("wrapper", sorted(WRAPPERS))
def test_same_fields_with_or_without_dateline_or_publication_line(wrapper, vocab):
    plain = _meta(HEADLINE + BODY, vocab)
    wrapped = _meta(WRAPPERS[wrapper], vocab)
    assert {f: wrapped[f] for f in FIELDS} == {f: plain[f] for f in FIELDS}
    assert plain["date"] == "2024-02-06" and plain["programme"] == "PNLP" and "Plateaux" in plain["organiser"]


def test_dateline_gives_the_publication_date_and_place_and_keeps_the_sentence():
    lead = strip_lead("BAMAKO, 14 mars 2023 (AMAP) - Le district sanitaire de Kati a tenu sa revue annuelle hier.\n")
    assert (lead.publication, lead.place) == ("2023-03-14", "BAMAKO")
    assert lead.text.startswith("Le district sanitaire de Kati a tenu")


def test_weekday_and_yesterday_are_resolved_against_the_publication_date_and_marked_inferred():
    start, _ = extract_dates("La revue s'est tenue lundi à Sokodé en présence du préfet.", publication="2024-02-14")
    assert start.value == "2024-02-12" and "inferred" in start.method  # its confidence: the 'inferred' kind's threshold
    start, _ = extract_dates("L'atelier s'est ouvert hier à Dapaong.", publication="2024-02-14")
    assert start.value == "2024-02-13"
    assert extract_dates("L'atelier s'est ouvert hier à Dapaong.")[0].value is None  # no publication date: no guess


@pytest.mark.parametrize("text,name,long_start", [
    ("Les projets régionaux d'appui aux districts (PRAD) ont tenu leur revue conjointe. Les PRAD couvrent "
     "trois régions.", "PRAD", "Projets régionaux"),
    ("Le projet d'appui à l'accès aux soins des femmes (Access) a tenu son comité de pilotage. Access couvre "
     "quatre régions.", "Access", "Projet d'appui"),
    ("Le programme pour les maladies non transmissibles (PEN+) a formé les infirmiers. PEN+ est conduit par "
     "le district.", "PEN+", "Programme pour"),
])
def test_programme_defined_by_the_text_in_any_case(text, name, long_start, vocab):
    found = extract_programme(text, vocab)
    assert found.value is not None and found.value.name == name
    assert found.value.long.startswith(long_start)


@pytest.mark.parametrize("head", [
    "RÉPUBLIQUE TOGOLAISE\nTravail – Liberté – Patrie\n\nMINISTÈRE DE LA SANTÉ ET DE L'HYGIÈNE PUBLIQUE\n\n",
    "NOTE DE SYNTHÈSE\n\n",
    "DIRECTION RÉGIONALE DE LA SANTÉ DES PLATEAUX\n\nTitre : ",
])
def test_a_letterhead_motto_or_label_is_never_the_title(head, vocab):
    title = _meta(head + "RAPPORT DE L'ATELIER DE VALIDATION DU PLAN OPERATIONNEL DU PNLP\n\n" + BODY, vocab)["title"]
    assert title == "Rapport de l'atelier de validation du plan opérationnel du PNLP"


def test_without_a_title_line_the_title_is_composed_from_the_event(vocab):
    title = _meta("RÉPUBLIQUE TOGOLAISE\n\nMINISTÈRE DE LA SANTÉ\n\n" + BODY, vocab)["title"]
    assert title.startswith("Atelier de validation du plan opérationnel") and "6 février 2024" in title
    assert "RÉPUBLIQUE" not in title and "MINISTÈRE" not in title


def test_sentence_case_keeps_acronyms_and_names_and_restores_accents():
    assert (sentence_case("REUNION DU COMITE DE GESTION DES EPIDEMIES DE LA DRS DE DAPAONG", frozenset({"DRS"}))
            == "Réunion du comité de gestion des épidémies de la DRS de Dapaong")


# -- the real-text evaluation set ------------------------------------------------------------------------------

def test_cases_are_labelled_with_known_theme_slugs_and_unique_ids(vocab):
    cases = realtext.load_cases()
    assert len(cases) >= 40 and len({c["id"] for c in cases}) == len(cases)
    assert {c["half"] for c in cases} <= set(realtext.HALVES) and {"A", "B"} <= {c["half"] for c in cases}
    for c in cases:
        assert c.get("url") and c.get("query"), c["id"]
        unknown = set(c.get("themes") or []) - set(vocab.theme_by_slug)
        assert not unknown, f"{c['id']}: unknown theme slugs {unknown}"


def test_missing_excerpts_are_listed_with_the_search_to_run_and_can_be_stored(tmp_path, cli, monkeypatch):
    cases = [{"id": "tg-99", "url": "https://example.org/atelier", "query": "atelier validation Kara"}]
    lines = realtext.missing_lines(cases, tmp_path)
    assert "tg-99" in lines[0] and "« atelier validation Kara »" in lines[0] and "https://example.org/atelier" in lines[0]
    path = realtext.store_excerpt("tg-99", BODY, cases, tmp_path)
    assert path.read_text(encoding="utf-8") == BODY and realtext.missing_lines(cases, tmp_path) == []
    with pytest.raises(ValueError, match="no case 'zz-1'"):
        realtext.store_excerpt("zz-1", BODY, cases, tmp_path)


def test_a_project_labelled_with_its_kind_word_is_right_by_its_acronym():
    assert realtext.name_ok(["Projet CAPS"], "CAPS") and realtext.name_ok(["programme PEV+"], "PEV+")
    assert not realtext.name_ok(["Projet santé"], "santé") and not realtext.name_ok(["Projet CAPS"], "CAP")


def test_a_country_labelled_by_another_of_its_names_is_the_same_country(vocab):
    assert realtext.field_right("country", ["Centrafrique", "Tchad"], {"country": ["République centrafricaine", "Tchad"]},
                                vocab)
    assert not realtext.field_right("country", ["Centrafrique"], {"country": ["République centrafricaine", "Tchad"]},
                                    vocab)


def test_a_missing_excerpt_is_counted_never_skipped(tmp_path, vocab):
    cases = [{"id": "tg-98", "half": "A", "url": "u", "query": "q", "country": ["Togo"]}]
    tally = realtext.score_cases(cases, vocab, tmp_path)
    assert tally.missing == ["tg-98"] and tally.n["country"] == 0


def test_a_blind_parts_failures_are_never_printed_unless_asked_for_by_name(tmp_path, vocab):
    cases = [{"id": "tg-97", "half": "A", "url": "u", "query": "q", "country": ["Niger"]},
             {"id": "tg-96", "half": sorted(realtext.UNSEEN)[0], "url": "u", "query": "q", "country": ["Niger"]}]
    (tmp_path / "cases.yml").write_text(yaml.safe_dump(cases), encoding="utf-8")
    for case in cases:
        (tmp_path / f"{case['id']}.txt").write_text(BODY, encoding="utf-8")  # a Togo text: the country is wrong
    _, lines = realtext.run_realtext(vocab, verbose=True, cases_path=tmp_path / "cases.yml", cache=tmp_path)
    assert any("tg-97 [country]" in x for x in lines) and not any("tg-96" in x for x in lines)
    _, lines = realtext.run_realtext(vocab, verbose=True, half="A", cases_path=tmp_path / "cases.yml", cache=tmp_path)
    assert "A (" in lines[1] and sorted(realtext.UNSEEN)[0] + " (" not in lines[1] and "all" not in lines[1]


def test_an_unknown_part_is_named_with_the_parts_there_are(cli):
    result = cli("score", "--realtext", "--half", "Z")
    assert result.code != 0 and "--half Z" in result.err and "parts: A, B" in result.err


def test_letterhead_titles_are_recognised():
    assert realtext.is_letterhead("MINISTÈRE DE LA SANTÉ", [])
    assert realtext.is_letterhead("- Actualités", ["- Actualités"])
    assert not realtext.is_letterhead("Atelier de validation du plan de la DRS de Kara", [])


# measured on the 464 cases of the parts that are not unseen (A-F, K-N), when parts K-N (181 texts labelled blind,
# documents rather than press articles) were added in the third session of 2026-12-06: country 0.94, date 0.88,
# programme 0.86, organiser 0.76, 15 letterhead titles. The unseen parts (G-J) are a measure, not a floor: see the
# README. With the passes of that session: programme 0.89 (cooperation programmes, English names, plural head nouns;
# weights fit on A-F+K-N), date 0.95 (441/464, two date passes), 3 letterhead titles (titles pass), country 0.95
# (443/464, participant lists and country names outside the region). On 2026-12-06 (fourth session) parts O-Q (141
# texts, scored blind first) joined the development parts: on the 605 cases, country 0.94, date 0.92, programme 0.89,
# organiser 0.77, 8 letterhead titles (5 of them in O-Q); after that session's passes: country 0.94, date 0.94,
# programme 0.90, organiser 0.78 (570, 570, 545, 475 of 605). On 2026-12-06 (fifth session) parts R-T (136 texts,
# scored blind first) joined them: on the 741 cases, country 0.94 (698), date 0.92 (680), programme 0.88 (655),
# organiser 0.76 (564), 23 letterhead titles (15 of them in R-T); after that session's passes: date 0.93 (690; R-T
# 0.81 -> 0.87), organiser 0.77 (574, the known bodies as candidates and the weights refit), 18 letterhead titles.
# The seventh session refilled the excerpts on a new machine by hand-copying the search answers: date 689 and organiser
# 575 (one excerpt each reads differently), then organiser names cut where their sentence goes on: 575 -> 575. The
# date floor is set one text under the refilled measure, as the others are.
FLOORS = {"country": 0.94, "date": 0.92, "programme": 0.88, "organiser": 0.77}
MAX_LETTERHEADS = 18  # 8 on A-Q (15 before the titles pass, branch titles3), R-T's 15 when they joined, 10 after


def test_a_name_that_runs_on_into_the_sentence_is_not_right():
    accepted = ["District sanitaire de Dori"]
    assert realtext.name_ok(accepted, "District sanitaire de Dori (DS-Dori)")
    assert realtext.name_ok(["Ministère de la Santé"], "Ministère de la Santé et de l'Action sociale")
    assert realtext.name_ok(["district sanitaire"], "District sanitaire de Dori")
    assert not realtext.name_ok(accepted, "District sanitaire de Dori a formé des relais communautaires")
    assert not realtext.name_ok(accepted, "District sanitaire de Dori soit une référence au pays")


def test_real_text_accuracy_stays_where_it_was_measured(vocab):
    cases = realtext.load_cases()
    if any(not realtext.excerpt_path(c["id"]).is_file() for c in cases):
        pytest.skip("the real-text excerpts are third-party text kept out of git (.cache/realtext/); refill them "
                    "with 'python -m build_scripts score --realtext --missing', then --store ID FILE")
    tally = realtext.score_cases([c for c in cases if c.get("half") not in realtext.UNSEEN], vocab)  # unseen: a measure
    low = {f: f"{tally.ok[f]}/{tally.n[f]}" for f, floor in FLOORS.items() if tally.ok[f] / tally.n[f] < floor}
    assert not low, f"fields under their floor {FLOORS}: {low}"
    assert tally.letterheads <= MAX_LETTERHEADS


def test_a_letterhead_cut_over_two_lines_and_an_agency_name_are_not_the_title(vocab):
    head = ("RÉPUBLIQUE DU NIGER\n\nFraternité – Travail – Progrès\n\n********\n\n"
            "# DIRECTION RÉGIONALE DE LA SANTÉ PUBLIQUE ET DE LA LUTTE\n\n# CONTRE LES ÉPIDÉMIES\n\n"
            "# AGENCE RÉGIONALE DE SÉCURITÉ SANITAIRE\n\n")
    title = _meta(head + BODY, vocab)["title"]
    assert not title.upper().startswith(("CONTRE", "AGENCE", "DIRECTION", "RÉPUBLIQUE"))
    assert title.startswith("Atelier de validation")


def test_check_shows_the_losing_candidates_and_their_evidence(tmp_path, cli):
    source = tmp_path / "src"
    source.mkdir()
    (source / "kara.txt").write_text(
        "Atelier sur la surveillance à Kara\n\nL'atelier de révision des outils de surveillance s'est ouvert le 4 mars "
        "2024 à Kara en présence du ministre de la Santé, Dr Kossi Amégan, et du directeur régional de la santé de la "
        "Kara.\n", encoding="utf-8")
    out = cli("check", "--source", source).out  # an organiser only hinted at is uncertain: check lists it
    assert "organiser = 'Ministère de la Santé" in out and "its minister or head is named" in out
    assert "other candidate: 'Direction régionale de la santé" in out


def test_a_dateline_in_styled_bold_letters_is_read_as_plain_text(vocab):
    from build_scripts.extract.lead import strip_lead, unstyle
    text = unstyle("𝗗𝗼𝗿𝗶, 𝟭𝟳 𝗷𝘂𝗶𝗹𝗹𝗲𝘁 𝟮𝟬𝟮𝟱 – Le district sanitaire de Dori a tenu ce jeudi sa revue annuelle avec ses partenaires.")
    lead = strip_lead(text)
    assert lead.publication == "2025-07-17" and lead.place == "Dori"


@pytest.mark.parametrize("text,publication,event", [
    # a byline with its date: the day the item was published, not the event's
    ("Santé Infos\n\nKayes : 40 infirmiers formés\n\nSanté Infos | Par Awa Diallo - 15 septembre 2025\n\n"
     "Le ministère de la Santé a lancé une formation pour 40 infirmiers venus de tous les cercles de la région.",
     "2025-09-15", None),
    # a byline whose author's name is empty: still the day the item was published
    ("Dori : la réunion mensuelle des partenaires\n\nDori Info | Par - 12 mars 2024\n\nLe gouverneur a présidé ce "
     "mardi la réunion mensuelle des partenaires de la santé à Dori, consacrée au suivi des indicateurs du district.",
     "2024-03-12", "2024-03-12"),
    # an agency's credit with place and date in brackets: 'depuis mardi' is read against it
    ("© Agence Kara Presse (Kara, le 30 août 2012) — Les représentants des associations participent depuis mardi à "
     "Kara à un atelier de validation du plan régional de santé.", "2012-08-30", "2012-08-28"),
    # a date alone on the last line: the publication date, against which 'ce vendredi' is read
    ("Le secrétaire exécutif a appelé les partenaires à travailler avec les associations. C'était ce vendredi lors "
     "d'une réunion d'évaluation des activités du comité.\nJournal\n7 novembre 2022", "2022-11-07", "2022-11-04"),
    # a page's month refined by its dateline's day: 'ce lundi' is that day
    ("Date : 2018-03\nKINSHASA, 12 MARS 2018 - Le ministre a présidé l'ouverture ce lundi à Kinshasa des travaux "
     "d'évaluation du plan, après l'auto-évaluation réalisée en décembre 2017.", "2018-03-12", "2018-03-12"),
])
def test_publication_dates_from_bylines_credits_and_last_lines_date_the_relative_days(text, publication, event, vocab):
    assert strip_lead(text).publication == publication
    assert _meta(text, vocab)["date"] == event


def test_an_earlier_event_recalled_in_a_news_item_is_not_its_date():
    start, _ = extract_dates("Le ministère a organisé ce jeudi la restitution de sa participation à l'Assemblée mondiale "
                             "de la Santé tenue à Genève du 19 au 27 mai 2025.", publication="2025-07-17")
    assert start.value == "2025-07-17" and "inferred" in start.method


def test_a_page_agenda_of_events_months_later_does_not_date_the_article():
    text = ("Le ministre a invité, le mardi 7 janvier 2020 à Dori, les maires de la région à soutenir la campagne.\n\n"
            "Les élus ont promis leur appui.\n\nAgenda\n\nDu samedi 20 décembre 2025 au vendredi 26 décembre 2025\n\n"
            "Atelier national de formation des artisans à Dori")
    start, _ = extract_dates(text, publication="2020-01-08")
    assert start.value == "2020-01-07"


def test_a_month_whose_accent_was_lost_to_a_broken_encoding_still_dates_the_meeting():
    assert extract_dates("La revue sest tenue le mercredi 6 dcembre 2023 à Dori.")[0].value == "2023-12-06"
    garbled = normalise_text("La r\ufffdunion s'est tenue le 2 f\ufffdvrier 2004 \u00e0 Dori.")  # as every reader does
    assert extract_dates(garbled)[0].value == "2004-02-02"


def test_a_weekday_picks_a_year_written_further_off_only_when_it_fits():
    filler = " Les relais ont présenté leurs activités dans les villages du district." * 6
    text = "Le district a célébré, vendredi 22 mars, la journée de lutte contre la tuberculose." + filler + " Thème 2019."
    start, _ = extract_dates(text)
    assert start.value == "2019-03-22" and "inferred" not in start.method and start.confidence < 0.7
    assert extract_dates(text.replace("vendredi", "lundi"))[0].value is None  # 22 March 2019 was no Monday


def test_a_first_of_the_month_written_1e_and_a_range_ending_on_the_1er_are_read():
    assert extract_dates("Le préfet a lancé le mercredi 1e octobre 2025 la journée du district.")[0].value == "2025-10-01"
    start, end = extract_dates("Le premier atelier s'est tenu à Dori du 30 mars-1er avril 2022.")
    assert (start.value, end.value) == ("2022-03-30", "2022-04-01")


def test_a_subtitle_naming_the_organiser_and_the_date_is_not_a_byline():
    lead = strip_lead("Atelier organisé par la DRS de Kara, le 12 mars 2024\n\nLes agents des districts ont validé "
                      "leur plan opérationnel et se sont engagés à transmettre leurs rapports à temps à la direction.")
    assert lead.publication is None and lead.removed == []


@pytest.mark.parametrize("text,event", [
    # the dateline's day: the dispatch reports the opening and names no other day
    ("Tillabéri, 12 mars 2019 (ANP) - Un atelier régional sur la surveillance des épidémies a ouvert ses travaux à la "
     "salle de conférence du gouvernorat, en présence des médecins chefs des districts de la région.", "2019-03-12"),
    # 'ce matin' in the dispatch is the dateline's day, under a byline and a date in a site's English order
    ("Renforcement des capacités : Tinza s'engage\n\nEcrit par DORI INFO\n\nmars 12, 2019\n\nTillabéri, 12 mars 2019 "
     "– Le ministère de la Santé, avec l'appui technique de l'OMS, a lancé ce matin un atelier de formation sur la "
     "surveillance des épidémies. Cette formation, qui s'étendra sur trois semaines, réunit soixante cadres.",
     "2019-03-12"),
    # a weekday named in the lead is read against the dateline: it says more than the dateline's day
    ("Tillabéri, 12 mars 2019 (ANP) - Un atelier régional sur la surveillance des épidémies s'est ouvert lundi à la "
     "salle de conférence du gouvernorat, en présence des médecins chefs des districts de la région.", "2019-03-11"),
    # a multi-day training reported once over, without its opening: the dateline is not its first day
    ("Tillabéri, 12 mars 2019 (ANP) - Les infirmiers des districts ont bénéficié de cinq jours de formation sur la "
     "surveillance des épidémies. La session s'est tenue au gouvernorat avec l'appui de l'OMS.", None),
    # an announcement: the dateline is the day it was written, not the meeting's
    ("Tillabéri, 12 mars 2019 (ANP) - Un atelier régional sur la surveillance des épidémies se tiendra à la salle de "
     "conférence du gouvernorat avec les médecins chefs des districts de la région.", None),
])
def test_the_datelines_day_dates_an_event_the_dispatch_reports_without_naming_its_day(text, event, vocab):
    assert _meta(text, vocab)["date"] == event


BLOG = ("Overblog\nSuivre ce blog\n\nSommaire\n\n• : dori-infos\n• Contact\n\nRecherche\n\nLiens\n\n"
        "14 mars 2024 4 14 /03 /mars /2024 07:12\n\nRéseau des journalistes de Dori\n\n"
        "Dori : le plan régional de nutrition en cours de validation\n\n")


def test_a_date_alone_under_the_headline_is_the_pages_not_the_events(vocab):
    text = ("Tinza : un nouveau centre de santé change le quotidien de Dori\n\n4 Mars 2024\nDori Info\nPar Awa Sanou\n\n"
            "Le maire de Dori a procédé, le samedi 2 mars 2024, à l'inauguration officielle du centre de santé intégré, "
            "une infrastructure moderne et entièrement équipée, réalisée par la commune avec l'appui des partenaires.")
    assert strip_lead(text).publication == "2024-03-04"
    assert _meta(text, vocab)["date"] == "2024-03-02"


def test_a_wires_dateline_with_its_credit_between_slashes_is_stripped():
    lead = strip_lead("DORI, Tinza, 13 avril 2024/Agence de presse du Sahel (APS)/ — La célébration de la journée "
                      "de la santé s'est tenue à Dori en présence des autorités régionales et des agents de santé.")
    assert lead.dateline == "2024-04-13" and lead.text.startswith("La célébration")


def test_a_dateline_under_a_blogs_furniture_dates_the_day_the_work_began(vocab):
    text = BLOG + ("Dori, 13 mars 2024 (RJD) – Des cadres de plusieurs directions procèdent depuis le lundi 11 mars, à "
                   "Dori, à la validation du plan régional de nutrition, en réponse à la malnutrition qui sévit dans "
                   "la région depuis 2019.\n\nLe document sera adopté le 20 mars prochain.")
    assert strip_lead(text).dateline == "2024-03-13"
    assert _meta(text, vocab)["date"] == "2024-03-11"  # not the blog's own date, a day after the dispatch


def test_a_place_and_date_alone_on_a_cover_page_are_the_meetings_not_a_dateline(vocab):
    text = BLOG + ("Session régionale sur la nutrition des enfants\n\nRapport de synthèse\n\nDori, Tinza, 5 mars "
                   "2024\n\nProjet de communiqué final\n\n1. Sur invitation de la Direction régionale de la santé, "
                   "s'est tenue à Dori la session régionale sur la nutrition des enfants.")
    lead = strip_lead(text)
    assert lead.dateline is None and "Dori, Tinza, 5 mars 2024" in lead.text


@pytest.mark.parametrize("text,publication,event", [
    # 'Publié le …' below a portal's menu, blank lines and furniture: still the date 'hier' is read against
    ("Accueil\n\nActualités\n\n\n\nSanté\n\n\n\nSociété\n\nPolitique\n\nSports\n\nCulture\n\nÉconomie\n\nVidéos\n\n"
     "Nos partenaires\n\nNewsletter\n\nContact\n\nAtelier de pilotage du projet de santé des nomades\n\n"
     "Publié le jeudi 4 mai 2017 | Le Républicain\n\nLes ONG partenaires ont organisé, hier à Agadez, l'atelier de "
     "pilotage du projet de santé des nomades, avec l'appui de l'Union européenne.", "2017-05-04", "2017-05-03"),
    # a posting time with colons is a publication stamp; the weekday is read against it
    ("La réforme des comités de gestion expliquée aux élus\n\n26-08-2017 à 17:08:31\n\nLe secrétaire général du "
     "ministère de la santé a expliqué vendredi, à la mairie de Savalou, aux élus locaux et aux agents de santé, les "
     "nouveaux textes régissant les comités de gestion.", "2017-08-26", "2017-08-25"),
    # a date alone above everything else is the page's: 'mercredi' is read against it
    ("14 septembre 2017\n\nBAMAKO, Mali (PANA) - Le ministre a présidé, mercredi à Ségou, les travaux des "
     "concertations régionales sur la sécurité alimentaire et la nutrition, rapporte jeudi l'agence de presse.",
     "2017-09-14", "2017-09-13"),
])
def test_publication_stamps_below_furniture_or_with_a_posting_time_date_the_relative_days(text, publication, event,
                                                                                          vocab):
    assert strip_lead(text).publication == publication
    assert _meta(text, vocab)["date"] == event


def test_a_programmes_day_headings_are_not_publication_lines_and_the_first_is_the_start(vocab):
    text = ("Société burkinabè de santé publique\nProgramme des journées scientifiques de Koudougou\n"
            "Lundi 6 mai 2019\n08h00-17h00\nInscriptions\nMardi 7 mai 2019\n09h00-10h00\nCérémonie d'ouverture\n"
            "10h00-12h00\nConférence inaugurale\nMercredi 8 mai 2019\n08h30-12h00\nCommunications orales")
    lead = strip_lead(text)
    assert lead.publication is None and "Lundi 6 mai 2019" in lead.text
    assert _meta(text, vocab)["date"] == "2019-05-06"


@pytest.mark.parametrize("text, event", [
    # the day the forum will end, in a dispatch of its opening: the dateline is its first day
    ("Dori, le 14 mai 2019 – Le secrétaire général du ministère de la Santé a présidé la cérémonie d'ouverture du "
     "forum régional sur la qualité des soins qui prendra fin ce vendredi 17 mai 2019, à Dori.", "2019-05-14"),
    # the last day, then how many days it lasted: the first day is counted back
    ("Les travaux de la réunion transfrontalière sur la surveillance ont pris fin ce jeudi 6 juin 2019, à Dori.\n"
     "Les échanges sur la riposte ont ponctué les trois jours de rencontre entre les équipes des districts.",
     "2019-06-04"),
    # a wire's day without its year is the dispatch's; the day the text names is the meeting's
    ("DORI, 15 MARS (ADI) – L'hôpital régional de Dori a tenu son conseil d'administration, le 14 mars dans la "
     "salle de réunion, pour adopter le budget de l'exercice 2019.", "2019-03-14"),
    # the meeting that opened this morning, not the one recalled 'juillet dernier'
    ("Après l'atelier tenu à Gorom du 10 au 12 juillet dernier, la ville de Dori abrite depuis ce matin du lundi 9 "
     "septembre 2019 les travaux de la revue régionale du plan de nutrition.", "2019-09-09"),
])
def test_the_last_day_a_wire_s_day_and_an_earlier_meeting_recalled_do_not_date_the_meeting(text, event, vocab):
    assert _meta(text, vocab)["date"] == event


def test_a_weekday_in_the_present_or_future_is_the_coming_one_and_a_repeated_dateline_is_not_the_event():
    # published on a Monday: 's'ouvre mardi' is the next day, not the Tuesday before
    start, _ = extract_dates("La réunion des ministres de la Santé de la région s'ouvre mardi à 9h à Dori, selon un "
                             "communiqué.", publication="2019-03-11")
    assert start.value == "2019-03-12"
    # a page that repeats its headline and dateline: the weekday of the text dates the meeting, not the dateline
    text = ("Dori : vers un réseau de la société civile pour la nutrition\nDORI, le 16 mars 2019 (ADI) — "
            "C'est le point débattu ce vendredi 15 mars entre les associations et les services de santé, afin de "
            "mettre en place un réseau pour la nutrition.")
    start, _ = extract_dates(text, publication="2019-03-16")
    assert start.value == "2019-03-15"


@pytest.mark.parametrize("text, event", [
    # a French site whose software dates its pages in English: the weekday and the day without a year are read
    # against that date
    ("Démarrage à Dori du congrès régional de pédiatrie\n\n9 March, 2019 - 17:20\n\nLes travaux du congrès régional de "
     "pédiatrie ont débuté vendredi à Dori, avec plus de quatre-vingt pédiatres venus de la région.", "2019-03-08"),
    ("Publié le 23 May 2019 - 17:53\n\nUne crise nutritionnelle frappe la région de Dori. A cet effet, un comité "
     "régional de partage s'est tenu ce mardi 21 mai à Dori. Selon une enquête menée entre novembre et décembre 2011, "
     "la région arrive en tête des taux de malnutrition.", "2019-05-21"),
    # a comma before the year of a range: the first day
    ("Rapport de mission : 25–29 mars, 2019\n\nÉvaluation externe conjointe des capacités du district de Dori.",
     "2019-03-25"),
])
def test_english_month_names_and_a_comma_before_the_year_still_date_the_meeting(text, event, vocab):
    assert _meta(text, vocab)["date"] == event


def test_a_weekday_the_text_names_says_more_than_this_morning_on_a_page_dated_the_next_day():
    start, _ = extract_dates("Le gouverneur de la région a présidé ce matin la réunion mensuelle des partenaires de la "
                             "santé à Dori. Les directeurs régionaux, les médecins chefs des districts, les "
                             "représentants des organisations non gouvernementales et des agences de coopération y "
                             "ont pris part pour faire le point des engagements du trimestre et des difficultés de "
                             "financement rencontrées dans les districts. La réunion de ce lundi qui a duré plus "
                             "d'une heure a permis de passer en revue les projets.", publication="2019-03-12")
    assert start.value == "2019-03-11"


@pytest.mark.parametrize("text, publication, dateline, event", [
    # a count after a comma is not the year
    ("L'atelier s'est tenu le 15 juin, 2000 enfants ont été vaccinés depuis à Dori.", "2021-06-20", None,
     "2021-06-15"),
    # the days of another event in the meeting's own sentence are not counted back from its day
    ("Le comité de pilotage s'est réuni le 12 juin 2023 à Dori pour préparer les cinq jours de campagne de "
     "vaccination prévus en juillet.", None, None, "2023-06-12"),
    # the day it opened, then 's'est achevé': the first day
    ("L'atelier ouvert le 10 mai 2021 s'est achevé avec l'adoption du plan. Il s'est tenu à Dori.", None,
     "2021-05-14", "2021-05-10"),
    # the historical present: the Tuesday before a Wednesday page
    ("La réunion qui se tient mardi et mercredi à Dori a été ouverte par le gouverneur.", "2021-06-23", None,
     "2021-06-22"),
    # English words of an abstract are no month
    ("Résumé. Summary: among children under 5 in Dori, 30 may die before the age of one. Étude menée en 2019.",
     None, None, None),
])
def test_counts_other_events_days_an_opening_day_the_historical_present_and_english_words_are_read_right(
        text, publication, dateline, event):
    assert extract_dates(text, publication, dateline)[0].value == event


def test_a_sites_section_as_a_list_item_is_furniture_but_the_reports_own_list_items_are_kept():
    lead = strip_lead("Atelier de Kpalimé\n\n- Actualités\n- Partager les leçons apprises\n- Santé\n\n"
                      "La Direction régionale de la santé a organisé un atelier.")
    assert lead.removed == ["- Actualités", "- Santé"]
    assert "- Partager les leçons apprises" in lead.text


def test_a_learning_curve_fits_on_nested_shares_of_the_other_parts_and_never_on_the_part_held_out():
    parts = list("ABCDEFGH")
    for held_out in parts:
        shares = [realtext.some_parts(parts, held_out, s) for s in realtext.CURVE]
        assert all(held_out not in chosen for chosen in shares)
        assert all(small <= large for small, large in zip(shares, shares[1:]))  # a larger share holds a smaller one's
        assert [len(chosen) for chosen in shares] == [2, 4, 5, 7] and shares[-1] == set(parts) - {held_out}
        assert realtext.some_parts(list(reversed(parts)), held_out, 0.5) == shares[1]  # the same parts every run
    assert len(realtext.some_parts(["A", "B"], "A", 0.25)) == 1  # never fit on nothing
