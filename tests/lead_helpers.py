"""Small worlds and an add_lead caller shared by the lead, lmapi, customer and hopper tests."""

from __future__ import annotations

from datetime import datetime

from mockserver.lmapi import answer
from mockserver.params import Params
from mockserver.world import World, WorldSize
from mockserver.world.clock import Clock

NOW = datetime(2025, 5, 14, 15, 30)  # a Wednesday, US daylight saving time
# The reference's lines name API user 6666; configuring that account makes them reproducible byte for byte.
API_USER, API_PASS = "6666", "1234"


def small_world(leads: int = 300, now: datetime = NOW, seed: int = 7) -> World:
    return World(
        seed,
        clock=Clock(now),
        size=WorldSize(users=20, campaigns=14, calls_per_day=50, leads=leads),
        api_users={API_USER: API_PASS},
    )


def add(world: World, **params: str) -> str:
    """add_lead as user 6666 with source ``test`` unless the call overrides them."""
    values = {"user": API_USER, "pass": API_PASS, "function": "add_lead", "source": "test", **params}
    return answer(world, Params(values))


def added_id(body: str) -> int:
    """The lead id of a SUCCESS line in the reference's field order (phone|user|list|lead|gmt)."""
    first = body.splitlines()[0]
    assert first.startswith("SUCCESS: add_lead LEAD HAS BEEN ADDED - "), body
    return int(first.rsplit(" - ", 1)[1].split("|")[3])
