"""goUsers' directory and live actions: portfolios, profiles, the user list and an agent's live state.

getUserInfo, which needs the day's call activity, lives in handlers/user_stats.py.
"""

from __future__ import annotations

from typing import Any

from mockserver import errors
from mockserver.actions import action
from mockserver.errors import ApiError
from mockserver.params import Params
from mockserver.world import World
from mockserver.world.entities import Profile, User
from mockserver.world.live import OFFLINE_STATUS, SERVER_IP


def unknown_user() -> dict[str, Any]:
    """ERRATA A10: upstream's text for a user that does not exist, in the 41004 envelope."""
    return {"code": "41004", "message": "Invalid value in user. Doesn't exist"}


@action("getLiveAgentInfo")
def get_live_agent_info(world: World, params: Params) -> dict[str, Any]:
    """The agent's live row; a known user who is not logged in answers OFFLINE with empty call fields
    and no conference, on the server the agent's phone is registered with (ERRATA A15)."""
    user = world.directory.user(params.get("user") or "")
    if user is None:
        raise ApiError(unknown_user())
    state = world.live.state_of(user.user)
    if state is None:
        status, color = OFFLINE_STATUS
        data = {"status": status, "color": color}
        data.update(
            dict.fromkeys(("in_call_with", "campaign_id", "campaign_name", "call_type", "caller_id"), "")
        )
        data.update({"conf_exten": "", "server_ip": SERVER_IP, "vendor_lead_code": "", "lead_id": 0})
        return {"result": "success", "data": data}
    return {
        "result": "success",
        "data": {
            "status": state.status,
            "color": state.color,
            "in_call_with": state.in_call_with,
            "campaign_id": state.campaign_id,
            "campaign_name": state.campaign_name,
            "call_type": state.call_type,
            "caller_id": state.caller_id,
            "conf_exten": state.conf_exten,
            "server_ip": state.server_ip,
            "vendor_lead_code": state.vendor_lead_code,
            "lead_id": state.lead_id,
        },
    }


@action("getAllPortfolios")
def get_all_portfolios(world: World, params: Params) -> dict[str, Any]:
    """Every portfolio (tenant) code with its business name."""
    data = [{"portfolio": t.code, "portfolio_name": t.name} for t in world.directory.tenants]
    return {"result": "success", "data": data}


PROFILE_HEADERS = (
    {"title": "ID", "field": "id", "visible": False},
    {"title": "Profile ID", "field": "profile_id", "frozen": True},
    {"title": "Profile Name", "field": "profile_name"},
    {"title": "Disposition Set", "field": "disposition_set"},
    {"title": "Action", "field": "action", "formatter": "html", "headerSort": False},
)
"""Table columns for the profiles grid (the reference elides them; shaped like exportAgentReport's)."""


@action("getAllProfiles")
def get_all_profiles(world: World, params: Params) -> dict[str, Any]:
    """The profile list, the multi-profile switch, and the admin grid with its edit buttons."""
    profiles = world.directory.profiles
    return {
        "result": "success",
        "data": [{"profile_id": p.profile_id, "profile_name": p.profile_name} for p in profiles],
        "use_profile": 1,
        "profiles": {
            "headers": [dict(header) for header in PROFILE_HEADERS],
            "rows": [_profile_row(p) for p in profiles],
        },
    }


def _profile_row(profile: Profile) -> dict[str, Any]:
    button = (
        f'<button class="btn btn-success btn-normal edit_profile" profile="{profile.profile_id}" '
        f'profile_type="profile" profile_id="{profile.id}" title="Edit"><i class="fa fa-pencil"></i></button>'
    )
    return {
        "id": profile.id,
        "profile_id": profile.profile_id,
        "profile_name": profile.profile_name,
        "disposition_set": profile.disposition_set,
        "action": button,
    }


@action("goGetAllUsers")
def go_get_all_users(world: World, params: Params) -> dict[str, Any]:
    """Agents sorted by user name: active ones by default, inactive with only_inactives=1 (ERRATA A9);
    the totals always count both. Any other only_inactives value → 41004 (ERRATA W12)."""
    only_inactives = params.get("only_inactives")
    if only_inactives in (None, ""):
        only_inactives = "0"
    if only_inactives not in ("0", "1"):
        raise ApiError(errors.invalid_value("only_inactives"))
    directory = world.directory
    agents = directory.agents()
    wanted = only_inactives == "0"
    campaigns = directory.campaigns
    active_total = sum(a.active for a in agents)
    return {
        "result": "success",
        "data": {
            "user_list": [_user_row(world, a) for a in agents if a.active == wanted],
            "all_campaigns": [c.campaign_name for c in campaigns if c.active],
            "all_preview_campaigns": [
                {"campaign_id": c.campaign_id, "campaign_name": c.campaign_name}
                for c in campaigns
                if c.active and c.dial_method == "PREVIEW"
            ],
            "total_users": len(agents),
            "total_active_users": active_total,
            "total_inactive_users": len(agents) - active_total,
        },
    }


def _user_row(world: World, user: User) -> dict[str, Any]:
    campaign = world.directory.campaign(user.campaign_id)
    extra = user.extra
    return {
        "user_id": user.user_id,
        "user": user.user,
        "name": user.full_name,
        "exten": extra.get("exten", user.user_id),
        "level": user.user_level,
        "active": "Y" if user.active else "N",
        "campaign_id": user.campaign_id,
        "campaign_name": campaign.campaign_name if campaign else "",
        "rank": extra.get("rank", 0),
        "profile_id": extra.get("profile_numeric_id", 0),
        "allowed_companys": list(user.allowed_tenants),
        "inbound": extra.get("inbound", 0),
        "dialer": extra.get("dialer", 1),
        "xfer": extra.get("xfer", 0),
        "manual_dial_only": extra.get("manual_dial_only", 0),
        "closer_campaigns": extra.get("closer_campaigns", ""),
        "agentcall_manual": extra.get("agentcall_manual", "1"),
    }
