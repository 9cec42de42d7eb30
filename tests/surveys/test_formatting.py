"""How figures are written on the pages."""
from __future__ import annotations

import pytest

from surveys.formatting import percent, rank, thousands


@pytest.mark.parametrize(("value", "written"), [
    (1296, "1,296"), (0, "0"), (32844, "32,844"), (1296.5, "1,297"), (None, "Not available"),
])
def test_thousands(value, written):
    assert thousands(value) == written


@pytest.mark.parametrize(("value", "written"), [
    (0.294, "29%"), (0.285, "29%"), (0.125, "13%"), (0.0, "0%"), (0.004, "<1%"), (0.005, "1%"),
    (1.0, "100%"), (0.996, ">99%"), (0.1, "10%"), (None, "Not available"),
])
def test_percent(value, written):
    assert percent(value) == written


def test_rank_is_a_whole_number_with_separators():
    assert rank(16421.6) == "16,422"
    assert rank(53.5) == "54"
