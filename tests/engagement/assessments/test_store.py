"""Starting, saving, signing off and reopening impact assessments, on SQLite and PostgreSQL: one
per subject, the sign-off rules an officer meets, a signed-off version locked, every change kept."""

from __future__ import annotations

from datetime import date

import pytest

from engagement.assessments.store import (
    AssessmentProblem,
    Details,
    RowMark,
    assessment_of_action,
    assessment_rows,
    find_assessment,
    reopen,
    save_assessment,
    sign_off,
    start_assessment,
    versions,
)
from storage import session_scope
from storage.pb_models import PbRound
from tests.engagement.action_factories import create_action
from tests.engagement.survey_factories import create_example_survey

OFFICER = "U0OFFICER1"


@pytest.fixture
def session(engine):
    with session_scope(engine) as session:
        yield session


def create_round(session, *, slug="castle-fund", title="Castle community fund") -> PbRound:
    pb_round = PbRound(
        slug=slug,
        title=title,
        area_code="E05900003",
        budget=10_000,
        opens_on=date(2027, 1, 10),
        closes_on=date(2027, 2, 28),
        rule="budget",
    )
    session.add(pb_round)
    session.flush()
    return pb_round


def complete(**changes) -> Details:
    """Details an officer could sign off: one negative row with its mitigation."""
    details = Details(
        assessed_by="Jo Smith, Communities manager",
        assessed_on=date(2026, 6, 15),
        review_on=date(2027, 3, 31),
        committee="Cabinet",
        committee_date=date(2026, 7, 8),
        rows={
            "economic.finance": RowMark("neutral"),
            "protected_characteristics.age": RowMark(
                "negative", "Older residents vote online less", "Paper ballots"
            ),
            "equality_and_diversity.relations_between_groups": RowMark(
                "positive", "Groups design it together"
            ),
        },
        recommendations={"positive": "Keep the steering group", "issues": ""},
    )
    for name, value in changes.items():
        setattr(details, name, value)
    return details


def test_each_kind_of_subject_is_assessed_under_its_own_reference(session):
    action = create_action(session, reference="NRI-02", title="Participatory budgeting")
    create_example_survey(session)
    create_round(session)
    by_action = start_assessment(session, kind="action", subject="nri-02", user=OFFICER)
    by_survey = start_assessment(session, kind="survey", subject="draft-priorities", user=OFFICER)
    by_round = start_assessment(session, kind="pb_round", subject="castle-fund", user=OFFICER)
    first = start_assessment(
        session,
        kind="decision",
        subject="Leisure centre opening hours",
        user=OFFICER,
        committee="Cabinet",
        committee_date=date(2026, 9, 9),
    )
    second = start_assessment(session, kind="decision", subject="Parking charges", user=OFFICER)
    named = start_assessment(
        session, kind="decision", subject="Library hours", user=OFFICER, reference="CAB-2026-03"
    )
    assert (by_action.reference, by_action.title) == ("NRI-02", "Participatory budgeting")
    assert assessment_of_action(session, action) is by_action
    assert (by_survey.reference, by_survey.title) == (
        "draft-priorities",
        "Our draft priorities for a fairer city",
    )
    assert (by_round.reference, by_round.title) == ("castle-fund", "Castle community fund")
    assert [first.reference, second.reference, named.reference] == ["IA-1", "IA-2", "CAB-2026-03"]
    assert (first.committee, first.committee_date) == ("Cabinet", date(2026, 9, 9))
    assert find_assessment(session, "cab-2026-03") is named
    for made in (by_action, by_survey, by_round, first):
        assert (made.status, made.version) == ("draft", 1)
        assert [(v.event, v.user) for v in versions(session, made)] == [("created", OFFICER)]


def test_an_unknown_subject_or_a_second_assessment_of_one_is_refused(session):
    create_action(session, reference="NRI-02")
    start_assessment(session, kind="action", subject="NRI-02", user=OFFICER)
    cases = [
        ({"kind": "action", "subject": "NRI-99"}, "subject", "There is no action NRI-99"),
        ({"kind": "action", "subject": "NRI-02"}, "subject", "NRI-02 already has"),
        ({"kind": "survey", "subject": "nope"}, "subject", "There is no survey called nope"),
        ({"kind": "pb_round", "subject": "nope"}, "subject", "participatory budgeting round"),
        ({"kind": "decision", "subject": "  "}, "title", "Enter the title of the decision"),
        ({"kind": "decision", "subject": "X", "reference": "a b"}, "reference", "letters"),
        ({"kind": "policy", "subject": "X"}, "kind", "Select what is being assessed"),
    ]
    for given, field, words in cases:
        with pytest.raises(AssessmentProblem) as caught:
            start_assessment(session, user=OFFICER, **given)
        assert caught.value.field == field and words in caught.value.message, given


def test_saving_stores_each_row_and_keeps_a_version(session):
    decision = start_assessment(session, kind="decision", subject="Parking", user=OFFICER)
    details = complete()
    details.rows["economic.ict"] = RowMark("positive", "New kiosks", "not a negative")
    save_assessment(session, decision, details, user="U0OTHER001", note="First go")
    rows = assessment_rows(session, decision)
    assert rows["protected_characteristics.age"] == RowMark(
        "negative", "Older residents vote online less", "Paper ballots"
    )
    assert rows["economic.ict"] == RowMark("positive", "New kiosks", "")  # negatives only
    assert decision.recommendations == {"positive": "Keep the steering group"}
    newest = versions(session, decision)[0]
    assert (newest.event, newest.user, newest.note) == ("saved", "U0OTHER001", "First go")
    assert newest.snapshot["rows"]["economic.finance"]["impact"] == "neutral"
    assert newest.snapshot["assessed_on"] == "2026-06-15"


@pytest.mark.parametrize(
    ("rows", "field", "words"),
    [
        ({"economic.fiance": RowMark("neutral")}, "economic.fiance", "not a row"),
        ({"economic.finance": RowMark("good")}, "economic.finance", "Select neutral, positive"),
        ({"economic.finance": RowMark("neutral", "x" * 5001)}, "economic.finance.comment", "5,000"),
    ],
)
def test_a_row_that_cannot_be_stored_is_refused(session, rows, field, words):
    decision = start_assessment(session, kind="decision", subject="Parking", user=OFFICER)
    with pytest.raises(AssessmentProblem) as caught:
        save_assessment(session, decision, complete(rows=rows), user=OFFICER)
    assert caught.value.field == field and words in caught.value.message


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"assessed_by": ""}, "assessed_by"),
        ({"assessed_on": None}, "assessed_on"),
        ({"review_on": None}, "review_on"),
        ({"rows": {"economic.finance": RowMark(None, "not assessed yet")}}, "rows"),
        (
            {"rows": {"protected_characteristics.disability": RowMark("negative", "Steps")}},
            "protected_characteristics.disability.mitigation",
        ),
    ],
)
def test_sign_off_names_what_is_missing(session, change, field):
    decision = start_assessment(session, kind="decision", subject="Parking", user=OFFICER)
    save_assessment(session, decision, complete(**change), user=OFFICER)
    with pytest.raises(AssessmentProblem) as caught:
        sign_off(session, decision, user=OFFICER, name="Director of communities")
    assert caught.value.field == field
    if field.endswith("mitigation"):
        assert "Disability" in caught.value.message
    assert decision.status == "draft"


def test_a_signed_off_version_is_locked_until_a_new_version_is_started(session):
    decision = start_assessment(session, kind="decision", subject="Parking", user=OFFICER)
    save_assessment(session, decision, complete(), user=OFFICER)
    with pytest.raises(AssessmentProblem):
        sign_off(session, decision, user=OFFICER, name="  ")
    sign_off(session, decision, user=OFFICER, name="Director of communities")
    assert (decision.status, decision.signed_off_by) == ("signed_off", "Director of communities")
    assert decision.signed_off_at is not None
    changed = complete(assessed_by="Someone else")
    with pytest.raises(AssessmentProblem) as caught:
        save_assessment(session, decision, changed, user=OFFICER)
    assert "signed off" in caught.value.message
    with pytest.raises(AssessmentProblem):
        sign_off(session, decision, user=OFFICER, name="Again")
    assert decision.assessed_by == "Jo Smith, Communities manager"

    reopen(session, decision, user="U0OTHER001", note="New evidence from the survey")
    assert (decision.status, decision.version, decision.signed_off_by) == ("draft", 2, None)
    with pytest.raises(AssessmentProblem):
        reopen(session, decision, user=OFFICER)
    save_assessment(session, decision, changed, user=OFFICER)
    history = versions(session, decision)
    assert [(v.version, v.event) for v in history] == [
        (2, "saved"),
        (2, "reopened"),
        (1, "signed_off"),
        (1, "saved"),
        (1, "created"),
    ]
    signed = history[2].snapshot
    assert (signed["status"], signed["signed_off_by"]) == ("signed_off", "Director of communities")
    assert signed["assessed_by"] == "Jo Smith, Communities manager"
    assert history[0].snapshot["assessed_by"] == "Someone else"
    assert history[1].note == "New evidence from the survey"


def test_a_decision_cannot_take_the_start_pages_address_as_its_reference(session):
    with pytest.raises(AssessmentProblem, match="page's own address"):
        start_assessment(
            session, kind="decision", subject="Reducing inequalities", user="U1", reference="NEW"
        )
