"""Weekly digests: subscriptions, schedules, what a digest says, and claiming each delivery once.

Imports storage, engagement.actions, engagement.surveys and engagement's shared modules. Never
flask or slack (posting is bot.jobs.digests' job)."""
