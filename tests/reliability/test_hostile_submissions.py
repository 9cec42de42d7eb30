"""Hostile survey submissions: sent, 5xx, invalid answers stored, shown unescaped. Every field
of every page of the example survey gets each hostile value (forged options, several values for
one, SQL, markup, template syntax, control and format characters, a megabyte, another
neighbourhood's code), the forms are sent with forged tokens and fields, and then every page
that shows answers is read: residents' check-answers, the officers' results and comments and
the export, the public results.

A stored answer is valid when it is one the page offered (the radio, checkbox and list values
in its HTML) or, for the comment, text of at most 2,000 characters with no control or
direction-changing characters.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata

from surveys.residents.survey_guard import reset_rate_limits
from tests.officer_fixtures import sign_in
from tests.reliability.attacks import scale
from tests.surveys.pages import parse
from tests.surveys.residents.test_survey_abuse import HOSTILE
from tests.surveys.residents.test_survey_pages import stored
from tests.surveys.survey_helpers import ANSWERS, SLUG, START, Visitor, open_example_survey

VALUES = [
    HOSTILE,
    "agree'; DROP TABLE survey_answers; --",
    ["agree", "disagree"],
    ["housing"] * 12,
    "",
    "x" * 1_000_000,
    "\x00\x01\x1b[31m",
    "E01000001",
    "../../etc/passwd",
    "{{ 7*7 }}{% raw %}",
    "<script>alert(1)</script>",
    "%(x)s %s %n",
    "\u202egnp.exe\u200b",
    "strongly_agree\n",
    "1e308",
    '<a href="javascript:alert(1)">Open</a>',
    "' OR 1=1 --",
]
FORGED_FIELDS = {"survey_id": "2", "channel": "paper", "entered_by": "U0ADMIN001", "lang": "xx"}
# Markup from people shown as markup.
RAW_MARKUP = re.compile(r"<script>alert|<img src=x|<a href=\"javascript")
MAX_COMMENT = 2_000
PAGES = range(1, 6)


def offered(client) -> dict[str, set[str]]:
    """Return, for each choice question, the values its page offers a person."""
    found: dict[str, set[str]] = {}
    for number in PAGES:
        page = parse(client.get(f"{START}/{number}"))
        for field in page.select("main input[type=radio], main input[type=checkbox]"):
            found.setdefault(field["name"], set()).add(field["value"])
        for select in page.select("main select"):
            values = {o.get("value") for o in select.select("option") if o.get("value")}
            found.setdefault(select["name"], set()).update(values)
    return found


def invalid_answers(answers: dict[str, list], choices: dict[str, set[str]]) -> list[str]:
    """Return each stored answer that is not one offered, or a comment that is not plain text."""
    bad = []
    for key, values in answers.items():
        for value in values:
            if key == "comments":
                plain = all(
                    unicodedata.category(ch) not in ("Cc", "Cf") or ch in "\n\r\t\u200d"
                    for ch in value or ""
                )
                if value is not None and (len(value) > MAX_COMMENT or not plain):
                    bad.append(f"{key}: {value[:40]!r}")
            elif key not in choices or value not in choices[key]:
                bad.append(f"{key}: {str(value)[:40]!r}")
    return bad


def unescaped(pages: dict[str, str]) -> list[str]:
    """Return the pages showing hostile markup as markup (or a template evaluated)."""
    return [name for name, html in pages.items() if RAW_MARKUP.search(html)]


def test_hostile_submissions_are_refused_or_stored_safely_and_shown_escaped(
    app_factory, sample_url, figures
):
    open_example_survey(sample_url)
    reset_rate_limits()
    app = app_factory(sample_url, FAIRER_SURVEY_RATE_LIMIT="off")
    statuses, shown, sends = [], {}, 0
    choices = offered(app.test_client())

    for round_ in range(scale()):  # each round is the same attack by new residents
        for n, value in enumerate(VALUES):
            resident = Visitor(app.test_client())
            for number, answers in ANSWERS.items():
                for field in answers:
                    hostile = resident.answer(number, {**answers, field: value, **FORGED_FIELDS})
                    statuses.append(hostile.status_code)
                    shown[f"page {number} {field} #{round_}.{n}"] = hostile.get_data(as_text=True)
                    kept = {**answers, "comments": value} if field == "comments" else answers
                    if resident.answer(number, kept).status_code != 302:
                        resident.answer(number, answers)  # the comment was refused: a plain one
            equality = {"age_band": value, "sex": value, "ethnicity": value, "disability": value}
            statuses.append(resident.answer(5, equality).status_code)
            check = resident.check_answers_page()
            shown[f"check answers #{round_}.{n}"] = check.get_data(as_text=True)
            token = value if isinstance(value, str) else "x"
            sent = resident.post(START, {"submission_token": token, **FORGED_FIELDS})
            statuses.append(sent.status_code)
            sends += 1
            # The same form again, and with no CSRF token: stored once, or refused.
            statuses.append(resident.post(START, {"submission_token": token}).status_code)
            statuses.append(resident.client.post(START, data={"submission_token": "y"}).status_code)

    officer = app.test_client()
    sign_in(officer)
    for path in (
        f"/officers/surveys/{SLUG}",
        f"/officers/surveys/{SLUG}/comments",
        f"/s/{SLUG}/results",
    ):
        answer = officer.get(path)
        statuses.append(answer.status_code)
        shown[path] = answer.get_data(as_text=True)
    export = officer.get(f"/officers/surveys/{SLUG}/export.csv")
    rows = list(csv.DictReader(io.StringIO(export.get_data(as_text=True).removeprefix("\ufeff"))))
    responses = stored(app)
    invalid = [
        f"{response.receipt_code} {problem}"
        for response, answers in responses
        for problem in invalid_answers(answers, choices)
    ]
    invalid += [
        f"{response.receipt_code} stored as {response.channel}, entered by {response.entered_by}"
        for response, _answers in responses
        if response.channel != "web" or response.entered_by is not None
    ]
    record = figures(
        sent=len(statuses),
        fivexx=sum(status >= 500 for status in statuses),
        stored=len(responses),
        invalid_stored=len(invalid),
        shown_unescaped=len(unescaped(shown)),
        pages_read=len(shown),
    )

    assert record["sent"] >= 200 * scale()
    assert record["fivexx"] == 0, sorted(set(statuses))
    assert invalid == []
    assert unescaped(shown) == []
    # Each resident's answers, made valid, were stored once: nothing lost, nothing doubled.
    assert record["stored"] == sends == len(rows)
    assert any("<script>alert('x')</script>" in row["comments"] for row in rows)
