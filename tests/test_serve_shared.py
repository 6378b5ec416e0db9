"""``crocodial-mock serve`` as several processes that are one CrocoDial: two gunicorn workers on one
machine (the SQLite store chosen automatically), and two emulators on one real Redis.

Which worker accepts a connection is the kernel's choice, so the tests keep sending (on fresh
connections, several at once) until the journal's ``served_by`` shows what they need, for a bounded number
of rounds.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from test_cli import start, stop

LEAD = {"function": "add_lead", "user": "MyUser", "pass": "MyPass", "source": "test", "list_id": "999"}
CREDENTIALS = {"goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}
ROUNDS = 25


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def post(url: str, payload: dict | None = None) -> dict:
    data = json.dumps(payload).encode() if payload is not None else b""
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def add_lead(base: str, phone: str) -> int:
    status, body = get(f"{base}/API/lmapi.php?{urllib.parse.urlencode({**LEAD, 'phone_number': phone})}")
    assert status == 200 and body.startswith(b"SUCCESS: add_lead LEAD HAS BEEN ADDED"), body
    return int(body.split(b"\n")[0].rsplit(b" - ", 1)[1].split(b"|")[3])


def customer(base: str, phone: str) -> tuple[int, dict | None]:
    query = urllib.parse.urlencode({"goAction": "goGetCustomerInfo", "phone_number": phone, **CREDENTIALS})
    status, body = get(f"{base}/goAPIv2/goAgent/goAPI.php?{query}")
    return status, json.loads(body) if status == 200 and body else None


def journal(base: str) -> list[dict]:
    return json.loads(get(f"{base}/__admin/requests")[1])["requests"]


def served_by(entries: list[dict], action: str) -> dict[str, set[str]]:
    """phone_number -> the processes that answered ``action`` for it."""
    result: dict[str, set[str]] = {}
    for entry in entries:
        if entry["action"] == action:
            result.setdefault(entry["params"].get("phone_number", ""), set()).add(entry["served_by"])
    return result


@pytest.fixture
def two_workers():
    process, base, _banner = start(
        "--workers", "2", "--threads", "4", "--quiet", "--now", "2025-05-14T15:30:00"
    )
    try:
        yield base
    finally:
        returncode, out, _err = stop(process)
        assert returncode == 0 and "stopped" in out


def test_two_workers_are_one_crocodial(two_workers):
    base = two_workers
    phones: list[str] = []
    ids: list[int] = []
    with ThreadPoolExecutor(max_workers=8) as pool:
        for batch in range(10):  # until both workers have added some
            more = [f"3125{batch}{n:05d}" for n in range(16)]
            ids += pool.map(lambda phone: add_lead(base, phone), more)
            phones += more
            adders = {phone: next(iter(who)) for phone, who in served_by(journal(base), "add_lead").items()}
            if len(set(adders.values())) == 2:
                break
        else:
            pytest.fail("one worker added every lead")
    assert len(set(ids)) == len(ids)

    # Every lead reads back through the worker that did not add it.
    readers: dict[str, set[str]] = {}
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(ROUNDS):
            answers = list(pool.map(lambda phone: customer(base, phone), phones))
            assert all(status == 200 and body["result"] == "success" for status, body in answers)
            for phone, who in served_by(journal(base), "goGetCustomerInfo").items():
                readers.setdefault(phone, set()).update(who)
            if all(readers.get(phone, set()) - {adders[phone]} for phone in phones):
                break
        else:
            pytest.fail("no read came through the other worker")
    found = [body["lead_info"]["lead_id"] for _, body in answers]
    assert found == ids

    # A fault switched on through one worker applies on both.
    post(f"{base}/__admin/faults", {"fault": "PHP_FATAL", "action": "goGetCustomerInfo"})
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(ROUNDS):
            assert {status for status, _ in pool.map(lambda phone: customer(base, phone), phones)} == {500}
            faulted = {e["served_by"] for e in journal(base) if e["outcome"].startswith("fault PHP_FATAL")}
            if len(faulted) == 2:
                break
        else:
            pytest.fail("the fault was not seen by both workers")

    # A reset through one worker resets both: faults off, leads gone, journal emptied.
    assert post(f"{base}/__admin/reset")["status"] == "reset"
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(ROUNDS):
            answers = list(pool.map(lambda phone: customer(base, phone), phones))
            assert all(status == 200 and body["result"] == "error" for status, body in answers)
            readers = {e["served_by"] for e in journal(base) if e["action"] == "goGetCustomerInfo"}
            if len(readers) == 2:
                break
        else:
            pytest.fail("the reset was not seen by both workers")


def test_concurrent_add_lead_through_two_workers_gives_distinct_ids_none_lost(two_workers):
    base = two_workers
    phones: list[str] = []
    ids: list[int] = []
    with ThreadPoolExecutor(max_workers=8) as pool:
        for batch in range(10):  # 80 at a time, until both workers have added some (one may start late)
            more = [f"7275{batch}{n:05d}" for n in range(80)]
            ids += pool.map(lambda phone: add_lead(base, phone), more)
            phones += more
            if len({e["served_by"] for e in journal(base) if e["action"] == "add_lead"}) == 2:
                break
        else:
            pytest.fail("one worker added every lead")
    assert len(set(ids)) == len(phones)
    assert sorted(ids) == list(range(min(ids), min(ids) + len(ids)))  # none skipped, none lost
    for phone, lead_id in zip(phones, ids, strict=True):
        status, body = customer(base, phone)
        assert status == 200 and body["lead_info"]["lead_id"] == lead_id


def test_two_emulators_on_one_redis_are_one_crocodial(redis_db):
    a, base_a, _ = start("--state", redis_db, "--quiet", "--now", "2025-05-14T15:30:00")
    try:
        b, base_b, _ = start(
            "--state", redis_db, "--quiet", "--now", "2025-05-14T15:30:00", "--server", "waitress"
        )
        try:
            post(f"{base_a}/__admin/reset")
            lead_id = add_lead(base_a, "3125550188")
            status, body = customer(base_b, "3125550188")
            assert status == 200 and body["lead_info"]["lead_id"] == lead_id
            assert add_lead(base_b, "3125550189") == lead_id + 1

            entries = journal(base_a)
            assert [e["action"] for e in entries] == ["add_lead", "goGetCustomerInfo", "add_lead"]
            assert len({e["served_by"] for e in entries}) == 2

            post(
                f"{base_b}/__admin/faults", {"fault": "EMPTY_BODY", "action": "goGetCustomerInfo", "times": 1}
            )
            assert customer(base_a, "3125550188") == (200, None)  # used up on A ...
            assert customer(base_b, "3125550188")[1]["result"] == "success"  # ... so B answers normally

            post(f"{base_b}/__admin/reset")
            assert customer(base_a, "3125550188")[1]["result"] == "error"
            assert [e["served_by"] for e in journal(base_b)] == [
                entries[2]["served_by"]
            ]  # newest first: A added first
        finally:
            assert stop(b)[0] == 0
    finally:
        assert stop(a)[0] == 0
