"""Disclosure control that holds: a reader who gathers every figure published about a statement
(the public results page, the /survey reply in Slack, the weekly digest and `fairer survey summary
--json`) still cannot work out any answer given by 1 to 9 people.

The attack is the one an analyst would try: every split of the responses over the six answers
that agrees with every figure shown (counts, the total, shares, "X% agree", its 95% interval, the
base, net agreement) is listed; a withheld cell is recovered when all of them give it the same
value. Expected figures come from the responses the test creates and the published definitions:
Wilson's score interval (Wilson 1927, as in the Public Health England technical guide
"Confidence intervals for proportions"), percentages rounded half up, "don't know" excluded from
agreement, and the Government Statistical Service's "[c]" marker for confidential figures.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from click.testing import CliRunner

from bot.blocks.digest import digest_message
from bot.cli.main import main
from engagement.digests.content import compose_digest
from engagement.surveys.store import find_survey
from storage import session_scope
from storage.db import engine_for
from tests.engagement.digest_factories import LONDON, create_subscription, date_responses, utc
from tests.engagement.survey_factories import create_response
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import SLUG, open_example_survey

OPTIONS = ("strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "dont_know")
LABELS = {
    "Strongly agree": "strongly_agree",
    "Agree": "agree",
    "Neither agree nor disagree": "neither",
    "Disagree": "disagree",
    "Strongly disagree": "strongly_disagree",
    "Don't know": "dont_know",
}
Z = 1.959963984540054  # the 97.5th percentile of the standard normal distribution

# Answers to the first statement, by option. The first is the case: 17 agreed, which
# the page once showed as "fewer than 10", while "85% agree … from 40" gave the 17 back.
CASES = {
    "issue 12": dict(strongly_agree=17, agree=17, disagree=3, strongly_disagree=3),
    "don't know from councillors": dict(agree=25, disagree=12, dont_know=4),
    "warwickshire-like": dict(agree=54, disagree=8, dont_know=5),
    "few neither": dict(strongly_agree=4, agree=12, neither=5, disagree=20),
    "few agree": dict(agree=6, neither=11, disagree=30),
    "one of each": dict(strongly_agree=1, agree=20, neither=1, disagree=15, dont_know=1),
}


def half_up(value: float, places: int = 0) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def wilson(successes: int, n: int) -> tuple[float, float]:
    p = successes / n
    denominator = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denominator
    margin = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator
    lower = 0.0 if successes == 0 else max(0.0, centre - margin)
    upper = 1.0 if successes == n else min(1.0, centre + margin)
    return 100 * lower, 100 * upper


def _publish(app_factory, sample_url, answers: dict[str, int]) -> dict:
    """Store the responses; return everything published about the first statement, as text."""
    open_example_survey(sample_url)
    engine = engine_for(sample_url)
    with session_scope(engine) as session:
        survey, definition = find_survey(session, SLUG)
        for option, count in answers.items():
            for _ in range(count):
                create_response(session, survey=survey, definition=definition, priority_1=option)
        date_responses(session, survey.id, utc(2026, 11, 25, 12, 0))
    app = app_factory(sample_url, FAIRER_LOCAL_AUTHORITIES="E06999999")
    page = parse(app.test_client().get(f"/s/{SLUG}/results"))
    section = page.select_one("#question-priority_1")
    rows = {
        text(tr.select_one("th")): [text(td) for td in tr.select("td")]
        for tr in section.select("#answers-priority_1 tbody tr")
    }
    from tests.slack_fixtures import SlackClient

    slack = SlackClient(app.test_client())
    reply = slack.command("/survey", "draft priorities").get_json()
    slack_text = json.dumps(reply["blocks"][2], ensure_ascii=False)
    with session_scope(engine) as session:
        subscription = create_subscription(session, text="subscribe")
        content = compose_digest(
            session,
            subscription,
            since=utc(2026, 11, 23, 9, 0),
            until=utc(2026, 11, 30, 9, 0),
            timezone=LONDON,
        )
        digest = digest_message(content, public_base_url="https://x.example", timezone=LONDON)
    digest_text = json.dumps(digest["blocks"], ensure_ascii=False)
    digest_line = re.search(r"1\. Priority 1[^\"\\\\]*", digest_text).group(0)
    result = CliRunner().invoke(
        main,
        ["survey", "summary", SLUG, "--json"],
        env={"DATABASE_URL": sample_url, "FAIRER_LOCAL_AUTHORITIES": "E06999999"},
    )
    assert result.exit_code == 0, result.output
    question = json.loads(result.output)["questions"][0]
    return {
        "responses": text(page.select_one("#response-count")),
        "rows": rows,
        "headline": text(section.select_one(".agreement")),
        "base": text(section.select_one(".base")),
        "slack": slack_text,
        "digest": digest_line,
        "json": question,
    }


def _number(words: str) -> int:
    return int(words.replace(",", ""))


def _constraints(published: dict) -> list:
    """Return tests a candidate split of the answers must pass to agree with what is shown."""
    checks = []
    responses = int(re.match(r"([\d,]+) responses", published["responses"]).group(1))
    checks.append(lambda c: sum(c.values()) == responses)
    for label, (count, share) in published["rows"].items():
        option = LABELS[label]
        if count.startswith("[c]"):
            continue
        value = _number(count)
        checks.append(lambda c, o=option, v=value: c[o] == v)
        if share:
            checks.append(
                lambda c, o=option, s=share: str(half_up(100 * c[o] / responses)) + "%" == s
            )
    bases, headlines = [], []
    for words in (published["base"], published["slack"], published["digest"]):
        found = re.search(r"[Ff]rom ([\d,]+) (?:people|respondents)|([\d,]+) respondents", words)
        if found:
            bases.append(int((found.group(1) or found.group(2)).replace(",", "")))
    if published["json"]["n"] is not None:
        bases.append(published["json"]["n"])
    for words in (published["headline"], published["slack"], published["digest"]):
        found = re.search(r"(\d+)% agree.*?(\d+)(?:%)?(?: to |–)(\d+)%", words)
        if found:
            headlines.append(tuple(int(g) for g in found.groups()))

    def n_of(c):
        return sum(c[o] for o in OPTIONS if o != "dont_know")

    def agree_of(c):
        return c["strongly_agree"] + c["agree"]

    for base in bases:
        checks.append(lambda c, b=base: n_of(c) == b)
    for pct, low, high in headlines:

        def matches(c, pct=pct, low=low, high=high):
            n = n_of(c)
            if not n:
                return False
            lo, hi = wilson(agree_of(c), n)
            shown = (half_up(100 * agree_of(c) / n), half_up(lo), half_up(hi))
            return shown == (pct, low, high)

        checks.append(matches)
    data = published["json"]
    for option, count in data["counts"].items():
        if count is not None:
            checks.append(lambda c, o=option, v=count: c[o] == v)
    if data["agree_pct"] is not None:
        checks.append(
            lambda c: (
                n_of(c) and float(half_up(100 * agree_of(c) / n_of(c), 1)) == data["agree_pct"]
            )
        )
    if data["net_agreement_pct"] is not None:

        def net(c):
            n = n_of(c)
            against = c["disagree"] + c["strongly_disagree"]
            return n and float(half_up(100 * (agree_of(c) - against) / n, 1))

        checks.append(lambda c: net(c) == data["net_agreement_pct"])
    return checks


def _consistent_splits(published: dict, total: int):
    """Yield every split of total responses over the six answers that fits everything shown."""
    checks = _constraints(published)
    known = {
        LABELS[label]: int(count.replace(",", ""))
        for label, (count, _share) in published["rows"].items()
        if not count.startswith("[c]")
    }
    unknown = [o for o in OPTIONS if o not in known]
    left = total - sum(known.values())
    for values in itertools.product(range(left + 1), repeat=len(unknown)):
        if sum(values) != left:
            continue
        candidate = known | dict(zip(unknown, values, strict=True))
        if all(check(candidate) for check in checks):
            yield candidate


@pytest.mark.parametrize("case", list(CASES))
def test_no_answer_of_fewer_than_10_people_can_be_worked_out(app_factory, sample_url, case):
    answers = CASES[case]
    truth = {o: answers.get(o, 0) for o in OPTIONS}
    published = _publish(app_factory, sample_url, answers)

    splits = list(_consistent_splits(published, sum(truth.values())))

    assert truth in splits  # the attack is sound: what really happened fits what is shown
    for option, count in truth.items():
        if 0 < count < 10:
            possible = {split[option] for split in splits}
            assert len(possible) > 1, (case, option, count, published)


@pytest.mark.parametrize("case", list(CASES))
def test_fewer_than_10_is_never_said_of_10_or_more(app_factory, sample_url, case):
    answers = CASES[case]
    published = _publish(app_factory, sample_url, answers)

    for label, (count, _share) in published["rows"].items():
        if "fewer than 10" in count:
            assert answers.get(LABELS[label], 0) < 10, (label, count)
        if count.startswith("[c]"):
            assert count in ("[c] fewer than 10 responses", "[c] to protect another cell")
    for option, reason in published["json"].get("suppressed", {}).items():
        if option in OPTIONS and "fewer than 10" in reason:
            assert answers.get(option, 0) < 10, (option, reason)
    # The case: "Agree" (17 people) is shown as 17.
    if case == "issue 12":
        assert published["rows"]["Agree"] == ["17", "43%"]
        assert published["headline"] == "85% agree (95% CI 71% to 93%)"


def test_one_survey_shows_the_same_agreement_in_every_channel(app_factory, sample_url):
    """Issue 12 item 3, for surveys: no cell is small, so every channel shows each statement's
    agreement, and each shows the same figure and interval, rounded once from the exact value."""
    answers = dict(strongly_agree=12, agree=21, neither=0, disagree=15, strongly_disagree=0)
    published = _publish(app_factory, sample_url, answers)
    n, agreeing = 48, 33  # priorities 2 and 3: all 48 agree (the factory's default answer)
    low, high = wilson(agreeing, n)
    whole = (half_up(100 * agreeing / n), half_up(low), half_up(high))
    assert whole == (Decimal(69), Decimal(55), Decimal(80))

    assert published["headline"] == f"{whole[0]}% agree (95% CI {whole[1]}% to {whole[2]}%)"
    assert (
        f"{whole[0]}% agreed, 95% CI {whole[1]}–{whole[2]}%, from 48 respondents"
        in (published["slack"])
    )
    digest_line = f"*{whole[0]}% agree* (95% CI {whole[1]}–{whole[2]}%), 48 respondents"
    assert digest_line in published["digest"]
    data = published["json"]
    assert data["agree_pct"] == float(half_up(100 * agreeing / n, 1))
    assert data["agree_ci95"] == [float(half_up(low, 1)), float(half_up(high, 1))]
    assert "suppressed" not in data and data["n"] == n
    result = CliRunner().invoke(
        main,
        ["survey", "summary", SLUG],
        env={"DATABASE_URL": sample_url, "FAIRER_LOCAL_AUTHORITIES": "E06999999"},
    )
    assert f"{whole[0]}% agreed, 95% CI {whole[1]}–{whole[2]}%, from 48 respondents" in (
        result.output
    )


def test_the_tone_of_fewer_than_10_comments_is_not_published(sample_url):
    # 6 comments: shares of 6 would say how many of the 6 wrote kindly or harshly.
    open_example_survey(sample_url)
    engine = engine_for(sample_url)
    with session_scope(engine) as session:
        survey, definition = find_survey(session, SLUG)
        for i in range(12):
            comment = "The play park is wonderful, thank you." if i < 6 else None
            create_response(session, survey=survey, definition=definition, comments=comment)
    env = {"DATABASE_URL": sample_url, "FAIRER_LOCAL_AUTHORITIES": "E06999999"}
    published = json.loads(
        CliRunner().invoke(main, ["survey", "summary", SLUG, "--json"], env=env).output
    )["comments"]

    assert published["n"] == 6
    for share in ("positive_pct", "neutral_pct", "negative_pct", "mean_polarity"):
        assert published[share] is None
    assert published["suppressed"] == "[c] fewer than 10 responses"
