"""The officers' impact assessment pages, on SQLite and PostgreSQL: starting one for an action,
saving rows, errors that name the row and keep what was typed, signing off (refused while a
negative impact has no mitigation), the lock, a new version, the history, the downloads, and
the action plan's page linking each action to its assessment."""

from __future__ import annotations

import csv
import io

import pytest
from docx import Document

from engagement.areas.sample import load_sample_borough
from storage import session_scope
from storage.db import engine_for
from tests.action_fixtures import make_plan
from tests.officer_fixtures import OFFICER_USER_ID, sign_in
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import errors_on

LIST = "/officers/assessments"
START = "/officers/assessments/new"
PAGE = "/officers/assessments/HP-02"  # HP-02 "Participatory budgeting round", in make_plan
ASSESSOR = "Sam Patel, Community development officer"
SIGNER = "Alex Reed, Director of Communities"


@pytest.fixture
def client(app_factory, db_url):
    """An officer signed in to the app on the sample borough with make_plan's four actions."""
    with session_scope(engine_for(db_url)) as session:
        load_sample_borough(session)
    make_plan(db_url)
    client = app_factory(db_url).test_client()
    sign_in(client)
    return client


def token(client, path: str = LIST) -> str:
    page = parse(client.get(path))
    field = page.select_one("input[name=csrf_token]")
    assert field is not None, f"no form on {path}"
    return field["value"]


def form_data(page, selector: str) -> dict[str, str]:
    """Return what a browser would send from the form: inputs, checked radios, textareas."""
    data: dict[str, str] = {}
    for field in page.select_one(selector).select("input, textarea, select"):
        name = field.get("name")
        if not name:
            continue
        if field.name == "textarea":
            data[name] = field.get_text().removeprefix("\n")
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            data[name] = chosen["value"] if chosen else ""
        elif field.get("type") in ("radio", "checkbox"):
            if field.has_attr("checked"):
                data[name] = field["value"]
        else:
            data[name] = field.get("value", "")
    return data


def start_hp02(client):
    return client.post(
        START,
        data={"csrf_token": token(client, START), "kind": "action", "action_reference": "HP-02"},
    )


def save(client, **changes: str):
    """Post the assessment form as shown, with changes (field names as the form has them)."""
    data = form_data(parse(client.get(PAGE)), "#assessment-form")
    data.update(changes)
    return client.post(PAGE, data=data)


def sign(client, name: str = SIGNER):
    return client.post(
        f"{PAGE}/sign-off", data={"csrf_token": token(client, PAGE), "signed_off_by": name}
    )


DETAILS = {
    "assessed_by": ASSESSOR,
    "assessed_on-day": "1",
    "assessed_on-month": "12",
    "assessed_on-year": "2026",
    "review_on-day": "1",
    "review_on-month": "6",
    "review_on-year": "2027",
}
AGE_NEGATIVE = {
    "protected_characteristics.age.impact": "negative",
    "protected_characteristics.age.comment": "Evening meetings are hard for older residents.",
    "economic.finance.impact": "positive",
    "economic.finance.comment": "Match funding from the lottery.",
}


def rows_of(page, table_id: str) -> dict[str, list[str]]:
    return {
        text(tr.select_one("th")): [text(td) for td in tr.select("td")]
        for tr in page.select(f"#{table_id} tbody tr")
    }


def test_anonymous_visitors_are_sent_to_sign_in_and_cannot_post(app_factory, sample_url):
    make_plan(sample_url)
    client = app_factory(sample_url).test_client()
    for path in (LIST, START, PAGE, f"{PAGE}/history", f"{PAGE}/download.docx"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/officers/sign-in" in response.headers["Location"]
    refused = client.post(START, data={"kind": "action", "action_reference": "HP-02"})
    assert refused.status_code in (400, 401)
    officer = app_factory(sample_url).test_client()
    sign_in(officer)
    assert "No impact assessments yet" in text(parse(officer.get(LIST)))


def test_an_officer_starts_an_assessment_for_an_action_and_the_plan_links_to_it(client):
    chosen = parse(client.get(f"{START}?action=HP-02"))
    assert chosen.select_one("input[name=kind][value=action]").has_attr("checked")
    option = chosen.select_one("select[name=action_reference] option[selected]")
    assert text(option) == "HP-02: Participatory budgeting round"

    started = start_hp02(client)
    assert started.status_code == 303
    assert started.headers["Location"].startswith(PAGE)
    page = parse(client.get(started.headers["Location"]))
    assert text(page.select_one("h1")) == "Participatory budgeting round"
    assert "Draft Version 1" in text(page.select_one("#status"))
    # Every row of the template is on the form, in its section's fieldset.
    legends = [text(legend) for legend in page.select("#assessment-form fieldset > legend h2")]
    assert legends[0] == "Economic" and legends[-1] == "Recommendations"
    age = page.select_one("#section-protected_characteristics")
    assert "Sexual orientation" in text(age) and "Socio-economic disadvantage" in text(age)
    assert page.select_one("#evidence-heading") is not None  # the evidence beside the form

    listed = rows_of(parse(client.get(LIST)), "assessments")
    assert listed["HP-02"][0] == "Participatory budgeting round Action"
    assert listed["HP-02"][1] == "Draft"
    assert listed["HP-02"][2:] == ["1", "No review date", "0"]

    actions = parse(client.get("/officers/actions"))
    cells = {
        text(tr.select_one("th")): tr.select_one(".fairer-assessment-state")
        for tr in actions.select("#actions tbody tr")
    }
    assert cells["HP-02"].select_one("a")["href"] == PAGE
    assert text(cells["HP-02"]) == "Impact assessment: Draft (HP-02)"
    assert text(cells["CA-01"]) == "No impact assessment: start one for CA-01"
    assert cells["CA-01"].select_one("a")["href"] == f"{START}?action=CA-01"

    again = start_hp02(client)
    assert again.status_code == 400
    assert errors_on(again) == ["HP-02 already has an impact assessment: open it instead"]
    assert parse(again).select_one("#already-assessed a")["href"] == PAGE


def test_only_the_chosen_kind_is_checked_and_errors_name_the_field(client):
    csrf = token(client, START)
    nothing = client.post(START, data={"csrf_token": csrf})
    assert nothing.status_code == 400
    summary = parse(nothing).select(".govuk-error-summary__list a")
    assert [(text(a), a["href"]) for a in summary] == [("Select what is being assessed", "#kind")]

    no_action = client.post(START, data={"csrf_token": csrf, "kind": "action"})
    assert [(text(a), a["href"]) for a in parse(no_action).select(".govuk-error-summary a")] == [
        ("Select the action", "#action_reference")
    ]

    no_survey = client.post(
        START, data={"csrf_token": csrf, "kind": "survey", "survey_slug": "no-such-survey"}
    )
    assert [(text(a), a["href"]) for a in parse(no_survey).select(".govuk-error-summary a")] == [
        ("There is no survey called no-such-survey", "#survey_slug")
    ]

    # A decision: the action and survey fields left over from another choice are ignored.
    decision = client.post(
        START,
        data={
            "csrf_token": csrf,
            "kind": "decision",
            "action_reference": "NO-SUCH",
            "survey_slug": "no-such-survey",
            "decision_title": "Closing the Castle library on Saturdays",
            "decision_committee": "Cabinet",
            "committee_date-day": "31",
            "committee_date-month": "2",
            "committee_date-year": "2027",
        },
    )
    assert decision.status_code == 400
    assert errors_on(decision) == ["Committee date must be a real date, like 27 3 2027"]
    page = parse(decision)
    assert page.select_one("#decision_title")["value"] == "Closing the Castle library on Saturdays"
    assert page.select_one(".govuk-error-summary a")["href"] == "#committee_date-day"

    made = client.post(
        START,
        data={
            "csrf_token": csrf,
            "kind": "decision",
            "decision_title": "Closing the Castle library on Saturdays",
            "decision_committee": "Cabinet",
            "committee_date-day": "3",
            "committee_date-month": "3",
            "committee_date-year": "2027",
        },
    )
    assert made.status_code == 303
    page = parse(client.get(made.headers["Location"]))
    assert "Impact assessment IA-1" in text(page.select_one(".govuk-caption-l"))
    assert page.select_one("#committee")["value"] == "Cabinet"
    assert page.select_one("#committee_date-year")["value"] == "2027"


def test_rows_are_saved_and_an_error_names_the_row_and_keeps_what_was_typed(client):
    start_hp02(client)
    too_long = "x" * 5001
    refused = save(client, **{**DETAILS, **AGE_NEGATIVE, "economic.finance.comment": too_long})
    assert refused.status_code == 400
    assert errors_on(refused) == [
        "The comment on Finance (value for money) must be 5,000 characters or fewer"
    ]
    page = parse(refused)
    assert page.select_one(".govuk-error-summary a")["href"] == "#economic-finance-comment"
    assert page.select_one("#economic-finance-comment").get_text().strip() == too_long
    assert page.select_one("#assessed_by")["value"] == ASSESSOR
    assert page.select_one("#protected_characteristics-age-impact-3").has_attr("checked")
    history = rows_of(parse(client.get(f"{PAGE}/history")), "history")
    assert [cells[1] for cells in history.values()] == ["Started"]  # nothing was saved

    assert save(client, **DETAILS, **AGE_NEGATIVE).status_code == 303
    page = parse(client.get(PAGE))
    assert page.select_one("#assessed_by")["value"] == ASSESSOR
    assert page.select_one("#review_on-month")["value"] == "6"
    checked = {radio["name"]: radio["value"] for radio in page.select("input[type=radio][checked]")}
    assert checked["economic.finance.impact"] == "positive"
    assert checked["protected_characteristics.age.impact"] == "negative"
    assert checked["social.safeguarding.impact"] == "none"  # not assessed
    assert (
        page.select_one("#protected_characteristics-age-comment").get_text().strip()
        == AGE_NEGATIVE["protected_characteristics.age.comment"]
    )
    listed = rows_of(parse(client.get(LIST)), "assessments")["HP-02"]
    assert listed[1] == "Draft, 1 negative impact, 1 without mitigation"
    assert listed[3] == "1 June 2027"
    assert listed[4] == "1 (1 without mitigation)"

    bad_date = save(client, **{"review_on-day": "31", "review_on-month": "13"})
    assert errors_on(bad_date) == ["Review date must be a real date, like 27 3 2027"]


def test_sign_off_needs_a_mitigation_then_locks_the_version_until_a_new_one(client):
    start_hp02(client)
    save(client, **DETAILS, **AGE_NEGATIVE)

    refused = sign(client)
    assert refused.status_code == 400
    assert errors_on(refused) == [
        "Enter how the negative impact on Age will be mitigated, or why it is accepted"
    ]
    page = parse(refused)
    assert (
        page.select_one(".govuk-error-summary a")["href"]
        == "#protected_characteristics-age-mitigation"
    )
    assert page.select_one("#signed_off_by")["value"] == SIGNER
    mitigation = "Meetings at 2pm as well, with transport offered."
    assert (
        save(client, **{"protected_characteristics.age.mitigation": mitigation}).status_code == 303
    )
    signed = sign(client)
    assert signed.status_code == 303
    page = parse(client.get(PAGE))
    assert text(page.select_one("#status")).startswith("Signed off Version 1, signed off by")
    assert page.select_one("#assessment-form") is None  # read-only
    ages = rows_of(page, "read-protected_characteristics")["Age"]
    assert ages == ["Negative", AGE_NEGATIVE["protected_characteristics.age.comment"], mitigation]
    assert "Start a new version" in [text(button) for button in page.select("button")]
    listed = rows_of(parse(client.get(LIST)), "assessments")["HP-02"]
    assert listed[1:] == ["Signed off, 1 negative impact, mitigated", "1", "1 June 2027", "1"]

    locked = client.post(
        PAGE,
        data={**DETAILS, "csrf_token": token(client, PAGE), "assessed_by": "Someone else"},
    )
    assert locked.status_code == 409
    assert errors_on(locked) == ["This version is signed off: start a new version to change it"]
    page = parse(client.get(PAGE))
    assert ASSESSOR in text(page.select_one("#assessment-details"))
    assert "Someone else" not in page.get_text()

    reopened = client.post(f"{PAGE}/new-version", data={"csrf_token": token(client, PAGE)})
    assert reopened.status_code == 303
    page = parse(client.get(PAGE))
    assert "Draft Version 2" in text(page.select_one("#status"))
    assert page.select_one("#assessed_by")["value"] == ASSESSOR  # carried into the new version
    listed = rows_of(parse(client.get(LIST)), "assessments")["HP-02"]
    assert listed[1:3] == ["Draft (version 2), 1 negative impact, mitigated", "2"]

    history = parse(client.get(f"{PAGE}/history"))
    rows = [[text(c) for c in tr.select("th, td")] for tr in history.select("#history tbody tr")]
    assert [(r[1], r[2]) for r in rows] == [
        ("2", "New version started"),
        ("1", "Signed off"),
        ("1", "Saved"),
        ("1", "Saved"),
        ("1", "Started"),
    ]
    assert all(r[3] == OFFICER_USER_ID for r in rows)
    # The first save, read back as it then stood: the negative impact had no mitigation yet.
    first_save = history.select("#history tbody tr")[3].select_one("a")["href"]
    old = parse(client.get(first_save))
    assert rows_of(old, "read-protected_characteristics")["Age"][2] == "–"
    assert "Not signed off" in text(old.select_one("#assessment-details"))


def test_downloads_are_a_word_document_and_a_csv(client):
    start_hp02(client)
    save(client, **DETAILS, **AGE_NEGATIVE)
    word = client.get(f"{PAGE}/download.docx")
    assert word.status_code == 200
    assert word.mimetype == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert 'filename="impact-assessment-HP-02.docx"' in word.headers["Content-Disposition"]
    document = Document(io.BytesIO(word.data))
    words = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "Participatory budgeting round" in words
    assert AGE_NEGATIVE["protected_characteristics.age.comment"] in words

    sheet = client.get(f"{PAGE}/download.csv")
    assert sheet.status_code == 200 and sheet.mimetype == "text/csv"
    assert 'filename="impact-assessment-HP-02.csv"' in sheet.headers["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(sheet.data.decode("utf-8-sig"))))
    assert any("Age" in line and "negative" in [c.lower() for c in line] for line in lines)
    assert client.get("/officers/assessments/NO-SUCH/download.csv").status_code == 404


def test_a_comment_is_shown_as_text_never_run(client):
    start_hp02(client)
    hostile = "<script>alert('x')</script> & <b>bold</b>"
    save(
        client,
        **DETAILS,
        **{"social.safeguarding.impact": "neutral"},
        **{"social.safeguarding.comment": hostile},
    )
    html = client.get(PAGE).get_data(as_text=True)
    assert "<script>alert" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(" in html
    sign(client)
    page = client.get(PAGE)
    assert "<script>alert" not in page.get_data(as_text=True)
    assert rows_of(parse(page), "read-social")["Safeguarding children and adults"][1] == hostile


def test_the_form_links_to_each_section_of_the_template_file(client):
    import yaml

    from engagement.assessments.template import TEMPLATE_FILE

    start_hp02(client)
    page = parse(client.get(PAGE))
    sections = yaml.safe_load(TEMPLATE_FILE.read_text(encoding="utf-8"))["sections"]
    links = {a["href"]: text(a) for a in page.select("nav[aria-labelledby=sections-heading] a")}
    for section in sections:
        assert links[f"#section-{section['key']}"] == section["title"]
        assert page.select_one(f"#section-{section['key']}") is not None
    assert links["#section-recommendations"] == "Recommendations"
