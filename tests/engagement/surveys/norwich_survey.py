"""A survey answered in Norwich, on the official IoD2019 extract with the ONS boundaries of its
LSOAs, for the map of who was heard (engagement/surveys/response_map.py) and the results pages.

The names file gives one MSOA a hostile name and the survey a hostile title, as files from
outside might."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import yaml

from engagement.areas.boundaries import import_boundaries
from engagement.areas.custom import load_custom_areas
from engagement.areas.iod_import import import_iod_files
from engagement.surveys.store import find_survey, load_survey
from storage import session_scope
from storage.db import make_engine
from tests.engagement.areas.boundary_fixtures import NORWICH_BOUNDARIES
from tests.engagement.official_subset import NORWICH, write_subset
from tests.engagement.survey_factories import EXAMPLE, create_response
from tests.official_lsoas import read_official_lsoas

SLUG = "draft-priorities"
HEARTSEASE = "E02005587"  # Heartsease & Pilling Park, "Norwich 004"
BOWTHORPE = "E02005588"  # Bowthorpe & West Earlham, "Norwich 005"
CITY_CENTRE_WEST = "E02005590"  # "Norwich 007"
EARLHAM_ROAD = "E02005592"  # Earlham Road & College Road, "Norwich 009"
EATON = "E02005595"  # "Norwich 012", renamed below
MILE_CROSS = "E02005585"  # "Norwich 002"
LAKENHAM_WARD = "E05012905"  # the ward Lakenham, made a target area
HOSTILE_AREA = 'Eaton <script>alert("area")</script> & Co'
HOSTILE_TITLE = "Priorities <img src=x onerror=alert(1)> & “more”"
# Responses by MSOA: 41 and 3 as the examples, three more so the median is honest.
ANSWERS = {HEARTSEASE: 41, BOWTHORPE: 3, CITY_CENTRE_WEST: 25, EARLHAM_ROAD: 12, EATON: 60}


def build_norwich_survey(folder: Path, official: dict[str, Path], template: Path) -> str:
    """Return the URL of a new SQLite database in folder holding Norwich's official figures and
    boundaries, the target area "Lakenham target area" (the ward Lakenham) and the example survey
    (hostile title) with ANSWERS."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "norwich.db"
    shutil.copy(template, path)
    files = write_subset(official, folder / "iod")
    _rename_msoa(files["msoa_names"], EATON, HOSTILE_AREA)
    areas = folder / "areas.yml"
    areas.write_text(
        "areas:\n  - code: norwich-lakenham\n    name: Lakenham target area\n"
        f"    local_authority: {NORWICH}\n    members: [{LAKENHAM_WARD}]\n"
    )
    survey_file = folder / "survey.yml"
    definition = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    definition["title"] = HOSTILE_TITLE
    survey_file.write_text(yaml.safe_dump(definition, allow_unicode=True), encoding="utf-8")

    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with session_scope(engine) as session:
        import_iod_files(session, files)
        import_boundaries(session, NORWICH_BOUNDARIES)
        load_custom_areas(session, areas)
        load_survey(session, survey_file)
        survey, definition = find_survey(session, SLUG)
        for code, count in ANSWERS.items():
            for _ in range(count):
                create_response(session, survey=survey, definition=definition, neighbourhood=code)
    engine.dispose()
    return url


def _rename_msoa(path: Path, code: str, name: str) -> None:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        if row[0] == code:
            row[2] = name  # MSOA11HCLNM, the House of Commons Library's name
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def norwich_msoas(official: dict[str, Path]) -> pd.DataFrame:
    """Return Norwich's MSOAs from the official files: code, ONS name ("Norwich 004") and
    population (File 6, the sum over its LSOAs, whose names start with the MSOA's)."""
    names = pd.read_csv(official["msoa_names"], encoding="utf-8-sig")
    names = names[names["LAD_CODE"] == NORWICH]
    lsoas = read_official_lsoas(official)
    lsoas = lsoas[lsoas["lad"] == NORWICH]
    return pd.DataFrame(
        {
            "code": names["MSOA11CD"],
            "ons_name": names["MSOA11NM"],
            "population": [
                int(lsoas[lsoas["name"].str[:-1] == ons]["population"].sum())
                for ons in names["MSOA11NM"]
            ],
        }
    ).set_index("code")


def lsoas_of(official: dict[str, Path], msoa: str) -> list[str]:
    """Return the codes of an MSOA's LSOAs, by the ONS names ("Norwich 004A" in "Norwich 004")."""
    ons = norwich_msoas(official).loc[msoa, "ons_name"]
    lsoas = read_official_lsoas(official)
    return lsoas[lsoas["name"].str[:-1] == ons]["lsoa"].tolist()
