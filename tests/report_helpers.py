"""Shared set-up for the report tests: a small seeded world at a fixed clock, and a handler runner."""

from __future__ import annotations

from typing import Any

from mockserver.actions import handler_for
from mockserver.errors import ApiError
from mockserver.params import Params
from mockserver.world import World, WorldSize
from mockserver.world.clock import Clock

NOW = "2025-05-14T15:30:00"  # a Wednesday afternoon
SMALL = WorldSize(users=40, campaigns=12, calls_per_day=800, leads=2000)


def make_world(seed: int = 7, now: str = NOW) -> World:
    return World(seed, clock=Clock.parse(now), size=SMALL)


def run(world: World, action: str, **params: Any) -> dict[str, Any]:
    """The handler's answer (an error envelope when it raises). ``tenant__=[...]`` stands for
    ``tenant[]=...``, which PHP (and Params) sees as the list parameter ``tenant``."""
    values = {name.removesuffix("__"): value for name, value in params.items()}
    try:
        return handler_for(action)(world, Params(values))
    except ApiError as error:
        return error.body
