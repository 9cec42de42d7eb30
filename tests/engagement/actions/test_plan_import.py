"""Importing an action plan from CSV and Excel, on SQLite and PostgreSQL, with Sampleton's areas."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from engagement.actions.plan_import import ActionImportProblems, import_actions
from engagement.actions.plan_rows import OwnerLookupFailed
from engagement.actions.plans import history, listing_for_key
from engagement.actions.updates import record_update
from engagement.errors import ImportProblem
from storage import session_scope
from storage.action_models import Action, ActionArea, ActionUpdate
from storage.db import make_engine
from tests.engagement.action_factories import load_sample_into, write_plan, write_plan_xlsx

GOOD_ROWS = [
    {
        "reference": "SA-01",
        "title": "Pupil premium take-up campaign",
        "theme": "Children and learning",
        "areas": "Heathfield & Priory Park",
        "owner": "U0OWNER001",
        "partners": "Heathfield Primary",
        "due": "by March 2027",
        "status": "On track",
    },
    {
        "reference": "SA-02",
        "title": "Fuel poverty advice drop-ins",
        "theme": "Food and fuel poverty",
        "areas": "Castle; E05900002",
        "owner": "U0OWNER002",
        "due": "2027-01-31",
    },
    {
        "reference": "SA-03",
        "title": "Baseline profile of each target area",
        "theme": "Understanding our areas",
        "areas": "",
        "owner": "",
        "due": "30/09/2026",
        "status": "complete",
    },
    {
        "reference": "SA-04",
        "title": "Services finder",
        "theme": "Understanding our areas",
        "status": "dropped",
        "reason": "The county's directory covers it.",
    },
]


@pytest.fixture
def engine(db_url):
    load_sample_into(db_url)
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


def run(engine, path, **options):
    with session_scope(engine) as session:
        return import_actions(session, path, **options)


def stored(engine) -> dict[str, Action]:
    with session_scope(engine) as session:
        return {a.reference: a for a in session.scalars(select(Action))}


def areas_of(engine, reference: str) -> set[str]:
    with session_scope(engine) as session:
        return set(
            session.scalars(
                select(ActionArea.area_code)
                .join(Action, Action.id == ActionArea.action_id)
                .where(Action.reference == reference)
            )
        )


def count(engine, model) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_plan_is_imported_with_areas_owners_milestones_and_statuses(engine, tmp_path):
    report = run(engine, write_plan(tmp_path / "plan.csv", GOOD_ROWS))

    assert report.summary() == "Imported plan.csv: 4 new, 0 updated, 0 unchanged."
    actions = stored(engine)
    first = actions["SA-01"]
    assert (first.title, first.theme, first.owner_id, first.partners) == (
        "Pupil premium take-up campaign",
        "Children and learning",
        "U0OWNER001",
        "Heathfield Primary",
    )
    assert (first.due_date, first.due_label, first.status) == (
        date(2027, 3, 31),
        "by March 2027",
        "on_track",
    )
    assert actions["SA-02"].status == "not_started"  # a blank status on a new action
    assert actions["SA-02"].due_date == date(2027, 1, 31) and actions["SA-02"].due_label == ""
    assert actions["SA-03"].owner_id is None and actions["SA-03"].due_date == date(2026, 9, 30)
    assert areas_of(engine, "SA-01") == {"E02900001"}
    assert areas_of(engine, "SA-02") == {"E05900003", "E05900002"}
    assert areas_of(engine, "SA-03") == set()  # borough-wide
    with session_scope(engine) as session:
        [created] = history(session, actions["SA-04"].id)
    assert (created.from_status, created.to_status.key, created.user_id) == (
        None,
        "dropped",
        "import",
    )
    assert created.note == "Created from plan.csv. The county's directory covers it."


def test_an_excel_plan_imports_the_same_including_real_date_cells(engine, tmp_path):
    rows = [dict(row) for row in GOOD_ROWS]
    rows[1]["due"] = date(2027, 1, 31)  # Excel stores a typed date, not text
    report = run(engine, write_plan_xlsx(tmp_path / "plan.xlsx", rows))

    assert report.summary() == "Imported plan.xlsx: 4 new, 0 updated, 0 unchanged."
    assert stored(engine)["SA-02"].due_date == date(2027, 1, 31)
    assert areas_of(engine, "SA-02") == {"E05900003", "E05900002"}


BAD_ROWS = [
    GOOD_ROWS[0],
    {"reference": "SA-02", "title": "", "due": "soon"},
    {"reference": "SA-03", "title": "Drop-ins", "status": "nearly", "owner": "bob"},
    {"reference": "SA-04", "title": "Finder", "status": "Dropped"},
    {"reference": "SA-05", "title": "Walks", "areas": "Atlantis; Mill Cross"},
    {"reference": "SA-01", "title": "Copy of the first"},
]
BAD_ROW_PROBLEMS = [
    "line 3, column 'title': missing: every action needs one.",
    "line 3, column 'due': 'soon' is not a date such as 2027-03-31 or 31/03/2027, "
    "or a milestone such as "
    "'by March 2027': write a date such as 2027-03-31 or 31/03/2027, "
    "or a milestone such as 'by March 2027'.",
    "line 4, column 'status': 'nearly' is not a status: "
    "use one of not started, on track, at risk, off track, "
    "complete, dropped.",
    "line 4, column 'owner': 'bob' is neither a Slack user ID (like U012AB3CD) "
    "nor an e-mail address.",
    "line 5, column 'reason': a dropped action needs a reason.",
    "line 6, column 'areas': no area matches 'Atlantis'. Separate several areas with ';'.",
    "line 6, column 'areas': 'Mill Cross' could be "
    "Mill Cross (Middle layer area (MSOA), E02900002); "
    "Mill Cross (Electoral ward, E05900002): write the code of the one you mean.",
    "line 7, column 'reference': 'SA-01' is also on line 2: each action needs its own reference.",
]


@pytest.mark.parametrize("writer, name", [(write_plan, "plan.csv"), (write_plan_xlsx, "plan.xlsx")])
def test_every_bad_row_is_listed_with_its_line_and_nothing_is_imported(
    engine, tmp_path, writer, name
):
    run(engine, write_plan(tmp_path / "first.csv", [GOOD_ROWS[2]]))
    before = count(engine, ActionUpdate)

    with pytest.raises(ActionImportProblems) as raised:
        run(engine, writer(tmp_path / name, BAD_ROWS))

    assert raised.value.problems == BAD_ROW_PROBLEMS
    assert (
        str(raised.value).splitlines()[0]
        == f"{name}: 5 rows have problems, so nothing was imported."
    )
    assert set(stored(engine)) == {"SA-03"}  # the good first row was not imported either
    assert count(engine, ActionUpdate) == before


def test_line_numbers_count_blank_lines_and_cells_spanning_lines(engine, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(
        "reference,title,description,due\n"
        'SA-01,Walks,"First line\nsecond line",by March 2027\n'
        "\n"
        "SA-02,Talks,,whenever\n",
        encoding="utf-8",
    )
    with pytest.raises(ActionImportProblems) as raised:
        run(engine, path)
    assert raised.value.problems[0].startswith("line 5, column 'due': 'whenever'")


def test_headings_are_matched_loosely_and_unknown_columns_are_reported(engine, tmp_path):
    header = ["Ref", "Proposed action", "Key action area", "Due date or milestone", "RAG"]
    path = write_plan(
        tmp_path / "stockton.csv",
        [
            {
                "Ref": "F-1",
                "Proposed action": "Employment hub",
                "Key action area": "Fundamental",
                "Due date or milestone": "By March 2022",
                "RAG": "green",
            }
        ],
        header=header,
    )
    report = run(engine, path)
    assert (
        report.summary()
        == "Imported stockton.csv: 1 new, 0 updated, 0 unchanged. Ignored columns: RAG."
    )
    action = stored(engine)["F-1"]
    assert (action.title, action.theme, action.due_date) == (
        "Employment hub",
        "Fundamental",
        date(2022, 3, 31),
    )


def test_a_plan_without_a_reference_column_is_refused(engine, tmp_path):
    path = write_plan(tmp_path / "plan.csv", [{"title": "Walks"}], header=["title", "due"])
    with pytest.raises(ImportProblem, match=r"^plan.csv has no 'reference' column"):
        run(engine, path)


def test_reimporting_updates_by_reference_and_keeps_the_history(engine, tmp_path):
    run(engine, write_plan(tmp_path / "plan.csv", GOOD_ROWS))
    first_id = stored(engine)["SA-01"].id
    with session_scope(engine) as session:
        outcome = record_update(
            session,
            first_id,
            user_id="U0OWNER001",
            status_key="at_risk",
            note="The school has a new head; waiting to meet.",
            admin_ids=(),
            timezone="Europe/London",
        )
    assert outcome.result == "recorded"

    # The plan file is edited: a new title and area for SA-01 (its status column unchanged), and
    # SA-02 dropped.
    rows = [dict(row) for row in GOOD_ROWS]
    rows[0].update(
        title="Pupil premium and free school meals take-up",
        areas="Heathfield & Priory Park; Castle",
    )
    rows[1].update(status="dropped", reason="Merged into SA-01.")
    report = run(engine, write_plan(tmp_path / "plan.csv", rows))

    assert (report.updated, report.unchanged, report.created) == (
        ["SA-01", "SA-02"],
        ["SA-03", "SA-04"],
        [],
    )
    actions = stored(engine)
    assert actions["SA-01"].id == first_id
    assert actions["SA-01"].title == "Pupil premium and free school meals take-up"
    assert (
        actions["SA-01"].status == "at_risk"
    )  # what the officer recorded stands: the file's status did not change
    assert areas_of(engine, "SA-01") == {"E02900001", "E05900003"}
    assert actions["SA-02"].status == "dropped"
    with session_scope(engine) as session:
        entries = history(session, first_id)
        dropped = history(session, actions["SA-02"].id)
    assert [(e.source, e.from_status and e.from_status.key, e.to_status.key) for e in entries] == [
        ("import", None, "on_track"),
        ("slack", "on_track", "at_risk"),
        ("import", "at_risk", "at_risk"),
    ]
    assert entries[1].note == "The school has a new head; waiting to meet."
    assert entries[2].note == "Re-imported from plan.csv: title, areas changed."
    assert dropped[-1].note == "Re-imported from plan.csv: status changed. Merged into SA-01."

    # When the file's own status changes, it wins, and says so in the history.
    rows[0]["status"] = "complete"
    run(engine, write_plan(tmp_path / "plan.csv", rows))
    with session_scope(engine) as session:
        last = history(session, first_id)[-1]
    assert (last.from_status.key, last.to_status.key, last.note) == (
        "at_risk",
        "complete",
        "Re-imported from plan.csv: status changed.",
    )


def test_reimporting_the_same_file_changes_nothing_and_adds_no_history(engine, tmp_path):
    path = write_plan(tmp_path / "plan.csv", GOOD_ROWS)
    run(engine, path)
    before = count(engine, ActionUpdate)
    report = run(engine, path)
    assert report.summary() == "Imported plan.csv: 0 new, 0 updated, 4 unchanged."
    assert count(engine, ActionUpdate) == before


def test_owners_given_by_email_are_looked_up_once_each(engine, tmp_path):
    asked = []
    people = {"sam.jones@norwich.gov.uk": "U0SAMJONES"}

    def resolve(address):
        asked.append(address)
        return people.get(address)

    rows = [
        {"reference": "A-1", "title": "One", "owner": "Sam.Jones@norwich.gov.uk"},
        {"reference": "A-2", "title": "Two", "owner": "sam.jones@norwich.gov.uk"},
        {"reference": "A-3", "title": "Three", "owner": "nobody@norwich.gov.uk"},
    ]
    with pytest.raises(ActionImportProblems) as raised:
        run(engine, write_plan(tmp_path / "plan.csv", rows), resolve_email=resolve)
    assert raised.value.problems == [
        "line 4, column 'owner': no Slack user has the e-mail address nobody@norwich.gov.uk."
    ]
    assert asked == ["sam.jones@norwich.gov.uk", "nobody@norwich.gov.uk"]

    run(engine, write_plan(tmp_path / "plan.csv", rows[:2]), resolve_email=resolve)
    actions = stored(engine)
    assert (actions["A-1"].owner_id, actions["A-1"].owner_email) == (
        "U0SAMJONES",
        "sam.jones@norwich.gov.uk",
    )


def test_without_a_slack_token_email_owners_are_kept_as_addresses(engine, tmp_path):
    report = run(
        engine,
        write_plan(
            tmp_path / "plan.csv", [{"reference": "A-1", "title": "One", "owner": "sam@x.gov.uk"}]
        ),
    )
    assert "1 owner(s) are e-mail addresses not yet matched to Slack users" in report.summary()
    assert (stored(engine)["A-1"].owner_id, stored(engine)["A-1"].owner_email) == (
        None,
        "sam@x.gov.uk",
    )


def test_when_slack_cannot_be_asked_the_import_stops_and_says_why(engine, tmp_path):
    def resolve(address):
        raise OwnerLookupFailed("users.lookupByEmail answered invalid_auth")

    with pytest.raises(
        ImportProblem,
        match=r"^Could not look up owners' e-mail addresses in Slack "
        r"\(users.lookupByEmail answered invalid_auth\)",
    ):
        run(
            engine,
            write_plan(
                tmp_path / "plan.csv",
                [{"reference": "A-1", "title": "One", "owner": "sam@x.gov.uk"}],
            ),
            resolve_email=resolve,
        )
    assert count(engine, Action) == 0


def test_an_area_listing_includes_actions_of_overlapping_areas(engine, tmp_path):
    run(engine, write_plan(tmp_path / "plan.csv", GOOD_ROWS))
    with session_scope(engine) as session:
        ward = listing_for_key(session, "area:E05900003", date(2026, 12, 1))  # Castle ward
        borough = listing_for_key(session, "area:E06999999", date(2026, 12, 1))  # Sampleton
    assert [a.reference for a in ward.actions] == ["SA-02"]
    assert ward.subject == "Castle"
    # The council's own area holds every action in it, and the borough-wide ones.
    assert sorted(a.reference for a in borough.actions) == ["SA-01", "SA-02", "SA-03", "SA-04"]


def test_an_areas_counts_by_status_match_its_listing(engine, tmp_path):
    from engagement.area_report import area_report

    with session_scope(engine) as session:
        assert area_report(session, "heathfield", timezone="Europe/London").actions is None
    run(engine, write_plan(tmp_path / "plan.csv", GOOD_ROWS))
    with session_scope(engine) as session:
        heathfield = area_report(session, "heathfield", timezone="Europe/London").actions
        borough = area_report(session, "Sampleton", timezone="Europe/London").actions
        nothing = area_report(session, "E02900011", timezone="Europe/London").actions  # Hillcrest
    assert [(s.key, n) for s, n in heathfield.counts] == [("on_track", 1)]
    assert (heathfield.total, heathfield.area_code) == (1, "E02900001")
    assert [(s.key, n) for s, n in borough.counts] == [
        ("not_started", 1),
        ("on_track", 1),
        ("complete", 1),
        ("dropped", 1),
    ]
    assert nothing is None
