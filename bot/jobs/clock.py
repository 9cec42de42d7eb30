"""The one scheduler process (`fairer clock`): every timed job is registered here, by name.

Run exactly one clock. Each job must still be safe to run twice (deliveries are claimed in the
database first), because a restart, a manual run or a second clock by mistake will happen.
To add a job, write its function elsewhere and add a Job to JOBS.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.config import Settings
from bot.jobs.digests import run_digests
from bot.jobs.reminders import send_action_reminders
from engagement.surveys.store import purge_free_text
from storage import session_scope
from storage.db import engine_for

log = logging.getLogger(__name__)
# Hours, not APScheduler's one second: a clock restarted mid-morning still sends that day's run.
MISFIRE_GRACE_SECONDS = 6 * 3600


@dataclass(frozen=True)
class Job:
    """A scheduled job: its id, when it runs (cron fields in FAIRER_TIMEZONE) and what it runs."""

    id: str
    cron: dict
    run: Callable[[Settings], object]


def action_reminders(settings: Settings) -> object:
    """Send the action reminders that are due; return the run's report."""
    report = send_action_reminders(settings)
    log.info(report.summary())
    return report


def weekly_digests(settings: Settings) -> object:
    """Send the weekly digests that are due, each exactly once; return the run's report."""
    report = run_digests(settings)
    if not report.idle:  # the job ticks every five minutes; quiet ticks stay out of the log
        log.info(report.summary())
    return report


def purge_old_comments(settings: Settings) -> object:
    """Remove free-text answers past their survey's retention period (as every survey's privacy
    notice promises); return how many were removed."""
    with session_scope(engine_for(settings.database_url)) as session:
        removed = purge_free_text(session)
    if removed:
        log.info("Removed %d free-text answers past their retention period", removed)
    return removed


JOBS: tuple[Job, ...] = (
    Job("action_reminders", {"day_of_week": "mon-fri", "hour": 9, "minute": 0}, action_reminders),
    # Every five minutes: a digest is due at its own channel's time, and retries wait 5 to 45
    # minutes.
    Job("weekly_digests", {"minute": "*/5"}, weekly_digests),
    Job("purge_old_comments", {"hour": 2, "minute": 30}, purge_old_comments),
)


def _logged(job: Job, settings: Settings) -> Callable[[], None]:
    def run() -> None:
        try:
            job.run(settings)
        except Exception:
            log.exception("Scheduled job %s failed", job.id)

    return run


def build_scheduler(
    settings: Settings, scheduler: BlockingScheduler | None = None
) -> BlockingScheduler:
    """Return a scheduler (a new BlockingScheduler unless one is given) with every job in JOBS
    added."""
    scheduler = scheduler or BlockingScheduler(timezone=settings.timezone)
    for job in JOBS:
        scheduler.add_job(
            _logged(job, settings),
            CronTrigger(timezone=settings.timezone, **job.cron),
            id=job.id,
            name=job.id,
            misfire_grace_time=MISFIRE_GRACE_SECONDS,
            coalesce=True,
            max_instances=1,
            replace_existing=True,
        )
    return scheduler


def run_clock(settings: Settings) -> None:
    """Run the scheduler until the process is stopped; returns only then."""
    scheduler = build_scheduler(settings)
    now = datetime.now(ZoneInfo(settings.timezone))
    for job in scheduler.get_jobs():
        log.info("Clock: %s next runs at %s", job.id, job.trigger.get_next_fire_time(None, now))
    scheduler.start()
