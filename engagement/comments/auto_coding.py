"""Coding residents' free-text comments: sentiment and themes, as officers will then correct.

Sentiment is read by engagement/comments/learned.py (a small logistic regression, shipped as
weights, over the comment's words and the plain reading of engagement/comments/sentiment.py:
TextBlob's polarity with a lexicon of consultation phrases); themes by
engagement/comments/themes.py (a keyword taxonomy with a plain regex tokeniser). This module
is what the rest of the project calls; it stores nothing. The caller writes the result to
CommentCoding (storage/survey_models.py), where officers' overrides sit beside it and are never
overwritten by re-coding.
"""

from __future__ import annotations

from dataclasses import dataclass

from engagement.comments.default_themes import DEFAULT_THEMES
from engagement.comments.learned import classify_sentiment
from engagement.comments.sentiment import (
    NEGATIVE_BELOW,
    POSITIVE_ABOVE,
    Sentiment,
    lexicon_sentiment,
    plain_textblob,
)
from engagement.comments.themes import (
    MAX_ANALYSED_CHARS,
    Taxonomy,
    find_themes,
    keyword_problem,
    taxonomy_from_rows,
)

__all__ = [
    "DEFAULT_THEMES",
    "MAX_ANALYSED_CHARS",
    "NEGATIVE_BELOW",
    "POSITIVE_ABOVE",
    "CommentCode",
    "Sentiment",
    "Taxonomy",
    "classify_sentiment",
    "code_comment",
    "find_themes",
    "keyword_problem",
    "lexicon_sentiment",
    "plain_textblob",
    "taxonomy_from_rows",
]


@dataclass(frozen=True)
class CommentCode:
    """The automatic coding of one comment, shaped like CommentCoding's automatic columns.

    cues lists the phrases that moved the sentiment away from plain TextBlob's, so an officer
    can see why a comment was read as it was before correcting it.
    """

    polarity: float
    sentiment: str  # "positive", "neutral" or "negative"
    themes: list[str]
    cues: tuple[str, ...] = ()


def code_comment(text: str, taxonomy: Taxonomy | None = None) -> CommentCode:
    """Return the sentiment and themes of a comment; taxonomy defaults to DEFAULT_THEMES."""
    sentiment = classify_sentiment(text)
    return CommentCode(
        polarity=sentiment.polarity,
        sentiment=sentiment.label,
        themes=find_themes(text, taxonomy),
        cues=sentiment.cues,
    )
