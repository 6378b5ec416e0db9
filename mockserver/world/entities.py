"""The call centre's fixed cast: portfolios (tenants), profiles, users, campaigns, lists, call times.

Plain frozen records; generation lives in ``directory.py``. Fields cover what any action reports
about an entity; action-specific extras that only one answer shows live in ``extra``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Tenant:
    """A portfolio: a three-character code (``AAA``) and a business name."""

    code: str
    name: str


@dataclass(frozen=True)
class Profile:
    """An agent profile (``COLLECTIONS``); ``id`` is the numeric row id getAllProfiles shows."""

    id: int
    profile_id: str
    profile_name: str
    disposition_set: str


@dataclass(frozen=True)
class User:
    """A CrocoDial user: an agent, a supervisor or an API account."""

    user_id: int
    user: str
    full_name: str
    user_level: int
    user_group: str
    tenant: str
    profile_id: str
    active: bool
    is_agent: bool
    password: str
    can_add_leads: bool = False
    allowed_tenants: tuple[str, ...] = ()
    campaign_id: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CallTime:
    """A call-time definition; ``days`` maps sunday..saturday to (start, stop) in HHMM."""

    id: int
    call_time_id: str
    call_time_name: str
    call_time_comments: str
    default_start: int
    default_stop: int
    days: Mapping[str, tuple[int, int]]
    user_group: str = "---ALL---"
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Campaign:
    """A dialling campaign of one portfolio."""

    campaign_id: str
    campaign_name: str
    tenant: str
    profile_id: str
    campaign_type: str
    dial_method: str
    auto_dial_level: str
    active: bool
    local_call_time: str
    list_ids: tuple[int, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LeadList:
    """A lead list; every list belongs to one campaign."""

    list_id: int
    list_name: str
    campaign_id: str
    active: bool = True
