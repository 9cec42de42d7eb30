"""Block Kit: pure functions from engagement's dataclasses to Slack messages, one module per reply.

No database and no Slack calls here; the elements every reply is built from (and Slack's text
limits) are in bot.blocks.kit, figures come already worded from engagement.figures, and every
piece of text from people or files passes through bot.blocks.mrkdwn."""
