"""The officers' page for a participatory budgeting round: the count with exact votes, paper
ballots uploaded all or nothing, closing the round, and the exports."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from engagement.pb.rounds import load_round
from storage import session_scope
from storage.action_models import Action
from storage.db import engine_for
from storage.pb_models import PbBallot
from tests.action_fixtures import posted_json
from tests.engagement.pb.rounds import round_file
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import errors_on

PAGE = "/officers/pb/castle-fund"


@pytest.fixture
def castle_round(sample_url, tmp_path):
    with session_scope(engine_for(sample_url)) as session:
        load_round(session, round_file(tmp_path))
    return sample_url


def ballots_stored(url) -> int:
    with session_scope(engine_for(url)) as session:
        return session.scalar(select(func.count()).select_from(PbBallot))


def upload(client, body: str):
    token = parse(client.get(PAGE)).select_one("input[name=csrf_token]")["value"]
    return client.post(
        f"{PAGE}/paper",
        data={"csrf_token": token, "ballots_file": (io.BytesIO(body.encode()), "paper.csv")},
        content_type="multipart/form-data",
    )


def test_anonymous_visitors_are_sent_to_sign_in(castle_round, slack_app):
    assert slack_app.test_client().get(PAGE).status_code in (302, 303, 401, 403)


def test_paper_ballots_upload_all_or_nothing_and_the_count_shows_exact_votes(
    castle_round, officer_client
):
    bad = upload(officer_client, "projects\nMural\nPlay area repair\n")
    assert bad.status_code == 400
    assert errors_on(bad)[0].startswith(
        "Nothing was imported. paper.csv, line 3, column 'projects': “Play area repair” is not a "
        "project on this ballot"
    )
    assert ballots_stored(castle_round) == 0

    good = upload(officer_client, "projects\nMural\nMural;Benches on the green\n")
    assert good.status_code == 303
    page = parse(officer_client.get(PAGE))
    assert text(page.select_one(".govuk-notification-banner")).endswith(
        "2 paper ballots imported from paper.csv"
    )
    rows = {
        text(r.select_one("th")): [text(td) for td in r.select("td")]
        for r in page.select("#count tbody tr")
    }
    assert rows["Mural"][:2] == ["£2,000", "2"]
    assert rows["Benches on the green"][:2] == ["£1,000", "1"]
    assert ballots_stored(castle_round) == 2

    token = page.select_one("input[name=csrf_token]")["value"]
    closed = officer_client.post(f"{PAGE}/status", data={"csrf_token": token, "status": "closed"})
    assert closed.status_code == 303
    assert "Closed" in text(parse(officer_client.get(PAGE)).select_one(".govuk-summary-list"))
    assert officer_client.get("/pb/castle-fund").status_code == 410

    xlsx = officer_client.get(f"{PAGE}/export/count.xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert [c.value for c in sheet[2]][:5] == [1, "Mural", 5, 2000, 2]


def _publish(client, channel: str):
    token = parse(client.get(PAGE)).select_one("input[name=csrf_token]")["value"]
    return client.post(f"{PAGE}/publish", data={"csrf_token": token, "channel": channel})


def test_an_officer_publishes_a_closed_round_from_its_page_and_slack_hears(
    castle_round, officer_client, fake_slack
):
    assert _publish(officer_client, "C0PBFUND1").status_code == 409  # still open: nothing published
    assert fake_slack.calls_to("chat.postMessage") == []
    assert (
        upload(officer_client, "projects\nMural\nMural;Benches on the green\n").status_code == 303
    )
    token = parse(officer_client.get(PAGE)).select_one("input[name=csrf_token]")["value"]
    officer_client.post(f"{PAGE}/status", data={"csrf_token": token, "status": "closed"})

    refused = _publish(officer_client, "#general")
    assert refused.status_code == 400
    assert errors_on(refused) == [
        "Enter a Slack channel ID, like C0123ABCD, or leave it empty to post nothing"
    ]

    published = _publish(officer_client, "c0pbfund1")
    assert published.status_code == 303
    banner = text(parse(officer_client.get(PAGE)).select_one(".govuk-notification-banner"))
    assert "Posted the summary to C0PBFUND1." in banner
    [call] = fake_slack.calls_to("chat.postMessage")
    assert posted_json(call)["channel"] == "C0PBFUND1"
    with session_scope(engine_for(castle_round)) as session:
        funded = select(Action.title).where(Action.theme == "Participatory budgeting")
        titles = set(session.scalars(funded))
    assert titles == {"Mural", "Benches on the green"}
    assert officer_client.get("/pb/castle-fund/results").status_code == 200
