"""Residents' comments: sentiment, themes from the officers' keyword taxonomy, and officers' coding.

Imports storage, textblob and engagement's shared modules. Never flask or slack."""
