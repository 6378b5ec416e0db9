"""goUsers getUserInfo: a user's directory record and today's performance so far."""

from __future__ import annotations

import hashlib
from datetime import datetime, time
from typing import Any

from mockserver.actions import action
from mockserver.agent_rollup import Rollup, roll_up
from mockserver.errors import ApiError
from mockserver.handlers.agent_reports import sessions_in
from mockserver.params import Params
from mockserver.report_filters import ReportFilter
from mockserver.report_format import clock_time
from mockserver.world import World
from mockserver.world.entities import User

USER_INFO_FIELDS = (
    "user_id",
    "user",
    "pass",
    "pass_hash",
    "email",
    "voicemail_id",
    "phone_login",
    "phone_pass",
    "full_name",
    "user_level",
    "territory",
    "tenant",
    "user_code",
    "hotkeys_active",
    "agent_choose_ingroups",
    "scheduled_callbacks",
    "agentonly_callbacks",
    "agentcall_manual",
    "dialer_recording",
    "dialer_transfers",
    "closer_default_blended",
    "user_group",
    "dialer_recording_override",
    "alter_custphone_override",
    "alert_enabled",
    "agent_shift_enforcement_override",
    "shift_override_flag",
    "allow_alerts",
    "closer_campaigns",
    "agent_choose_territories",
    "custom_one",
    "custom_two",
    "custom_three",
    "custom_four",
    "custom_five",
    "agent_call_log_view_override",
    "agent_choose_blended",
    "agent_lead_search_override",
    "preset_contact_search",
    "voicemail_pass",
)
"""user_info's keys in the reference's order."""

UNKNOWN_USER = {"code": "41004", "message": "Invalid value in user. Doesn't exist"}
"""ERRATA A10."""


@action("getUserInfo")
def get_user_info(world: World, params: Params) -> dict[str, Any]:
    """``user`` (required; the dispatcher answers 40001 without it) is matched case-insensitively."""
    user = world.directory.user(params.get("user") or "")
    if user is None:
        raise ApiError(dict(UNKNOWN_USER))
    return {
        "result": "success",
        "data": {"user_info": user_info(user), "user_stats": user_stats(world, user)},
    }


def user_info(user: User) -> dict[str, Any]:
    """The vicidial_users fields the reference lists; user_id and user_level are numbers, the rest text."""
    direct: dict[str, Any] = {
        "user_id": user.user_id,
        "user": user.user,
        "pass": _shown_password(user),
        "full_name": user.full_name,
        "user_level": user.user_level,
        "tenant": user.tenant,
        "user_group": user.user_group,
    }
    extra = user.extra or {}
    info = {}
    for field in USER_INFO_FIELDS:
        if field in direct:
            info[field] = direct[field]
        else:
            value = extra.get(field, "")
            info[field] = "" if value is None else str(value)
    return info


def _shown_password(user: User) -> str:
    """An agent's generated password as stored; never an API account's real one (ERRATA E26), which
    gets a stable stand-in so the answer keeps its shape."""
    if user.is_agent:
        return str((user.extra or {}).get("pass", user.password))
    digest = hashlib.sha256(f"stand-in|{user.user.lower()}".encode()).hexdigest()
    return f"api{digest[:9]}"


def user_stats(world: World, user: User) -> dict[str, Any]:
    """Today up to now, over every portfolio the user worked (the same sessions the reports add up)."""
    today = world.now().date()
    flt = ReportFilter(
        start=datetime.combine(today, time()),
        end=datetime.combine(today, time(23, 59, 59)),
        users=frozenset({user.user.lower()}),
    )
    rollups = roll_up(sessions_in(world, flt), lambda s: s.user.lower())
    r = rollups.get(user.user.lower()) or Rollup(user.user, user.tenant, user.profile_id)
    calls = r.total_calls
    login = r.login
    productive = r.talk + r.dispo + r.wait
    return {
        "first_activity": r.first.strftime("%H:%M:%S") if r.first else "00:00:00",
        "last_activity": r.last.strftime("%H:%M:%S") if r.last else "00:00:00",
        "login_time": clock_time(login),
        "after_call": clock_time(r.dispo),
        "break": clock_time(r.break_total),
        "pause": clock_time(r.pauses["PAUSE"]),
        "avalible": clock_time(r.wait),
        "avg_wait": clock_time(r.wait // calls if calls else 0),
        "talk": clock_time(r.talk),
        "talk_avalible": clock_time(r.talk + r.wait),
        "total_calls": calls,
        "denied": r.count_flag("denied"),
        "lip": r.count_flag("lip"),
        "vrf": r.count_flag("vrf"),
        "sales": r.count_flag("sale"),
        "sla_productivity": f"{round(100 * productive / login) if login else 0}%",
    }
