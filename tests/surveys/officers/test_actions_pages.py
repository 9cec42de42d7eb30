"""The officer page listing actions, its filters, and the CSV and Excel downloads."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from engagement.actions.search import EXPORT_COLUMNS
from storage import session_scope
from storage.db import engine_for
from tests.action_fixtures import OTHER_USER, USER_ID
from tests.engagement.action_factories import create_action, days_from_today
from tests.officer_fixtures import sign_in
from tests.surveys.pages import parse, text

FORMULA_TITLE = '=HYPERLINK("https://evil.example","Click")'


@pytest.fixture
def client(slack_app, plan):
    client = slack_app.test_client()
    sign_in(client)
    return client


def table_rows(page) -> list[dict[str, str]]:
    table = page.select_one("table#actions")
    if table is None:
        return []
    headings = [text(th) for th in table.select("thead th")]
    rows = []
    for tr in table.select("tbody tr"):
        cells = [text(tr.select_one("th"))] + [text(td) for td in tr.select("td")]
        rows.append(dict(zip(headings, cells, strict=True)))
    return rows


def test_anonymous_visitors_are_sent_to_sign_in(slack_app, plan):
    for path in ("/officers/actions", "/officers/actions.csv", "/officers/actions.xlsx"):
        response = slack_app.test_client().get(path)
        assert response.status_code == 302 and "/officers/sign-in" in response.headers["Location"]


def test_the_page_lists_every_action_overdue_first_in_an_accessible_table(client):
    response = client.get("/officers/actions")
    assert response.status_code == 200
    page = parse(response)
    assert text(page.select_one("h1")) == "Actions"
    table = page.select_one("table#actions")
    assert text(table.select_one("caption")) == "4 actions, overdue first"
    assert all(th.get("scope") == "col" for th in table.select("thead th"))
    assert all(row.select_one("th").get("scope") == "row" for row in table.select("tbody tr"))
    rows = table_rows(page)
    assert [r["Reference"] for r in rows] == ["HP-01", "HP-02", "CA-01", "BW-01"]
    assert rows[0]["Status"] == "On track Overdue"
    assert rows[0]["Areas"] == "Heathfield & Priory Park" and rows[3]["Areas"] == "Borough-wide"
    assert rows[0]["Owner"] == USER_ID
    assert "<!channel>" in rows[0]["Action"]  # shown as text: the page escapes it
    assert "<strong>" not in str(table.select("tbody tr td")[0].get_text())


def test_every_filter_has_a_label_and_the_form_is_a_get(client):
    page = parse(client.get("/officers/actions"))
    form = page.select_one("form#action-filters")
    assert form["method"] == "get"
    for name in ("area", "theme", "status", "owner"):
        field = form.select_one(f"select[name={name}]")
        assert page.select_one(f"label[for={field['id']}]") is not None
    checkbox = form.select_one("input[name=overdue]")
    assert page.select_one(f"label[for={checkbox['id']}]") is not None


@pytest.mark.parametrize(
    "query, expected",
    [
        ("area=E02900001", ["HP-01", "HP-02"]),
        (
            "area=E06999999",
            ["HP-01", "HP-02", "CA-01", "BW-01"],
        ),  # the whole council: every action in it, and borough-wide ones
        ("theme=food+and+fuel+poverty", ["HP-01", "CA-01"]),
        ("status=at_risk", ["HP-02"]),
        ("status=At+risk", ["HP-02"]),
        (f"owner={OTHER_USER}", ["HP-02", "CA-01"]),
        ("overdue=1", ["HP-01"]),
        ("theme=Food+and+fuel+poverty&overdue=1", ["HP-01"]),
        ("status=nonsense", ["HP-01", "HP-02", "CA-01", "BW-01"]),
    ],
)
def test_filters_narrow_the_list(client, query, expected):
    page = parse(client.get(f"/officers/actions?{query}"))
    assert [r["Reference"] for r in table_rows(page)] == expected


def test_filters_are_kept_in_the_form_and_the_download_links(client):
    page = parse(client.get("/officers/actions?status=at_risk&overdue=1"))
    assert page.select_one("select[name=status] option[selected]")["value"] == "at_risk"
    assert page.select_one("input[name=overdue]").has_attr("checked")
    links = [a["href"] for a in page.select("#downloads a")]
    assert links == [
        "/officers/actions.csv?status=at_risk&overdue=1",
        "/officers/actions.xlsx?status=at_risk&overdue=1",
    ]
    assert text(page.select_one("#no-actions")) == "No actions match these filters."


def test_the_csv_has_one_row_per_action_with_every_column(client):
    response = client.get("/officers/actions.csv?area=E02900001")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="actions-')
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert [r["reference"] for r in rows] == ["HP-01", "HP-02"]
    first = rows[0]
    assert (first["status"], first["overdue"], first["days_overdue"]) == ("On track", "yes", "10")
    assert (first["areas"], first["area_codes"], first["owner"]) == (
        "Heathfield & Priory Park",
        "E02900001",
        USER_ID,
    )
    assert first["due_date"] == days_from_today(-10).isoformat()
    assert (
        first["last_update_by"] == "import"
        and first["last_update_note"] == "Created from test-plan.csv."
    )


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_made_harmless(client, sample_url):
    with session_scope(engine_for(sample_url)) as session:
        create_action(
            session,
            reference="-X1",
            title=FORMULA_TITLE,
            partners="+44 1603 212212",
            theme="@risk",
            description="=1+1",
        )
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/officers/actions.csv").get_data().decode("utf-8-sig"))
        )
    )
    evil = next(r for r in rows if r["reference"] == "'-X1")
    assert evil["title"] == "'" + FORMULA_TITLE
    assert (evil["partners"], evil["theme"], evil["description"]) == (
        "'+44 1603 212212",
        "'@risk",
        "'=1+1",
    )

    book = load_workbook(io.BytesIO(client.get("/officers/actions.xlsx").data))
    sheet = book["Actions"]
    assert [c.value for c in sheet[1]] == list(EXPORT_COLUMNS)
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert "'" + FORMULA_TITLE in [c.value for c in cells]


def test_the_excel_download_has_real_dates_and_the_filtered_rows(client):
    response = client.get("/officers/actions.xlsx?overdue=1")
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.data))["Actions"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][0] == "HP-01"
    assert rows[0][EXPORT_COLUMNS.index("due_date")].date() == days_from_today(-10)


def test_the_officer_home_links_to_the_actions_page(client):
    page = parse(client.get("/officers"))
    assert "/officers/actions" in [a["href"] for a in page.select("#officer-pages a")]
