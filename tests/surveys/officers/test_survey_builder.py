"""The survey builder, survey by survey: an officer creates a survey, builds, previews, opens
and closes it; a bad slug is shown the GOV.UK way and nothing is saved; the YAML it downloads
loads back to the same survey; text is escaped and every builder page needs sign-in."""

from __future__ import annotations

import pytest

from engagement.surveys.definition import definition_from_json, read_definition
from engagement.surveys.store import load_survey
from storage import session_scope
from storage.db import engine_for
from tests.officer_fixtures import sign_in
from tests.surveys.officers.survey_builder_helpers import (
    EDIT,
    QUESTIONS,
    SLUG,
    Officer,
    details,
    inline_errors,
    stored,
    summary_errors,
)
from tests.surveys.pages import parse, text


@pytest.fixture
def builder_app(app_factory, sqlite_url):
    return app_factory(sqlite_url)


@pytest.fixture
def officer(builder_app):
    client = builder_app.test_client()
    sign_in(client)
    return Officer(client)


def test_an_officer_builds_previews_opens_and_closes_a_survey(builder_app, officer):
    listing = parse(officer.client.get("/officers/survey-builder"))
    assert text(listing.select_one("#no-surveys")) == "There are no surveys yet."
    assert "Create a survey" in [text(a) for a in listing.select("a")]

    created = officer.create()
    assert created.headers["Location"] == EDIT  # the slug was suggested from the title
    page = officer.client.get(EDIT)
    assert text(parse(page).select_one("h1")) == "Parks and play areas"
    assert details(page)["Status"] == "Not open yet"

    for question in QUESTIONS:
        response = officer.add(question)
        assert response.status_code == 302, summary_errors(response)
    # The page of about-you questions goes on a page of its own, created by adding a question.
    assert (
        officer.add(
            {"kind": "text", "key": "anything_else", "prompt": "Anything else?"}, page="new"
        ).status_code
        == 400
    )
    assert (
        officer.add(
            {
                "kind": "text",
                "key": "anything_else",
                "prompt": "Anything else?",
                "page_title": "Last words",
            },
            page="new",
        ).status_code
        == 302
    )
    assert officer.keys() == [
        [
            "comments",
            "more_trees",
            "visits",
            "uses",
            "fix_first",
            "why_rarely",
            "respondent_type",
            "neighbourhood",
            "age_band",
            "sex",
            "disability",
            "ethnicity",
        ],
        ["anything_else"],
    ]

    assert officer.post(f"/officers/surveys/{SLUG}/questions/comments/delete").status_code == 302
    assert (
        officer.post(
            f"/officers/surveys/{SLUG}/questions/uses/move", {"direction": "up"}
        ).status_code
        == 302
    )
    assert (
        officer.post(f"/officers/surveys/{SLUG}/pages/2/move", {"direction": "up"}).status_code
        == 302
    )
    assert officer.keys()[0] == ["anything_else"]
    assert officer.keys()[1][:3] == ["more_trees", "uses", "visits"]
    definition = definition_from_json(stored(builder_app))
    assert definition.questions_by_key["fix_first"].top == 2
    assert [o.label for o in definition.questions_by_key["visits"].options] == [
        "Every day",
        "Every week",
        "Rarely",
    ]
    assert definition.questions_by_key["why_rarely"].show_if.values == (
        "rarely",
    )  # the label typed, the value kept

    preview = parse(officer.client.get(f"/officers/surveys/{SLUG}/preview"))
    assert "Preview — answers are not saved" in text(preview.select_one("#preview-banner"))
    assert [text(h) for h in preview.select("section h2")] == ["Last words", "Parks and play areas"]
    seen = text(preview.select_one("#preview"))
    for prompt in (
        "We should plant more trees in parks.",
        "What should we fix first?",
        "Are you responding as…",
    ):
        assert prompt in seen
    assert preview.select_one("#preview")["id"] and not preview.select(
        "#preview button, #preview [type=submit]"
    )
    assert "Only asked when the answer to ‘visits’ is rarely." in seen

    confirm = parse(officer.client.get(f"/officers/surveys/{SLUG}/open"))
    assert text(confirm.select_one("h1")) == "Open ‘Parks and play areas’ now?"
    officer.post(f"/officers/surveys/{SLUG}/open")
    assert details(officer.client.get(EDIT))["Status"] == "Open"
    resident = builder_app.test_client().get(f"/s/{SLUG}")
    assert resident.status_code == 200 and "Parks and play areas" in text(
        parse(resident).select_one("h1")
    )

    officer.post(f"/officers/surveys/{SLUG}/close")
    assert details(officer.client.get(EDIT))["Status"] == "Closed"
    listing = parse(officer.client.get("/officers/survey-builder"))
    assert [text(td) for td in listing.select("#surveys tbody td")] == [SLUG, "Closed", "0"]


def test_a_bad_slug_is_shown_and_nothing_is_saved(builder_app, officer):
    response = officer.create(slug="Parks & Play!")
    assert response.status_code == 400
    message = (
        "Slug must only include lower-case letters, numbers and hyphens, like draft-priorities"
    )
    assert summary_errors(response) == [message] and inline_errors(response) == [message]
    assert parse(response).select_one(".govuk-error-summary a")["href"] == "#slug"
    assert stored(builder_app) is None

    response = officer.create(**{"opens-day": "31", "opens-month": "2", "title": ""})
    assert summary_errors(response) == ["Enter a title", "Open date must be a real date"]


def test_the_yaml_download_loads_back_to_the_same_survey(builder_app, officer, tmp_path):
    officer.create(
        introduction="Tell us about parks.",
        **{"closes-day": "1", "closes-month": "1", "closes-year": "2099"},
    )
    for question in QUESTIONS:
        officer.add(question)
    response = officer.client.get(f"/officers/surveys/{SLUG}/definition.yml")
    assert response.headers["Content-Disposition"] == f'attachment; filename="{SLUG}.yml"'
    path = tmp_path / f"{SLUG}.yml"
    path.write_bytes(response.data)
    before = definition_from_json(stored(builder_app))

    assert read_definition(path) == before
    with session_scope(engine_for(builder_app.config["DATABASE_URL"])) as session:
        _survey, created = load_survey(session, path)  # what `fairer survey load` does
    assert not created and definition_from_json(stored(builder_app)) == before


def test_text_is_escaped_and_every_builder_page_needs_sign_in(builder_app, officer, app_factory):
    officer.create(title="<script>alert(1)</script> Parks", slug=SLUG)
    page = officer.client.get(EDIT).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page

    # Without CSRF checks, so a refusal here is the sign-in check's, not the token's.
    anonymous = app_factory(
        builder_app.config["DATABASE_URL"], WTF_CSRF_ENABLED=False
    ).test_client()
    for rule in builder_app.url_map.iter_rules():
        if rule.endpoint.startswith("builder."):
            assert builder_app.view_functions[rule.endpoint].officer_access == "officer"
            path = (
                rule.rule.replace("<slug>", SLUG)
                .replace("<key>", "comments")
                .replace("<int:number>", "1")
            )
            path = path.replace("<any(open, close):action>", "open")
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                response = anonymous.open(path, method=method)
                assert response.status_code in (302, 401), (method, path)
