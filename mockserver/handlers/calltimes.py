"""goCalltimes: the call-time definitions, as one set of parallel lists or one flat record.

Both answers are built from the same records, so every id goGetAllCalltimes lists answers
goGetCalltimeInfo with the same hours.
"""

from __future__ import annotations

from typing import Any

from mockserver.actions import action
from mockserver.errors import ApiError
from mockserver.params import Params
from mockserver.world import World
from mockserver.world.directory import DAYS
from mockserver.world.entities import CallTime


def _hours(call_time: CallTime) -> dict[str, int]:
    """ct_default_start/stop then ct_<day>_start/stop, sunday first, in the reference's order."""
    hours = {"ct_default_start": call_time.default_start, "ct_default_stop": call_time.default_stop}
    for day in DAYS:
        start, stop = call_time.days[day]
        hours[f"ct_{day}_start"] = start
        hours[f"ct_{day}_stop"] = stop
    return hours


@action("goGetAllCalltimes")
def go_get_all_calltimes(world: World, params: Params) -> dict[str, Any]:
    """Column-style answer: one list per field, one element per call time (upstream's layout)."""
    call_times = world.directory.call_times
    result: dict[str, Any] = {
        "result": "success",
        "call_time_id": [ct.call_time_id for ct in call_times],
        "call_time_name": [ct.call_time_name for ct in call_times],
    }
    rows = [_hours(ct) for ct in call_times]
    for key in rows[0] if rows else _hours_keys():
        result[key] = [row[key] for row in rows]
    result["user_group"] = [ct.user_group for ct in call_times]
    return result


def _hours_keys() -> list[str]:
    return ["ct_default_start", "ct_default_stop"] + [f"ct_{d}_{e}" for d in DAYS for e in ("start", "stop")]


@action("goGetCalltimeInfo")
def go_get_calltime_info(world: World, params: Params) -> dict[str, Any]:
    """One call time, flat beside ``result``; an unknown id answers upstream's error (ERRATA A5)."""
    call_time = world.directory.call_time(params.get("call_time_id") or "")
    if call_time is None:
        raise ApiError({"result": "Error: Calltime does not exist."})
    extra = call_time.extra
    result: dict[str, Any] = {
        "result": "success",
        "id": call_time.id,
        "call_time_id": call_time.call_time_id,
        "call_time_name": call_time.call_time_name,
        "call_time_comments": call_time.call_time_comments,
        **_hours(call_time),
        "ct_state_call_times": extra.get("ct_state_call_times", ""),
        "default_afterhours_filename_override": extra.get("default_afterhours_filename_override", ""),
    }
    for day in DAYS:
        key = f"{day}_afterhours_filename_override"
        result[key] = extra.get(key, "")
    result["user_group"] = call_time.user_group
    result["ct_holidays"] = extra.get("ct_holidays", "")
    return result
