"""When an agent is logged in on a given day: the agent's regular shift, minus days off and absences.

The regular shift (start, length, weekdays) is ``live.shift_of``; this module adds the per-day
attendance draw and the few minutes of lateness or early leave. The call history builds its sessions
inside these windows and the live floor reads those sessions, so getLiveAgentInfo and the reports
agree on who is logged in.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from mockserver.world.live import _NAMED_DAY_SHIFT, Shift, shift_of
from mockserver.world.seeding import rng

if TYPE_CHECKING:
    from mockserver.world.entities import User

DAY_SECONDS = 86400
_SHIFTS: dict[tuple[int, str], Shift] = {}
"""shift_of memoised: a shift is fixed per seed and agent, and hashing a key per agent-day adds up."""


def logged_in_windows(seed: int, agent: User, day: date) -> list[tuple[int, int]]:
    """(start, end) seconds after midnight of ``day`` during which ``agent`` is logged in: the shift
    that starts that day (cut at midnight) and the tail of yesterday's night shift."""
    windows = []
    for offset in (-1, 0) if day > date.min else (0,):
        shift = _shift_minutes(seed, agent, day + timedelta(days=offset))
        if shift is None:
            continue
        begin = max(0, shift[0] * 60 + offset * DAY_SECONDS)
        end = min(DAY_SECONDS, shift[1] * 60 + offset * DAY_SECONDS)
        if end > begin:
            windows.append((begin, end))
    return windows


def _shift_minutes(seed: int, agent: User, day: date) -> tuple[int, int] | None:
    """Login and logout minute (after midnight of ``day``) of the shift starting on ``day``, or None
    when the agent does not work that day (off that weekday, or absent: about 12% of days; the
    agents the reference's examples query are always in)."""
    key = (seed, agent.user.lower())
    shift = _SHIFTS.get(key)
    if shift is None:
        shift = _SHIFTS[key] = shift_of(seed, agent)
    if day.weekday() not in shift.weekdays:
        return None
    r = rng(seed, "live", "attendance", agent.user.lower(), day.isoformat())
    named = agent.user.lower() in _NAMED_DAY_SHIFT
    if not named and r.random() < 0.12:
        return None
    begin = shift.start + r.randint(-10, 15)
    end = shift.start + shift.length + r.randint(-20, 10)
    return begin, end
