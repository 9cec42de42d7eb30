"""The officer page adding up impact assessments (SQLite and PostgreSQL): the plan's figures worked
by hand from tests/engagement/assessments/assessed_plan.py, one area chosen with a GET form, links
to each assessment, and text from people shown as text."""

from __future__ import annotations

import pytest

from engagement.actions.terms import today_in
from storage import session_scope
from storage.db import engine_for
from tests.engagement.action_factories import create_action, load_sample_into
from tests.engagement.assessments.assessed_plan import assessed_plan
from tests.officer_fixtures import sign_in
from tests.surveys.pages import parse, text

PAGE = "/officers/assessment-totals"
HOSTILE_AREA = ("E02900005", "Bullard <script>alert(1)</script> Fields")


@pytest.fixture
def app(app_factory, db_url):
    load_sample_into(db_url)
    with session_scope(engine_for(db_url)) as session:
        assessed_plan(session, today_in("Europe/London"))
        create_action(session, reference="BF-01", title="Walks", areas=(HOSTILE_AREA,))
    return app_factory(db_url)


@pytest.fixture
def client(app):
    client = app.test_client()
    sign_in(client)
    return client


def plain(element) -> str:
    """Return element's text as it reads, runs of whitespace collapsed."""
    return " ".join(element.get_text().split())


def table(page, table_id: str) -> dict[str, list[str]]:
    """Return a table as {row heading: [cells]}, checking it has a caption and scoped headers."""
    found = page.select_one(f"table#{table_id}")
    assert found is not None and text(found.select_one("caption"))
    assert all(th.get("scope") == "col" for th in found.select("thead th"))
    return {
        plain(row.select_one("th")): [plain(td) for td in row.select("td")]
        for row in found.select("tbody tr")
        if row.select_one("th")
    }


def test_anonymous_visitors_are_sent_to_sign_in(app):
    response = app.test_client().get(PAGE)
    assert response.status_code == 302 and "/officers/sign-in" in response.headers["Location"]


def test_the_whole_plan_added_up(client):
    response = client.get(PAGE)
    assert response.status_code == 200
    page = parse(response)
    assert text(page.select_one("h1")) == "The whole plan"
    assert text(page.select_one("#assessed-caption")) == "How the 7 actions are assessed"
    assert table(page, "assessed") == {
        "Signed off": ["2", "CA-01, HP-01"],
        "Draft": ["2", "BW-01, HP-02"],
        "No assessment": [
            "3",
            "BF-01: start its impact assessment, CG-01: start its impact assessment, "
            "MX-01: start its impact assessment",
        ],
        "Review overdue": ["2", "HP-01, HP-02"],
    }
    assert table(page, "by-row") == {"Finance (value for money)": ["1", "HP-01", "None"]}
    characteristics = table(page, "by-characteristic")
    assert len(characteristics) == 10
    assert characteristics["Age"] == ["2", "HP-01, HP-02", "HP-02"]
    assert characteristics["Disability"] == ["1", "HP-02", "None"]
    assert characteristics["Socio-economic disadvantage"] == ["1", "CA-01", "None"]
    assert characteristics["Race"] == ["0", "None", "None"]
    assert table(page, "unmitigated") == {"HP-02": ["Age"]}
    assert table(page, "areas")["Heathfield & Priory Park"] == [
        "2",
        "1",
        "4",
        "1",
        "Finance (value for money) (HP-01); Age (HP-01, HP-02); Disability (HP-02)",
    ]
    assert table(page, "areas")["Castle"] == [
        "2",
        "1",
        "1",
        "0",
        "Socio-economic disadvantage (CA-01)",
    ]
    assert table(page, "others") == {
        "Surveys": ["0", "0", "0", "0", "0", "0", "None"],
        "Participatory budgeting rounds": ["0", "0", "0", "0", "0", "0", "None"],
        "Decisions": ["1", "0", "1", "0", "2", "1", "IA-1 Close the Riverside library"],
    }


def test_links_go_to_each_assessment_or_to_starting_one(client):
    page = parse(client.get(PAGE))
    links = {plain(a): a["href"] for a in page.select("table#assessed a")}
    assert links["HP-01"] == "/officers/assessments/HP-01"
    assert links["CG-01: start its impact assessment"] == "/officers/assessments/new?action=CG-01"
    assert [a["href"] for a in page.select("table#others a")] == ["/officers/assessments/IA-1"]
    area_links = {text(a): a["href"] for a in page.select("table#areas a")}
    assert area_links["Castle Green"] == f"{PAGE}?area=E02900003"


def test_one_area_is_chosen_with_a_form_that_needs_no_javascript(client):
    page = parse(client.get(PAGE))
    form = page.select_one("form#area-filter")
    assert form["method"] == "get" and form["action"] == PAGE
    options = {o["value"]: text(o) for o in form.select("select#area option")}
    assert options["E02900003"] == "Castle Green" and options[""] == "The whole plan"

    green = parse(client.get(PAGE, query_string={"area": "E02900003"}))
    assert text(green.select_one("h1")) == "Castle Green"
    assert green.select_one("select#area option[selected]")["value"] == "E02900003"
    # Castle ward's action is counted too: the ward contains Castle Green.
    assert table(green, "assessed")["Signed off"] == ["1", "CA-01"]
    assert table(green, "assessed")["No assessment"][0] == "1"

    nowhere = client.get(PAGE, query_string={"area": "E09999999"})
    assert nowhere.status_code == 200
    error = parse(nowhere)
    assert text(error.select_one(".govuk-error-summary")) == (
        "There is a problem Choose an area from the list"
    )
    assert error.select_one("table#assessed") is None
    assert text(error.select_one("title")).startswith("Error:")


def test_text_from_people_is_shown_as_text(client):
    html = client.get(PAGE).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "Bullard &lt;script&gt;alert(1)&lt;/script&gt; Fields" in html
