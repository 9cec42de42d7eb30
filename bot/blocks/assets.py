"""Community assets in Slack: the line /area adds counting an area's assets by kind."""

from __future__ import annotations

from engagement import figures
from engagement.assets.listing import AssetCounts


def assets_text(counts: AssetCounts) -> str:
    """Return the /area line counting the area's community assets by kind: "*Community assets*
    (3): 2 food banks and 1 library". Kinds are our own words, so nothing needs escaping."""
    return f"*Community assets* ({figures.count(counts.total)}): {counts.in_words()}"
