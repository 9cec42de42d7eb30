"""The edition to show: the latest by default, the one asked for by its year, and a plain answer
naming those loaded when the year asked for is not one of them."""

from __future__ import annotations

import pytest

from engagement.area_report import area_report, area_report_for_code
from engagement.areas.edition_profiles import area_profile_in
from engagement.areas.editions import (
    UnknownEdition,
    choose_edition,
    latest_edition_id,
    split_edition_word,
)
from storage import session_scope
from storage.db import make_engine
from tests.engagement.areas.edition_files import LSOAS_2019, LSOAS_2025, MSOA, load_two_editions

LONDON = "Europe/London"


@pytest.fixture
def two_editions(db_url, tmp_path):
    """An engine on each database with IoD2019 and IoD2025 for Norwich 004 and the lookup."""
    load_two_editions(db_url, tmp_path)
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def weighted_rank(rows) -> float:
    """Return the population-weighted average IMD rank of (code, name, rank, decile, people)."""
    return sum(r[2] * r[4] for r in rows) / sum(r[4] for r in rows)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("heartsease 2019", ("heartsease", 2019)),
        ("Heartsease IoD2025", ("Heartsease", 2025)),
        ("heartsease", ("heartsease", None)),
        ("2019", ("2019", None)),  # a year alone is a query, not an edition
        ("E01026701", ("E01026701", None)),
    ],
)
def test_a_trailing_year_word_names_the_edition(text, expected):
    assert split_edition_word(text) == expected


def test_the_latest_edition_is_shown_unless_another_is_asked_for(two_editions):
    with session_scope(two_editions) as session:
        latest = choose_edition(session)
        older = choose_edition(session, "2019")
        by_key = choose_edition(session, "IoD2019")
        assert latest_edition_id(session) == latest.shown.id
        with pytest.raises(UnknownEdition) as unknown:
            choose_edition(session, "2015")
    assert latest.shown.title == "English Indices of Deprivation 2025" and latest.latest
    assert [e.key for e in latest.others] == ["IoD2019"]
    assert older.shown.key == by_key.shown.key == "IoD2019" and not older.latest
    assert older.asked_for == 2019 and latest.asked_for is None
    assert str(unknown.value) == (
        "There is no 2015 edition loaded. Loaded: English Indices of Deprivation 2025 (latest) "
        "and English Indices of Deprivation 2019."
    )


def test_area_report_shows_the_edition_asked_for(two_editions):
    with session_scope(two_editions) as session:
        latest = area_report(session, "heartsease", timezone=LONDON)
        older = area_report(session, "heartsease 2019", timezone=LONDON)
        unknown = area_report(session, "heartsease 2015", timezone=LONDON)
        by_code = area_report_for_code(session, MSOA, timezone=LONDON, edition="2019")
        # A 2011 LSOA that was split has no 2025 figures, but its 2019 page still works.
        split_2011 = area_profile_in(session, "E01026702", 2019)
        gone = area_report_for_code(session, "E01026702", timezone=LONDON)
    assert latest.profile.edition.title == "English Indices of Deprivation 2025"
    assert latest.profile.measure("imd").avg_rank == pytest.approx(weighted_rank(LSOAS_2025))
    assert older.profile.edition.title == "English Indices of Deprivation 2019"
    assert older.profile.measure("imd").avg_rank == pytest.approx(weighted_rank(LSOAS_2019))
    assert older.profile.population == sum(r[4] for r in LSOAS_2019)
    assert older.editions.shown.key == "IoD2019"
    assert by_code.profile.edition.key == "IoD2019"
    assert unknown.profile is None and "English Indices of Deprivation 2019" in (
        unknown.edition_problem
    )
    assert split_2011.measure("imd").avg_rank == 3000
    assert gone.profile is None
    # Both views carry the change since 2019.
    assert latest.change is not None and older.change is not None


def test_one_edition_loaded_offers_no_other(england_url):
    engine = make_engine(england_url)
    with session_scope(engine) as session:
        choice = choose_edition(session)
        report = area_report(session, "heartsease", timezone=LONDON)
    engine.dispose()
    assert choice.shown.key == "IoD2019" and choice.others == ()
    assert report.change is None


def test_an_edition_is_described_as_the_look_up_describes_it(england_url):
    from engagement.areas.editions import loaded_editions
    from engagement.areas.lookup import get_area_profile

    engine = make_engine(england_url)
    with session_scope(engine) as session:
        [only] = loaded_editions(session)
        assert get_area_profile(session, MSOA).edition == only.info
    engine.dispose()
