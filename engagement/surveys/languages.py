"""The languages a survey may be written in, and those residents may be offered.

A survey is written in English and may carry translations (engagement/surveys/translations.py).
A language is offered to residents only when the service's own words — buttons, headings, error
messages, GOV.UK Frontend's component text — are all translated too (surveys/residents/
language.py holds them, and a test checks each language in OFFERED is complete there).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as in <html lang>
    english_name: str
    own_name: str  # the name in the language itself, as a language switcher shows it
    direction: str = "ltr"  # "rtl" for Urdu and Arabic


LANGUAGES = {
    lang.code: lang
    for lang in (
        Language("en", "English", "English"),
        Language("cy", "Welsh", "Cymraeg"),
        Language("pl", "Polish", "Polski"),
        Language("ur", "Urdu", "اردو", "rtl"),
        Language("ro", "Romanian", "Română"),
        # Gurmukhi script; UK Punjabi speakers of Pakistani heritage may read Shahmukhi instead.
        Language("pa", "Punjabi", "ਪੰਜਾਬੀ"),
        Language("ar", "Arabic", "العربية", "rtl"),
    )
}
ENGLISH = "en"
# Languages whose service words are complete: a survey may be offered only in these.
OFFERED = ("en", "cy", "ur")


def language_name(code: str) -> str:
    """Return how an error names a language: "Welsh (cy)" (the code alone if unknown)."""
    lang = LANGUAGES.get(code)
    return f"{lang.english_name} ({code})" if lang else f"'{code}'"


def direction(code: str) -> str:
    """Return the text direction of a language: "rtl" or "ltr"."""
    lang = LANGUAGES.get(code)
    return lang.direction if lang else "ltr"
