"""Time rules add_lead applies after the insert: may the lead be dialled now, when is its callback."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from mockserver.world.entities import CallTime

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def within_call_time(call_time: CallTime | None, local: datetime) -> bool:
    """VICIdial's local call time test: the day's start/stop (HHMM), or the defaults when the day's are
    both 0. A campaign without a known call time never blocks dialling."""
    if call_time is None:
        return True
    start, stop = call_time.days.get(_DAYS[local.weekday()], (0, 0))
    if start == 0 and stop == 0:
        start, stop = call_time.default_start, call_time.default_stop
    hhmm = local.hour * 100 + local.minute
    return start <= hhmm < stop


def callback_time(text: str, now: datetime) -> datetime | None:
    """``NOW``, ``<x>DAYS`` (x days from now) or ``YYYY-MM-DD HH:MM:SS``; None when unreadable."""
    if text.upper() == "NOW":
        return now
    days = re.fullmatch(r"(\d+)DAYS", text, flags=re.IGNORECASE)
    if days:
        return now + timedelta(days=int(days.group(1)))
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None
