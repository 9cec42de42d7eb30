"""Write small, consistent extracts of the official files (a few councils) for fast import tests."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

NORWICH = "E07000148"


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        return next(reader), list(reader)


def write_csv(
    path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8-sig"
) -> Path:
    """Write header and rows as CSV at path (gzipped if it ends in .gz); return path."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_subset(official: dict[str, Path], folder: Path, lad_codes=(NORWICH,)) -> dict[str, Path]:
    """Write the four files restricted to lad_codes' LSOAs into folder; return {kind: path}."""
    folder.mkdir(parents=True, exist_ok=True)
    header, rows = _rows(official["domains"])
    rows = [r for r in rows if r[2] in lad_codes]
    lsoas = {r[0] for r in rows}
    files = {"domains": write_csv(folder / "f2.csv", header, rows)}
    header, rows = _rows(official["population"])
    files["population"] = write_csv(
        folder / "f6.csv.gz", header, [r for r in rows if r[0] in lsoas]
    )
    header, rows = _rows(official["wards"])
    files["wards"] = write_csv(folder / "wards.csv", header, [r for r in rows if r[0] in lsoas])
    header, rows = _rows(official["msoa_names"])
    files["msoa_names"] = write_csv(
        folder / "msoa.csv", header, [r for r in rows if r[3] in lad_codes]
    )
    return files


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Return (header, rows) of a CSV or CSV.gz file."""
    return _rows(path)
