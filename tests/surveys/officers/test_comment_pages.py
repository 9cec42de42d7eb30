"""Officers read and code comments: corrections kept beside the automatic coding, redaction,
quotes chosen for publication, filters and pages; hostile text is always escaped."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engagement.comments.officer_coding import suggest_redaction
from engagement.surveys.export import responses_table
from engagement.surveys.invites import published_quotes
from engagement.surveys.summary import summarise_survey
from storage import session_scope
from storage.db import engine_for
from storage.survey_models import CommentCoding, SurveyAnswer
from tests.engagement.survey_factories import create_example_survey, create_response
from tests.officer_fixtures import OFFICER_USER_ID, sign_in
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import HEATHFIELD, SLUG, Visitor

COMMENTS = f"/officers/surveys/{SLUG}/comments"
HOSTILE = (
    "<script>alert('x')</script> Damp flats, ring me on 07700 900123 or jo@example.com, NR3 1AB"
)


@pytest.fixture
def stored(sample_url):
    """The example survey with three comments; returns {comment text: answer id}."""
    with session_scope(engine_for(sample_url)) as session:
        survey, definition = create_example_survey(session)
        for comment, area in [
            (HOSTILE, HEATHFIELD),
            ("The buses are great, thank you", None),
            ("Nothing to add", HEATHFIELD),
        ]:
            create_response(
                session, survey=survey, definition=definition, comments=comment, neighbourhood=area
            )
        return dict(
            session.execute(
                select(SurveyAnswer.value, SurveyAnswer.id).where(
                    SurveyAnswer.question_key == "comments"
                )
            ).all()
        )


@pytest.fixture
def officer(slack_app, stored):
    client = slack_app.test_client()
    sign_in(client)
    return Visitor(client, start=COMMENTS, form_page=f"/{stored[HOSTILE]}")


def coding(app, answer_id: int) -> CommentCoding:
    with session_scope(engine_for(app.config["DATABASE_URL"])) as session:
        row = session.get(CommentCoding, answer_id)
        session.expunge(row)
        return row


def test_the_first_pass_masks_e_mail_addresses_phone_numbers_and_postcodes():
    assert suggest_redaction(
        "Mail jo.b+x@example.co.uk or ring 07700 900123, +44 (0)1603 212345, "
        "01603-212-345. I'm at NR3 1AB (nr31ab). Bus 25 at 9.30, 2019 to 2023."
    ) == (
        "Mail [removed] or ring [removed], [removed], [removed]. I'm at [removed] ([removed]). "
        "Bus 25 at 9.30, 2019 to 2023."
    )


def test_officers_read_comments_with_their_automatic_coding(officer, stored):
    page = parse(officer.client.get(COMMENTS))

    assert text(page.select_one("h1")) == "Comments"
    assert text(page.select_one("#comment-count")) == "3 comments"
    first = page.select_one(f"#comment-{stored[HOSTILE]}")
    assert "Housing" in text(first.select_one(".fairer-comment__themes"))
    assert text(first.select_one("blockquote")) == HOSTILE
    assert "Heathfield" in text(first)


def test_hostile_text_is_escaped_on_every_page(officer, stored):
    for path in (COMMENTS, f"{COMMENTS}/{stored[HOSTILE]}"):
        html = officer.client.get(path).get_data(as_text=True)
        assert "<script>alert" not in html
        assert "&lt;script&gt;" in html


def test_filters_by_tone_theme_and_neighbourhood(officer, stored):
    positive = parse(officer.client.get(COMMENTS, query_string={"sentiment": "positive"}))
    housing = parse(officer.client.get(COMMENTS, query_string={"theme": "Housing"}))
    heathfield = parse(officer.client.get(COMMENTS, query_string={"area": HEATHFIELD}))

    assert [text(q) for q in positive.select("#comments blockquote")] == [
        "The buses are great, thank you"
    ]
    assert [text(q) for q in housing.select("#comments blockquote")] == [HOSTILE]
    assert text(heathfield.select_one("#comment-count")) == "2 comments"
    assert heathfield.select_one("#area option[selected]")["value"] == HEATHFIELD


def test_the_coding_form_offers_a_redacted_first_pass_and_shows_the_automatic_coding(
    officer, stored
):
    page = parse(officer.client.get(f"{COMMENTS}/{stored[HOSTILE]}"))

    redacted = page.select_one("textarea#redacted_text").get_text()
    assert (
        "07700" not in redacted and "jo@example.com" not in redacted and "NR3 1AB" not in redacted
    )
    assert redacted.count("[removed]") == 3
    assert "Housing" in text(page.select_one("#automatic"))
    assert page.select_one("input[name=sentiment][value='']").has_attr("checked")


def test_the_coding_form_gives_the_rule_labellers_follow_for_themes(officer, stored):
    # Officers' corrections should follow the same rule as the labels the coder is measured on
    # (docs/comment-themes.md), or their corrections and the measured figures mean different things.
    page = parse(officer.client.get(f"{COMMENTS}/{stored[HOSTILE]}"))
    rule = page.select_one("details.govuk-details")
    assert text(rule.select_one("summary")) == "How to choose themes"
    assert "“my son” is not Children and young people" in text(rule)
    assert text(page.select_one("#themes-hint")) == (
        "Select every theme the comment says something about, or none."
    )


def test_a_correction_is_kept_beside_the_automatic_coding_and_used_by_the_summary(
    officer, stored, slack_app
):
    answer_id = stored["The buses are great, thank you"]
    before = coding(slack_app, answer_id)

    response = officer.post(
        f"{COMMENTS}/{answer_id}",
        {"sentiment": "negative", "themes": ["Housing", "Food"], "redacted_text": ""},
        follow_redirects=True,
    )

    assert text(parse(response).select_one("#saved")).endswith("Comment saved")
    after = coding(slack_app, answer_id)
    assert (after.sentiment, after.themes) == (before.sentiment, before.themes)
    assert after.sentiment_override == "negative" and after.themes_override == ["Housing", "Food"]
    assert after.coded_by == OFFICER_USER_ID and after.coded_at is not None
    assert after.publish_quote is False
    with session_scope(engine_for(slack_app.config["DATABASE_URL"])) as session:
        summary = summarise_survey(session, SLUG)
        exported = responses_table(session, SLUG)
    assert dict(summary.comments.themes)["Food"] == 1
    assert summary.comments.positive_pct == 0
    row = exported[exported["comments"] == "The buses are great, thank you"].iloc[0]
    assert (row["comments_sentiment"], row["comments_themes"]) == ("negative", "Housing; Food")


def test_choosing_the_automatic_values_stores_no_override(officer, stored, slack_app):
    answer_id = stored[HOSTILE]
    automatic = coding(slack_app, answer_id)

    officer.post(
        f"{COMMENTS}/{answer_id}",
        {"sentiment": "", "themes": automatic.themes, "redacted_text": ""},
    )

    after = coding(slack_app, answer_id)
    assert after.sentiment_override is None and after.themes_override is None


def test_only_the_redacted_text_is_published(officer, stored, slack_app):
    answer_id = stored[HOSTILE]
    redacted = "Damp flats, ring me on [removed]"

    officer.post(f"{COMMENTS}/{answer_id}", {"redacted_text": redacted, "publish_quote": "yes"})

    with session_scope(engine_for(slack_app.config["DATABASE_URL"])) as session:
        survey_id = session.scalar(
            select(SurveyAnswer.survey_id).where(SurveyAnswer.id == answer_id)
        )
        assert published_quotes(session, survey_id) == [redacted]
    page = parse(officer.client.get(COMMENTS))
    assert text(page.select_one(f"#comment-{answer_id} .fairer-comment__quote")) == redacted


def test_publishing_without_redacted_text_is_refused(officer, stored, slack_app):
    answer_id = stored[HOSTILE]

    response = officer.post(
        f"{COMMENTS}/{answer_id}", {"redacted_text": "  ", "publish_quote": "yes"}
    )

    page = parse(response)
    assert response.status_code == 400
    assert text(page.select_one(".govuk-error-summary__list")) == (
        "Enter the comment as it can be published, with personal details removed"
    )
    assert coding(slack_app, answer_id).publish_quote is False


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"sentiment": "furious"}, "Select the tone of the comment"),
        ({"themes": ["Not a theme"]}, "Select themes from the list"),
    ],
)
def test_bad_choices_are_refused(officer, stored, data, error):
    response = officer.post(f"{COMMENTS}/{stored[HOSTILE]}", data)

    assert text(parse(response).select_one(".govuk-error-summary__list")) == error


def test_a_comment_of_another_survey_or_none_is_not_found(officer):
    assert officer.client.get(f"{COMMENTS}/999999").status_code == 404
    assert officer.client.get("/officers/surveys/no-such-survey/comments").status_code == 404


def test_comments_come_a_page_at_a_time(officer, sample_url):
    with session_scope(engine_for(sample_url)) as session:
        survey, definition = create_example_survey(session)
        for n in range(25):
            create_response(
                session, survey=survey, definition=definition, comments=f"Comment number {n}"
            )

    first = parse(officer.client.get(COMMENTS))
    second = parse(officer.client.get(COMMENTS, query_string={"page": 2}))

    assert len(first.select("#comments > li")) == 20
    assert len(second.select("#comments > li")) == 8
    assert first.select_one(".govuk-pagination__next a")["href"] == f"{COMMENTS}?page=2"
