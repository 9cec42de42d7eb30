"""Checking an idea typed into a form (a resident's or an officer's): each problem as the GOV.UK
error for its field, and the area resolved from a code or the words people use for it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from engagement.areas.lookup import look_up_area
from engagement.ideas.store import (
    EMAIL,
    MAX_DESCRIPTION,
    MAX_EMAIL,
    MAX_NAME,
    MAX_TITLE,
    propose_idea,
)
from storage.idea_models import Idea

FIELDS = ("area", "title", "description", "contact_name", "contact_email")


@dataclass(frozen=True)
class CheckedProposal:
    """A proposal with every field trimmed, its area resolved, and its errors by field."""

    fields: dict[str, str]
    area_code: str | None
    area_name: str | None
    errors: dict[str, str]


def check_proposal(
    session: Session, form: dict[str, str], *, scope: tuple[str, ...] = ()
) -> CheckedProposal:
    """Return the proposal in form checked: {field: error} empty when it can be stored."""
    fields = {name: str(form.get(name) or "").replace("\r", "").strip() for name in FIELDS}
    errors: dict[str, str] = {}
    code = name = None
    if not fields["area"]:
        errors["area"] = "Select the area your idea is for"
    else:
        lookup = look_up_area(session, fields["area"], scope=scope)
        if lookup.status == "found" and lookup.profile is not None:
            code, name = lookup.profile.area.code, lookup.profile.area.name
        elif lookup.status == "choose" and lookup.choices:
            code, name = lookup.choices[0].code, lookup.choices[0].name
        else:
            errors["area"] = (
                "Enter the name of a neighbourhood we know, or choose one from the list"
            )
    if not fields["title"]:
        errors["title"] = "Enter a short title for your idea"
    elif len(fields["title"]) > MAX_TITLE:
        errors["title"] = f"The title must be {MAX_TITLE} characters or fewer"
    if not fields["description"]:
        errors["description"] = "Describe your idea"
    elif len(fields["description"]) > MAX_DESCRIPTION:
        errors["description"] = f"The description must be {MAX_DESCRIPTION:,} characters or fewer"
    if len(fields["contact_name"]) > MAX_NAME:
        errors["contact_name"] = f"Your name must be {MAX_NAME} characters or fewer"
    email = fields["contact_email"]
    if email and (len(email) > MAX_EMAIL or not EMAIL.match(email)):
        errors["contact_email"] = (
            "Enter an email address in the correct format, like name@example.com"
        )
    return CheckedProposal(fields, code, name, errors)


def store_proposal(
    session: Session,
    checked: CheckedProposal,
    *,
    source: str,
    user_id: str,
    submission_token: str | None = None,
) -> Idea:
    """Store a checked proposal (one without errors) as a new idea; return it."""
    return propose_idea(
        session,
        area_code=checked.area_code,
        area_name=checked.area_name,
        title=checked.fields["title"],
        description=checked.fields["description"],
        contact_name=checked.fields["contact_name"],
        contact_email=checked.fields["contact_email"],
        source=source,
        user_id=user_id,
        submission_token=submission_token,
    )
