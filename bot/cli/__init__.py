"""The `fairer` command, one module per command group; bot.cli.main parses and dispatches."""
