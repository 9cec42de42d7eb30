"""The evidence beside an impact assessment, on Norwich's official IoD2019 figures (SQLite and
PostgreSQL): its areas' deciles and most deprived domains worked out here from File 2 and File 6,
what residents said withheld as published results are, who was and was not heard, and a decision
with no areas."""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from flask import render_template

from engagement.areas.custom import load_custom_areas
from engagement.assessments.evidence import assessment_evidence
from engagement.assessments.store import start_assessment
from engagement.surveys.store import find_survey, load_survey
from storage import session_scope
from storage.pb_models import PbRound
from tests.engagement.action_factories import create_action
from tests.engagement.assets.fixtures import database_url, norwich_database
from tests.engagement.official_subset import NORWICH
from tests.engagement.survey_factories import EXAMPLE, create_response
from tests.engagement.surveys.norwich_survey import BOWTHORPE, HEARTSEASE, MILE_CROSS, lsoas_of
from tests.official_lsoas import FILE_2_DOMAINS, read_official_lsoas

TODAY = date(2027, 1, 15)  # the example survey is open from November 2026 to March 2027
SCOPE = (NORWICH,)
ENGLAND_LSOAS = 32844
FOOD = "We rely on the food bank every week"
DAMP = "Damp in the flat again"  # Housing: raised by 5 people, so never counted in the open
HEARTSEASE_DAMP = 5
HEARTSEASE_RESPONSES = 41
BOWTHORPE_RESPONSES = 3
FEWER = "[c] fewer than 10 responses"


@pytest.fixture
def norwich(db_url, official, tmp_path):
    """Norwich's official figures; the example survey answered by 41 people in Heartsease (5 of
    them about damp, the rest about the food bank) and 3 in Bowthorpe; a target area joining
    the two; actions in Heartsease, its most deprived LSOA, Bowthorpe, the target area."""
    engine = norwich_database(db_url, official, tmp_path, boundaries=False)
    areas = tmp_path / "areas.yml"
    areas.write_text(
        "areas:\n  - code: norwich-west-east\n    name: Heartsease and Bowthorpe\n"
        f"    local_authority: {NORWICH}\n    members: [{HEARTSEASE}, {BOWTHORPE}]\n"
    )
    lsoa = _most_deprived_lsoa(official, HEARTSEASE)
    with session_scope(engine) as session:
        load_custom_areas(session, areas)
        load_survey(session, EXAMPLE)
        survey, definition = find_survey(session, "draft-priorities")
        for i in range(HEARTSEASE_RESPONSES):
            comment = DAMP if i < HEARTSEASE_DAMP else FOOD
            agree = "agree" if i % 4 else "disagree"
            create_response(
                session,
                survey=survey,
                definition=definition,
                priority_1=agree,
                neighbourhood=HEARTSEASE,
                comments=comment,
            )
        for _ in range(BOWTHORPE_RESPONSES):
            create_response(
                session,
                survey=survey,
                definition=definition,
                neighbourhood=BOWTHORPE,
                comments=FOOD,
            )
        for reference, area in (
            ("HS-01", (HEARTSEASE, "Heartsease & Pilling Park")),
            ("LS-01", (lsoa, "Heartsease LSOA")),
            ("BW-01", (BOWTHORPE, "Bowthorpe & West Earlham")),
            ("WE-01", ("norwich-west-east", "Heartsease and Bowthorpe")),
        ):
            create_action(
                session,
                reference=reference,
                title="Holiday hunger club with the foodbank",
                theme="Food and fuel poverty",
                areas=(area,),
            )
    yield engine
    engine.dispose()


def _evidence(engine, kind: str, subject: str):
    with session_scope(engine) as session:
        assessment = start_assessment(session, kind=kind, subject=subject, user="U0TEST0001")
        return assessment_evidence(session, assessment, scope=SCOPE, today=TODAY)


# --- expected figures, from the official files -------------------------------------------------


def _rank_column(key: str) -> str:
    return f"{FILE_2_DOMAINS[key]} Rank (where 1 is most deprived)"


def _most_deprived_lsoa(official, msoa: str) -> str:
    lsoas = read_official_lsoas(official)
    mine = lsoas[lsoas["lsoa"].isin(lsoas_of(official, msoa))]
    return mine.sort_values(_rank_column("imd"))["lsoa"].iloc[0]


def _average_ranks(official, lsoa_codes: list[str]) -> dict[str, Fraction]:
    """Each domain's population-weighted average rank over the LSOAs (File 2 ranks, File 6)."""
    lsoas = read_official_lsoas(official)
    mine = lsoas[lsoas["lsoa"].isin(lsoa_codes)]
    population = [int(p) for p in mine["population"]]
    return {
        key: Fraction(
            sum(int(r) * p for r, p in zip(mine[_rank_column(key)], population, strict=True)),
            sum(population),
        )
        for key in FILE_2_DOMAINS
    }


def _decile(rank: Fraction) -> int:
    """File 2's rule for a decile: ceil(10 x rank / 32,844)."""
    return math.ceil(rank * 10 / ENGLAND_LSOAS)


def _most_deprived_domains(ranks: dict[str, Fraction]) -> list[str]:
    """The area profile's definition: the two domains with the lowest average rank, and a third
    when it is in England's most deprived 30% (deciles 1 to 3)."""
    domains = sorted((k for k in FILE_2_DOMAINS if k != "imd"), key=lambda k: ranks[k])
    chosen = domains[:2] + ([domains[2]] if _decile(ranks[domains[2]]) <= 3 else [])
    return [FILE_2_DOMAINS[k] for k in chosen]


def _rank_words(rank: Fraction) -> str:
    whole = (Decimal(rank.numerator) / Decimal(rank.denominator)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )
    return f"{int(whole):,}"


# --- the areas ---------------------------------------------------------------------------------


def test_an_action_in_a_norwich_neighbourhood_shows_its_decile_and_most_deprived_domains(
    norwich, official
):
    ranks = _average_ranks(official, lsoas_of(official, HEARTSEASE))

    evidence = _evidence(norwich, "action", "HS-01")

    (area,) = evidence.areas
    assert area.code == HEARTSEASE
    assert area.name == "Heartsease & Pilling Park"
    assert area.imd_decile == _decile(ranks["imd"])
    assert area.imd_words == (
        f"IMD decile {_decile(ranks['imd'])} on average "
        f"(average rank {_rank_words(ranks['imd'])} of 32,844)"
    )
    assert [d.label for d in area.domains] == _most_deprived_domains(ranks)
    first = area.domains[0]
    assert first.words.startswith(f"average rank {_rank_words(ranks[_key(first.label)])}; ")


def _key(label: str) -> str:
    return next(k for k, v in FILE_2_DOMAINS.items() if v == label)


def test_an_action_in_one_lsoa_shows_its_published_deciles(norwich, official):
    lsoa = _most_deprived_lsoa(official, HEARTSEASE)
    row = read_official_lsoas(official).set_index("lsoa").loc[lsoa]
    published = int(
        row["Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)"]
    )

    (area,) = _evidence(norwich, "action", "LS-01").areas

    assert area.imd_decile == published
    rank = int(row[_rank_column("imd")])
    assert area.imd_words == f"IMD decile {published} (rank {rank:,} of 32,844)"
    ranks = {k: Fraction(int(row[_rank_column(k)])) for k in FILE_2_DOMAINS}
    assert [d.label for d in area.domains] == _most_deprived_domains(ranks)


def test_a_decision_has_no_areas_and_says_so(norwich):
    evidence = _evidence(norwich, "decision", "Closing the Mile Cross library")

    assert evidence.areas == ()
    assert evidence.surveys == ()
    assert "no areas" in evidence.no_areas


def test_a_pb_round_shows_its_area(norwich):
    with session_scope(norwich) as session:
        session.add(
            PbRound(
                slug="heartsease-fund",
                title="Heartsease community fund",
                area_code=HEARTSEASE,
                budget=10_000,
                opens_on=date(2027, 1, 1),
                closes_on=date(2027, 1, 31),
                rule="budget",
            )
        )
    evidence = _evidence(norwich, "pb_round", "heartsease-fund")

    assert [a.name for a in evidence.areas] == ["Heartsease & Pilling Park"]
    assert evidence.surveys[0].responses == f"{HEARTSEASE_RESPONSES} responses"


def test_a_survey_shows_the_areas_its_responses_came_from(norwich):
    evidence = _evidence(norwich, "survey", "draft-priorities")

    assert {a.code for a in evidence.areas} == {HEARTSEASE, BOWTHORPE}
    (survey,) = evidence.surveys
    assert survey.responses == f"{HEARTSEASE_RESPONSES + BOWTHORPE_RESPONSES} responses"


# --- what residents said, and who was heard ---------------------------------------------------


def test_a_theme_raised_by_enough_residents_is_shown_and_a_small_one_withheld(norwich):
    (survey,) = _evidence(norwich, "action", "HS-01").surveys

    assert survey.responses == f"{HEARTSEASE_RESPONSES} responses"
    themes = {t.name: t for t in survey.themes}
    food_comments = HEARTSEASE_RESPONSES - HEARTSEASE_DAMP
    assert themes["Food"].comments == f"{food_comments} comments"
    assert themes["Food"].related  # the action is about food poverty
    assert themes["Housing"].comments == FEWER
    assert not themes["Housing"].related
    assert survey.themes[0].related  # what the action is about comes first


def test_agreement_is_worded_as_published_with_its_interval_and_small_base(norwich):
    (survey,) = _evidence(norwich, "action", "HS-01").surveys

    prompt, words = survey.statements[0]
    assert prompt.startswith("Priority 1")
    # 41 gave a view; every fourth (i = 0, 4, … 40) disagreed: 11 disagree, 30 agree.
    agree, n = 30, 41
    assert words.startswith(f"{round(100 * agree / n)}% agreed, 95% CI ")
    assert words.endswith(f"from {n} respondents")  # 41 is not a small base (under 30)


def test_a_group_of_fewer_than_10_is_never_shown_as_a_number(norwich):
    (survey,) = _evidence(norwich, "action", "BW-01").surveys

    assert survey.responses == FEWER
    assert survey.statements == ()
    assert survey.themes == ()
    (bowthorpe,) = [line for line in survey.heard if line.code == BOWTHORPE]
    assert bowthorpe.responses == FEWER
    assert bowthorpe.per_1000 == ""
    assert f"Bowthorpe & West Earlham: {FEWER}" in survey.not_heard
    shown = re.compile(rf"\b{BOWTHORPE_RESPONSES} (responses|comments|respondents)\b")
    assert not any(shown.search(words) for words in _all_words(survey))


def test_a_count_that_would_give_back_a_small_group_is_withheld_too(norwich):
    (survey,) = _evidence(norwich, "action", "WE-01").surveys

    # The target area's 44 beside Heartsease's 41 would give back Bowthorpe's 3, so Heartsease's
    # count is withheld as well (as the Government Statistical Service does).
    heard = {line.code: line.responses for line in survey.heard}
    assert heard[BOWTHORPE] == FEWER
    assert heard[HEARTSEASE] == "[c] to protect another cell"
    assert survey.responses == f"{HEARTSEASE_RESPONSES + BOWTHORPE_RESPONSES} responses"
    assert not re.search(rf"\b{HEARTSEASE_RESPONSES}\b", " ".join(_all_words(survey)))
    assert f"Heartsease & Pilling Park: {heard[HEARTSEASE]}" not in survey.not_heard


def test_heartsease_alone_is_not_shown_beside_the_target_area_it_shares_with_bowthorpe(norwich):
    (survey,) = _evidence(norwich, "action", "HS-01").surveys

    heard = {line.code: line.responses for line in survey.heard}
    target = heard["norwich-west-east"]
    shown = [n for n in (heard[HEARTSEASE], target) if not n.startswith("[c]")]
    assert len(shown) < 2  # 44 - 41 would give back Bowthorpe's 3


def test_a_borough_wide_action_shows_the_borough_and_the_neighbourhoods_not_heard(norwich):
    with session_scope(norwich) as session:
        create_action(session, reference="BORO-01", theme="Understanding our areas", areas=())
    evidence = _evidence(norwich, "action", "BORO-01")

    assert evidence.borough_wide
    assert [a.code for a in evidence.areas] == [NORWICH]
    (survey,) = evidence.surveys
    not_heard = " ".join(survey.not_heard)
    assert "no responses" in not_heard
    mile_cross = next(line for line in survey.heard if line.code == MILE_CROSS)
    assert f"{mile_cross.name}: no responses" in survey.not_heard
    assert any(line.startswith("Across") for line in survey.representation)


def _all_words(survey) -> list[str]:
    words = [survey.responses, survey.themes_note, *survey.not_heard, *survey.representation]
    words += [w for _prompt, w in survey.statements]
    words += [t.comments for t in survey.themes]
    words += [f"{h.responses} {h.per_1000}" for h in (*survey.heard, *survey.deciles)]
    return words


# --- the partial, as the officer page includes it ----------------------------------------------


def test_the_partial_renders_the_evidence_with_links_to_the_area_pages(norwich, official):
    from bot.app import create_app

    ranks = _average_ranks(official, lsoas_of(official, HEARTSEASE))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "DATABASE_URL": database_url(norwich),
            "SLACK_SIGNING_SECRET": "test-signing-secret",
            "FAIRER_LOCAL_AUTHORITIES": NORWICH,
        }
    )
    with app.test_request_context():
        html = render_template(
            "officers/assessments/_evidence.html",
            evidence=_evidence(norwich, "action", "HS-01"),
        )
        small = render_template(
            "officers/assessments/_evidence.html",
            evidence=_evidence(norwich, "action", "BW-01"),
        )
        decision = render_template(
            "officers/assessments/_evidence.html",
            evidence=_evidence(norwich, "decision", "Closing the Mile Cross library"),
        )

    assert f'href="/areas/{HEARTSEASE}"' in html
    assert f"IMD decile {_decile(ranks['imd'])} on average" in html
    for label in _most_deprived_domains(ranks):
        assert f"<strong>{label}</strong>" in html
    assert "Food</strong> (what this is about)" in html
    assert "Not heard" in small
    assert f"Bowthorpe &amp; West Earlham: {FEWER}" in small
    assert "no areas" in decision
