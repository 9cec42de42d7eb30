"""The survey builder: an officer creates a survey, adds every kind of question, reorders,
previews, opens and closes it; mistakes are shown the GOV.UK way and nothing is saved; a survey
people have answered keeps its keys; the YAML it downloads loads back to the same survey."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from engagement.surveys.definition import definition_from_json, read_definition
from engagement.surveys.store import find_survey, load_survey, new_receipt_code
from storage import session_scope
from storage.db import engine_for
from storage.survey_models import SurveyResponse
from tests.officer_fixtures import sign_in
from tests.surveys.pages import parse, text

SLUG = "parks-and-play-areas"
EDIT = f"/officers/surveys/{SLUG}/edit"
SOON = date.today() + timedelta(days=10)
# One question of every kind, as an officer fills in the form.
QUESTIONS = [
    {"kind": "likert", "key": "more_trees", "prompt": "We should plant more trees in parks."},
    {
        "kind": "single",
        "key": "visits",
        "prompt": "How often do you visit a park?",
        "options": "Every day\nEvery week\nRarely",
    },
    {
        "kind": "multiple",
        "key": "uses",
        "prompt": "What do you use parks for?",
        "options": "Walking\nPlay\nSport",
    },
    {
        "kind": "ranking",
        "key": "fix_first",
        "prompt": "What should we fix first?",
        "options": "Lights\nToilets\nBenches",
        "top": "2",
    },
    {
        "kind": "text",
        "key": "why_rarely",
        "prompt": "Why do you rarely visit?",
        "max_length": "500",
        "show_if_question": "visits",
        "show_if_values": "Rarely",
    },
    *(
        {"kind": kind, "key": ""}
        for kind in (
            "respondent_type",
            "neighbourhood",
            "age_band",
            "sex",
            "disability",
            "ethnicity",
        )
    ),
]


class Officer:
    """An officer's browser on the builder: posts forms with the CSRF token a page gave."""

    def __init__(self, client):
        self.client = client
        page = parse(client.get("/officers/survey-builder/create-survey"))
        self.token = page.select_one("input[name=csrf_token]")["value"]

    def post(self, path: str, data: dict | None = None):
        return self.client.post(path, data={"csrf_token": self.token, **(data or {})})

    def create(self, **fields):
        data = {
            "title": "Parks and play areas",
            "opens-day": SOON.day,
            "opens-month": SOON.month,
            "opens-year": SOON.year,
            "retention_days": "365",
            **fields,
        }
        return self.post("/officers/survey-builder/create-survey", data)

    def add(self, question: dict, page: str = "1"):
        return self.post(
            f"/officers/surveys/{SLUG}/add-question", {"required": "yes", "page": page, **question}
        )

    def keys(self) -> list[list[str]]:
        page = parse(self.client.get(EDIT))
        return [
            [li["id"].removeprefix("question-") for li in ol.select("li")]
            for ol in page.select("ol[id$=-questions]")
        ]


@pytest.fixture
def builder_app(app_factory, sqlite_url):
    return app_factory(sqlite_url)


@pytest.fixture
def officer(builder_app):
    client = builder_app.test_client()
    sign_in(client)
    return Officer(client)


def stored(app) -> dict:
    with session_scope(engine_for(app.config["DATABASE_URL"])) as session:
        found = find_survey(session, SLUG)
        return found[0].definition if found else None


def summary_errors(response) -> list[str]:
    return [text(a) for a in parse(response).select(".govuk-error-summary__list li")]


def inline_errors(response) -> list[str]:
    return [text(p).removeprefix("Error: ") for p in parse(response).select(".govuk-error-message")]


def details(response) -> dict[str, str]:
    rows = parse(response).select("#survey-details .govuk-summary-list__row")
    return {text(r.select_one("dt")): text(r.select_one("dd")) for r in rows}


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


@pytest.mark.parametrize(
    "question, message, field",
    [
        (
            {"kind": "likert", "key": "comments", "prompt": "Again?"},
            "Key ‘comments’ is already used by another question",
            "key",
        ),
        (
            {
                "kind": "ranking",
                "key": "fix_first",
                "prompt": "Fix first?",
                "options": "Lights\nToilets",
                "top": "3",
            },
            "Number of options to rank must be between 1 and the number of options",
            "top",
        ),
        (
            {"kind": "single", "key": "visits", "prompt": "Visits?", "options": "Often"},
            "Enter at least two options, one on each line",
            "options",
        ),
        ({"kind": "likert", "key": "", "prompt": "Trees?"}, "Enter a key", "key"),
    ],
)
def test_question_mistakes_are_shown_and_nothing_is_saved(
    builder_app, officer, question, message, field
):
    officer.create()
    before = stored(builder_app)
    response = officer.add(question)
    assert response.status_code == 400
    assert summary_errors(response) == [message] and inline_errors(response) == [message]
    assert parse(response).select_one(".govuk-error-summary a")["href"] == f"#{field}"
    assert stored(builder_app) == before


def test_show_if_must_point_at_an_earlier_question(builder_app, officer):
    officer.create()
    officer.add(
        {"kind": "single", "key": "visits", "prompt": "Visits?", "options": "Often\nRarely"}
    )
    before = stored(builder_app)
    # The form offers only earlier questions; a forged post naming a later one is still refused.
    response = officer.post(
        f"/officers/surveys/{SLUG}/questions/comments",
        {
            "prompt": "Why?",
            "key": "comments",
            "required": "no",
            "show_if_question": "visits",
            "show_if_values": "rarely",
        },
    )
    assert summary_errors(response) == [
        "Show-if must name a question that comes earlier in the survey"
    ]
    assert stored(builder_app) == before

    officer.add(
        {
            "kind": "text",
            "key": "why",
            "prompt": "Why?",
            "show_if_question": "visits",
            "show_if_values": "Rarely",
        }
    )
    before = stored(builder_app)
    moved = officer.post(f"/officers/surveys/{SLUG}/questions/why/move", {"direction": "up"})
    assert moved.status_code == 400
    assert summary_errors(moved) == [
        "Show-if must name a question that comes earlier in the survey"
    ]
    assert stored(builder_app) == before


def test_keys_and_options_cannot_change_once_people_have_answered(builder_app, officer):
    officer.create()
    officer.add(
        {"kind": "single", "key": "visits", "prompt": "Visits?", "options": "Often\nRarely"}
    )
    with session_scope(engine_for(builder_app.config["DATABASE_URL"])) as session:
        survey = find_survey(session, SLUG)[0]
        session.add(
            SurveyResponse(survey_id=survey.id, receipt_code=new_receipt_code(), channel="paper")
        )
    before = stored(builder_app)
    path = f"/officers/surveys/{SLUG}/questions/visits"
    form = {
        "key": "visits",
        "prompt": "How often do you visit?",
        "required": "yes",
        "options": "Often\nRarely",
    }

    for change in ({"key": "how_often"}, {"options": "Often\nSometimes\nRarely"}):
        response = officer.post(path, {**form, **change})
        assert response.status_code == 400
        assert summary_errors(response)[0].startswith(
            "You cannot change the key, options or rules of this question"
        )
        assert stored(builder_app) == before
    refused = officer.post(f"/officers/surveys/{SLUG}/questions/visits/delete")
    assert summary_errors(refused) == [
        "You cannot delete a question from a survey people have already answered"
    ]

    assert officer.post(path, {**form, "hint": "Think of the last month."}).status_code == 302
    changed = definition_from_json(stored(builder_app)).questions_by_key["visits"]
    assert (changed.prompt, changed.hint) == ("How often do you visit?", "Think of the last month.")
    page = parse(officer.client.get(EDIT))
    assert not [b for b in page.select("button") if text(b).startswith("Delete")]


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
