"""Fetch the IoD2019 files from their publishers with requests (used by
`fairer import-iod --download`)."""

from __future__ import annotations

import os
from pathlib import Path

import requests

from engagement.errors import ImportProblem

# The publishers' addresses; each can be overridden with FAIRER_URL_<KIND> (e.g. FAIRER_URL_WARDS)
# should a publisher move a file.
SOURCES = {
    "domains": "https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/file/833973/File_2_-_IoD2019_Domains_of_Deprivation.xlsx",
    "population": "https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/file/833995/File_6_-_IoD2019_Population_Denominators.xlsx",
    "wards": "https://opendata.arcgis.com/api/v3/datasets/cbf3896924a74e58ac96b7ec66a34071_0/downloads/data?format=csv&spatialRefId=4326",
    "msoa_names": "https://houseofcommonslibrary.github.io/msoanames/MSOA-Names-1.20.csv",
}
_SUFFIX = {"domains": ".xlsx", "population": ".xlsx", "wards": ".csv", "msoa_names": ".csv"}


def source_urls() -> dict[str, str]:
    """Return {kind: url} to download, with any FAIRER_URL_<KIND> overrides applied."""
    return {
        kind: os.environ.get(f"FAIRER_URL_{kind.upper()}", url) for kind, url in SOURCES.items()
    }


def download_iod2019(folder: Path, *, timeout: float = 60.0) -> dict[str, Path]:
    """Download every IoD2019 file into folder; return {kind: path}.
    Raises ImportProblem on failure."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for kind, url in source_urls().items():
        target = folder / f"{kind}{_SUFFIX[kind]}"
        partial = target.with_suffix(target.suffix + ".part")
        try:
            with requests.get(url, stream=True, timeout=timeout) as response:
                response.raise_for_status()
                with partial.open("wb") as handle:
                    for chunk in response.iter_content(chunk_size=1 << 16):
                        handle.write(chunk)
        except requests.RequestException as err:
            partial.unlink(missing_ok=True)
            raise ImportProblem(
                f"Could not download {kind.replace('_', ' ')} from {url}: {err}."
            ) from None
        partial.replace(target)
        files[kind] = target
    return files
