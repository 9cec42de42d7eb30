"""Voting in a participatory budgeting round on the web, without JavaScript, on SQLite and
PostgreSQL: the running total, refusals, the receipt, closed rounds and the results."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from engagement.pb.ballots import create_invites
from engagement.pb.publish import publish_results
from engagement.pb.rounds import load_round, set_status
from storage import session_scope
from storage.db import make_engine
from storage.pb_models import PbBallot, PbProject
from surveys.residents.survey_guard import reset_rate_limits
from tests.engagement.pb.rounds import load_sample, round_file
from tests.surveys.conftest import build_app
from tests.surveys.pages import parse, text
from tests.surveys.survey_helpers import errors_on

CASTLE_GREEN, LAKESIDE = "E02900003", "E02900004"


@pytest.fixture
def pb_db(db_url, tmp_path):
    """The sample borough with the round castle-fund open (budget £10,000, five projects)."""
    reset_rate_limits()
    load_sample(db_url)
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        load_round(session, round_file(tmp_path))
    yield db_url, engine, tmp_path
    engine.dispose()


class Voter:
    """A resident's browser on the ballot page, posting its form with the CSRF token."""

    def __init__(self, client, slug: str = "castle-fund"):
        self.client, self.slug = client, slug
        self.page = client.get(f"/pb/{slug}")

    def csrf(self) -> str:
        return parse(self.page).select_one("input[name=csrf_token]")["value"]

    def project_ids(self) -> dict[str, str]:
        page = parse(self.page)
        return {
            text(page.select_one(f"label[for={box['id']}]")).split(" – ")[0]: box["value"]
            for box in page.select("input[name=projects]")
        }

    def post(self, titles: list[str], *, action: str, neighbourhood: str = "", path: str = ""):
        ids = self.project_ids()
        data = {
            "csrf_token": self.csrf(),
            "projects": [ids[t] for t in titles],
            "neighbourhood": neighbourhood,
            "action": action,
        }
        self.page = self.client.post(f"/pb/{self.slug}{path}", data=data)
        return self.page


def stored(engine) -> list[PbBallot]:
    with session_scope(engine) as session:
        return list(session.scalars(select(PbBallot)))


def test_check_total_shows_the_running_total_and_refuses_more_than_the_budget(pb_db):
    _url, engine, _tmp = pb_db
    voter = Voter(build_app(pb_db[0]).test_client())
    assert voter.page.status_code == 200
    total = text(parse(voter.page).select_one("#running-total"))
    assert total == "Your choices cost £0 of £10,000. £10,000 left."

    checked = voter.post(["Community garden", "Benches on the green"], action="check")
    assert checked.status_code == 200
    assert text(parse(checked).select_one("#running-total")) == (
        "Your choices cost £4,000 of £10,000. £6,000 left."
    )
    # The boxes stay ticked after the check.
    ticked = [b["value"] for b in parse(checked).select("input[name=projects][checked]")]
    assert len(ticked) == 2

    over = voter.post(["Play area repairs", "Youth club kit"], action="check")
    assert "more than the £10,000 budget" in text(parse(over).select_one("#running-total"))
    assert errors_on(over) == [
        "The projects you chose cost £13,000, more than the £10,000 budget. Remove a project or "
        "choose cheaper ones"
    ]
    refused = voter.post(
        ["Play area repairs", "Youth club kit"], action="send", neighbourhood=CASTLE_GREEN
    )
    assert refused.status_code == 400
    assert "more than the £10,000 budget" in errors_on(refused)[0]
    assert stored(engine) == []


def test_a_vote_is_stored_once_with_its_neighbourhood_and_a_receipt(pb_db):
    _url, engine, _tmp = pb_db
    client = build_app(pb_db[0]).test_client()
    voter = Voter(client)
    names = [text(label) for label in parse(voter.page).select("input[name=neighbourhood] + label")]
    assert names == ["Castle Green", "Lakeside & Tudor Way", "Somewhere else"]
    missing = voter.post(["Mural"], action="send")
    assert errors_on(missing) == ["Select your neighbourhood"]
    outside = voter.post(["Mural"], action="send", neighbourhood="somewhere_else")
    assert errors_on(outside) == ["Only people who live in Castle can vote in this round"]
    sent = voter.post(["Community garden", "Mural"], action="send", neighbourhood=LAKESIDE)
    assert sent.status_code == 303
    done = client.get(sent.location)
    receipt = text(parse(done).select_one("#receipt-code"))
    assert receipt.startswith("FP-")
    ballots = stored(engine)
    assert [(b.channel, b.area_code, b.receipt_code) for b in ballots] == [
        ("web", LAKESIDE, receipt)
    ]
    with session_scope(engine) as session:
        chosen = session.scalars(
            select(PbProject.title).where(PbProject.id.in_(ballots[0].choices))
        ).all()
    assert sorted(chosen) == ["Community garden", "Mural"]


def test_the_same_form_sent_twice_is_stored_once(pb_db):
    _url, engine, _tmp = pb_db
    client = build_app(pb_db[0]).test_client()
    voter = Voter(client)
    ids = voter.project_ids()
    data = {
        "csrf_token": voter.csrf(),
        "projects": [ids["Mural"]],
        "neighbourhood": CASTLE_GREEN,
        "action": "send",
    }
    with client.session_transaction() as cookie:
        before = dict(cookie)
    first = client.post("/pb/castle-fund", data=data)
    with client.session_transaction() as cookie:  # a double click: the same cookie again
        cookie.clear()
        cookie.update(before)
    second = client.post("/pb/castle-fund", data=data)
    assert first.status_code == second.status_code == 303
    assert len(stored(engine)) == 1


def test_a_closed_round_says_so_and_refuses_a_vote(pb_db):
    url, engine, _tmp = pb_db
    client = build_app(url).test_client()
    voter = Voter(client)
    with session_scope(engine) as session:
        set_status(session, "castle-fund", "closed")
    refused = voter.post(["Mural"], action="send", neighbourhood=CASTLE_GREEN)
    assert refused.status_code == 410
    assert text(parse(refused).select_one("h1")) == "Voting has closed"
    assert stored(engine) == []
    assert client.get("/pb/castle-fund").status_code == 410


def test_a_round_not_open_yet_says_when_it_opens(db_url, tmp_path):
    reset_rate_limits()
    load_sample(db_url)
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        load_round(session, round_file(tmp_path, opens="2098-03-01"))
    page = build_app(db_url).test_client().get("/pb/castle-fund")
    engine.dispose()
    assert text(parse(page).select_one("h1")) == "Voting has not started"
    assert "Voting opens on 1 March 2098." in text(parse(page).select_one("main"))


def test_an_invite_round_takes_each_code_once(pb_db, tmp_path):
    url, engine, _tmp = pb_db
    path = Path(round_file(tmp_path, extra="voters: invite\n"))
    with session_scope(engine) as session:
        load_round(session, path)
        [code] = create_invites(session, "castle-fund", 1)
    client = build_app(url).test_client()
    page = client.get("/pb/castle-fund")
    assert parse(page).select_one("input[name=invite_code]") is not None
    assert parse(page).select_one("input[name=projects]") is None
    token = parse(page).select_one("input[name=csrf_token]")["value"]
    wrong = client.post(
        "/pb/castle-fund/invite", data={"csrf_token": token, "invite_code": "INV-22222-22222"}
    )
    assert errors_on(wrong) == ["This invite code is not right, or has already been used"]
    ok = client.post("/pb/castle-fund/invite", data={"csrf_token": token, "invite_code": code})
    assert ok.status_code == 303
    voter = Voter(client)
    assert voter.post(["Mural"], action="send", neighbourhood=CASTLE_GREEN).status_code == 303
    other = build_app(url).test_client()
    token = parse(other.get("/pb/castle-fund")).select_one("input[name=csrf_token]")["value"]
    again = other.post("/pb/castle-fund/invite", data={"csrf_token": token, "invite_code": code})
    assert errors_on(again) == ["This invite code is not right, or has already been used"]
    assert len(stored(engine)) == 1


def test_a_form_without_its_token_is_refused(pb_db):
    client = build_app(pb_db[0], WTF_CSRF_ENABLED=True).test_client()
    client.get("/pb/castle-fund")
    refused = client.post("/pb/castle-fund", data={"projects": ["1"], "action": "send"})
    assert refused.status_code == 400
    assert stored(pb_db[1]) == []


def test_results_are_published_with_small_numbers_withheld(pb_db):
    url, engine, _tmp = pb_db
    client = build_app(url).test_client()
    pending = client.get("/pb/castle-fund/results")
    assert "The results are not published yet" in text(parse(pending).select_one("main"))
    # 12 ballots for the Community garden from Castle Green; 3 for the Mural from Lakeside.
    for area, titles, n in ((CASTLE_GREEN, ["Community garden"], 12), (LAKESIDE, ["Mural"], 3)):
        for _ in range(n):
            voter = Voter(build_app(url).test_client())
            assert voter.post(titles, action="send", neighbourhood=area).status_code == 303
    with session_scope(engine) as session:
        publish_results(session, "castle-fund", published_by="U123")
    page = parse(client.get("/pb/castle-fund/results"))
    rows = {
        text(r.select_one("th")): [text(td) for td in r.select("td")]
        for r in page.select("#projects tbody tr")
    }
    assert rows["Community garden"][:2] == ["£3,000", "12"]
    assert rows["Mural"][:2] == ["£2,000", "[c] fewer than 10 votes"]
    assert rows["Mural"][2].startswith("Funded Funded: £2,000 fitted in the £7,000 left.")
    assert rows["Play area repairs"][2] == "Not funded No votes."
    assert text(page.select_one("#funded-actions")) == (
        "Community garden (PB-1-2): Not started Mural (PB-1-5): Not started"
    )
    # Lakeside's 3 ballots are withheld, and so is Castle Green's 12, which with the total of 15
    # would give Lakeside's away.
    assert "[c]" in text(page)
    assert "15" in text(page.select_one(".govuk-summary-list"))
