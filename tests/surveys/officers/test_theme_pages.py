"""Admins edit the keyword taxonomy on /officers/themes; it starts as the default themes."""

from __future__ import annotations

import pytest

from engagement.comments.default_themes import DEFAULT_THEMES
from tests.officer_fixtures import sign_in
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import Visitor

THEMES = "/officers/themes"


@pytest.fixture
def admin(slack_app):
    client = slack_app.test_client()
    sign_in(client, admin=True)
    return Visitor(client, start=THEMES, form_page="")


def theme_names(page) -> list[str]:
    return [text(th) for th in page.select("table#themes tbody th")]


def test_officers_who_are_not_admins_cannot_edit_themes(officer_client):
    assert officer_client.get(THEMES).status_code == 403


def test_the_first_visit_shows_the_default_themes(admin):
    page = parse(admin.client.get(THEMES))

    assert text(page.select_one("h1")) == "Comment themes"
    assert theme_names(page) == list(DEFAULT_THEMES)


def test_adding_changing_and_deleting_a_theme(admin):
    added = parse(
        admin.post(
            THEMES,
            {"name": "Libraries", "keywords": "library, libraries\nbook*"},
            follow_redirects=True,
        )
    )
    assert text(added.select_one("#done")).endswith("Theme added: Libraries")
    assert theme_names(added)[-1] == "Libraries"
    row = added.select("table#themes tbody tr")[-1]
    assert text(row.select("td")[0]) == "library, libraries, book*"
    change = row.select_one("a")["href"]

    form = parse(admin.client.get(change))
    assert form.select_one("textarea#keywords").get_text() == "library\nlibraries\nbook*"
    changed = parse(
        admin.post(
            change, {"name": "Libraries and reading", "keywords": "library"}, follow_redirects=True
        )
    )
    assert theme_names(changed)[-1] == "Libraries and reading"

    deleted = parse(admin.post(f"{change}/delete", follow_redirects=True))
    assert text(deleted.select_one("#done")).endswith("Theme deleted: Libraries and reading")
    assert "Libraries and reading" not in theme_names(deleted)


@pytest.mark.parametrize(
    ("name", "keywords", "errors"),
    [
        ("", "park", ["Enter a name for the theme"]),
        ("Housing", "flat", ["There is already a theme called Housing"]),
        ("Parks", "", ["Enter at least one keyword"]),
        ("Parks", "pa*", ["Put at least 3 letters before a * (in “pa*”)"]),
        ("Parks", "p*rk", ["A * can only come at the end of a word (in “p*rk”)"]),
    ],
)
def test_bad_themes_are_refused_with_the_reason(admin, name, keywords, errors):
    admin.client.get(THEMES)

    response = admin.post(THEMES, {"name": name, "keywords": keywords})

    assert response.status_code == 400
    page = parse(response)
    assert [text(li) for li in page.select(".govuk-error-summary__list li")] == errors
    assert page.select_one("input#name")["value"] == name


def test_hostile_names_are_escaped(admin):
    response = admin.post(
        THEMES, {"name": "<script>alert(1)</script>", "keywords": "x"}, follow_redirects=True
    )

    assert "<script>alert(1)" not in response.get_data(as_text=True)
    assert "<script>alert(1)</script>" in theme_names(parse(response))
