"""`fairer assessment load` files: the example assessment of NRI-02 against the example plan,
every problem named by file, line and field with nothing stored, a draft replaced by a second
load, and a signed-off assessment never overwritten."""

from __future__ import annotations

import csv
from datetime import date

import pytest
import yaml
from sqlalchemy import func, select

from engagement.assessments.load_file import AssessmentFileProblems, load_assessment_file
from engagement.assessments.store import RowMark, assessment_rows, find_assessment, versions
from engagement.assessments.template import TEMPLATE_FILE
from engagement.errors import ImportProblem
from storage import session_scope
from storage.assessment_models import Assessment, AssessmentVersion
from tests.engagement.action_factories import create_action
from tests.engagement.assessments.example_plan import (
    EXAMPLE_ASSESSMENT,
    EXAMPLES,
    example_plan_engine,
)
from tests.engagement.survey_factories import create_example_survey


@pytest.fixture
def plan_engine(db_url, official, tmp_path):
    engine = example_plan_engine(db_url, official, tmp_path)
    yield engine
    engine.dispose()


@pytest.fixture
def session(sqlite_url):
    from storage.db import engine_for

    with session_scope(engine_for(sqlite_url)) as session:
        create_action(session, reference="NRI-02", title="Participatory budgeting in Heartsease")
        yield session


def expected_rows() -> dict[str, RowMark]:
    """The rows the example marks, read from the YAML with nothing of ours."""
    data = yaml.safe_load(EXAMPLE_ASSESSMENT.read_text(encoding="utf-8"))
    sections = ("economic", "social", "equality_and_diversity", "environmental", "risk")
    rows = {}
    for section in (*sections, "protected_characteristics"):
        for name, mark in data[section].items():
            mark = {"impact": mark} if isinstance(mark, str) else mark
            rows[f"{section}.{name}"] = RowMark(
                mark["impact"], mark.get("comment", ""), mark.get("mitigation", "")
            )
    return rows


def write(tmp_path, text: str, name: str = "old.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def stored_count(session) -> tuple[int, int]:
    return (
        session.scalar(select(func.count()).select_from(Assessment)),
        session.scalar(select(func.count()).select_from(AssessmentVersion)),
    )


def test_the_example_loads_as_a_draft_of_nri_02_and_a_second_load_replaces_it(plan_engine):
    with open(EXAMPLES / "actions.csv", encoding="utf-8") as handle:
        title = next(r["title"] for r in csv.DictReader(handle) if r["reference"] == "NRI-02")
    with session_scope(plan_engine) as session:
        loaded = load_assessment_file(session, EXAMPLE_ASSESSMENT)
    with session_scope(plan_engine) as session:
        assessment = find_assessment(session, "NRI-02")
        assert (assessment.subject_kind, assessment.title, assessment.status) == (
            "action",
            title,
            "draft",
        )
        assert assessment.id == loaded.id
        assert (assessment.committee, assessment.committee_date) == ("Cabinet", date(2026, 7, 8))
        assert (assessment.assessed_on, assessment.review_on) == (
            date(2026, 6, 15),
            date(2027, 3, 31),
        )
        assert assessment_rows(session, assessment) == expected_rows()
        assert set(assessment.recommendations) == {"positive", "negative", "neutral", "issues"}
        assert "paper ballots" in assessment.recommendations["negative"].lower()
        assert [v.event for v in versions(session, assessment)] == ["loaded", "created"]
        assert versions(session, assessment)[0].user == "import"
    with session_scope(plan_engine) as session:
        load_assessment_file(session, EXAMPLE_ASSESSMENT, user="U0LOADER01")
    with session_scope(plan_engine) as session:
        assessment = find_assessment(session, "NRI-02")
        history = versions(session, assessment)
        assert [(v.event, v.user, v.version) for v in history] == [
            ("loaded", "U0LOADER01", 1),
            ("loaded", "import", 1),
            ("created", "import", 1),
        ]
        assert history[0].note == "Loaded from impact-assessment.yml"


def test_a_second_load_replaces_the_whole_draft(session, tmp_path):
    first = write(
        tmp_path,
        "action: NRI-02\neconomic:\n  finance: negative\n  ict: positive\n"
        "recommendations: {issues: Turnout}\n",
    )
    second = write(tmp_path, "action: NRI-02\neconomic:\n  finance: neutral\n", "again.yml")
    load_assessment_file(session, first)
    assessment = load_assessment_file(session, second)
    assert assessment_rows(session, assessment)["economic.finance"].impact == "neutral"
    assert not assessment_rows(session, assessment).get("economic.ict", RowMark()).impact
    assert assessment.recommendations == {}
    assert [v.event for v in versions(session, assessment)] == ["loaded", "loaded", "created"]
    assert versions(session, assessment)[1].snapshot["rows"]["economic.ict"]["impact"] == (
        "positive"
    )


BAD = """\
action: NRI-02
assessed_on: 14/05/2026
review_on: 2027-02-01
economc:
  finance: neutral
economic:
  financ: neutral
  ict: good
  financial_inclusion:
    impact: positive
    mitigation: Not a negative
    coment: typo
disability: negative
recommendations:
  postive: Something
"""


def test_every_problem_is_named_by_file_line_and_field_and_nothing_is_stored(session, tmp_path):
    before = stored_count(session)
    with pytest.raises(AssessmentFileProblems) as caught:
        load_assessment_file(session, write(tmp_path, BAD))
    problems = caught.value.problems
    expected = [
        ("line 4, field 'economc'", "did you mean economic?"),
        ("line 7, field 'economic.financ'", "did you mean finance"),
        ("line 8, field 'economic.ict.impact'", "neutral, positive or negative (not 'good')"),
        ("line 12, field 'economic.financial_inclusion.coment'", "did you mean comment?"),
        ("line 11, field 'economic.financial_inclusion.mitigation'", "negative impact"),
        ("line 13, field 'disability'", "a row of section protected_characteristics"),
        ("line 2, field 'assessed_on'", "YYYY-MM-DD, such as 2026-05-14 (not '14/05/2026')"),
        ("line 15, field 'recommendations.postive'", "did you mean positive?"),
    ]
    assert len(problems) == len(expected), problems
    for where, words in expected:
        assert any(p.startswith(f"old.yml, {where}: ") and words in p for p in problems), (
            where,
            problems,
        )
    assert str(caught.value).startswith("old.yml has 8 problems, so nothing was loaded.")
    lines = [int(p.split(", line ")[1].split(",")[0]) for p in problems]
    assert lines == sorted(lines)  # in the order of the file
    assert stored_count(session) == before


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (
            "action: NRI-2\n",
            "line 1, field 'action'",
            "there is no action NRI-2; did you mean NRI-02",
        ),
        ("survey: no-such-survey\n", "line 1, field 'survey'", "no survey with the slug"),
        ("pb_round: nope\n", "line 1, field 'pb_round'", "participatory budgeting round"),
        ("assessed_by: Jo\n", "line 1, field 'action'", "say what is assessed"),
        ("action: NRI-02\nsurvey: x\n", "line 2, field 'survey'", "not both"),
        ("action: NRI-02\nreference: X-1\n", "line 2, field 'reference'", "only a decision"),
        (
            "decision: Parking charges\ncommittee: Cabinet\n",
            "line 1, field 'committee_date'",
            "needs its committee date",
        ),
        (
            "action: NRI-02\nassessed_on: 2026-06-01\nreview_on: 2026-05-01\n",
            "line 3, field 'review_on'",
            "after the date assessed",
        ),
        (
            "action: NRI-02\nreview_on: 2026-02-30\n",
            "line 2, field 'review_on'",
            "2026-02-30 is not a real date",
        ),
        ("", "line 1, field 'action'", "the file is empty"),
    ],
)
def test_each_kind_of_error(session, tmp_path, text, where, words):
    before = stored_count(session)
    with pytest.raises(ImportProblem) as caught:
        load_assessment_file(session, write(tmp_path, text))
    message = str(caught.value)
    assert f"old.yml, {where}: " in message and words in message, message
    assert stored_count(session) == before


SIGNED = """\
action: NRI-02
assessed_by: Jo Smith, Communities manager
assessed_on: 2025-03-01
review_on: 2026-03-01
protected_characteristics:
  age:
    impact: negative
    comment: Online voting
    mitigation: Paper ballots
signed_off_by: Director of communities
signed_off_on: 2025-03-10
"""


def test_an_old_signed_off_assessment_comes_in_signed_off_and_is_never_overwritten(
    session, tmp_path
):
    assessment = load_assessment_file(session, write(tmp_path, SIGNED))
    assert (assessment.status, assessment.signed_off_by) == (
        "signed_off",
        "Director of communities",
    )
    assert assessment.signed_off_at.date() == date(2025, 3, 10)
    assert [v.event for v in versions(session, assessment)] == ["signed_off", "loaded", "created"]
    before = stored_count(session)
    with pytest.raises(AssessmentFileProblems) as caught:
        load_assessment_file(session, EXAMPLE_ASSESSMENT)
    message = caught.value.problems[0]
    assert message.startswith("impact-assessment.yml, line 8, field 'action': ")
    assert "NRI-02 is signed off (version 1, by Director of communities on 10 March 2025)" in (
        message
    )
    assert stored_count(session) == before
    assert assessment_rows(session, assessment)["protected_characteristics.age"].comment == (
        "Online voting"
    )


def test_a_file_loaded_as_signed_off_must_meet_the_sign_off_rules(session, tmp_path):
    text = SIGNED.replace("    mitigation: Paper ballots\n", "").replace(
        "review_on: 2026-03-01\n", ""
    )
    with pytest.raises(AssessmentFileProblems) as caught:
        load_assessment_file(session, write(tmp_path, text))
    problems = caught.value.problems
    assert any(
        "field 'review_on': a signed-off assessment needs a review date" in p for p in problems
    )
    assert any(
        p.startswith("old.yml, line 6, field 'protected_characteristics.age.mitigation'")
        and "negative impact on Age" in p
        for p in problems
    ), problems
    lone = write(tmp_path, "action: NRI-02\nsigned_off_by: Director\n", "lone.yml")
    with pytest.raises(AssessmentFileProblems, match="field 'signed_off_on': give both"):
        load_assessment_file(session, lone)
    assert stored_count(session) == (0, 0)


def test_decisions_and_surveys_are_loaded_by_their_own_reference(session, tmp_path):
    create_example_survey(session)
    decision = (
        "decision: Leisure centre opening hours\nreference: CAB-2026-03\ncommittee: Cabinet\n"
        "committee_date: 2026-09-09\nsocial:\n  health_and_wellbeing: {impact: positive}\n"
    )
    made = load_assessment_file(session, write(tmp_path, decision))
    assert (made.reference, made.subject_kind, made.title) == (
        "CAB-2026-03",
        "decision",
        "Leisure centre opening hours",
    )
    retitled = decision.replace("Leisure centre opening hours", "Leisure centre hours")
    again = load_assessment_file(session, write(tmp_path, retitled, "again.yml"))
    assert again.id == made.id and again.title == "Leisure centre hours"
    survey = load_assessment_file(
        session, write(tmp_path, "survey: draft-priorities\nrisk: {risk_management: neutral}\n")
    )
    assert (survey.reference, survey.subject_kind) == ("draft-priorities", "survey")
    assert assessment_rows(session, survey) == {"risk.risk_management": RowMark("neutral")}


DOCS = EXAMPLES.parent / "docs" / "assessments.md"


def test_the_docs_list_every_section_and_row_key_of_the_template():
    template = yaml.safe_load(TEMPLATE_FILE.read_text(encoding="utf-8"))
    text = DOCS.read_text(encoding="utf-8")
    listing = text.split("### The template's sections and rows")[1].split("###")[0]
    bullets = {}
    for bullet in listing.split("\n- ")[1:]:
        section = bullet.split("`")[1]
        bullets[section] = set(bullet.split(":", 1)[1].split("`")[1::2])
    assert list(bullets) == [s["key"] for s in template["sections"]]
    for section in template["sections"]:
        assert bullets[section["key"]] == {row["key"] for row in section["rows"]}, section["key"]
    for key in ("action", "survey", "pb_round", "decision", "reference", "committee_date"):
        assert f"`{key}" in text


def test_the_example_in_the_docs_loads(session, tmp_path):
    text = DOCS.read_text(encoding="utf-8")
    example = text.split("```yaml\n")[1].split("```")[0]
    assessment = load_assessment_file(session, write(tmp_path, example))
    rows = assessment_rows(session, assessment)
    assert rows["protected_characteristics.disability"].impact == "negative"
    assert rows["protected_characteristics.disability"].mitigation.startswith("Paper ballots")
