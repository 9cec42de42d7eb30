"""Participatory budgeting: rounds, ballots (web and paper), the count and its publication."""
