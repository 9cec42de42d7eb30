"""Surveys: definitions, answers, storing responses, summaries, who was heard (representation),
exports, invites and the council's "You said, we did" notes.

Imports storage, engagement.areas (neighbourhoods and deciles), engagement.comments (coding free
text) and engagement's shared modules. Never flask or slack."""
