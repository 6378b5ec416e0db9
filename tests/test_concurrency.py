"""Many threads reading one world at once, and the cache of answers that cannot change.

Reads take no global lock, so these tests check what a lock used to guarantee: each history day is
generated once however many threads want it, concurrent answers equal serial ones byte for byte, and a
cached answer is only ever one that a fresh emulator would give too.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from mockserver.answer_cache import AnswerCache
from mockserver.app import create_app
from mockserver.config import EmulatorConfig
from mockserver.world import WorldSize

SIZE = WorldSize(users=30, campaigns=12, calls_per_day=300, leads=1500)
FROZEN = EmulatorConfig(seed=7, now="2025-05-14T15:30:00", size=SIZE)
CREDENTIALS = {"goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}
REPORTS = "/goAPIv2/goReports/goAPI.php"


def report_url(day: date, **extra: str) -> str:
    query = {"goAction": "outbound_cdr", "fromDate": day.isoformat(), "toDate": day.isoformat(), **extra}
    return f"{REPORTS}?{urlencode({**query, **CREDENTIALS})}"


def test_threads_reading_many_days_at_once_get_the_serial_answers_and_each_day_is_built_once():
    days = [date(2025, 5, 14) - timedelta(days=n) for n in range(6)]
    urls = [report_url(day) for day in days for _ in range(4)]
    serial_app = create_app(FROZEN, propagate_exceptions=True)
    serial = {url: serial_app.test_client().get(url).data for url in urls}

    app = create_app(FROZEN, propagate_exceptions=True)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda url: (url, app.test_client().get(url).data), urls))
    assert all(body == serial[url] for url, body in answers)
    assert app.extensions["crocodial"].activity.generated_days == len(days)


def test_an_answer_that_cannot_change_is_served_from_the_cache_byte_for_byte():
    app = create_app(FROZEN)
    client = app.test_client()
    url = report_url(date(2025, 5, 12))
    first = client.get(url).data
    xml = client.get(url.replace("responsetype=json", "responsetype=xml")).data
    assert client.get(url).data == first
    stats = client.get("/__admin/health").json["answer_cache"]
    assert stats["hits"] == 1 and stats["entries"] == 2
    assert xml != first and xml.startswith(b"<")
    assert create_app(FROZEN).test_client().get(url).data == first


def test_answers_that_read_added_leads_are_never_cached():
    client = create_app(FROZEN).test_client()
    query = {"goAction": "goGetCustomerInfo", "phone_number": "3125550199", **CREDENTIALS}
    url = f"/goAPIv2/goAgent/goAPI.php?{urlencode(query)}"
    before = json.loads(client.get(url).data)
    lead = {"function": "add_lead", "user": "MyUser", "pass": "MyPass", "source": "test", "list_id": "999"}
    added = client.post("/API/lmapi.php", data={**lead, "phone_number": "3125550199"})
    assert added.data.startswith(b"SUCCESS")
    after = json.loads(client.get(url).data)
    assert before["result"] != "success" and after["result"] == "success"
    assert after["lead_info"]["phone_number"] == "3125550199"


def test_under_a_live_clock_today_is_not_cached_but_a_past_day_is():
    client = create_app(EmulatorConfig(seed=7, size=SIZE)).test_client()
    today = date.today()
    client.get(report_url(today))
    client.get(report_url(today))
    client.get(report_url(today - timedelta(days=3)))
    client.get(report_url(today - timedelta(days=3)))
    stats = client.get("/__admin/health").json["answer_cache"]
    assert stats["entries"] == 1 and stats["hits"] == 1


def test_the_cache_stays_within_its_bound_and_drops_the_least_recently_used_first():
    cache = AnswerCache(max_bytes=1000)
    for n in range(5):
        cache.put(n, f"answer {n}", 240)
        cache.get(0)  # keeps 0 recently used
    assert cache.get(0) == "answer 0" and cache.get(4) == "answer 4"
    assert cache.get(1) is None and cache.get(2) == "answer 2"
    cache.put("huge", "too big to be worth it", 251)  # more than a quarter of the bound
    assert cache.get("huge") is None
    assert cache.stats()["bytes"] <= 1000


def test_the_configured_bound_reaches_the_cache():
    config = EmulatorConfig(seed=7, now="2025-05-14T15:30:00", size=SIZE, answer_cache_mb=3)
    health = create_app(config).test_client().get("/__admin/health").json
    assert health["answer_cache"]["max_bytes"] == 3 * 1024 * 1024
    off = EmulatorConfig(seed=7, now="2025-05-14T15:30:00", size=SIZE, answer_cache_mb=0)
    client = create_app(off).test_client()
    url = report_url(date(2025, 5, 12))
    assert client.get(url).data == client.get(url).data
    assert client.get("/__admin/health").json["answer_cache"]["entries"] == 0


def test_an_evicted_day_is_freed_although_the_garbage_collector_no_longer_scans_it():
    import gc
    import weakref

    from mockserver.world import World
    from mockserver.world.activity import ActivityStore
    from mockserver.world.clock import Clock

    world = World(7, clock=Clock.parse("2025-05-14T15:30:00"), size=SIZE)
    store = ActivityStore(world, max_cached_days=2)
    first = date(2025, 5, 1)
    plan = store.plan(first)
    store.window(datetime(2025, 5, 1), datetime(2025, 5, 1, 23, 59, 59))  # fills the day's own cache too
    freed = weakref.ref(plan)
    del plan
    for n in range(1, 4):
        store.plan(first + timedelta(days=n))
    gc.collect()
    assert freed() is None
