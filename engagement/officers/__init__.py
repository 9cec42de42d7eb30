"""Officers: one-time sign-in links sent from Slack for the officer web pages.

Imports storage and engagement's shared modules. Never flask or slack."""
