"""The filters every report action shares: date range, ``tenant[]``, ``profile[]``, ``user[]``.

One parser so that every report validates alike (ERRATA W12/W13): whole days from ``fromDate``
00:00:00 to ``toDate`` 23:59:59, the 24 hours before now without dates, at most 92 days, tenant codes
of exactly three characters. Profiles and users compare case-insensitively, as VICIdial's MySQL does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from mockserver import errors
from mockserver.errors import ApiError

if TYPE_CHECKING:
    from mockserver.params import Params
    from mockserver.world import World
    from mockserver.world.activity import SessionTotals
    from mockserver.world.calls import Call

MAX_RANGE_DAYS = 92
DATE_RANGE_TOO_LONG = {
    "code": "41004",
    "message": "Invalid value in date range. The allowed date range is 3 months or less.",
}


@dataclass(frozen=True)
class ReportFilter:
    """What a report request asks for; ``None`` in a set means "no filter"."""

    start: datetime
    end: datetime
    tenants: frozenset[str] | None = None
    profiles: frozenset[str] | None = None
    users: frozenset[str] | None = None

    def keeps_tenant(self, tenant: str) -> bool:
        return self.tenants is None or tenant in self.tenants

    def keeps_profile(self, profile_id: str) -> bool:
        return self.profiles is None or profile_id.lower() in self.profiles

    def keeps_user(self, user: str) -> bool:
        return self.users is None or user.lower() in self.users


def parse_report_filter(
    world: World,
    params: Params,
    *,
    tenants: bool = True,
    profiles: bool = True,
    users: bool = True,
) -> ReportFilter:
    """Read and validate the report parameters an action documents (the others are ignored, as
    PHP ignores unknown parameters). Raises ApiError with a 41004 envelope for a bad value."""
    # The clock itself, not world.now(): the range alone does not make the answer change with time; the
    # call history marks it volatile when the range reaches "now" (world.activity.window).
    start, end = parse_date_range(world.clock.now(), params.get("fromDate"), params.get("toDate"))
    return ReportFilter(
        start=start,
        end=end,
        tenants=parse_tenants(params.get_list("tenant")) if tenants else None,
        profiles=_lowered(params.get_list("profile")) if profiles else None,
        users=parse_users(world, params.get_list("user")) if users else None,
    )


def parse_date_range(now: datetime, from_text: str | None, to_text: str | None) -> tuple[datetime, datetime]:
    """(start, end): whole days when either date is given, else the 24 hours before now."""
    if not from_text and not to_text:
        return now - timedelta(hours=24), now
    first = _parse_day(from_text, "fromDate") if from_text else None
    last = _parse_day(to_text, "toDate") if to_text else None
    if first is None or last is None:  # one date alone means that day
        first = last = first or last
    if first > last:
        raise ApiError(errors.invalid_value("fromDate"))
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise ApiError(dict(DATE_RANGE_TOO_LONG))
    return datetime.combine(first, time()), datetime.combine(last, time(23, 59, 59))


def _parse_day(text: str, param: str) -> date:
    """``YYYY-MM-DD`` exactly (a time part is not a whole day, so it is refused too)."""
    try:
        if not _DAY.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ApiError(errors.invalid_value(param)) from None


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_tenants(codes: Iterable[str]) -> frozenset[str] | None:
    """Tenant codes are three characters (the reference says so); anything else is 41004."""
    codes = list(codes)
    if not codes:
        return None
    for code in codes:
        if len(code) != 3:
            raise ApiError(errors.invalid_value("tenant"))
    return frozenset(code.upper() for code in codes)


def parse_users(world: World, names: Iterable[str]) -> frozenset[str] | None:
    """User names, case-insensitively; a name no user has is 41004 (ERRATA W12)."""
    names = list(names)
    if not names:
        return None
    directory = world.directory
    for name in names:
        if directory.user(name) is None:
            raise ApiError(errors.invalid_value("user"))
    return _lowered(names)


def _lowered(values: Iterable[str]) -> frozenset[str] | None:
    values = [v.lower() for v in values]
    return frozenset(values) if values else None


def call_matches(flt: ReportFilter, call: Call, profile_of_campaign: Mapping[str, str]) -> bool:
    """A call passes when its portfolio, its campaign's profile and its agent pass.

    ``profile[]`` selects the work, not the worker: agent_calls_report's example filters
    ``profile[]=SERVERS`` and lists a COLLECTIONS agent who worked a SERVERS campaign (ERRATA R1)."""
    return (
        flt.keeps_tenant(call.tenant)
        and flt.keeps_profile(profile_of_campaign.get(call.campaign_id, ""))
        and flt.keeps_user(call.agent)
    )


def session_matches(
    flt: ReportFilter, session: SessionTotals, profile_of_campaign: Mapping[str, str]
) -> bool:
    """The same rule for an agent session: its portfolio, its campaign's profile, its agent."""
    return (
        flt.keeps_tenant(session.tenant)
        and flt.keeps_profile(profile_of_campaign.get(session.campaign_id, ""))
        and flt.keeps_user(session.user)
    )


def campaign_profiles(world: World) -> dict[str, str]:
    """campaign_id -> profile_id, the profile ``profile[]`` filters on."""
    return {campaign.campaign_id: campaign.profile_id for campaign in world.directory.campaigns}
