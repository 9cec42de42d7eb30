"""What a weekly digest says: what changed in a scope between two instants, as plain dataclasses.

Actions: completed, other status changes (off track and at risk first), new, and overdue.
Surveys: responses received, agreement with its Wilson interval for each statement, sentiment
shares and top themes of comments, and target areas under-heard. Anything counted from fewer
than 10 people is left out here, before it can reach a channel. A theme's digest carries only
its actions, and only the surveys, statements and comment themes that belong to it
(engagement.digests.themes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engagement.actions.plans import ActionView, listing_for_key
from engagement.actions.terms import Status, is_overdue, status, today_in
from engagement.digests.subscriptions import SubscriptionView
from engagement.digests.themes import belongs_to_theme, theme_counts
from engagement.ideas.digest import IdeasWeek, ideas_week
from engagement.statistics import MIN_GROUP
from engagement.surveys.representation import AreaHeard
from engagement.surveys.store import survey_state
from engagement.surveys.summary import Agreement, CommentsSummary, summarise_survey
from storage.action_models import Action, ActionUpdate
from storage.survey_models import Survey, SurveyResponse

MAX_SURVEYS = 3
MAX_STATEMENTS = 6
TOP_THEMES = 3
# The order worrying news comes in: off track before at risk before the rest.
_CONCERN = {"off_track": 0, "at_risk": 1}


@dataclass(frozen=True)
class StatusChange:
    """An action whose status moved during the week: from the first status to the last."""

    action: ActionView
    from_status: Status
    to_status: Status


@dataclass(frozen=True)
class ActionChanges:
    """What happened to the actions in scope during the week, and which are overdue now.

    newly_overdue: the ids of overdue actions whose due date passed during the week.
    listing_key: the actions listing (engagement.actions.plans.listing_for_key) the digest is about.
    """

    completed: tuple[ActionView, ...]
    status_changes: tuple[StatusChange, ...]
    new: tuple[ActionView, ...]
    overdue: tuple[ActionView, ...]
    newly_overdue: frozenset[int]
    total: int
    listing_key: str

    @property
    def changed(self) -> bool:
        """Return True when anything happened during the week (not merely "still overdue")."""
        return bool(self.completed or self.status_changes or self.new or self.newly_overdue)


@dataclass(frozen=True)
class Statement:
    """Agreement with one statement; agreement is None while fewer than 10 people gave a view."""

    key: str
    prompt: str
    agreement: Agreement | None
    n: int


@dataclass(frozen=True)
class SurveyDigest:
    """A survey's week: responses received, and where its results stand now.

    comments is None while fewer than 10 comments are coded; a theme's count is None under 10.
    area is the subscribed area's row of "who was heard", for a digest about an area.
    more_statements: statements left out after the first six. theme: the plan theme a theme
    digest is about; then statements and themes are only those belonging to it, and comments is
    None (their shares are not the theme's).
    """

    slug: str
    title: str
    state: str
    new_responses: int
    responses: int
    statements: tuple[Statement, ...]
    comments: CommentsSummary | None
    themes: tuple[tuple[str, int | None], ...]
    under_heard: tuple[str, ...]
    area: AreaHeard | None
    more_statements: int = 0
    theme: str = ""


@dataclass(frozen=True)
class DigestContent:
    """Everything one digest says. since is exclusive, until inclusive; first: no digest before it.

    actions is None for a digest about one survey; missing is True when the area, theme or
    survey subscribed to is no longer in the data; more_surveys counts the surveys in scope left
    out after the first three.
    """

    scope_kind: str
    scope_value: str
    scope_label: str
    since: datetime
    until: datetime
    today: date
    first: bool
    actions: ActionChanges | None
    surveys: tuple[SurveyDigest, ...]
    missing: bool = False
    more_surveys: int = 0
    ideas: IdeasWeek | None = None  # an area's project bank this week

    @property
    def quiet(self) -> bool:
        """Return True when nothing changed this week: no action news, no survey responses and
        no idea published or picked up."""
        return (
            not (self.actions is not None and self.actions.changed)
            and not any(s.new_responses for s in self.surveys)
            and not (self.ideas is not None and self.ideas.changed)
        )


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _between(column, since: datetime, until: datetime):
    return (column > _utc(since)) & (column <= _utc(until))


def action_changes(
    session: Session, key: str, *, since: datetime, until: datetime, timezone: str
) -> ActionChanges:
    """Return what happened between since and until to the actions a listing key names."""
    today = today_in(timezone, until)
    start_day = today_in(timezone, since)
    listing = listing_for_key(session, key, today)
    views = {v.id: v for v in listing.actions} if listing else {}
    created = set(
        session.scalars(
            select(Action.id).where(
                Action.id.in_(views or [0]), _between(Action.created_at, since, until)
            )
        )
    )
    moves: dict[int, list[ActionUpdate]] = {}
    for update in session.scalars(
        select(ActionUpdate)
        .where(
            ActionUpdate.action_id.in_(views or [0]),
            ActionUpdate.from_status.is_not(None),
            _between(ActionUpdate.created_at, since, until),
        )
        .order_by(ActionUpdate.created_at, ActionUpdate.id)
    ):
        moves.setdefault(update.action_id, []).append(update)
    completed, changes = [], []
    for action_id, updates in moves.items():
        first, last = updates[0].from_status, updates[-1].to_status
        if action_id in created or first == last:
            continue  # a new action's history is its creation; a status that came back is no news
        if last == "complete":
            completed.append(views[action_id])
        else:
            changes.append(StatusChange(views[action_id], status(first), status(last)))
    changes.sort(key=lambda c: (_CONCERN.get(c.to_status.key, 2), c.action.reference))
    overdue = tuple(v for v in views.values() if v.overdue)
    newly = frozenset(v.id for v in overdue if not is_overdue(v.due, v.status.key, start_day))
    return ActionChanges(
        completed=tuple(sorted(completed, key=lambda v: v.reference)),
        status_changes=tuple(changes),
        new=tuple(sorted((views[i] for i in created), key=lambda v: v.reference)),
        overdue=tuple(sorted(overdue, key=lambda v: (-v.days_overdue, v.reference))),
        newly_overdue=newly,
        total=len(views),
        listing_key=key,
    )


def _statements(summary, theme: str = "") -> list[Statement]:
    found = []
    for q in summary.questions:
        if q.agreement is None or (theme and not belongs_to_theme(q.prompt, theme)):
            continue
        shown = q.agreement if q.agreement.n >= MIN_GROUP else None
        found.append(Statement(q.key, q.prompt, shown, q.agreement.n))
    return found


def survey_digest(
    session: Session,
    survey: Survey,
    *,
    since: datetime,
    until: datetime,
    area_code: str | None = None,
    scope: tuple[str, ...] = (),
    theme: str = "",
) -> SurveyDigest:
    """Return a survey's week: responses received between since and until, and its results now;
    with theme, only the statements and comment themes belonging to that plan theme."""
    summary = summarise_survey(session, survey.slug, scope=scope)
    new = (
        session.scalar(
            select(func.count()).where(
                SurveyResponse.survey_id == survey.id,
                _between(SurveyResponse.submitted_at, since, until),
            )
        )
        or 0
    )
    comments = summary.comments if summary.comments.n >= MIN_GROUP else None
    counted = summary.comments.themes
    if theme:
        comments, counted = None, theme_counts(counted, theme)
    themes = (
        tuple((name, n if n >= MIN_GROUP else None) for name, n in counted[:TOP_THEMES])
        if comments or theme
        else ()
    )
    statements = _statements(summary, theme)
    area = next((h for h in summary.heard if h.area_code == area_code), None) if area_code else None
    return SurveyDigest(
        slug=survey.slug,
        title=summary.title,
        state=survey_state(survey, until),
        new_responses=new,
        responses=summary.responses,
        statements=tuple(statements[:MAX_STATEMENTS]),
        comments=comments,
        themes=themes,
        under_heard=tuple(h.area_name for h in summary.heard if h.under_heard),
        area=area,
        more_statements=max(len(statements) - MAX_STATEMENTS, 0),
        theme=theme,
    )


def _surveys_for(
    session: Session, subscription: SubscriptionView, since: datetime, until: datetime
) -> list[Survey]:
    if subscription.scope_kind == "survey":
        return list(session.scalars(select(Survey).where(Survey.slug == subscription.scope_value)))
    busy = dict(
        session.execute(
            select(SurveyResponse.survey_id, func.count())
            .where(_between(SurveyResponse.submitted_at, since, until))
            .group_by(SurveyResponse.survey_id)
        ).all()
    )
    chosen = [
        s
        for s in session.scalars(select(Survey).order_by(Survey.id))
        if busy.get(s.id) or survey_state(s, until) == "open"
    ]
    return sorted(chosen, key=lambda s: (-busy.get(s.id, 0), s.slug))


def _listing_key(subscription: SubscriptionView) -> str | None:
    return {
        "all": "all",
        "area": f"area:{subscription.scope_value}",
        "theme": f"theme:{subscription.scope_value}",
    }.get(subscription.scope_kind)


def compose_digest(
    session: Session,
    subscription: SubscriptionView,
    *,
    since: datetime,
    until: datetime,
    timezone: str,
    scope: tuple[str, ...] = (),
    first: bool = False,
) -> DigestContent:
    """Return the digest of a subscription for the week from since (exclusive)
    to until (inclusive)."""
    key = _listing_key(subscription)
    actions = (
        action_changes(session, key, since=since, until=until, timezone=timezone) if key else None
    )
    area_code = subscription.scope_value if subscription.scope_kind == "area" else None
    theme = subscription.scope_value if subscription.scope_kind == "theme" else ""
    candidates = _surveys_for(session, subscription, since, until)
    if not theme:
        candidates, more = candidates[:MAX_SURVEYS], max(len(candidates) - MAX_SURVEYS, 0)
    found = [
        survey_digest(
            session, s, since=since, until=until, area_code=area_code, scope=scope, theme=theme
        )
        for s in candidates
    ]
    if theme:  # a survey belongs to a theme when something in it speaks of the theme
        found = [s for s in found if s.statements or s.themes]
        more = max(len(found) - MAX_SURVEYS, 0)
    surveys = tuple(found[:MAX_SURVEYS])
    missing = (subscription.scope_kind == "survey" and not surveys) or (
        subscription.scope_kind == "theme" and actions is not None and actions.total == 0
    )
    return DigestContent(
        scope_kind=subscription.scope_kind,
        scope_value=subscription.scope_value,
        scope_label=subscription.scope_label,
        since=since,
        until=until,
        today=today_in(timezone, until),
        first=first,
        actions=actions,
        surveys=surveys,
        missing=missing,
        more_surveys=more,
        ideas=ideas_week(session, area_code, since=since, until=until) if area_code else None,
    )
