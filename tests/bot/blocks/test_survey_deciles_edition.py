"""The Slack survey summary names the edition of the Indices its deprivation deciles come from."""

from __future__ import annotations

from bot.blocks.surveys import summary_blocks
from engagement.surveys.representation import DecileHeard
from engagement.surveys.summary import CommentsSummary, SurveySummary


def test_the_representation_score_says_which_edition_gave_the_deciles():
    summary = SurveySummary(
        "draft-priorities",
        "Draft priorities",
        60,
        [],
        CommentsSummary(0, None, None, None, None, ()),
        [],
        [DecileHeard(1, 20, 10_000, 2.0), DecileHeard(5, 40, 10_000, 4.0)],
        deciles_from="Deciles from the English Indices of Deprivation 2025.",
    )
    blocks = summary_blocks(summary, public_base_url="https://fairer.example")
    score = next(b["text"]["text"] for b in blocks if "Representation score" in str(b))
    # Decile 1 answered at 2 per 1,000, decile 5 at 4: a score of 0.50.
    assert "Across deprivation deciles: 0.50" in score
    assert score.endswith("\nDeciles from the English Indices of Deprivation 2025.")
