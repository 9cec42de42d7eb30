"""The survey builder's tests share these: the survey they build, one question of every kind,
an officer's browser on the builder, and readers for the stored definition and error messages."""

from __future__ import annotations

from datetime import date, timedelta

from engagement.surveys.store import find_survey
from storage import session_scope
from storage.db import engine_for
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
