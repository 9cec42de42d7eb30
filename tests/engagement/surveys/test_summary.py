"""Survey summaries: agreement with Wilson intervals, suppression, weighting, who was heard."""

from __future__ import annotations

import math

import pytest

from engagement.statistics import suppress, wilson_interval
from engagement.surveys.summary import summarise_survey
from engagement.surveys.summary_json import summary_json
from engagement.surveys.text import summary_text
from storage import session_scope
from tests.survey_fixtures import respond

SAMPLETON = ("E06999999",)


def test_wilson_interval_matches_the_published_formula():
    # Warwickshire's "87% agreed … (from 62 respondents)" is 54 of 62: Wilson 76.6% to 93.3%.
    low, high = wilson_interval(54, 62)
    assert (round(low * 100, 1), round(high * 100, 1)) == (76.6, 93.3)
    assert wilson_interval(0, 0) is None
    assert wilson_interval(0, 20)[0] == 0.0 and wilson_interval(20, 20)[1] == 1.0


def test_a_second_group_is_hidden_when_a_total_would_reveal_the_first():
    assert suppress({"a": 25, "b": 12, "c": 4}) == {"a": 25, "b": None, "c": None}
    assert suppress({"a": 25, "b": 3, "c": 4}) == {"a": 25, "b": None, "c": None}
    assert suppress({"a": 25, "b": 12}) == {"a": 25, "b": 12}


def test_agreement_excludes_dont_know_and_reports_the_interval(sampleton, monkeypatch):
    engine, survey, definition = sampleton
    respond(engine, survey, definition, 54, priority_1="agree")
    respond(engine, survey, definition, 8, priority_1="disagree")
    respond(engine, survey, definition, 5, priority_1="dont_know")
    with session_scope(engine) as session:
        summary = summarise_survey(session, "draft-priorities", scope=SAMPLETON)
    first = summary.questions[0].agreement
    assert summary.responses == 67
    assert (first.n, first.agree, first.disagree) == (62, 54, 8)
    # Exact until shown: the summary keeps unrounded figures; the JSON gives one decimal place.
    assert first.agree_pct == pytest.approx(100 * 54 / 62)
    assert first.ci95 == pytest.approx(tuple(100 * x for x in wilson_interval(54, 62)))
    question = summary_json(summary, protected=False)["questions"][0]
    assert question["agree_pct"] == 87.1 and question["agree_ci95"] == [76.6, 93.3]
    # Published, "87% of 62" with 67 answering would give back the 5 who said "don't know".
    shared = summary_json(summary)["questions"][0]
    assert shared["agree_pct"] is None and shared["counts"]["dont_know"] is None
    assert shared["suppressed"]["agree_pct"] == "[c] to protect another cell"
    assert shared["suppressed"]["dont_know"] == "[c] fewer than 10 responses"
    assert not first.small_base
    assert "\n  [c] to protect another cell\n" in (summary_text(summary))


def test_groups_under_ten_are_suppressed_and_small_bases_flagged(sampleton):
    engine, survey, definition = sampleton
    respond(engine, survey, definition, 25, respondent_type="resident")
    respond(engine, survey, definition, 12, respondent_type="business", priority_1="disagree")
    respond(engine, survey, definition, 4, respondent_type="councillor")
    with session_scope(engine) as session:
        data = summary_json(summarise_survey(session, "draft-priorities", scope=SAMPLETON))
    by_type = data["questions"][0]["by_group"]["respondent_type"]
    assert by_type["resident"]["n"] == 25 and by_type["resident"]["small_base"] is True
    assert by_type["councillor"] == {"suppressed": True, "reason": "[c] fewer than 10 responses"}
    # else 41 - 25 - 12 would reveal the councillors
    assert by_type["business"] == {"suppressed": True, "reason": "[c] to protect another cell"}


def test_agreement_is_weighted_to_neighbourhood_populations(sampleton):
    engine, survey, definition = sampleton
    respond(
        engine, survey, definition, 30, neighbourhood="Heathfield & Priory Park", priority_1="agree"
    )
    respond(engine, survey, definition, 10, neighbourhood="Hillcrest", priority_1="disagree")
    with session_scope(engine) as session:
        summary = summarise_survey(session, "draft-priorities", scope=SAMPLETON)
        from engagement.areas.lookup import look_up_area

        heathfield = look_up_area(session, "Heathfield & Priory Park").profile.population
        hillcrest = look_up_area(session, "E02900011").profile.population
    first = summary.questions[0]
    assert first.agreement.agree_pct == 75.0
    assert first.weighted_agree_pct == pytest.approx(100 * heathfield / (heathfield + hillcrest))


def test_who_was_heard_flags_target_areas_under_half_the_borough_rate(sampleton, monkeypatch):
    engine, survey, definition = sampleton
    respond(engine, survey, definition, 80, neighbourhood="Hillcrest")
    respond(engine, survey, definition, 2, neighbourhood="Heathfield target area")
    with session_scope(engine) as session:
        data = summary_json(summarise_survey(session, "draft-priorities", scope=SAMPLETON))
    rows = {r["area_name"]: r for r in data["representation"]}
    target = rows["Heathfield target area"]
    assert target["target_area"] and target["under_heard"]
    assert target["responses"] is None and target["per_1000"] is None  # 2 responses: suppressed
    assert rows["Hillcrest"]["responses"] == 80
    assert rows["Hillcrest"]["per_1000"] == round(1000 * 80 / rows["Hillcrest"]["population"], 2)
    assert rows["Mill Cross"]["responses"] == 0  # a neighbourhood nobody answered from is listed
    assert rows["Heathfield target area"]["imd_decile"] == math.ceil(
        _avg_rank(engine, "sampleton-heathfield") * 10 / 480
    )
    deciles = {d["imd_decile"] for d in data["representation_by_decile"]}
    assert deciles and deciles <= set(range(1, 11))


def _avg_rank(engine, code):
    from engagement.areas.lookup import get_area_profile

    with session_scope(engine) as session:
        return get_area_profile(session, code).measure("imd").avg_rank
