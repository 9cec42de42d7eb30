"""Every English LSOA straight from the official files, read with pandas for tests that compute
expected figures independently of the product's code."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

# File 2's names for the overall index and the seven domains, by the product's domain keys; each
# heads its columns, e.g. "Income Rank (where 1 is most deprived)".
FILE_2_DOMAINS = {
    "imd": "Index of Multiple Deprivation (IMD)",
    "income": "Income",
    "employment": "Employment",
    "education": "Education, Skills and Training",
    "health": "Health Deprivation and Disability",
    "crime": "Crime",
    "barriers": "Barriers to Housing and Services",
    "living_environment": "Living Environment",
}


def read_official_lsoas(official: dict[str, Path]) -> pd.DataFrame:
    """Return one row per LSOA: File 2's ranks and deciles (their published headers), and lsoa,
    name, lad, population (File 6, mid-2015 excluding prisoners) and its 2019 ward."""
    domains = pd.read_csv(official["domains"], encoding="utf-8-sig")
    population = pd.read_csv(official["population"], encoding="utf-8-sig", thousands=",")
    wards = pd.read_csv(official["wards"], encoding="utf-8-sig", usecols=["LSOA11CD", "WD19CD"])
    frame = domains.merge(
        population[["LSOA code (2011)", "Total population: mid 2015 (excluding prisoners)"]],
        on="LSOA code (2011)",
    ).merge(wards, left_on="LSOA code (2011)", right_on="LSOA11CD", how="left")
    return frame.rename(
        columns={
            "LSOA code (2011)": "lsoa",
            "LSOA name (2011)": "name",
            "Local Authority District code (2019)": "lad",
            "Total population: mid 2015 (excluding prisoners)": "population",
            "WD19CD": "ward",
        }
    )
