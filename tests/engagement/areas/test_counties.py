"""Two-tier counties as areas of their own, from the ONS Local Authority District to County lookup.

The lookup written here holds Warwickshire's five districts, as ONS publishes them in "Local
Authority District to County (April 2023) Lookup in England" (Open Geography portal):
North Warwickshire E07000218, Nuneaton and Bedworth E07000219, Rugby E07000220, Stratford-on-Avon
E07000221 and Warwick E07000222, all in Warwickshire E10000031.

Expected figures come from the official IoD2019 files: a county's population is the sum of its
LSOAs' File 6 populations, and its average rank is the population-weighted mean of its LSOAs'
File 2 ranks (IoD2019 Technical Report, Appendix N).
"""

from __future__ import annotations

import shutil
from fractions import Fraction

import pandas as pd
import pytest

from engagement.areas.custom import load_custom_areas
from engagement.areas.iod_import import import_iod_files
from engagement.areas.lookup import get_area_profile, look_up_area
from storage import session_scope
from storage.db import make_engine
from tests.block_kit import block_kit_problems
from tests.slack_helpers import SlackClient

WARWICKSHIRE = ("E10000031", "Warwickshire")
DISTRICTS = {
    "E07000218": "North Warwickshire",
    "E07000219": "Nuneaton and Bedworth",
    "E07000220": "Rugby",
    "E07000221": "Stratford-on-Avon",
    "E07000222": "Warwick",
}
IMD_RANK = "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)"


@pytest.fixture(scope="module")
def county_lookup(tmp_path_factory):
    path = tmp_path_factory.mktemp("counties") / "LAD23_CTY23_EN_LU.csv"
    pd.DataFrame(
        {
            "LAD23CD": list(DISTRICTS),
            "LAD23NM": list(DISTRICTS.values()),
            "CTY23CD": [WARWICKSHIRE[0]] * len(DISTRICTS),
            "CTY23NM": [WARWICKSHIRE[1]] * len(DISTRICTS),
        }
    ).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def county_url(tmp_path_factory, sqlite_template, official, county_lookup):
    """All of England from the official files, with the county lookup."""
    path = tmp_path_factory.mktemp("england-counties") / "england.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with session_scope(engine) as session:
        report = import_iod_files(session, [*official.values(), county_lookup])
    engine.dispose()
    assert report.counts["counties"] == 1
    return url


@pytest.fixture(scope="module")
def engine(county_url):
    engine = make_engine(county_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def warwickshire_lsoas(official) -> pd.DataFrame:
    domains = pd.read_csv(official["domains"], encoding="utf-8-sig")
    population = pd.read_csv(official["population"], encoding="utf-8-sig", thousands=",")
    pop_column = next(c for c in population.columns if c.startswith("Total population"))
    frame = domains.merge(
        population[["LSOA code (2011)", pop_column]], on="LSOA code (2011)", validate="1:1"
    )
    frame = frame.rename(columns={pop_column: "population"})
    return frame[frame["Local Authority District code (2019)"].isin(DISTRICTS)]


@pytest.fixture
def load_areas(county_url, tmp_path):
    """Load custom areas written as YAML into a private copy of the county database; return
    its engine."""
    engines = []

    def load(yaml_text: str):
        path = tmp_path / f"copy{len(engines)}.db"
        shutil.copy(county_url.removeprefix("sqlite:///"), path)
        engine = make_engine(f"sqlite:///{path}")
        engines.append(engine)
        areas = tmp_path / "areas.yml"
        areas.write_text(yaml_text, encoding="utf-8")
        with session_scope(engine) as session:
            load_custom_areas(session, areas)
        return engine

    yield load
    for engine in engines:
        engine.dispose()


def test_a_county_is_an_area_made_of_its_districts_lsoas(engine, warwickshire_lsoas):
    with session_scope(engine) as session:
        profile = get_area_profile(session, WARWICKSHIRE[0])
    assert profile is not None
    assert (profile.area.name, profile.area.kind_label) == ("Warwickshire", "County council area")
    assert profile.population == int(warwickshire_lsoas["population"].sum())
    assert profile.lsoa_count == len(warwickshire_lsoas)
    weighted = Fraction(
        int((warwickshire_lsoas[IMD_RANK] * warwickshire_lsoas["population"]).sum()),
        int(warwickshire_lsoas["population"].sum()),
    )
    assert profile.measure("imd").avg_rank == pytest.approx(float(weighted), abs=1e-9)


def test_area_warwickshire_finds_the_county_not_north_warwickshire(engine):
    with session_scope(engine) as session:
        found = look_up_area(session, "warwickshire")
    assert found.status == "found"
    assert found.profile.area.code == WARWICKSHIRE[0]


def test_a_district_compares_with_its_county_and_england(engine):
    with session_scope(engine) as session:
        rugby = get_area_profile(session, "E07000220")
    assert [c.area.name for c in rugby.comparators] == ["Warwickshire", "England"]


def test_signed_area_command_shows_the_county(app_factory, county_url):
    slack = SlackClient(app_factory(county_url).test_client())
    message = slack.command("/area", "warwickshire").get_json()
    assert block_kit_problems(message) == []
    assert message["blocks"][0]["text"]["text"] == "Warwickshire"
    assert message["text"].startswith("Warwickshire (county")


def test_a_custom_area_of_districts_holds_their_lsoas(load_areas, warwickshire_lsoas):
    engine = load_areas(
        "areas:\n"
        "  - code: rugby-and-warwick\n"
        "    name: Rugby and Warwick\n"
        "    members: [E07000220, E07000222]\n"
    )
    with session_scope(engine) as session:
        profile = get_area_profile(session, "rugby-and-warwick")
    both = warwickshire_lsoas[
        warwickshire_lsoas["Local Authority District code (2019)"].isin(["E07000220", "E07000222"])
    ]
    assert profile.lsoa_count == len(both)
    assert profile.population == int(both["population"].sum())


def test_without_the_county_lookup_warwickshire_is_north_warwickshire_as_before(england_url):
    engine = make_engine(england_url)
    with session_scope(engine) as session:
        found = look_up_area(session, "warwickshire")
        county = get_area_profile(session, WARWICKSHIRE[0])
        rugby = get_area_profile(session, "E07000220")
    engine.dispose()
    assert found.status == "found" and found.profile.area.name == "North Warwickshire"
    assert county is None
    assert [c.area.name for c in rugby.comparators] == ["England"]


def test_import_iod_takes_the_county_lookup_by_option_or_from_the_folder(
    db_url, monkeypatch, official, tmp_path
):
    """Norwich E07000148 is a district of Norfolk E10000020 (the same ONS lookup)."""
    from click.testing import CliRunner

    from bot.cli.main import main
    from tests.engagement.official_subset import write_subset

    monkeypatch.setenv("DATABASE_URL", db_url)
    files = write_subset(official, tmp_path / "data", lad_codes=("E07000148", "E07000220"))
    lookup = tmp_path / "data" / "lookup.csv"
    pd.DataFrame(
        {
            "LAD22CD": ["E07000148", "E07000220"],
            "LAD22NM": ["Norwich", "Rugby"],
            "CTY22CD": ["E10000020", WARWICKSHIRE[0]],
            "CTY22NM": ["Norfolk", WARWICKSHIRE[1]],
        }
    ).to_csv(lookup, index=False)
    named = ["--domains", str(files["domains"]), "--population", str(files["population"])]
    for args in ([*named, "--counties", str(lookup)], ["--dir", str(tmp_path / "data")]):
        result = CliRunner().invoke(
            main, ["import-iod", *args, "--no-progress"], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        assert "2 local authorities, 2 counties" in result.output
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        norfolk = get_area_profile(session, "E10000020")
        norwich = get_area_profile(session, "E07000148")
    engine.dispose()
    assert norfolk.area.kind_label == "County council area"
    assert norfolk.population == norwich.population
    assert [c.area.name for c in norwich.comparators] == ["Norfolk"]


def test_a_custom_area_may_be_a_county_and_say_what_kind_of_area_it_is(
    load_areas, warwickshire_lsoas
):
    engine = load_areas(
        "areas:\n"
        "  - code: warwickshire-partnership\n"
        "    name: Warwickshire partnership area\n"
        "    type: Health and wellbeing partnership\n"
        "    members: [E10000031]\n"
    )
    with session_scope(engine) as session:
        profile = get_area_profile(session, "warwickshire-partnership")
        found = look_up_area(session, "warwickshire partnership")
    assert profile.lsoa_count == len(warwickshire_lsoas)
    assert profile.population == int(warwickshire_lsoas["population"].sum())
    assert profile.area.kind_label == "Health and wellbeing partnership"
    assert found.profile.area.kind_label == "Health and wellbeing partnership"


def test_a_type_longer_than_a_label_is_refused_naming_the_field(load_areas):
    from engagement.errors import ImportProblem

    with pytest.raises(ImportProblem) as refused:
        load_areas(
            "areas:\n"
            "  - code: rugby-east\n"
            "    name: Rugby east\n"
            f"    type: {'Very long type ' * 6}\n"
            "    members: [E07000220]\n"
        )
    assert "type" in str(refused.value) and "60 characters" in str(refused.value)
