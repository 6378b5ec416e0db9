"""``/__admin/clock``: the world follows the clock, deterministically. An emulator whose clock was advanced
answers byte for byte what one started at the later instant answers (the independent oracle here)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
import requests

from mockserver.app import create_app
from mockserver.config import EmulatorConfig
from mockserver.world import WorldSize

SIZE = WorldSize(users=40, campaigns=6, calls_per_day=600, leads=600)
AUTH = {"goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}
QUESTIONS = [
    ("goDashboard", {"goAction": "getAgentStatus"}),
    ("goDashboard", {"goAction": "goGetTotalAgentsCall"}),
    ("goUsers", {"goAction": "getLiveAgentInfo"}),
    ("goReports", {"goAction": "outbound_cdr", "fromDate": "2025-05-14"}),
    ("goReports", {"goAction": "agent_summary_stats", "fromDate": "2025-05-14"}),
]


def client_at(now: str, **config):
    return create_app(EmulatorConfig(seed=7, now=now, size=SIZE, **config)).test_client()


def answers(client) -> list[bytes]:
    return [
        client.get(f"/goAPIv2/{module}/goAPI.php", query_string={**AUTH, **query}).data
        for module, query in QUESTIONS
    ]


def rows(body: bytes) -> list[dict]:
    return json.loads(body)["data"]["rows"]


def without_entry_dates(bodies: list[bytes]) -> list[bytes]:
    """The answers with lead entry dates left out: seeded leads are dated from the configured clock
    (``--now``), so an emulator started later has younger leads; everything else must be identical."""
    cdr = json.loads(bodies[3])
    for row in cdr["data"]["rows"]:
        row.pop("entry_date")
    return [*bodies[:3], json.dumps(cdr).encode(), *bodies[4:]]


def test_advancing_answers_as_an_emulator_started_at_the_later_time():
    moved = client_at("2025-05-14T07:30:00")
    early = answers(moved)
    answer = moved.post("/__admin/clock/advance", json={"hours": 4, "minutes": 30})
    assert answer.get_json() == {
        "now": "2025-05-14T12:00:00",
        "mode": "frozen",
        "configured": "2025-05-14T07:30:00",
    }
    later = answers(moved)
    assert without_entry_dates(later) == without_entry_dates(answers(client_at("2025-05-14T12:00:00")))
    assert later != early
    # Leads keep the entry dates they had: moving the clock does not re-date the database.
    dated = {row["lead_id"]: row["entry_date"] for body in (early, later) for row in rows(body[3])}
    assert all(row["entry_date"] == dated[row["lead_id"]] for row in rows(early[3]))
    status_early, status_later = (json.loads(body[0])["data"] for body in (early, later))
    assert status_later["total_live_agents"] > status_early["total_live_agents"]
    calls_early, calls_later = (json.loads(body[3]) for body in (early, later))
    assert len(json.dumps(calls_later)) > len(json.dumps(calls_early))  # the morning's calls appeared
    # Health says the same instant, and a reset goes back to --now.
    assert moved.get("/__admin/health").get_json()["now"] == "2025-05-14T12:00:00"
    moved.post("/__admin/reset")
    assert answers(moved) == early


def test_set_freeze_run_and_restore():
    client = client_at("2025-05-14T09:00:00")
    set_to = client.put("/__admin/clock", json={"now": "2025-05-13T16:45:00"}).get_json()
    assert set_to["now"] == "2025-05-13T16:45:00" and set_to["mode"] == "frozen"
    assert answers(client) == answers(client_at("2025-05-13T16:45:00"))
    running = client.post("/__admin/clock/run").get_json()
    assert running["mode"] == "running" and running["now"] >= "2025-05-13T16:45:00"
    assert client.get("/__admin/health").get_json()["clock"] == "running"
    frozen = client.post("/__admin/clock/freeze").get_json()
    assert frozen["mode"] == "frozen"
    assert client.get("/__admin/clock").get_json() == frozen
    restored = client.delete("/__admin/clock").get_json()
    assert restored == {"now": "2025-05-14T09:00:00", "mode": "frozen", "configured": "2025-05-14T09:00:00"}
    live = client_at(None)
    assert live.get("/__admin/clock").get_json()["mode"] == "live"
    assert live.post("/__admin/clock/freeze").get_json()["mode"] == "frozen"


@pytest.mark.parametrize(
    ("method", "path", "body", "reason"),
    [
        ("PUT", "/clock", {"now": "yesterday"}, "now must be an ISO 8601 date-time"),
        ("PUT", "/clock", {"now": "0001-01-01T00:00:00"}, "within the years 1900-9990"),
        ("PUT", "/clock", {"now": "2025-05-14T09:00:00", "mode": "paused"}, "mode must be one of"),
        ("PUT", "/clock", {"when": "2025-05-14T09:00:00"}, "expected"),
        ("POST", "/clock/advance", {"hours": -1}, "not negative"),
        ("POST", "/clock/advance", {"hours": 1.5}, "whole number"),
        ("POST", "/clock/advance", {"weeks": 1}, "expected an object with any of"),
        ("POST", "/clock/advance", {}, "expected an object"),
        ("POST", "/clock/advance", {"days": 10**9}, "too far"),
        ("POST", "/clock/advance", {"days": 2_911_000}, "within the years"),
    ],
)
def test_bad_clock_requests_are_400_and_change_nothing(method, path, body, reason):
    client = client_at("2025-05-14T09:00:00")
    answer = client.open("/__admin" + path, method=method, json=body)
    assert answer.status_code == 400 and reason in answer.get_json()["error"]
    assert client.get("/__admin/clock").get_json()["now"] == "2025-05-14T09:00:00"


def test_two_emulators_on_one_redis_share_the_clock(redis_db):
    a = client_at("2025-05-14T07:30:00", state=redis_db)
    b = client_at("2025-05-14T07:30:00", state=redis_db)
    a.post("/__admin/reset")
    a.post("/__admin/clock/advance", json={"hours": 4, "minutes": 30})
    assert b.get("/__admin/clock").get_json()["now"] == "2025-05-14T12:00:00"
    assert without_entry_dates(answers(b)) == without_entry_dates(answers(client_at("2025-05-14T12:00:00")))
    b.post("/__admin/clock/advance", json={"minutes": 30})
    assert a.get("/__admin/clock").get_json()["now"] == "2025-05-14T12:30:00"
    b.post("/__admin/reset")
    assert a.get("/__admin/clock").get_json()["now"] == "2025-05-14T07:30:00"


def test_the_python_api_steers_the_clock(server):
    server.reset()
    assert server.clock.advance(hours=2) == datetime(2025, 5, 14, 17, 30)
    assert server.now == datetime(2025, 5, 14, 17, 30)
    assert server.clock.set(datetime(2025, 5, 12, 10, 0)) == datetime(2025, 5, 12, 10, 0)
    url = server.goapi_url("goDashboard")
    over_http = requests.get(url, params={**AUTH, "goAction": "getAgentStatus"}, timeout=10).content
    oracle = create_app(EmulatorConfig(seed=7, now="2025-05-12T10:00:00", size=WorldSize(**_small())))
    assert (
        over_http
        == oracle.test_client()
        .get("/goAPIv2/goDashboard/goAPI.php", query_string={**AUTH, "goAction": "getAgentStatus"})
        .data
    )
    assert server.clock.run() >= datetime(2025, 5, 12, 10, 0) and not server.clock_frozen
    assert server.clock.reset() == datetime(2025, 5, 14, 15, 30) and server.clock_frozen
    with pytest.raises(ValueError, match="within the years"):
        server.clock.set("0001-01-01T00:00:00")


def _small() -> dict:
    from conftest import SMALL_WORLD

    return SMALL_WORLD
