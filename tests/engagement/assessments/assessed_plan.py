"""An action plan in Sampleton (the generated sample borough) with impact assessments in every
state, for the totals, the reminders and the Slack tests, and a helper to assess an action."""

from __future__ import annotations

from datetime import date, timedelta

from engagement.assessments.store import (
    Details,
    RowMark,
    save_assessment,
    sign_off,
    start_assessment,
)
from tests.engagement.action_factories import create_action

OFFICER = "U0OFFICER1"
HEATHFIELD = ("E02900001", "Heathfield & Priory Park")  # an MSOA in Crownfield ward
MILL_CROSS = ("E02900002", "Mill Cross")  # the MSOA (a ward is called Mill Cross too)
CASTLE_GREEN = ("E02900003", "Castle Green")  # an MSOA inside Castle ward
CASTLE = ("E05900003", "Castle")  # the ward
TODAY = date(2027, 1, 15)
HOSTILE = "Pop-up <!channel> & <https://evil.example|advice>"


def assess(
    session,
    reference: str,
    rows: dict[str, tuple[str, str]],
    *,
    review_on: date | None = date(2099, 6, 30),
    signed: bool = False,
    kind: str = "action",
):
    """Start, fill in and (when signed) sign off an assessment of the subject reference; rows
    map "section.row" to (impact, mitigation). Return the assessment."""
    assessment = start_assessment(session, kind=kind, subject=reference, user=OFFICER)
    details = Details(
        assessed_by="Jo Smith, Communities manager",
        assessed_on=date(2026, 12, 1),
        review_on=review_on,
        rows={
            key: RowMark(impact, f"Comment on {key}", mitigation)
            for key, (impact, mitigation) in rows.items()
        },
    )
    save_assessment(session, assessment, details, user=OFFICER)
    if signed:
        sign_off(session, assessment, user=OFFICER, name="Ann Lee, Director")
    return assessment


def assessed_plan(session, today: date = TODAY) -> dict[str, int]:
    """Add six actions (with no due date) and their assessments; return {reference: action id}.

    HP-01 Heathfield: signed off, review the day before today (passed); negative on finance and
        age, both mitigated.
    HP-02 Heathfield: draft, review a fortnight before today (passed); negative on age (no
        mitigation) and disability (mitigated).
    CA-01 Castle ward: signed off, review today (not passed); negative on socio-economic
        disadvantage, mitigated; its title would ping a channel.
    CG-01 Castle Green: no assessment.   MX-01 Mill Cross: no assessment.
    BW-01 borough-wide: draft, only positive and neutral impacts.
    And a decision (IA-1): draft, negative on age (no mitigation) and transportation.
    """
    made = {
        ref: create_action(session, reference=ref, title=title, owner_id=owner, areas=areas).id
        for ref, title, owner, areas in (
            ("HP-01", "Holiday hunger club", "U0OWNER001", (HEATHFIELD,)),
            ("HP-02", "Participatory budgeting round", "U0OWNER002", (HEATHFIELD,)),
            ("CA-01", HOSTILE, "U0OWNER001", (CASTLE,)),
            ("CG-01", "Green space volunteers", "U0OWNER002", (CASTLE_GREEN,)),
            ("MX-01", "Mill Cross youth forum", "U0OWNER002", (MILL_CROSS,)),
            ("BW-01", "Baseline profile of each area", "U0OWNER001", ()),
        )
    }
    assess(
        session,
        "HP-01",
        {
            "economic.finance": ("negative", "Funded from the reserve"),
            "protected_characteristics.age": ("negative", "Sessions for older carers too"),
            "social.health_and_wellbeing": ("positive", ""),
        },
        review_on=today - timedelta(days=1),
        signed=True,
    )
    assess(
        session,
        "HP-02",
        {
            "protected_characteristics.age": ("negative", ""),
            "protected_characteristics.disability": ("negative", "Step-free venues"),
        },
        review_on=today - timedelta(days=14),
    )
    assess(
        session,
        "CA-01",
        {"protected_characteristics.socio_economic_disadvantage": ("negative", "Free, no forms")},
        review_on=today,
        signed=True,
    )
    assess(
        session,
        "BW-01",
        {"economic.finance": ("neutral", ""), "social.health_and_wellbeing": ("positive", "")},
    )
    assess(
        session,
        "Close the Riverside library",
        {
            "protected_characteristics.age": ("negative", ""),
            "environmental.transportation": ("negative", "Mobile library stops"),
        },
        kind="decision",
    )
    return made
