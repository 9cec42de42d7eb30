"""Resolving what an officer types to an area, against all of England."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from engagement.areas.custom import load_custom_areas
from engagement.areas.lookup import look_up_area
from engagement.errors import ImportProblem
from storage import session_scope
from storage.db import make_engine

NORWICH = ("E07000148",)
EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "areas.yml"


@pytest.fixture(scope="module")
def england(england_url):
    engine = make_engine(england_url)
    yield lambda query, scope=(): _look_up(engine, query, scope)
    engine.dispose()


def _look_up(engine, query, scope):
    with session_scope(engine) as session:
        return look_up_area(session, query, scope=scope)


@pytest.fixture(scope="module")
def msoa_names(official) -> pd.DataFrame:
    return pd.read_csv(official["msoa_names"], encoding="utf-8-sig")


def test_an_exact_code_finds_that_area(england, msoa_names):
    heartsease = msoa_names[msoa_names["MSOA11HCLNM"] == "Heartsease & Pilling Park"].iloc[0]
    found = england(heartsease["MSOA11CD"].lower())
    assert found.status == "found"
    assert found.profile.area.name == "Heartsease & Pilling Park"
    assert found.profile.area.lad_name == "Norwich"


@pytest.mark.parametrize(
    "query",
    [
        "heartsease & pilling park",
        "HEARTSEASE AND PILLING PARK",
        "Heartsease, Pilling-Park",
        "Norwich 004",
    ],
)
def test_names_match_ignoring_case_and_punctuation(england, query):
    found = england(query)
    assert found.status == "found"
    assert found.profile.area.name == "Heartsease & Pilling Park"


@pytest.mark.parametrize("query", ["heartsease", "hartsease", "heartsease pilling", "Heartsese"])
def test_a_partial_or_misspelt_name_finds_the_area(england, query):
    found = england(query)
    assert found.status == "found"
    assert found.profile.area.name == "Heartsease & Pilling Park"


def test_an_msoa_and_a_ward_of_the_same_name_are_offered_as_choices(england):
    answer = england("mile cross", NORWICH)
    assert answer.status == "choose"
    assert {(c.kind, c.name, c.lad_name) for c in answer.choices} == {
        ("msoa", "Mile Cross", "Norwich"),
        ("ward", "Mile Cross", "Norwich"),
    }


def test_a_common_name_across_england_asks_which(england, official):
    wards = pd.read_csv(official["wards"], encoding="utf-8-sig")
    councils_with_castle = wards[
        (wards["WD19NM"] == "Castle") & wards["LSOA11CD"].str.startswith("E")
    ]["LAD19CD"].nunique()
    answer = england("castle")
    assert councils_with_castle > 1
    assert answer.status == "choose"
    assert 1 < len(answer.choices) <= 5
    assert all(c.name == "Castle" for c in answer.choices)


def test_scope_limits_name_search_to_the_councils_patch_but_codes_always_work(england, msoa_names):
    assert england("castle", NORWICH).status == "not_found"
    elsewhere = msoa_names[msoa_names["LAD_NAME"] == "Rotherham"].iloc[0]
    assert england(elsewhere["MSOA11HCLNM"], NORWICH).status in ("not_found", "found")
    found = england(elsewhere["MSOA11CD"], NORWICH)
    assert found.status == "found" and found.profile.area.lad_name == "Rotherham"


def test_nothing_close_says_so_and_suggests(england):
    answer = england("north earlham", NORWICH)
    assert answer.status == "not_found"
    assert "Earlham" in [s.name for s in answer.suggestions]
    assert england("zzqxv").status == "not_found"


def test_an_empty_query_asks_for_one(england):
    assert england("   ").status == "empty"


def test_no_data_before_any_import(engine):
    with session_scope(engine) as session:
        assert look_up_area(session, "heartsease").status == "no_data"


def test_custom_areas_are_found_by_name_and_alias_with_their_own_profile(england_copy_url):
    engine = make_engine(england_copy_url)
    with session_scope(engine) as session:
        assert load_custom_areas(session, EXAMPLES)[0] == "norwich-heartsease"
    found = _look_up(engine, "Pilling Park", NORWICH)
    assert found.status == "found"
    assert found.profile.area.kind == "custom"
    assert found.profile.area.name == "Heartsease target area"
    msoa = _look_up(engine, "Heartsease & Pilling Park", NORWICH).profile
    assert found.profile.population == msoa.population
    assert found.profile.measures == msoa.measures
    assert [c.area.name for c in found.profile.comparators] == ["Norwich", "England"]
    engine.dispose()


def test_a_custom_area_file_with_a_bad_member_is_refused_whole(england_copy_url, tmp_path):
    engine = make_engine(england_copy_url)
    bad = tmp_path / "areas.yml"
    text = EXAMPLES.read_text().replace("members: [E05012907]", "members: [E05999999]")
    bad.write_text(text)
    line = 1 + text.splitlines().index("    members: [E05999999]")
    with pytest.raises(
        ImportProblem,
        match=rf"areas.yml, line {line}, field 'members': E05999999 is not an area",
    ):
        with session_scope(engine) as session:
            load_custom_areas(session, bad)
    assert _look_up(engine, "Heartsease target area", ()).status != "found"
    engine.dispose()


def test_a_common_name_says_how_many_areas_match_beyond_those_offered(
    england, official, msoa_names
):
    # Every English ward and MSOA named exactly "Castle" matches; only the closest five are offered.
    wards = pd.read_csv(official["wards"], encoding="utf-8-sig")
    castle_wards = wards[(wards["WD19NM"] == "Castle") & wards["LSOA11CD"].str.startswith("E")]
    castle_msoas = msoa_names[msoa_names["MSOA11HCLNM"] == "Castle"]
    expected = castle_wards["WD19CD"].nunique() + castle_msoas["MSOA11CD"].nunique()
    answer = england("castle")
    assert expected > 5
    assert answer.total == expected
    assert len(answer.choices) == 5
