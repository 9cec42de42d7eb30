"""A CSV file an officer uploads: checked, then saved under its own name for an importer."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import request
from werkzeug.utils import secure_filename

MAX_UPLOAD = 20 * 1024 * 1024


class UploadRefused(Exception):
    """No CSV file was uploaded: the message says what to do, as a GOV.UK error."""


@contextmanager
def uploaded_csv(field: str, default_name: str, missing: str) -> Iterator[Path]:
    """Yield the path of the CSV posted in the form field, saved in a temporary folder removed
    afterwards. Raise UploadRefused with missing when no file was chosen, or when it is not a CSV.

    The file keeps the person's own (made safe) name, so an importer's error names the file they
    know; default_name stands in for a name with nothing safe left in it.
    """
    request.max_content_length = MAX_UPLOAD
    file = request.files.get(field)
    if file is None or not file.filename:
        raise UploadRefused(missing)
    name = secure_filename(file.filename) or default_name
    if not name.lower().endswith(".csv"):
        raise UploadRefused("The selected file must be a CSV")
    with tempfile.TemporaryDirectory(prefix="fairer-upload-") as folder:
        path = Path(folder) / name
        file.save(path)
        yield path
