"""Timed work: the one scheduler process (clock) and the jobs it runs (digests, reminders)."""
