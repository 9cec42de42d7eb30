"""Officer pages for impact assessments: the list, starting one, filling it in beside the
evidence, signing it off, starting a new version, its history, and the Word and CSV downloads.

/officers/assessments                           every assessment and where it stands
/officers/assessments/new                       start one: an action, survey, PB round or decision
/officers/assessments/<ref>                     the form (a draft) or the signed-off version;
                                                POST saves a version
/officers/assessments/<ref>/sign-off            POST: lock this version as signed off
/officers/assessments/<ref>/new-version         POST: start the next version of a signed-off one
/officers/assessments/<ref>/history             every version, each readable as it was
/officers/assessments/<ref>/versions/<id>       one version, read-only
/officers/assessments/<ref>/download.<docx|csv> for committee papers
"""

from __future__ import annotations

import re
from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    redirect,
    render_template,
    request,
    url_for,
)

from engagement import figures
from engagement.actions.terms import today_in
from engagement.assessments.evidence import assessment_evidence
from engagement.assessments.export import assessment_csv, assessment_docx
from engagement.assessments.states import assessment_states
from engagement.assessments.store import (
    AssessmentProblem,
    find_assessment,
    reopen,
    save_assessment,
    sign_off,
    snapshot,
    start_assessment,
    subject_choices,
    versions,
)
from engagement.assessments.template import assessment_template
from engagement.officers.names import known_names, person
from surveys.council_time import council_timezone, local_moment
from surveys.database import reading_session, web_session
from surveys.officers.assessment_forms import (
    EVENT_WORDS,
    KIND_WORDS,
    error_list,
    read_details,
    read_start,
    reading,
    start_field,
    stored_values,
)
from surveys.officers.auth import current_officer, officer_home_link, officer_required
from surveys.residents.survey_flow import scope

bp = Blueprint("assessments", __name__, url_prefix="/officers/assessments")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DONE = {
    "started": "The impact assessment is started. Fill it in and save it.",
    "saved": "Your changes are saved.",
    "signed_off": "This version is signed off. It can no longer be changed.",
    "reopened": "A new version is started from the signed-off one. Change it and save it.",
}


def _user() -> str:
    return current_officer().slack_user_id


def _today():
    return today_in(council_timezone())


def _find(db, reference: str):
    assessment = find_assessment(db, reference)
    if assessment is None:
        abort(404)
    return assessment


@bp.get("")
@officer_required
@officer_home_link(
    "Impact assessments",
    "Integrated and equality impact assessments of actions, surveys, PB rounds and decisions.",
)
def assessment_list():
    """Return the list of every impact assessment with its status, version and review date."""
    with reading_session() as db:
        listed = assessment_states(db, today=_today())
    return render_template(
        "officers/assessments/list.html",
        listed=listed,
        kind_words=KIND_WORDS,
        long_date=figures.long_date,
        totals_url=url_for("assessment_totals.totals_page"),
        page_title="Impact assessments",
    )


def _start_page(values, errors: dict[str, str], *, existing: str | None = None, status=200):
    with reading_session() as db:
        choices = subject_choices(db)
    return render_template(
        "officers/assessments/start.html",
        choices=choices,
        values=values,
        errors=errors,
        error_list=error_list(errors),
        existing=existing,
        page_title=("Error: " if errors else "") + "Start an impact assessment",
    ), status


@bp.route("/new", methods=["GET", "POST"])
@officer_required
def start():
    """Show the start page, or start the assessment chosen and go to its form."""
    if request.method == "GET":
        action = (request.args.get("action") or "")[:40]
        return _start_page({"kind": "action" if action else "", "action_reference": action}, {})
    errors: dict[str, str] = {}
    arguments = read_start(request.form, errors)
    if errors:
        return _start_page(request.form, errors, status=400)
    try:
        with web_session() as db:
            reference = start_assessment(db, user=_user(), **arguments).reference
    except AssessmentProblem as problem:
        field = start_field(arguments["kind"], problem.field)
        return _start_page(
            request.form,
            {field: problem.message},
            existing=_already_assessed(arguments),
            status=400,
        )
    return redirect(url_for(".assessment_page", reference=reference, done="started"), 303)


def _already_assessed(arguments: dict) -> str | None:
    """Return the reference of the assessment the chosen subject already has, if any."""
    wanted = arguments.get("reference") or (
        arguments["subject"] if arguments["kind"] != "decision" else None
    )
    if not wanted:
        return None
    with reading_session() as db:
        found = find_assessment(db, wanted)
        return found.reference if found else None


def _assessment_page(
    reference: str, *, values=None, errors=None, signer: str = "", status: int = 200
):
    errors = errors or {}
    template = assessment_template()
    with reading_session() as db:
        assessment = _find(db, reference)
        stored = snapshot(db, assessment)
        evidence = assessment_evidence(db, assessment, scope=scope(), today=_today())
    signed_off = assessment.status == "signed_off"
    return render_template(
        "officers/assessments/assessment.html",
        assessment=assessment,
        stored=stored,
        kind_words=KIND_WORDS,
        template=template,
        values=stored_values(stored) if values is None else values,
        sections=reading(stored, template),
        signed_off=signed_off,
        signed_off_at=local_moment(assessment.signed_off_at),
        signer=signer,
        errors=errors,
        error_list=error_list(errors),
        evidence=evidence,
        iso_day=iso_day,
        done=DONE.get(request.args.get("done") or "") if not errors else None,
        page_title=("Error: " if errors else "") + f"Impact assessment {assessment.reference}",
    ), status


@bp.get("/<reference>")
@officer_required
def assessment_page(reference: str):
    """Return the assessment: its form beside the evidence, or the signed-off version."""
    return _assessment_page(reference)


@bp.post("/<reference>")
@officer_required
def save(reference: str):
    """Save the form as the next version; on an error show the form again as it was typed."""
    template = assessment_template()
    try:
        with web_session() as db:
            assessment = _find(db, reference)
            decision = assessment.subject_kind == "decision"
            details, errors = read_details(request.form, template, decision=decision)
            if not errors or assessment.status == "signed_off":  # refused as locked first
                save_assessment(
                    db, assessment, details, user=_user(), note=request.form.get("note", "")
                )
            reference = assessment.reference
    except AssessmentProblem as problem:
        if problem.field == "status":  # signed off: nothing is changed, and the page says why
            return _assessment_page(reference, errors={"status": problem.message}, status=409)
        errors = {problem.field: problem.message}
    if errors:
        return _assessment_page(reference, values=request.form, errors=errors, status=400)
    return redirect(url_for(".assessment_page", reference=reference, done="saved"), 303)


@bp.post("/<reference>/sign-off")
@officer_required
def sign(reference: str):
    """Sign the saved version off, or say what it still needs."""
    name = request.form.get("signed_off_by", "")
    try:
        with web_session() as db:
            assessment = _find(db, reference)
            sign_off(db, assessment, user=_user(), name=name)
            reference = assessment.reference
    except AssessmentProblem as problem:
        status = 409 if problem.field == "status" else 400
        return _assessment_page(
            reference, errors={problem.field: problem.message}, signer=name, status=status
        )
    return redirect(url_for(".assessment_page", reference=reference, done="signed_off"), 303)


@bp.post("/<reference>/new-version")
@officer_required
def new_version(reference: str):
    """Start the next version of a signed-off assessment, as a draft."""
    try:
        with web_session() as db:
            assessment = _find(db, reference)
            reopen(db, assessment, user=_user())
            reference = assessment.reference
    except AssessmentProblem as problem:
        return _assessment_page(reference, errors={"status": problem.message}, status=409)
    return redirect(url_for(".assessment_page", reference=reference, done="reopened"), 303)


@bp.get("/<reference>/history")
@officer_required
def history(reference: str):
    """Return every version of the assessment: who, when, what was done, each readable."""
    with reading_session() as db:
        assessment = _find(db, reference)
        kept = versions(db, assessment)
        names = known_names(db, [v.user for v in kept])
    return render_template(
        "officers/assessments/history.html",
        assessment=assessment,
        history=[
            {
                "id": v.id,
                "version": v.version,
                "when": local_moment(v.created_at),
                "who": person(names, v.user),
                "what": EVENT_WORDS.get(v.event, v.event),
                "note": v.note,
            }
            for v in kept
        ],
        page_title=f"History of impact assessment {assessment.reference}",
    )


@bp.get("/<reference>/versions/<int:version_id>")
@officer_required
def version_page(reference: str, version_id: int):
    """Return one kept version of the assessment, read-only, as it then stood."""
    with reading_session() as db:
        assessment = _find(db, reference)
        kept = next((v for v in versions(db, assessment) if v.id == version_id), None)
        if kept is None:
            abort(404)
        names = known_names(db, [kept.user])
    stored = kept.snapshot
    template = assessment_template()
    return render_template(
        "officers/assessments/version.html",
        assessment=assessment,
        stored=stored,
        template=template,
        sections=reading(stored, template),
        kind_words=KIND_WORDS,
        when=local_moment(kept.created_at),
        who=person(names, kept.user),
        what=EVENT_WORDS.get(kept.event, kept.event),
        iso_day=iso_day,
        signed_off_at=local_moment(stored.get("signed_off_at")),
        page_title=f"Impact assessment {assessment.reference}, version {kept.version}",
    )


def iso_day(iso: str | None) -> str:
    """Return a version's ISO date as people read it: "27 March 2027" ("" for none)."""
    return figures.long_date(date.fromisoformat(iso[:10])) if iso else ""


@bp.get("/<reference>/download.<any(docx, csv):kind>")
@officer_required
def download(reference: str, kind: str):
    """Return the assessment as a Word document or a CSV file, for committee papers."""
    with reading_session() as db:
        assessment = _find(db, reference)
        if kind == "docx":
            data, mimetype = assessment_docx(db, assessment), DOCX
        else:
            data, mimetype = assessment_csv(db, assessment), "text/csv"
        safe = re.sub(r"[^A-Za-z0-9._-]", "-", assessment.reference)
    return Response(
        data,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="impact-assessment-{safe}.{kind}"',
            "Cache-Control": "no-store",
        },
    )
