"""The journal as a test asks it questions: filters, counts, unmatched requests, ``verify``, and 400s
for queries it cannot answer (over real HTTP, as a client of ``crocodial-mock serve`` would ask)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import requests

LEAD = {"function": "add_lead", "user": "MyUser", "pass": "MyPass", "source": "test", "list_id": "101"}
USERS = {"goAction": "goGetAllUsers", "goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}


def get(url: str, **params):
    return requests.get(url, params=params, timeout=10)


def admin(server, path: str, **params):
    answer = get(server.url + "/__admin" + path, **params)
    return answer.status_code, answer.json()


def test_filters_by_action_module_method_params_outcome_status_and_since(fresh):
    before = datetime.now(UTC) - timedelta(seconds=1)
    get(fresh.lmapi_url, **LEAD, phone_number="3125550101")
    get(fresh.lmapi_url, **LEAD, phone_number="3125550102")
    requests.post(fresh.goapi_url("goUsers"), data=USERS, timeout=10)
    get(fresh.goapi_url("goUsers"), **{**USERS, "goPass": "wrong"})

    _, by_action = admin(fresh, "/requests", action="add_lead")
    assert [e["params"]["phone_number"] for e in by_action["requests"]] == ["3125550102", "3125550101"]
    assert by_action["meta"]["total"] == 4
    _, by_param = admin(fresh, "/requests", **{"param.phone_number": "3125550101"})
    assert [e["id"] for e in by_param["requests"]] == [by_action["requests"][1]["id"]]
    _, posts = admin(fresh, "/requests", module="goUsers", method="POST")
    assert [e["outcome"] for e in posts["requests"]] == ["success"]
    _, errors = admin(fresh, "/requests", outcome="error")
    assert [e["params"]["goPass"] for e in errors["requests"]] == ["***"]
    assert admin(fresh, "/requests/count", module="lmapi")[1] == {"count": 2}
    assert admin(fresh, "/requests/count", status="200", limit="1")[1] == {"count": 4}
    assert admin(fresh, "/requests/count", since=before.isoformat())[1] == {"count": 4}
    later = (datetime.now(UTC) + timedelta(minutes=1)).isoformat()
    assert admin(fresh, "/requests/count", since=later)[1] == {"count": 0}
    assert len(admin(fresh, "/requests", limit="1")[1]["requests"]) == 1


def test_each_entry_has_status_duration_and_a_bounded_body_without_passwords(fresh):
    get(fresh.lmapi_url, **{**LEAD, "pass": "Sekrit-9"})  # upstream echoes the password in this line
    get(fresh.goapi_url("goUsers"), **USERS)
    _, journal = admin(fresh, "/requests")
    users, login = journal["requests"]
    assert login["status"] == 200 and login["duration_ms"] >= 0
    assert login["response_body"].startswith("ERROR: Login incorrect")
    assert "Sekrit-9" not in login["response_body"] and "***" in login["response_body"]
    assert users["body_bytes"] > 2000 and len(users["response_body"]) == 2000
    assert users["response_body"].startswith('{"result":"success"')


def test_unmatched_requests_are_404s_and_unknown_actions(fresh):
    assert get(fresh.url + "/nowhere.php").status_code == 404
    get(fresh.goapi_url("goUsers"), **{**USERS, "goAction": "goNoSuchThing"})
    get(fresh.goapi_url("goAgent"), goAction="goNope")
    get(fresh.lmapi_url, **{**LEAD, "function": "no_such_function"})
    get(fresh.goapi_url("goUsers"), **USERS)
    unmatched = fresh.unmatched_requests()
    assert [(e.path, e.status, e.outcome) for e in unmatched] == [
        ("/nowhere.php", 404, "not found"),
        ("/goAPIv2/goUsers/goAPI.php", 200, "error: Command Not Found"),
        ("/goAPIv2/goAgent/goAPI.php", 200, "error: Command NOT Found"),
        ("/API/lmapi.php", 200, "ERROR: NO FUNCTION SPECIFIED"),
    ]
    assert admin(fresh, "/requests/count", matched="true")[1] == {"count": 1}


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ({"limit": "abc"}, "limit must be a non-negative integer"),
        ({"limit": "-3"}, "limit must be a non-negative integer"),
        ({"status": "ok"}, "status must be a non-negative integer"),
        ({"since": "yesterday"}, "since must be an ISO 8601 date-time"),
        ({"matched": "maybe"}, "matched must be true or false"),
        ({"actoin": "add_lead"}, "unknown filter 'actoin'"),
    ],
)
def test_queries_the_journal_cannot_answer_are_400_with_the_reason(server, query, reason):
    for path in ("/requests", "/requests/count"):
        status, body = admin(server, path, **query)
        assert status == 400 and reason in body["error"]


def test_verify_passes_returns_the_requests_and_fails_saying_what_was_sent(fresh):
    get(fresh.lmapi_url, **LEAD, phone_number="3125550101")
    found = fresh.verify(action="add_lead", count=1, params={"phone_number": "3125550101"})
    assert found[0].params["phone_number"] == "3125550101"
    fresh.verify(action="add_lead")
    assert fresh.count(action="add_lead", status=200) == 1
    with pytest.raises(AssertionError, match=r"exactly 1 .* found 0; the journal has:\n.*3125550101"):
        fresh.verify(action="add_lead", count=1, params={"phone_number": "3125550199"})
    with pytest.raises(AssertionError, match="at least 2"):
        fresh.verify(action="add_lead", at_least=2)
    with pytest.raises(AssertionError, match="the journal has none"):
        fresh.verify(action="goGetAllUsers")
    assert fresh.requests(since=datetime.now(UTC) + timedelta(minutes=1)) == []
