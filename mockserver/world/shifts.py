"""When an agent is logged in on a given day: the agent's regular shift, minus days off and absences.

The regular shift (start, length, weekdays) is ``live.shift_of``; this module adds the per-day
attendance draw and the few minutes of lateness or early leave. The call history builds its sessions
inside these windows and the live floor reads those sessions, so getLiveAgentInfo and the reports
agree on who is logged in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from mockserver.world.live import _NAMED_DAY_SHIFT, Shift, shift_of
from mockserver.world.seeding import rng

if TYPE_CHECKING:
    from mockserver.world.entities import User

DAY_SECONDS = 86400
_SHIFTS: dict[tuple[int, str], Shift] = {}
"""shift_of memoised: a shift is fixed per seed and agent, and hashing a key per agent-day adds up."""


ATTENDANCE = 0.88
"""Share of rostered days an agent is not absent (the agents the reference's examples query: always)."""


def logged_in_windows(
    seed: int, agent: User, day: date, staffed: Callable[[date], Mapping[str, tuple[int, int]]] | None = None
) -> list[tuple[int, int]]:
    """(start, end) seconds after midnight of ``day`` during which ``agent`` is logged in: the shift
    that starts that day (cut at midnight) and the tail of yesterday's night shift. ``staffed(day)``
    gives the shifts starting that day of the agents who log in (``staffed_shifts``; None: everyone
    rostered and present)."""
    windows = []
    for offset in (-1, 0) if day > date.min else (0,):
        shift_day = day + timedelta(days=offset)
        if staffed is None:
            shift = _shift_minutes(seed, agent, shift_day)
        else:
            shift = staffed(shift_day).get(agent.user.lower())
        if shift is None:
            continue
        begin = max(0, shift[0] * 60 + offset * DAY_SECONDS)
        end = min(DAY_SECONDS, shift[1] * 60 + offset * DAY_SECONDS)
        if end > begin:
            windows.append((begin, end))
    return windows


def staffed_shifts(seed: int, agents: Sequence[User], day: date, share: float) -> dict[str, tuple[int, int]]:
    """The shifts starting on ``day`` of the agents who log in (lower-case name -> login and logout
    minute): the agents the reference's examples query, and ``share`` of the other agents rostered and
    present (at least one), picked in a seeded order of the day, so staffing follows the day's volume
    (``day_plan.staffing_shares``)."""
    always, others = {}, {}
    for agent in agents:
        shift = _shift_minutes(seed, agent, day)
        if shift is not None:
            user = agent.user.lower()
            (always if user in _NAMED_DAY_SHIFT else others)[user] = shift
    names = sorted(others)
    rng(seed, "live", "staffing", day.isoformat()).shuffle(names)
    keep = min(len(names), max(1, round(share * len(names))))
    return {**always, **{user: others[user] for user in names[:keep]}}


def _shift_minutes(seed: int, agent: User, day: date) -> tuple[int, int] | None:
    """Login and logout minute (after midnight of ``day``) of the shift starting on ``day``, or None
    when the agent does not work that day (off that weekday, or absent: about 12% of days; the
    agents the reference's examples query are always in)."""
    shift = _shift(seed, agent)
    if day.weekday() not in shift.weekdays:
        return None
    r = rng(seed, "live", "attendance", agent.user.lower(), day.isoformat())
    named = agent.user.lower() in _NAMED_DAY_SHIFT
    if not named and r.random() >= ATTENDANCE:
        return None
    begin = shift.start + r.randint(-10, 15)
    end = shift.start + shift.length + r.randint(-20, 10)
    return begin, end


def _shift(seed: int, agent: User) -> Shift:
    key = (seed, agent.user.lower())
    shift = _SHIFTS.get(key)
    if shift is None:
        shift = _SHIFTS[key] = shift_of(seed, agent)
    return shift


def rostered_hours(seed: int, agents: Sequence[User]) -> tuple[list[float], list[float]]:
    """Per weekday, the expected logged-in hours of the agents rostered that day (absences taken out),
    split into (agents staffing may leave out, agents always in)."""
    others, always_in = [0.0] * 7, [0.0] * 7
    for agent in agents:
        shift = _shift(seed, agent)
        named = agent.user.lower() in _NAMED_DAY_SHIFT
        for weekday in shift.weekdays:
            if named:
                always_in[weekday] += shift.length / 60
            else:
                others[weekday] += ATTENDANCE * shift.length / 60
    return others, always_in
