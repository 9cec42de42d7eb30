"""Fetch an edition's files from their publishers with requests (used by
`fairer import-iod --download`).

IoD2025: MHCLG's File 7 (every rank, decile and population denominator, CSV), the ONS LSOA (2021)
to electoral ward (2024) to LAD (2024) best-fit lookup, read page by page from the Open Geography
portal's feature service, and the House of Commons Library MSOA (2021) names. IoD2019: File 2 and
File 6 (xlsx), the ONS LSOA (2011) to ward (2019) lookup and the MSOA (2011) names.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests

from engagement.errors import ImportProblem

_ONS_SERVICES = "https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services"
# The publishers' addresses, by edition. Each can be overridden should a publisher move a file:
# IoD2019's with FAIRER_URL_<KIND> (e.g. FAIRER_URL_WARDS), IoD2025's with FAIRER_URL_IOD2025_<KIND>
# (e.g. FAIRER_URL_IOD2025_ALL for File 7).
SOURCES_2019 = {
    "domains": "https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/file/833973/File_2_-_IoD2019_Domains_of_Deprivation.xlsx",
    "population": "https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/file/833995/File_6_-_IoD2019_Population_Denominators.xlsx",
    "wards": "https://opendata.arcgis.com/api/v3/datasets/cbf3896924a74e58ac96b7ec66a34071_0/downloads/data?format=csv&spatialRefId=4326",
    "msoa_names": "https://houseofcommonslibrary.github.io/msoanames/MSOA-Names-1.20.csv",
}
SOURCES_2025 = {
    "all": "https://assets.publishing.service.gov.uk/media/691ded56d140bbbaa59a2a7d/File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators.csv",
    "wards": f"{_ONS_SERVICES}/LSOA21_WD24_LAD24_EW_LU/FeatureServer/0/query"
    "?where=1%3D1&outFields=*&returnGeometry=false&f=json",
    "msoa_names": "https://houseofcommonslibrary.github.io/msoanames/MSOA-Names-2.2.csv",
}
SOURCES = SOURCES_2019  # kept for callers written before IoD2025
EDITIONS = {"2019": SOURCES_2019, "2025": SOURCES_2025}
LATEST = "2025"
_SUFFIX = {"domains": ".xlsx", "population": ".xlsx"}
_NAMES = {"all": "File 7"}
# Rows asked for in each page of an ONS feature service (its limit is 2,000).
PAGE_ROWS = 2000


def variable(edition: str, kind: str) -> str:
    """Return the environment variable that overrides the address of kind in edition."""
    prefix = "FAIRER_URL_" if edition == "2019" else f"FAIRER_URL_IOD{edition}_"
    return f"{prefix}{kind.upper()}"


def source_urls(edition: str = "2019") -> dict[str, str]:
    """Return {kind: url} to download for edition ("2019" or "2025"), with any overrides
    applied."""
    return {
        kind: os.environ.get(variable(edition, kind), url)
        for kind, url in EDITIONS[edition].items()
    }


def _is_feature_service(url: str) -> bool:
    return "/featureserver/" in url.lower() and urlsplit(url).path.lower().endswith("/query")


def _page_url(url: str, offset: int) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(resultOffset=str(offset), resultRecordCount=str(PAGE_ROWS))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _fetch_feature_service(url: str, target: Path, timeout: float) -> None:
    """Write every row of an ONS feature service query to target as CSV, headers as published
    (LSOA21CD, WD24CD, …), asking for one page after another until the service has no more."""
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = None
        offset = 0
        while True:
            response = requests.get(_page_url(url, offset), timeout=timeout)
            response.raise_for_status()
            page = response.json()
            if "error" in page:
                raise requests.RequestException(page["error"].get("message", "an error"))
            rows = [feature.get("attributes", {}) for feature in page.get("features", [])]
            if writer is None:
                names = [f["name"] for f in page.get("fields", [])] or list(rows[0] if rows else [])
                writer = csv.DictWriter(handle, fieldnames=names, extrasaction="ignore")
                writer.writeheader()
            writer.writerows(rows)
            offset += len(rows)
            if not rows or not page.get("exceededTransferLimit"):
                return


def _fetch(url: str, target: Path, timeout: float) -> None:
    with requests.get(url, stream=True, timeout=timeout) as response:
        response.raise_for_status()
        with target.open("wb") as handle:
            for chunk in response.iter_content(chunk_size=1 << 16):
                handle.write(chunk)


def download_edition(
    folder: Path, edition: str = LATEST, *, timeout: float = 60.0
) -> dict[str, Path]:
    """Download every file of edition ("2019" or "2025") into folder; return {kind: path}.
    Raises ImportProblem on failure, leaving no partial file."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for kind, url in source_urls(edition).items():
        target = folder / f"iod{edition}-{kind}{_SUFFIX.get(kind, '.csv')}"
        partial = target.with_suffix(target.suffix + ".part")
        try:
            if _is_feature_service(url):
                _fetch_feature_service(url, partial, timeout)
            else:
                _fetch(url, partial, timeout)
        except (requests.RequestException, ValueError, KeyError) as err:
            partial.unlink(missing_ok=True)
            raise ImportProblem(
                f"Could not download {_NAMES.get(kind, kind.replace('_', ' '))} from {url}: {err}."
            ) from None
        partial.replace(target)
        files[kind] = target
    return files


def download_iod2019(folder: Path, *, timeout: float = 60.0) -> dict[str, Path]:
    """Download every IoD2019 file into folder; return {kind: path}.
    Raises ImportProblem on failure."""
    return download_edition(folder, "2019", timeout=timeout)
