"""The call history: deterministic, lazy, cut at "now", and consistent between calls and sessions."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from mockserver.world import World, WorldSize
from mockserver.world.calls import CALL_STATES, INBOUND, PAUSE, UNANSWERED_AGENT
from mockserver.world.clock import Clock

NOW = "2025-05-14T15:30:00"  # a Wednesday afternoon
SMALL = WorldSize(users=40, campaigns=12, calls_per_day=800, leads=2000)


def make_world(seed: int = 7, now: str = NOW, size: WorldSize = SMALL) -> World:
    return World(seed, clock=Clock.parse(now), size=size)


@pytest.fixture(scope="module")
def world() -> World:
    return make_world()


def test_same_seed_and_clock_give_the_same_history():
    a, b = make_world(), make_world()
    start, end = datetime(2025, 5, 10), datetime(2025, 5, 14, 23, 59, 59)
    wa, wb = a.activity.window(start, end), b.activity.window(start, end)
    assert wa.calls == wb.calls
    assert wa.sessions == wb.sessions
    assert make_world(seed=8).activity.window(start, end).calls != wa.calls


def test_a_day_does_not_depend_on_which_days_were_asked_for_first():
    a, b = make_world(), make_world()
    days = [date(2025, 5, 1) + timedelta(days=i) for i in range(4)]
    plans_a = [a.activity.plan(d) for d in days]
    plans_b = [b.activity.plan(d) for d in reversed(days)][::-1]
    for pa, pb in zip(plans_a, plans_b, strict=True):
        assert pa.calls == pb.calls
        assert pa.sessions == pb.sessions


def test_a_day_is_generated_once_and_then_served_from_the_cache():
    w = make_world()
    w.activity.window(datetime(2025, 5, 5), datetime(2025, 5, 7, 23, 59, 59))
    assert w.activity.generated_days == 3
    w.activity.window(datetime(2025, 5, 5), datetime(2025, 5, 7, 23, 59, 59))
    w.activity.day(date(2025, 5, 6))
    assert w.activity.generated_days == 3


def test_the_cache_is_bounded():
    from mockserver.world.activity import ActivityStore

    store = ActivityStore(make_world(), max_cached_days=2)
    for day in (date(2025, 5, 1), date(2025, 5, 2), date(2025, 5, 3), date(2025, 5, 1)):
        store.plan(day)
    assert store.generated_days == 4  # May 1st was evicted by May 3rd


def test_weekdays_carry_about_the_configured_volume_and_weekends_less(world):
    weekday = len(world.activity.day(date(2025, 5, 13)).calls)  # Tuesday
    sunday = len(world.activity.day(date(2025, 5, 11)).calls)
    assert SMALL.calls_per_day * 0.75 <= weekday <= SMALL.calls_per_day * 1.25
    assert sunday < weekday / 2


def test_calls_fall_in_working_hours(world):
    hours = Counter(call.start // 3600 for call in world.activity.day(date(2025, 5, 13)).calls)
    assert sum(n for hour, n in hours.items() if 8 <= hour < 20) > 0.8 * sum(hours.values())


def test_future_days_are_empty_and_today_stops_at_now(world):
    assert world.activity.day(date(2025, 5, 15)).calls == []
    assert world.activity.day(date(2025, 5, 15)).sessions == []
    today = world.activity.day(date(2025, 5, 14))
    now_seconds = 15 * 3600 + 30 * 60
    assert today.calls, "the afternoon has calls"
    assert all(call.finished <= now_seconds for call in today.calls)
    assert all(s.last <= now_seconds for s in today.sessions)
    full_plan = world.activity.plan(date(2025, 5, 14))
    assert len(full_plan.calls) > len(today.calls), "the evening's calls are not there yet"


def test_a_later_clock_only_adds_to_today():
    morning = make_world(now="2025-05-14T11:00:00").activity.day(date(2025, 5, 14))
    afternoon = make_world(now="2025-05-14T15:30:00").activity.day(date(2025, 5, 14))
    assert set(morning.calls) < set(afternoon.calls)
    assert sum(s.talk for s in morning.sessions) < sum(s.talk for s in afternoon.sessions)


def test_moving_the_clock_does_not_rewrite_the_past():
    before = make_world(now="2025-05-14T15:30:00").activity.day(date(2025, 5, 10))
    after = make_world(now="2025-07-01T09:00:00").activity.day(date(2025, 5, 10))
    assert before.calls == after.calls
    assert before.sessions == after.sessions


def test_session_totals_agree_with_the_calls_they_contain(world):
    window = world.activity.window(datetime(2025, 5, 12), datetime(2025, 5, 14, 23, 59, 59))
    handled = [call for call in window.calls if call.handled]
    in_sessions = [call for s in window.sessions for call in s.calls]
    assert sorted(in_sessions) == sorted(handled)
    for s in window.sessions:
        assert s.talk == sum(call.talk for call in s.calls)
        assert s.dispo == sum(call.dispo for call in s.calls)
        assert s.dead == sum(call.dead for call in s.calls)
        assert all(call.agent == s.user and call.campaign_id == s.campaign_id for call in s.calls)
        assert s.login == s.wait + s.talk + s.dead + s.dispo + s.wrapup + s.pause_total
        assert s.last - s.first >= s.login


def test_session_timelines_do_not_overlap_and_calls_sit_inside_them(world):
    plan = world.activity.plan(date(2025, 5, 13))
    for session in plan.sessions:
        t = session.segments[0][1]
        for state, start, seconds, code, call in session.segments:
            assert start == t and seconds > 0
            t += seconds
            assert (call >= 0) == (state in CALL_STATES)
            assert bool(code) == (state == PAUSE)
    per_user = {}
    for session in plan.sessions:
        per_user.setdefault(session.user, []).append(session)
    for sessions in per_user.values():
        ends = [(s.segments[0][1], s.segments[-1][1] + s.segments[-1][2]) for s in sessions]
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(ends))


def test_inbound_calls_queue_and_some_are_abandoned_after_long_waits(world):
    inbound = [call for call in world.activity.day(date(2025, 5, 13)).calls if call.call_type == INBOUND]
    abandoned = [call for call in inbound if call.abandoned]
    assert abandoned and any(call.queue_seconds > 20 for call in abandoned)
    assert any(call.queue_seconds <= 20 for call in abandoned)
    assert all(call.queue_position >= 1 for call in inbound)
    assert any(call.queue_seconds > 0 for call in inbound if call.handled)


def test_unanswered_dialer_calls_belong_to_vdad(world):
    calls = world.activity.day(date(2025, 5, 13)).calls
    vdad = [call for call in calls if call.agent == UNANSWERED_AGENT]
    assert vdad and all(call.talk == 0 and not call.handled for call in vdad)


def test_every_call_reaches_a_seeded_lead_of_its_campaign(world):
    calls = world.activity.day(date(2025, 5, 13)).calls
    campaign_of_list = {ll.list_id: ll.campaign_id for ll in world.directory.lists}
    for call in calls[:300]:
        lead = world.leads.get(call.lead_id)
        assert lead is not None
        assert lead.phone_number == call.phone_number
        assert campaign_of_list[lead.list_id] == call.campaign_id


def test_adding_a_lead_does_not_change_history():
    w = make_world()
    before = w.activity.plan(date(2025, 5, 13)).calls
    campaign = next(c for c in w.directory.campaigns if w.directory.lists_of_campaign(c.campaign_id))
    list_id = w.directory.lists_of_campaign(campaign.campaign_id)[0].list_id
    w.leads.add(list_id=list_id, phone_number="7275551111")
    fresh = make_world()
    fresh.leads.add(list_id=list_id, phone_number="7275551111")
    assert fresh.activity.plan(date(2025, 5, 13)).calls == before


@pytest.mark.parametrize("now", ["2025-05-14T15:30:00", "2025-05-17T10:30:00", "2025-05-12T08:05:00"])
def test_history_and_live_floor_agree_on_who_is_logged_in(now):
    w = make_world(now=now)
    moment = w.now()
    seconds = moment.hour * 3600 + moment.minute * 60
    plan = w.activity.plan(moment.date())
    working = {
        s.user for s in plan.sessions if s.segments[0][1] <= seconds < s.segments[-1][1] + s.segments[-1][2]
    }
    assert working == {state.user for state in w.live.states()}


_DIGEST_SCRIPT = """
import hashlib
from datetime import datetime
from mockserver.world import World, WorldSize
from mockserver.world.clock import Clock
size = WorldSize(users=40, calls_per_day=800, leads=2000)
w = World(7, clock=Clock.parse("2025-05-14T15:30:00"), size=size)
window = w.activity.window(datetime(2025, 5, 12), datetime(2025, 5, 14, 23, 59, 59))
print(hashlib.sha256(repr((window.calls, window.sessions)).encode()).hexdigest())
"""


def test_history_is_identical_across_processes_whatever_the_hash_seed():
    """Python's str hash changes per process; nothing in the history may depend on it."""
    root = Path(__file__).resolve().parent.parent
    digests = set()
    for hash_seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(root)}
        out = subprocess.run(
            [sys.executable, "-c", _DIGEST_SCRIPT],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1


@pytest.mark.parametrize("seed", [1, 7, 42])
def test_no_call_is_made_on_an_inactive_campaign(seed):
    world = make_world(seed=seed, size=WorldSize())
    inactive = {c.campaign_id for c in world.directory.campaigns if not c.active}
    calls = world.activity.day(date(2025, 5, 13)).calls
    assert calls and not [c for c in calls if c.campaign_id in inactive]


def test_the_history_begins_two_years_before_today(world):
    first = world.activity.history_start().date()
    assert first == date(2023, 5, 15)  # NOW is 2025-05-14
    assert world.activity.day(first).calls
    assert world.activity.day(first - timedelta(days=1)).calls == []
    assert world.activity.day(date(999, 1, 1)).calls == []
