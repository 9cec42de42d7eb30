"""Errors the domain raises for people to read."""


class ImportProblem(Exception):
    """Bad input in a file: the message is one plain sentence naming the file, line and column."""
