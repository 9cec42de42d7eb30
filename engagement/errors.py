"""Errors the domain raises for people to read."""


class ImportProblem(Exception):
    """Bad input in a file: the message is one plain sentence naming the file, line and column."""


class RowProblems(ImportProblem):
    """Bad rows in a file: problems holds one "line N, column 'c': reason" per problem."""

    def __init__(self, file_name: str, problems: list[str], bad_rows: int):
        self.problems = problems
        rows = "1 row has a problem" if bad_rows == 1 else f"{bad_rows} rows have problems"
        super().__init__(f"{file_name}: {rows}, so nothing was imported.\n" + "\n".join(problems))
