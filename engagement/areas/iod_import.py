"""Import the official Indices of Deprivation files: recognise, read, check, store."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy.orm import Session

from engagement.areas.custom_editions import rebuild_custom_areas
from engagement.areas.iod_files import read_iod
from engagement.areas.iod_recognise import recognise_folder, sort_files
from engagement.areas.iod_store import ImportReport, store_edition

__all__ = ["import_iod_files", "recognise_folder"]


def import_iod_files(
    session: Session, files: dict[str, Path] | list[Path], *, progress: bool = False
) -> ImportReport:
    """Import one edition from files (paths, or {kind: path}); return what was stored, with
    where the custom areas are now (each is placed again in every edition, so an area written in
    2011 codes is kept in IoD2025 through the LSOA lookup, or the notes say why not).

    Files are recognised by their header rows. Nothing is written unless every file is good;
    the caller's transaction makes the replacement of an earlier import atomic.
    """
    started = time.perf_counter()
    paths = list(files.values()) if isinstance(files, dict) else list(files)
    tables = read_iod(sort_files(paths))
    report = store_edition(session, tables, progress=progress)
    custom = rebuild_custom_areas(session)
    placed = len(custom.codes) - len(custom.missing.get(report.edition, {}))
    counts = report.counts | ({"custom areas": placed} if placed else {})
    notes = (*report.notes, *custom.lines())
    return ImportReport(report.edition, counts, time.perf_counter() - started, notes)
