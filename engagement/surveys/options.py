"""The standard answer lists: agreement, who is answering,
and ONS 2021-style equality monitoring."""

from __future__ import annotations

PREFER_NOT_TO_SAY = ("prefer_not_to_say", "Prefer not to say")

LIKERT = (
    ("strongly_agree", "Strongly agree"),
    ("agree", "Agree"),
    ("neither", "Neither agree nor disagree"),
    ("disagree", "Disagree"),
    ("strongly_disagree", "Strongly disagree"),
    ("dont_know", "Don't know"),
)
AGREE = ("strongly_agree", "agree")
DISAGREE = ("disagree", "strongly_disagree")
NOT_AN_OPINION = ("dont_know",)

RESPONDENT_TYPES = (
    ("resident", "A resident"),
    ("voluntary_community", "A voluntary or community organisation"),
    ("public_sector", "A public sector organisation"),
    ("business", "A business"),
    ("councillor", "A councillor"),
    ("other", "Other"),
)

# Equality monitoring, each with "Prefer not to say" (ONS Census 2021 groupings).
EQUALITY = {
    "age_band": (
        "What is your age?",
        (
            ("under_16", "Under 16"),
            ("16_24", "16 to 24"),
            ("25_34", "25 to 34"),
            ("35_44", "35 to 44"),
            ("45_54", "45 to 54"),
            ("55_64", "55 to 64"),
            ("65_74", "65 to 74"),
            ("75_plus", "75 or over"),
            PREFER_NOT_TO_SAY,
        ),
    ),
    "sex": ("What is your sex?", (("female", "Female"), ("male", "Male"), PREFER_NOT_TO_SAY)),
    "disability": (
        "Do you have any physical or mental health conditions or illnesses lasting or expected "
        "to last 12 months or more?",
        (("yes", "Yes"), ("no", "No"), PREFER_NOT_TO_SAY),
    ),
    "ethnicity": (
        "What is your ethnic group?",
        (
            ("asian", "Asian, Asian British or Asian Welsh"),
            ("black", "Black, Black British, Black Welsh, Caribbean or African"),
            ("mixed", "Mixed or Multiple ethnic groups"),
            ("white", "White"),
            ("other", "Other ethnic group"),
            PREFER_NOT_TO_SAY,
        ),
    ),
}
