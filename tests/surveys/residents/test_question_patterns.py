"""The GOV.UK question-page patterns on a survey's pages: every error names its question,
optional questions say "(optional)", the equality questions sit on a page of their own that can
be skipped and says why it asks, and the footer links to privacy, accessibility and cookies
pages (with the data licences only where the data is)."""

from __future__ import annotations

import dataclasses

from engagement.surveys.definition import parse_definition
from engagement.surveys.store import find_survey, save_definition
from storage import session_scope
from storage.db import engine_for
from surveys.residents.question_wording import named_error
from tests.surveys.pages import parse, text
from tests.surveys.residents.test_survey_pages import stored
from tests.surveys.survey_helpers import ANSWERS, SLUG, START, errors_on, inline_errors

# The example survey's fifth page (examples/surveys/draft-priorities.yml).
EQUALITY_PAGE = f"{START}/5"
EQUALITY_KEYS = ("age_band", "sex", "disability", "ethnicity")
# Optional in examples/surveys/draft-priorities.yml: the two marked `required: false`, and the
# neighbourhood and equality questions, which the definition rules make optional by default.
OPTIONAL = {"why_not_before", "comments", "neighbourhood", *EQUALITY_KEYS}
REQUIRED = {"priority_1", "priority_2", "priority_3", "top_issues", "heard_before"}
REQUIRED |= {"respondent_type"}
LICENCE_WORDS = ("Open Government Licence", "Open Parliament Licence", "Indices of Deprivation")


def change_definition(app, **changes) -> None:
    """Save the example survey with some of its definition's fields changed."""
    with session_scope(engine_for(app.config["DATABASE_URL"])) as session:
        _survey, definition = find_survey(session, SLUG)
        save_definition(session, dataclasses.replace(definition, **changes))


# Each error names its question, the same words in the summary and beside the field.


def test_three_agreement_questions_left_empty_each_get_their_own_error(visitor):
    response = visitor.answer(1, {"priority_2": "agree"})

    expected = [
        "Select how much you agree with priority 1",
        "Select how much you agree with priority 3",
    ]
    assert errors_on(response) == expected
    assert inline_errors(response) == expected


def test_a_ranking_and_a_comment_name_their_questions(visitor):
    visitor.answer(1)
    four = ["housing", "transport", "cost_of_living", "jobs_and_skills"]
    ranked = visitor.answer(2, {"top_issues": four, "heard_before": "no"})
    visitor.answer(2, {**ANSWERS[2], "heard_before": "no"})
    too_long = visitor.answer(3, {"comments": "x" * 2001})
    empty_ranking = visitor.answer(2, {"heard_before": ""})

    assert errors_on(ranked) == ["Choose no more than 3 for what would matter most"]
    assert inline_errors(ranked) == errors_on(ranked)
    assert errors_on(too_long) == ["Your comments must be 2,000 characters or fewer"]
    assert inline_errors(too_long) == errors_on(too_long)
    assert errors_on(empty_ranking) == [
        "Choose your top 3 for what would matter most",
        "Select whether you have taken part before",
    ]


def test_a_question_with_neither_a_short_name_nor_a_lead_in_is_quoted():
    definition = parse_definition(
        {
            "slug": "long-prompts",
            "title": "Long prompts",
            "pages": [
                {
                    "title": "Views",
                    "questions": [
                        {
                            "key": "parks",
                            "kind": "likert",
                            "prompt": "The council should spend more on the parks in every "
                            "neighbourhood, starting with the smallest",
                        },
                        {
                            "key": "visits",
                            "kind": "single",
                            "prompt": "How often did you visit a park or play area in the "
                            "last twelve months?",
                            "options": ["Often", "Sometimes", "Never"],
                        },
                    ],
                }
            ],
        }
    )
    parks, visits = definition.questions

    assert (
        named_error(parks, "Select how much you agree")
        == "Select how much you agree with ‘The council should spend more on the…’"
    )
    assert (
        named_error(visits, "Select an answer")
        == "Select an answer to ‘How often did you visit a park or play…’"
    )


# "(optional)" on exactly the questions that need no answer.


def _label_of(page, key: str) -> str | None:
    field = page.select_one(f"[name={key}], #{key}-1")
    if field is None:
        return None
    if field.name in ("textarea", "select"):
        return text(page.select_one(f"label[for={key}]"))
    return text(field.find_parent("fieldset").select_one("legend"))


def test_optional_questions_and_only_they_say_optional(visitor):
    labels = {}
    visitor.answer(1)
    visitor.answer(2, {**ANSWERS[2], "heard_before": "no"})  # so what made it hard is asked
    visitor.answer(3)
    visitor.answer(4)
    for number in range(1, 6):
        page = parse(visitor.client.get(f"{START}/{number}"))
        for key in OPTIONAL | REQUIRED:
            label = _label_of(page, key)
            if label is not None:
                labels[key] = label

    assert set(labels) == OPTIONAL | REQUIRED
    assert {k for k, label in labels.items() if label.endswith("(optional)")} == OPTIONAL
    assert all(label.count("(optional)") <= 1 for label in labels.values())
    assert labels["comments"] == (
        "Is there anything else you want to tell us about these priorities? (optional)"
    )


# The equality questions: a page of their own, skippable, saying why they are asked.


def test_the_equality_questions_are_on_their_own_page_saying_why_we_ask(visitor):
    visitor.answer_all()

    response = visitor.client.get(EQUALITY_PAGE)
    page = parse(response)

    assert response.status_code == 200
    assert text(page.select_one("h1")) == "Equality questions"
    asked = {i["name"] for i in page.select("form input[type=radio]")}
    assert asked == set(EQUALITY_KEYS)
    why = page.select_one("details#why-we-ask")
    assert text(why.select_one("summary")) == "Why we ask these questions"
    assert "Equality Act 2010" in text(why)
    assert "never shown in a way that could identify you" in text(why)
    hints = {key: text(page.select_one(f"#{key}-hint")) for key in EQUALITY_KEYS}
    assert all(hint.startswith("We ask this to check") for hint in hints.values()), hints
    assert page.select_one("button[name=skip]") is not None
    assert text(page.select_one("button[name=skip]")) == "Skip these questions"
    assert not parse(visitor.client.get(f"{START}/4")).select("button[name=skip]")


def test_the_equality_page_can_be_skipped_forgetting_any_answers_given(visitor, survey_app):
    visitor.answer_all()
    visitor.answer(5, {"age_band": "25_34", "sex": "female"})

    skipped = visitor.post(EQUALITY_PAGE, {"skip": "yes", "age_band": "35_44"})
    check = parse(visitor.check_answers_page())
    rows = {
        text(r.select_one("dt")): text(r.select_one("dd"))
        for r in check.select(".govuk-summary-list__row")
    }
    visitor.send()

    assert skipped.status_code == 302 and skipped.location == f"{START}/check-answers"
    assert rows["What is your age?"] == "Not answered"
    assert rows["What is your sex?"] == "Not answered"
    [(_response, answers)] = stored(survey_app)
    assert not set(answers) & set(EQUALITY_KEYS)


def test_the_equality_page_can_be_answered(visitor, survey_app):
    visitor.answer_all()

    answered = visitor.answer(
        5, {"age_band": "65_74", "sex": "prefer_not_to_say", "disability": "yes"}
    )
    visitor.send()

    assert answered.status_code == 302 and answered.location == f"{START}/check-answers"
    [(_response, answers)] = stored(survey_app)
    assert answers["age_band"] == ["65_74"]
    assert answers["sex"] == ["prefer_not_to_say"]
    assert answers["disability"] == ["yes"]
    assert "ethnicity" not in answers


def test_the_page_after_about_you_is_the_equality_page(visitor):
    for number in range(1, 4):
        visitor.answer(number)

    response = visitor.answer(4)

    assert response.location == EQUALITY_PAGE


def test_a_survey_can_say_in_its_own_words_why_it_asks(visitor, survey_app):
    change_definition(
        survey_app,
        equality_notice="We check our consultations reach every community in Sampleton.",
    )
    visitor.answer_all()

    why = parse(visitor.client.get(EQUALITY_PAGE)).select_one("details#why-we-ask")

    assert "reach every community in Sampleton" in text(why)
    assert "Equality Act" not in text(why)


def test_a_required_equality_question_cannot_be_skipped(visitor, survey_app):
    with session_scope(engine_for(survey_app.config["DATABASE_URL"])) as session:
        _survey, definition = find_survey(session, SLUG)
        pages = list(definition.pages)
        pages[-1] = dataclasses.replace(
            pages[-1],
            questions=tuple(
                dataclasses.replace(q, required=q.key == "age_band") for q in pages[-1].questions
            ),
        )
        save_definition(session, dataclasses.replace(definition, pages=tuple(pages)))
    visitor.answer_all()

    page = parse(visitor.client.get(EQUALITY_PAGE))
    refused = visitor.post(EQUALITY_PAGE, {"skip": "yes"})

    assert page.select_one("button[name=skip]") is None
    assert errors_on(refused) == ["Select your age"]


# The footer: privacy, accessibility and cookies; data licences only where the data is.


def _footer_links(response) -> dict[str, str]:
    footer = parse(response).select_one("footer")
    return {text(a): a["href"] for a in footer.select("#footer-links a")}


def test_the_footer_links_to_privacy_accessibility_and_cookies_pages_that_exist(visitor):
    on_survey = _footer_links(visitor.client.get(f"{START}/1"))
    elsewhere = _footer_links(visitor.client.get("/areas"))

    assert on_survey == {
        "Privacy": f"{START}/privacy",
        "Accessibility statement": "/accessibility",
        "Cookies": "/cookies",
    }
    assert elsewhere["Privacy"] == "/privacy"
    headings = {}
    for href in {*on_survey.values(), *elsewhere.values()}:
        response = visitor.client.get(href)
        assert response.status_code == 200, href
        headings[href] = text(parse(response).select_one("h1"))
    assert headings == {
        f"{START}/privacy": "Privacy notice",
        "/privacy": "Privacy notice",
        "/accessibility": "Accessibility statement",
        "/cookies": "Cookies",
    }


def test_the_surveys_privacy_notice_is_its_own(visitor, survey_app, monkeypatch):
    monkeypatch.setattr("surveys.residents.survey_flow.CACHE_SECONDS", 0.0)  # see the change
    page = parse(visitor.client.get(f"{START}/privacy"))

    assert text(page.select_one(".govuk-caption-l")) == "Our draft priorities for a fairer city"
    # The example survey's privacy_notice and retention_days (365).
    assert "Comments are kept for one year" in text(page.select_one("#privacy-notice"))
    assert "deleted 365 days after you send it" in text(page.select_one("#retention"))
    assert page.select_one("#council-privacy") is None
    start = parse(visitor.client.get(START))
    assert start.select_one(f"main a[href='{START}/privacy']") is not None

    change_definition(survey_app, privacy_url="https://www.sampleton.gov.uk/privacy")
    page = parse(visitor.client.get(f"{START}/privacy"))

    assert page.select_one("#council-privacy")["href"] == "https://www.sampleton.gov.uk/privacy"


def test_a_privacy_url_that_is_not_https_is_refused():
    import pytest

    from engagement.errors import ImportProblem

    data = {
        "slug": "x-survey",
        "title": "X",
        "privacy_url": "javascript:alert(1)",
        "pages": [{"title": "P", "questions": [{"kind": "sex"}]}],
    }

    with pytest.raises(ImportProblem, match="privacy_url"):
        parse_definition(data)


def test_no_data_licences_on_the_survey_pages_but_on_area_pages(visitor):
    visitor.answer_all()
    pages = [START, *(f"{START}/{n}" for n in range(1, 6)), f"{START}/check-answers"]
    pages += [f"{START}/privacy", f"{START}/erase", "/privacy", "/accessibility", "/cookies", "/"]
    footers = {path: text(parse(visitor.client.get(path)).select_one("footer")) for path in pages}
    visitor.send()
    footers[f"{START}/done"] = text(parse(visitor.client.get(f"{START}/done")).select_one("footer"))

    for path, footer in footers.items():
        assert not any(words in footer for words in LICENCE_WORDS), path
    area = text(parse(visitor.client.get("/areas/E02900001")).select_one("footer"))
    assert all(words in area for words in LICENCE_WORDS)


# Cookies: the page lists what the app really sets.


def test_the_only_cookie_set_while_answering_is_the_session_cookie(visitor):
    set_cookies = []
    for path in ("/", START, f"{START}/1", "/areas", "/cookies"):
        set_cookies += visitor.client.get(path).headers.getlist("Set-Cookie")
    for number in sorted(ANSWERS):
        set_cookies += visitor.answer(number).headers.getlist("Set-Cookie")
    sent = visitor.send()
    set_cookies += sent.headers.getlist("Set-Cookie")

    names = {header.split("=", 1)[0] for header in set_cookies}
    assert names == {"session"}
    flags = [h.lower() for h in set_cookies]
    assert all("httponly" in h and "samesite=lax" in h for h in flags)
    # A resident's cookie lasts until the browser closes: no Expires or Max-Age.
    assert not any("expires=" in h or "max-age=" in h for h in flags)

    page = parse(visitor.client.get("/cookies"))
    rows = [[text(cell) for cell in row.select("th, td")] for row in page.select("#cookies tr")]
    assert rows[0] == ["Name", "Purpose", "Expires"]
    assert [row[0] for row in rows[1:]] == ["session"]
    assert "Keeps your answers while you go through a survey" in rows[1][1]
    # Officers' sign-in lasts 8 hours (engagement/officers/sign_in.py, SESSION_LIFETIME).
    assert rows[1][2] == "When you close your browser (council staff: 8 hours after signing in)"
