"""Block Kit: pure functions from engagement's dataclasses to Slack messages, one module per reply.

No database and no Slack calls here; figures come already worded from engagement.figures, and
every piece of text from people or files passes through bot.blocks.mrkdwn."""
