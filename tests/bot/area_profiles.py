"""Hand-made area profiles for Block Kit tests: an MSOA beside its council and England."""

from __future__ import annotations

import json
import math

from engagement.model import DOMAINS, AreaProfile, AreaSummary, DomainMeasures, EditionInfo

BASE = "https://fairer.example.org"
OFFICIAL = EditionInfo(
    "IoD2019",
    "English Indices of Deprivation 2019",
    False,
    32844,
    "English Indices of Deprivation 2019, MHCLG, OGL v3.0",
)
SAMPLE = EditionInfo(
    "sample", "Sample data", True, 480, "Sample borough generated for demonstrations"
)


def measures(avg_rank: float, share: float) -> tuple[DomainMeasures, ...]:
    return tuple(
        DomainMeasures(
            key, label, avg_rank + i, share, share * 1.5, share * 0.9, share * 1.4, share * 1.1
        )
        for i, (key, label) in enumerate(DOMAINS)
    )


def make_profile(
    *,
    name="Heartsease & Pilling Park",
    kind="msoa",
    lad="Norwich",
    edition=OFFICIAL,
    population=7812,
    lsoa_count=5,
    code="E02005587",
) -> AreaProfile:
    lad_profile = AreaProfile(
        AreaSummary("E07000148", lad, "lad"),
        None,
        None,
        141137,
        83,
        measures(11236.2, 0.19),
        edition,
    )
    england = AreaProfile(
        AreaSummary("E92000001", "England", "england"),
        None,
        None,
        54786327,
        32844,
        measures(16422.4, 0.1),
        edition,
    )
    return AreaProfile(
        AreaSummary(code, name, kind, lad),
        "Norwich 004",
        "E07000148",
        population,
        lsoa_count,
        measures(3456.4, 0.6),
        edition,
        (lad_profile, england),
    )


def all_text(message: dict) -> str:
    return json.dumps(message, ensure_ascii=False)


def half_up_percent(share: float) -> str:
    """Return a share as a whole percentage rounded half up, as every channel shows it."""
    return f"{math.floor(share * 100 + 0.5 + 1e-9)}%"


def half_up_rank(rank: float) -> str:
    """Return a rank rounded half up to a whole number, with separators."""
    return f"{math.floor(rank + 0.5 + 1e-9):,}"
