"""Answering in Welsh or Urdu: the resident chooses a language (the links at the top, or a link
ending ?lang=cy), every page is in it with <html lang dir> to match, answers pool with those given
in English, and officers see how many answered in each language, in the results and the export."""

from __future__ import annotations

import csv
import io
import re
import string

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from bot.cli.main import main
from engagement.errors import ImportProblem
from engagement.surveys.definition import parse_definition, read_definition
from engagement.surveys.languages import OFFERED
from engagement.surveys.standard_wording import standard_wording
from engagement.surveys.store import find_survey
from engagement.surveys.summary import summarise_survey
from storage import session_scope
from storage.db import engine_for
from storage.survey_models import SurveyResponse
from surveys.residents.chrome_words import EN
from surveys.residents.language import WORDS
from tests.engagement.survey_factories import EXAMPLE, create_response
from tests.officer_fixtures import sign_in
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import (
    SLUG,
    START,
    Visitor,
    errors_on,
    open_example_survey,
)

WELSH_TITLE = "Ein blaenoriaethau drafft ar gyfer dinas decach"
URDU_TITLE = "ایک زیادہ منصفانہ شہر کے لیے ہماری مجوزہ ترجیحات"


def html_attributes(response) -> dict:
    return parse(response).select_one("html").attrs


def stored_languages(app) -> list[str | None]:
    with session_scope(engine_for(app.config["DATABASE_URL"])) as session:
        return list(session.scalars(select(SurveyResponse.language).order_by(SurveyResponse.id)))


# --- the resident's pages -----------------------------------------------------------------------


def test_a_link_ending_lang_cy_shows_the_start_page_in_welsh(visitor):
    response = visitor.client.get(f"{START}?lang=cy")
    page = parse(response)

    assert html_attributes(response)["lang"] == "cy"
    assert html_attributes(response)["dir"] == "ltr"
    assert text(page.select_one("h1")) == WELSH_TITLE
    assert "Caiff sylwadau eu cadw am flwyddyn" in text(page.select_one("#privacy-notice"))
    assert text(page.select_one("a.govuk-button--start")) == "Dechrau nawr"
    assert text(page.select_one(".govuk-skip-link")) == "Neidio i'r prif gynnwys"
    assert text(page.select_one("#closing-date")).startswith("Mae'r arolwg yn cau ar ")
    assert "Preifatrwydd" in text(page.select_one("#footer-links"))


def test_the_language_links_offer_each_language_by_its_own_name(visitor):
    page = parse(visitor.client.get(f"{START}?lang=cy"))
    switcher = page.select_one("nav#language-switcher")

    assert text(switcher) == "English | Cymraeg | اردو"
    assert text(switcher.select_one("[aria-current=true]")) == "Cymraeg"
    links = {a["lang"]: a["href"] for a in switcher.select("a")}
    assert links == {"en": f"{START}?lang=en", "ur": f"{START}?lang=ur"}
    assert switcher["aria-label"] == "Dewis iaith"


def test_urdu_pages_are_right_to_left(visitor):
    response = visitor.client.get(f"{START}?lang=ur")
    page = parse(response)

    assert html_attributes(response)["lang"] == "ur"
    assert html_attributes(response)["dir"] == "rtl"
    assert text(page.select_one("h1")) == URDU_TITLE
    assert text(page.select_one("a.govuk-button--start")) == "ابھی شروع کریں"


def test_the_choice_lasts_through_the_questions_and_their_errors(visitor):
    visitor.client.get(f"{START}?lang=cy")
    question_page = visitor.client.get(f"{START}/1")
    page = parse(question_page)

    assert html_attributes(question_page)["lang"] == "cy"
    legends = [text(legend) for legend in page.select("legend")]
    assert legends[0].startswith("Blaenoriaeth 1: helpu pobl i gadw mwy o'u harian")
    labels = [text(label) for label in page.select("#priority_1 ~ label, label[for^=priority_1]")]
    assert "Cytuno'n gryf" in labels and "Ddim yn gwybod" in labels

    response = visitor.answer(1, {})
    assert errors_on(response) == [
        "Dewiswch i ba raddau rydych chi'n cytuno â blaenoriaeth 1",
        "Dewiswch i ba raddau rydych chi'n cytuno â blaenoriaeth 2",
        "Dewiswch i ba raddau rydych chi'n cytuno â blaenoriaeth 3",
    ]


def test_optional_questions_and_equality_hints_are_marked_in_the_language(visitor):
    visitor.client.get(f"{START}?lang=ur")
    for number in (1, 2):
        assert visitor.answer(number).status_code == 302
    page = parse(visitor.client.get(f"{START}/3"))

    label = text(page.select_one("label[for=comments]"))
    assert label == "کیا آپ ان ترجیحات کے بارے میں ہمیں کچھ اور بتانا چاہتے ہیں؟ (اختیاری)"


def test_check_your_answers_and_the_receipt_are_in_welsh(visitor):
    visitor.client.get(f"{START}?lang=cy")
    visitor.answer_all()
    page = parse(visitor.check_answers_page())

    assert text(page.select_one("h1")) == "Gwiriwch eich atebion cyn eu hanfon"
    assert [text(h) for h in page.select("h2.govuk-heading-m")][:2] == [
        "Ein blaenoriaethau drafft",
        "Beth sydd bwysicaf i chi",
    ]
    answers = [text(dd) for dd in page.select(".govuk-summary-list__value")]
    assert answers[:3] == ["Cytuno", "Cytuno'n gryf", "Anghytuno"]
    assert text(page.select_one("form button")) == "Anfon atebion"

    sent = visitor.send()
    done = parse(visitor.client.get(sent.location))
    assert text(done.select_one(".govuk-panel__title")) == "Mae eich atebion wedi cael eu hanfon"


def test_answers_given_in_welsh_pool_with_english_ones(survey_app, visitor):
    Visitor(survey_app.test_client()).complete()  # in English
    visitor.client.get(f"{START}?lang=cy")
    visitor.complete()

    assert stored_languages(survey_app) == ["en", "cy"]
    with session_scope(engine_for(survey_app.config["DATABASE_URL"])) as session:
        summary = summarise_survey(session, SLUG)
    by_key = {q.key: q for q in summary.questions}
    # Both said "agree" to priority 1 (ANSWERS), one in each language: one answer, counted twice.
    assert by_key["priority_1"].counts["agree"] == 2
    assert by_key["priority_1"].labels["agree"] == "Agree"
    assert summary.by_language == {"cy": 1, "en": 1}


def test_a_language_the_survey_does_not_offer_shows_english(visitor):
    response = visitor.client.get(f"{START}?lang=pl")

    assert html_attributes(response)["lang"] == "en"
    assert text(parse(response).select_one("h1")) == "Our draft priorities for a fairer city"


def test_a_survey_in_english_only_has_no_language_links(app_factory, sample_url, tmp_path):
    english_only = tmp_path / "english.yml"
    english_only.write_text(EXAMPLE.read_text().split("\ntranslations:")[0])
    with session_scope(engine_for(sample_url)) as session:
        from engagement.surveys.store import load_survey

        load_survey(session, english_only)
    open_example_survey(sample_url)  # reloads the example; replace it with the English one
    with session_scope(engine_for(sample_url)) as session:
        from engagement.surveys.store import load_survey

        load_survey(session, english_only)
    client = app_factory(sample_url).test_client()
    response = client.get(f"{START}?lang=cy")

    assert html_attributes(response)["lang"] == "en"
    assert parse(response).select_one("#language-switcher") is None


# --- officers: results and export --------------------------------------------------------------


@pytest.fixture
def officer_client(app_factory, sample_url):
    """Officers signed in, with 12 responses in English, 11 in Welsh and 3 in Urdu."""
    open_example_survey(sample_url)
    with session_scope(engine_for(sample_url)) as session:
        survey, definition = find_survey(session, SLUG)
        for code, count in (("en", 12), ("cy", 11), ("ur", 3)):
            for _ in range(count):
                create_response(session, survey=survey, definition=definition.in_language(code))
    client = app_factory(sample_url).test_client()
    sign_in(client)
    return client


def test_results_show_responses_by_language(officer_client):
    page = parse(officer_client.get(f"/officers/surveys/{SLUG}"))
    rows = {
        text(r.select_one("th")): [text(td) for td in r.select("td")]
        for r in page.select("table#languages tbody tr")
    }

    assert text(page.select_one("#languages-caption")) == "Responses by language"
    assert rows == {
        "English": ["12", "46%"],
        "Welsh (Cymraeg)": ["11", "42%"],
        "Urdu (اردو)": ["3", "12%"],
    }


def test_the_public_results_withhold_a_language_answered_by_fewer_than_10(officer_client):
    page = parse(officer_client.get(f"/s/{SLUG}/results"))
    rows = {
        text(r.select_one("th")): [text(td) for td in r.select("td")]
        for r in page.select("table#languages tbody tr")
    }

    assert rows["Urdu (اردو)"][0].startswith("[c]")
    # Two counts withheld, so the total cannot give the Urdu count back.
    assert sum(cells[0].startswith("[c]") for cells in rows.values()) >= 2


def test_the_export_says_the_language_of_each_response(officer_client):
    response = officer_client.get(f"/officers/surveys/{SLUG}/export.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))

    assert [row["language"] for row in rows] == ["en"] * 12 + ["cy"] * 11 + ["ur"] * 3
    # Answers are exported by their English label whatever the language they were given in.
    assert {row["priority_1"] for row in rows} == {"Agree"}


# --- loading a survey ---------------------------------------------------------------------------


def without(yaml_text: str, line: str) -> str:
    assert yaml_text.count(line) == 1, line
    return yaml_text.replace(line, "")


def test_loading_a_survey_with_a_question_missing_its_welsh_prompt_fails_naming_it(
    tmp_path, db_url, monkeypatch
):
    broken = tmp_path / "survey.yml"
    broken.write_text(
        without(
            EXAMPLE.read_text(),
            '        prompt: "Blaenoriaeth 2: mwy o swyddi a hyfforddiant lleol, gan ddechrau '
            "gyda'r cymdogaethau lle mae'n anoddaf dod o hyd i waith.\"\n",
        )
    )
    monkeypatch.setenv("DATABASE_URL", db_url)

    result = CliRunner().invoke(main, ["survey", "load", str(broken)])

    assert result.exit_code != 0
    assert "the Welsh (cy) prompt of question 'priority_2' is missing" in result.output
    assert re.search(r"survey\.yml, line \d+, field 'prompt'", result.output)


def test_every_option_of_a_choice_question_needs_a_translated_label(tmp_path):
    broken = tmp_path / "survey.yml"
    broken.write_text(without(EXAMPLE.read_text(), "          transport: ٹرانسپورٹ\n"))

    with pytest.raises(ImportProblem, match=r"Urdu \(ur\) label of option 'transport'.*top_issues"):
        read_definition(broken)


def test_a_language_without_the_services_own_words_cannot_be_offered():
    data = {
        "slug": "polish",
        "title": "Plans",
        "pages": [{"title": "Plans", "questions": [{"kind": "age_band"}]}],
        "translations": {"pl": {"title": "Plany", "pages": ["Plany"]}},
    }
    with pytest.raises(ImportProblem, match=r"Polish \(pl\).*not yet translated"):
        parse_definition(data)


def test_standard_questions_need_no_translation_but_changed_ones_do():
    data = {
        "slug": "ages",
        "title": "Ages",
        "pages": [{"title": "Ages", "questions": [{"kind": "age_band"}, {"kind": "sex"}]}],
        "translations": {"cy": {"title": "Oedrannau", "pages": ["Oedrannau"]}},
    }
    welsh = parse_definition(data).in_language("cy")
    assert welsh.questions_by_key["age_band"].prompt == "Beth yw eich oedran?"
    assert welsh.questions_by_key["sex"].options[0].label == "Benyw"

    data["pages"][0]["questions"][0]["prompt"] = "How old are you?"
    with pytest.raises(ImportProblem, match=r"Welsh \(cy\) prompt of question 'age_band'"):
        parse_definition(data)


def test_the_example_survey_keeps_its_translations_when_stored(db_url):
    with session_scope(engine_for(db_url)) as session:
        from engagement.surveys.store import load_survey

        load_survey(session, EXAMPLE)
        _survey, definition = find_survey(session, SLUG)

    assert definition.languages == ("en", "cy", "ur")
    urdu = definition.in_language("ur")
    assert urdu.title == URDU_TITLE and urdu.language == "ur"
    # Option values, which are what is stored, are the same in every language.
    assert [o.value for o in urdu.questions_by_key["top_issues"].options] == [
        o.value for o in definition.questions_by_key["top_issues"].options
    ]


# --- the service's own words --------------------------------------------------------------------


def _placeholders(words: str) -> tuple[set[str], int]:
    names = {name for _, name, _, _ in string.Formatter().parse(words) if name}
    return names, words.count("[")


@pytest.mark.parametrize("code", OFFERED)
def test_every_offered_language_has_all_the_services_words(code):
    words = WORDS[code]

    assert set(words) == set(EN)
    for key, english in EN.items():
        assert words[key].strip(), key
        assert _placeholders(words[key]) == _placeholders(english), key


@pytest.mark.parametrize("code", [c for c in OFFERED if c != "en"])
def test_every_standard_question_has_its_words_in_every_offered_language(code):
    from engagement.surveys.options import EQUALITY, LIKERT, RESPONDENT_TYPES

    options = {
        "likert": LIKERT,
        "respondent_type": RESPONDENT_TYPES,
        **{kind: pairs for kind, (_prompt, pairs) in EQUALITY.items()},
    }
    for kind, pairs in options.items():
        wording = standard_wording(kind, code)
        assert set(wording["options"]) == {value for value, _label in pairs}, kind
        if kind != "likert":
            assert wording["prompt"] and wording["short"], kind
    assert standard_wording("neighbourhood", code)["prompt"]


# --- the survey builder ---------------------------------------------------------------------------


def test_the_builder_refuses_a_question_with_no_welsh_or_urdu_wording():
    from engagement.surveys import builder

    stored = read_definition(EXAMPLE).to_json()
    question = {"key": "buses", "kind": "text", "prompt": "What about the buses?"}

    with pytest.raises(builder.BuilderProblem) as refused:
        builder.add_question(stored, 1, question)

    assert "Welsh (cy) prompt of question 'buses' is missing" in refused.value.message
    assert "fairer survey load" in refused.value.message


def test_the_builder_keeps_translations_in_step_when_pages_move_and_questions_go():
    from engagement.surveys import builder

    stored = read_definition(EXAMPLE).to_json()
    moved = builder.move_page(stored, 1, +1)
    assert [p.title for p in moved.in_language("cy").pages][:2] == [
        "Beth sydd bwysicaf i chi",
        "Ein blaenoriaethau drafft",
    ]
    fewer = builder.delete_question(stored, "comments")
    assert "comments" not in fewer.translations["ur"]["questions"]
    assert fewer.in_language("ur").title == URDU_TITLE


def test_the_builder_shows_which_languages_a_survey_is_in(officer_client):
    page = parse(officer_client.get(f"/officers/surveys/{SLUG}/edit"))
    rows = {
        text(row.select_one("dt")): text(row.select_one("dd"))
        for row in page.select("#survey-details .govuk-summary-list__row")
    }

    assert rows["Languages"] == "English, Welsh, Urdu"


def test_the_question_fields_words_are_all_in_the_catalogue():
    # survey_fields.FIELD_WORDS is what the question fields show; each needs its Welsh and Urdu.
    from surveys.residents.survey_fields import FIELD_WORDS

    assert [key for key in FIELD_WORDS if key not in EN] == []
