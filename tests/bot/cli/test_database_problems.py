"""A database with no tables, or one that does not answer: one sentence and the fix."""

from __future__ import annotations

from click.testing import CliRunner

from bot.cli.main import main


def fairer(monkeypatch, url, *args):
    monkeypatch.setenv("DATABASE_URL", url)
    return CliRunner().invoke(main, list(args))


def test_a_new_database_file_names_itself_and_says_run_db_upgrade(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path}/new.db"
    result = fairer(monkeypatch, url, "survey", "summary", "draft-priorities")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [
        f"The database {url} has no tables yet (or older ones): "
        "run `fairer db upgrade` to create them."
    ]
    assert "Traceback" not in result.output


def test_a_relative_sqlite_path_also_says_which_file_it_is(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = fairer(monkeypatch, "sqlite:///var/fairer.db", "survey", "summary", "x")
    assert result.exit_code == 1
    assert f"sqlite:///var/fairer.db ({tmp_path}/var/fairer.db) has no tables yet" in result.output


def test_after_db_upgrade_the_same_command_works(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path}/new.db"
    assert fairer(monkeypatch, url, "db", "upgrade").exit_code == 0
    result = fairer(monkeypatch, url, "survey", "erase", "ABCD-EFGH")
    assert result.output.strip() == "No response has the receipt code ABCD-EFGH."


def test_an_unreachable_database_is_named_without_its_password(monkeypatch):
    url = "postgresql://officer:s3cret-word@127.0.0.1:1/fairer"
    result = fairer(monkeypatch, url, "db", "upgrade")
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(
        "Cannot open the database postgresql+psycopg://officer@127.0.0.1:1/fairer"
    )
    assert line.endswith("check DATABASE_URL, then run `fairer db upgrade`.")
    assert "s3cret" not in result.output
